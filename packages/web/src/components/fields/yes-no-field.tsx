import type { ReactNode } from 'react';
import { RadioGroupField } from './radio-group-field';

interface Props {
  id: string;
  legend: string;
  hint?: ReactNode;
  value: boolean | undefined;
  onChange: (value: boolean) => void;
  error?: string;
}

/** A yes/no question: radios `{id}-yes` and `{id}-no`. */
export function YesNoField({ id, legend, hint, value, onChange, error }: Props) {
  return (
    <RadioGroupField
      id={id}
      legend={legend}
      hint={hint}
      options={[
        { value: 'yes', label: 'Yes' },
        { value: 'no', label: 'No' },
      ]}
      value={value === undefined ? '' : value ? 'yes' : 'no'}
      onChange={(answer) => onChange(answer === 'yes')}
      error={error}
    />
  );
}
