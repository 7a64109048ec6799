import type { DiscardedDraft, EventView, HistoryNote } from '@docket/domain';
import { Link } from 'react-router';
import { formatCalendarDate, formatDateTime } from '../format/dates';
import { eventLabel, ROLE_LABELS } from '../format/labels';
import { ChangeTables } from './changes/change-tables';

/**
 * The page lists milestones, and saving a draft is not one: the saves the reader may see (the API gives them only
 * to whoever sees the draft, `visibleHistory`) are left out of this list, for everyone alike.
 */
const HIDDEN_ACTIONS = new Set(['SAVE_DRAFT']);

/** How each kind of note reads: the rate's name is put in by `NoteLine`, the other contract's after it. */
const NOTE_WORDS: Record<HistoryNote['kind'], { before: string; contract?: string }> = {
  RATE_ADDED: { before: 'Added rate' },
  RATE_LINKED: { before: 'Linked rate' },
  RATE_REMOVED: { before: 'Removed rate' },
  RATE_TAKEN_OVER: { before: 'Took over rate', contract: 'from' },
  RATE_MOVED_AWAY: { before: 'Rate', contract: 'moved to' },
  RATE_WITHDRAWN: { before: 'Withdrew rate' },
  RATE_WITHDRAWAL_UNDONE: { before: 'Brought back rate' },
};

/** What an event set, beside its label: the MC-CRS number, the date an approval was released, the reviewer. */
function eventFact(event: EventView): string | null {
  const { mccrsId, dateApprovalReleasedToState, name } = event.details;
  if (
    (event.action === 'ASSIGN_REVIEWER' || event.action === 'UNASSIGN_REVIEWER') &&
    typeof name === 'string'
  ) {
    return `Reviewer: ${name}`;
  }
  if (event.action === 'SET_MCCRS_ID' && typeof mccrsId === 'string') return `MC-CRS number: ${mccrsId}`;
  if (event.action === 'APPROVE' && typeof dateApprovalReleasedToState === 'string') {
    return `Released to the state on ${formatCalendarDate(dateApprovalReleasedToState)}`;
  }
  return null;
}

function NoteLine({ note }: { note: HistoryNote }) {
  const words = NOTE_WORDS[note.kind];
  return (
    <li>
      {words.before} <Link to={`/rates/${note.rate.id}`}>{note.rate.name}</Link>
      {words.contract && note.contract && (
        <>
          {' '}
          {words.contract} <Link to={`/submissions/${note.contract.id}`}>{note.contract.name}</Link>
        </>
      )}
    </li>
  );
}

/** What the draft an undo unlock discarded held, folded away: its changes from the submission it was opened from. */
function DiscardedDraftDetails({ draft }: { draft: DiscardedDraft }) {
  const { changes } = draft;
  return (
    <details className="margin-top-1" data-testid="discarded-draft">
      <summary>Discarded draft</summary>
      {changes.unchanged ? (
        <p>The draft held submission {draft.fromNumber} as it was: nothing had been changed.</p>
      ) : (
        <>
          <p>What the draft had changed from submission {draft.fromNumber}, never submitted:</p>
          <ChangeTables changes={changes} testId={`discarded-${draft.id}`} />
          {changes.rates.length > 0 && (
            <ul className="margin-top-1">
              {changes.rates.map((rate) => (
                <li key={rate.rateId}>
                  {rate.kind === 'ADDED' ? 'Added' : rate.kind === 'REMOVED' ? 'Removed' : 'Revised'} rate{' '}
                  {rate.name}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </details>
  );
}

/** "Submission history": who did what, when and why, newest first. */
export function SubmissionHistory({
  events,
  discardedDrafts = [],
}: {
  events: readonly EventView[];
  discardedDrafts?: readonly DiscardedDraft[];
}) {
  const shown = events
    .filter((event) => !HIDDEN_ACTIONS.has(event.action))
    .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : b.id.localeCompare(a.id)));
  if (shown.length === 0) return <p className="text-base-dark">Nothing has happened yet.</p>;
  const drafts = new Map(discardedDrafts.map((d) => [d.id, d]));
  return (
    <ol
      className="docket-history"
      data-testid="submission-history"
      aria-label="Submission history, newest first"
    >
      {shown.map((event) => {
        const fact = eventFact(event);
        const discarded =
          event.action === 'UNDO_UNLOCK' && event.revisionId ? drafts.get(event.revisionId) : undefined;
        return (
          <li key={event.id}>
            <p className="margin-0 text-bold">{eventLabel(event.action)}</p>
            <p className="margin-y-05">
              <time dateTime={event.at}>{formatDateTime(event.at)}</time>
              {' · '}
              {event.actor ? (
                <>
                  {event.actor.name} ({ROLE_LABELS[event.actor.role]})
                </>
              ) : (
                'Docket'
              )}
            </p>
            {fact && <p className="margin-0">{fact}</p>}
            {event.reason && (
              <p className="margin-0">
                <span className="text-bold">Reason:</span> {event.reason}
              </p>
            )}
            {event.notes.length > 0 && (
              <ul className="margin-y-05" data-testid="history-notes">
                {event.notes.map((note) => (
                  <NoteLine key={`${note.kind}:${note.rate.id}`} note={note} />
                ))}
              </ul>
            )}
            {discarded && <DiscardedDraftDetails draft={discarded} />}
          </li>
        );
      })}
    </ol>
  );
}
