import type { EventView } from '@docket/domain';
import { formatDateTime } from '../format/dates';
import { eventLabel, ROLE_LABELS } from '../format/labels';

/**
 * The page lists milestones, and saving a draft is not one: the saves the reader may see (the API gives them only
 * to whoever sees the draft, `visibleHistory`) are left out of this list, for everyone alike.
 */
const HIDDEN_ACTIONS = new Set(['SAVE_DRAFT']);

/** "Submission history": who did what, when and why, newest first. */
export function SubmissionHistory({ events }: { events: readonly EventView[] }) {
  const shown = events
    .filter((event) => !HIDDEN_ACTIONS.has(event.action))
    .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : b.id.localeCompare(a.id)));
  if (shown.length === 0) return <p className="text-base-dark">Nothing has happened yet.</p>;
  return (
    <ol
      className="docket-history"
      data-testid="submission-history"
      aria-label="Submission history, newest first"
    >
      {shown.map((event) => (
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
          {event.reason && (
            <p className="margin-0">
              <span className="text-bold">Reason:</span> {event.reason}
            </p>
          )}
        </li>
      ))}
    </ol>
  );
}
