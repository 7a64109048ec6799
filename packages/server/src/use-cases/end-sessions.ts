import { actorRef, canAdminister, ForbiddenError, newId, NotFoundError, type User } from '@docket/domain';
import type { EventLog, SessionStore, SessionWithUser, UserStore } from '@docket/store';

/** The caller: a live session and its user. */
type Authenticated = SessionWithUser;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Stores = { users: Pick<UserStore, 'get'>; sessions: SessionStore; events: EventLog };

/**
 * Ends every session of `target` but the caller's own, and records END_SESSIONS (the user, how many ended, whether
 * the caller's own session was kept). The sessions go first and the event after, with the count only the removal
 * knows: ending sessions changes no record, and a failure to record it must not leave them open.
 */
async function endSessionsOf(stores: Stores, caller: Authenticated, target: User): Promise<number> {
  const keptOwn = target.id === caller.user.id;
  const ended = await stores.sessions.deleteForUser(target.id, keptOwn ? { except: caller.session.id } : {});
  await stores.events.append({
    id: newId(),
    at: new Date().toISOString(),
    actor: actorRef(caller.user),
    action: 'END_SESSIONS',
    reason: null,
    stateCode: target.stateCode,
    contractId: null,
    revisionId: null,
    details: { userId: target.id, ended, keptOwn },
  });
  return ended;
}

/** "Log out of other sessions": ends every session of the caller but this one. @returns how many ended. */
export function endOtherSessions(stores: Stores, caller: Authenticated): Promise<number> {
  return endSessionsOf(stores, caller, caller.user);
}

/**
 * An administrator ends every session of a user (`END_USER_SESSIONS`); of their own, every one but this. Only
 * those allowed learn whether the user exists: anyone else is refused first.
 * @returns how many ended
 * @throws ForbiddenError, NotFoundError
 */
export async function endUserSessions(
  stores: Stores,
  caller: Authenticated,
  userId: string,
): Promise<number> {
  if (!canAdminister(caller.user, 'END_USER_SESSIONS')) {
    throw new ForbiddenError('Only administrators end the sessions of other users');
  }
  if (!UUID.test(userId)) throw new NotFoundError('User', userId);
  return endSessionsOf(stores, caller, await stores.users.get(userId));
}
