import { FormGroup, Label } from '@trussworks/react-uswds';
import type { ReactNode } from 'react';
import { describedBy, HintAndError } from './field-parts';

interface Props {
  id: string;
  label: string;
  hint?: ReactNode;
  /** `YYYY-MM-DD`, or undefined when not answered. */
  value: string | undefined;
  onChange: (value: string | undefined) => void;
  error?: string;
  max?: string;
}

/**
 * A calendar date. The browser's own date input: typed or picked, keyboard and screen-reader friendly, and its
 * value is already the `YYYY-MM-DD` the domain keeps. A date typed only in part counts as unanswered.
 */
export function DateField({ id, label, hint, value, onChange, error, max }: Props) {
  return (
    <FormGroup error={Boolean(error)}>
      <Label htmlFor={id} error={Boolean(error)}>
        {label}
      </Label>
      <HintAndError id={id} hint={hint} error={error} />
      <input
        id={id}
        name={id}
        type="date"
        className={`usa-input usa-input--md${error ? ' usa-input--error' : ''}`}
        value={value ?? ''}
        max={max}
        onChange={(event) => onChange(event.target.value || undefined)}
        aria-describedby={describedBy(id, hint, error)}
      />
    </FormGroup>
  );
}
