import type { AnswerChange, ContactChange, DocumentChange, RateChanges } from '@docket/domain';
import type { ReactNode } from 'react';

/**
 * The tables of a diff of two submissions: each change one row, its subject in a row header and the earlier and
 * later value in their own columns, so that a screen reader names the question and the side of every value.
 */

const KIND_LABELS: Record<ContactChange['kind'] | DocumentChange['kind'], string> = {
  ADDED: 'Added',
  REMOVED: 'Removed',
  CHANGED: 'Changed',
  REPLACED: 'Replaced',
  RENAMED: 'Renamed',
};

function Nothing({ children }: { children: ReactNode }) {
  return <span className="text-base-dark">{children}</span>;
}

/** An answer's lines: one as text, several as a list, none as "Not answered". */
function Lines({ lines }: { lines: readonly string[] }) {
  if (lines.length === 0) return <Nothing>Not answered</Nothing>;
  if (lines.length === 1) return <span className="docket-changes__text">{lines[0]}</span>;
  return (
    <ul className="usa-list usa-list--unstyled">
      {lines.map((line, index) => (
        <li key={index}>{line}</li>
      ))}
    </ul>
  );
}

function ChangeTable({
  caption,
  subject,
  kind,
  children,
  testId,
}: {
  caption: string;
  subject: string;
  kind: boolean;
  children: ReactNode;
  testId: string;
}) {
  return (
    <table
      className="usa-table usa-table--borderless width-full margin-y-2 docket-changes"
      data-testid={testId}
    >
      <caption className="text-left">{caption}</caption>
      <thead>
        <tr>
          <th scope="col" className="docket-changes__subject">
            {subject}
          </th>
          {kind && <th scope="col">Change</th>}
          <th scope="col">Before</th>
          <th scope="col">After</th>
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}

function AnswerChangesTable({
  changes,
  caption,
  testId,
}: {
  changes: readonly AnswerChange[];
  caption: string;
  testId: string;
}) {
  return (
    <ChangeTable caption={caption} subject="Question" kind={false} testId={testId}>
      {changes.map((change) => (
        <tr key={change.key}>
          <th scope="row" className="text-normal">
            {change.label}
          </th>
          <td>
            <Lines lines={change.before} />
          </td>
          <td>
            <Lines lines={change.after} />
          </td>
        </tr>
      ))}
    </ChangeTable>
  );
}

/** A change to one of a list's items, each side as one line of text (null for the side it is missing from). */
interface ItemChange {
  label: string;
  kind: ContactChange['kind'] | DocumentChange['kind'];
  before: string | null;
  after: string | null;
}

function ItemChangesTable({
  changes,
  caption,
  subject,
  testId,
}: {
  changes: readonly ItemChange[];
  caption: string;
  subject: string;
  testId: string;
}) {
  return (
    <ChangeTable caption={caption} subject={subject} kind testId={testId}>
      {changes.map((change, index) => (
        <tr key={index}>
          <th scope="row" className="text-normal">
            {change.label}
          </th>
          <td>{KIND_LABELS[change.kind]}</td>
          <td>{change.before ?? <Nothing>None</Nothing>}</td>
          <td>{change.after ?? <Nothing>None</Nothing>}</td>
        </tr>
      ))}
    </ChangeTable>
  );
}

/** Documents are told apart by their names here (the diff matched them by their bytes). */
function byName(change: DocumentChange): ItemChange {
  return { ...change, before: change.before?.name ?? null, after: change.after?.name ?? null };
}

/** The answers, contacts and documents that changed, each kind in its table, and nothing for a kind unchanged. */
export function ChangeTables({
  changes,
  captionPrefix = '',
  testId,
}: {
  changes: RateChanges;
  captionPrefix?: string;
  testId: string;
}) {
  return (
    <>
      {changes.answers.length > 0 && (
        <AnswerChangesTable
          changes={changes.answers}
          caption={`${captionPrefix}Answers`}
          testId={`${testId}-answers`}
        />
      )}
      {changes.contacts.length > 0 && (
        <ItemChangesTable
          changes={changes.contacts}
          subject="Contacts"
          caption={`${captionPrefix}Contacts`}
          testId={`${testId}-contacts`}
        />
      )}
      {changes.documents.length > 0 && (
        <ItemChangesTable
          changes={changes.documents.map(byName)}
          subject="Document list"
          caption={`${captionPrefix}Documents`}
          testId={`${testId}-documents`}
        />
      )}
    </>
  );
}
