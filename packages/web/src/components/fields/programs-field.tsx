import { programLabel, type ProgramView } from '@docket/domain';
import { Checkbox, ErrorMessage, Fieldset, FormGroup } from '@trussworks/react-uswds';

interface Props {
  id: string;
  legend?: string;
  /** Every program of the state, retired ones included. */
  programs: readonly ProgramView[];
  selected: readonly string[];
  onChange: (ids: string[]) => void;
  error?: string;
}

/**
 * The programs a contract covers. Retired programs are not offered, but one the filing already chose stays shown
 * and checked (marked "retired"), so unchecking it is the state's decision, never a silent loss.
 */
export function ProgramsField({
  id,
  legend = 'Programs this contract action covers',
  programs,
  selected,
  onChange,
  error,
}: Props) {
  const known = new Set(programs.map((p) => p.id));
  const offered = programs
    .filter((p) => !p.isDeprecated || selected.includes(p.id))
    .sort((a, b) => a.name.localeCompare(b.name));
  const unknown = selected.filter((programId) => !known.has(programId));

  const toggle = (programId: string, checked: boolean) => {
    onChange(checked ? [...selected, programId] : selected.filter((s) => s !== programId));
  };

  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <FormGroup error={Boolean(error)}>
      <Fieldset
        id={id}
        legend={legend}
        aria-describedby={[hintId, error ? errorId : null].filter(Boolean).join(' ')}
      >
        <span className="usa-hint" id={hintId}>
          Check all that apply.
        </span>
        {error && <ErrorMessage id={errorId}>{error}</ErrorMessage>}
        {offered.length === 0 && unknown.length === 0 && (
          <p className="text-base-dark">
            This state has no programs to choose from. Ask the Docket help desk.
          </p>
        )}
        {offered.map((program) => (
          <Checkbox
            key={program.id}
            id={`${id}-${program.id}`}
            name={id}
            value={program.id}
            label={programLabel(program)}
            checked={selected.includes(program.id)}
            onChange={(event) => toggle(program.id, event.target.checked)}
          />
        ))}
        {unknown.map((programId) => (
          <Checkbox
            key={programId}
            id={`${id}-${programId}`}
            name={id}
            value={programId}
            label={`Unknown program (${programId})`}
            checked
            onChange={(event) => toggle(programId, event.target.checked)}
          />
        ))}
      </Fieldset>
    </FormGroup>
  );
}
