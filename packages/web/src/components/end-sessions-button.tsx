import { Alert, Button } from '@trussworks/react-uswds';
import { useRef, useState } from 'react';
import { endOtherSessions, endUserSessions } from '../api/auth';
import { useUser } from '../auth/session-context';
import { ConfirmDialog, type ConfirmOutcome } from './confirm-dialog';
import type { DialogHandle } from './dialog-frame';

interface Props {
  /** Whose sessions to end: the signed-in user's own other sessions when it is theirs (or absent). */
  userId?: string;
  /** The user's name, for an administrator ending someone else's sessions. */
  userName?: string;
}

/**
 * "Log out of other sessions" for oneself, or "End all sessions" of a user for an administrator (the server
 * decides who may: `END_USER_SESSIONS`). Asks first, then says how many ended.
 */
export function EndSessionsButton({ userId, userName }: Props) {
  const me = useUser();
  const dialog = useRef<DialogHandle>(null);
  const [done, setDone] = useState<string | null>(null);
  const own = userId === undefined || userId === me.id;
  const id = own ? 'end-other-sessions' : `end-sessions-${userId}`;
  const label = own ? 'Log out of other sessions' : 'End all sessions';
  const who = userName ?? 'this user';

  const end = async (): Promise<ConfirmOutcome> => {
    const ended = own ? await endOtherSessions() : await endUserSessions(userId);
    const sessions = `${ended} session${ended === 1 ? '' : 's'}`;
    setDone(own ? `You were logged out of ${sessions} elsewhere.` : `${sessions} of ${who} ended.`);
    return 'done';
  };

  return (
    <>
      <Button type="button" outline onClick={() => dialog.current?.open()}>
        {label}
      </Button>
      {done && (
        <div role="status" className="margin-top-2">
          <Alert type="success" headingLevel="h3" slim>
            {done}
          </Alert>
        </div>
      )}
      <ConfirmDialog
        ref={dialog}
        id={id}
        heading={own ? 'Log out of other sessions?' : `End every session of ${who}?`}
        description={
          <p>
            {own
              ? 'Every other browser and device where you are logged in will be logged out. This one stays logged in.'
              : `${who} will be logged out everywhere at once, and must log in again to continue.`}
          </p>
        }
        confirmLabel={own ? 'Log out of other sessions' : 'End all sessions'}
        busyLabel="Ending sessions…"
        onOpen={() => setDone(null)}
        onConfirm={end}
      />
    </>
  );
}
