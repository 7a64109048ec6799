import { FormGroup, Label, TextInput } from '@trussworks/react-uswds';
import type { ReactNode } from 'react';
import { describedBy, HintAndError } from './field-parts';

interface Props {
  id: string;
  label: string;
  hint?: ReactNode;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  type?: 'text' | 'email' | 'password';
  autoComplete?: string;
  className?: string;
}

/** One line of text, labelled, with its hint and inline error. */
export function TextField({
  id,
  label,
  hint,
  value,
  onChange,
  error,
  type = 'text',
  autoComplete,
  className,
}: Props) {
  return (
    <FormGroup error={Boolean(error)} className={className}>
      <Label htmlFor={id} error={Boolean(error)}>
        {label}
      </Label>
      <HintAndError id={id} hint={hint} error={error} />
      <TextInput
        id={id}
        name={id}
        type={type}
        autoComplete={autoComplete}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        validationStatus={error ? 'error' : undefined}
        aria-describedby={describedBy(id, hint, error)}
      />
    </FormGroup>
  );
}
