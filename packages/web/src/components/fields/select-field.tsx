import { FormGroup, Label, Select } from '@trussworks/react-uswds';
import type { ReactNode } from 'react';
import { describedBy, HintAndError } from './field-parts';

interface Props<V extends string> {
  id: string;
  label: string;
  hint?: ReactNode;
  options: readonly { value: V; label: string }[];
  value: V | '';
  onChange: (value: V | '') => void;
  error?: string;
  /** The text of the empty choice. */
  placeholder?: string;
  className?: string;
}

/** A single choice from a dropdown, for lists too long for radios. */
export function SelectField<V extends string>({
  id,
  label,
  hint,
  options,
  value,
  onChange,
  error,
  placeholder = '- Select -',
  className,
}: Props<V>) {
  return (
    <FormGroup error={Boolean(error)} className={className}>
      <Label htmlFor={id} error={Boolean(error)}>
        {label}
      </Label>
      <HintAndError id={id} hint={hint} error={error} />
      <Select
        id={id}
        name={id}
        value={value}
        validationStatus={error ? 'error' : undefined}
        aria-describedby={describedBy(id, hint, error)}
        onChange={(event) => {
          const chosen = options.find((o) => o.value === event.target.value);
          onChange(chosen ? chosen.value : '');
        }}
      >
        <option value="">{placeholder}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </Select>
    </FormGroup>
  );
}
