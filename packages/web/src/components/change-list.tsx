import { fieldLabel, type FieldChange } from '@docket/domain';

function shown(value: FieldChange['before']): string {
  return value === null || value === '' ? '(none)' : String(value);
}

/**
 * The fields a change set, each as `Field: before → after`, whatever the record it changed (an audit event's
 * `changesOf`): a field the page knows is named by its label, any other by its own name.
 */
export function ChangeList({ changes }: { changes: readonly FieldChange[] }) {
  if (changes.length === 0) return <span className="text-base">No field changed</span>;
  return (
    <ul className="usa-list usa-list--unstyled">
      {changes.map((change) => (
        <li key={change.field} className="margin-bottom-05">
          <span className="text-bold">{fieldLabel(change.field)}</span>:{' '}
          <del className="docket-change-before">{shown(change.before)}</del>
          <span aria-hidden="true"> → </span>
          <span className="usa-sr-only"> changed to </span>
          <ins className="docket-change-after">{shown(change.after)}</ins>
        </li>
      ))}
    </ul>
  );
}
