import { stateName } from '@docket/domain';
import { useSessionTimes, useUser } from '../auth/session-context';
import { EndSessionsButton } from '../components/end-sessions-button';
import { formatDateTime } from '../format/dates';
import { capitalized, ROLE_LABELS } from '../format/labels';
import { useDocumentTitle } from '../hooks/use-document-title';

/** `/account`: who you are, when this session idles out and ends, and logging out of your other sessions. */
export function AccountPage() {
  useDocumentTitle('Your account');
  const user = useUser();
  const times = useSessionTimes();
  const minutes = times.idleSeconds / 60;
  const idleFor = Number.isInteger(minutes)
    ? `${minutes} minute${minutes === 1 ? '' : 's'}`
    : `${times.idleSeconds} seconds`;

  return (
    <div className="margin-y-4">
      <h1>Your account</h1>
      <h2>Who you are</h2>
      <dl className="docket-details">
        <dt>Name</dt>
        <dd>
          {user.givenName} {user.familyName}
        </dd>
        <dt>Email address</dt>
        <dd>{user.email}</dd>
        <dt>Role</dt>
        <dd>{capitalized(ROLE_LABELS[user.role])}</dd>
        <dt>State</dt>
        <dd>{user.stateCode ? (stateName(user.stateCode) ?? user.stateCode) : 'None'}</dd>
        <dt>Division</dt>
        <dd>{user.division ?? 'None'}</dd>
      </dl>
      <h2>This session</h2>
      <p>
        You are logged out after {idleFor} without activity, and 12 hours after you logged in whatever you do.
      </p>
      <dl className="docket-details">
        <dt>Ends if inactive at</dt>
        <dd data-testid="idle-expires">{formatDateTime(times.idleExpiresAt)}</dd>
        <dt>Ends at the latest at</dt>
        <dd data-testid="session-expires">{formatDateTime(times.expiresAt)}</dd>
      </dl>
      <h2>Other sessions</h2>
      <p>
        If you are logged in on another computer or browser — or think someone else may be — log out of every
        session but this one.
      </p>
      <EndSessionsButton />
    </div>
  );
}
