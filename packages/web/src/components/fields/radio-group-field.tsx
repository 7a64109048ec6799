import { ErrorMessage, Fieldset, FormGroup, Radio } from '@trussworks/react-uswds';
import type { ReactNode } from 'react';

export interface RadioOption<V extends string> {
  value: V;
  label: ReactNode;
  disabled?: boolean;
}

interface Props<V extends string> {
  /** The field's id: the fieldset carries it; each radio is `{id}-{value}`. */
  id: string;
  legend: string;
  hint?: ReactNode;
  options: readonly RadioOption<V>[];
  value: V | '';
  onChange: (value: V) => void;
  error?: string;
}

/** A required single choice as USWDS draws it: legend, hint, inline error, radios. */
export function RadioGroupField<V extends string>({
  id,
  legend,
  hint,
  options,
  value,
  onChange,
  error,
}: Props<V>) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
  return (
    <FormGroup error={Boolean(error)}>
      <Fieldset id={id} legend={legend} aria-describedby={describedBy}>
        {hint && (
          <span className="usa-hint" id={hintId}>
            {hint}
          </span>
        )}
        {error && <ErrorMessage id={errorId}>{error}</ErrorMessage>}
        {options.map((option) => (
          <Radio
            key={option.value}
            id={`${id}-${option.value}`}
            name={id}
            value={option.value}
            label={option.label}
            checked={value === option.value}
            disabled={option.disabled}
            onChange={() => onChange(option.value)}
          />
        ))}
      </Fieldset>
    </FormGroup>
  );
}
