import { Checkbox, Fieldset, FormGroup } from '@trussworks/react-uswds';
import type { ReactNode } from 'react';
import { describedBy, HintAndError } from './field-parts';

export interface CheckboxOption<V extends string> {
  value: V;
  label: ReactNode;
}

interface Props<V extends string> {
  /** The field's id: the fieldset carries it; each checkbox is `{id}-{value}`. */
  id: string;
  legend: string;
  hint?: ReactNode;
  options: readonly CheckboxOption<V>[];
  selected: readonly V[];
  /** The choices, in the order of the options. */
  onChange: (selected: V[]) => void;
  error?: string;
}

/** "Check all that apply", as USWDS draws it. */
export function CheckboxGroupField<V extends string>({
  id,
  legend,
  hint = 'Check all that apply.',
  options,
  selected,
  onChange,
  error,
}: Props<V>) {
  const toggle = (value: V, checked: boolean) => {
    const next = new Set(selected);
    if (checked) next.add(value);
    else next.delete(value);
    onChange(options.map((o) => o.value).filter((v) => next.has(v)));
  };
  return (
    <FormGroup error={Boolean(error)}>
      <Fieldset id={id} legend={legend} aria-describedby={describedBy(id, hint, error)}>
        <HintAndError id={id} hint={hint} error={error} />
        {options.map((option) => (
          <Checkbox
            key={option.value}
            id={`${id}-${option.value}`}
            name={id}
            value={option.value}
            label={option.label}
            checked={selected.includes(option.value)}
            onChange={(event) => toggle(option.value, event.target.checked)}
          />
        ))}
      </Fieldset>
    </FormGroup>
  );
}
