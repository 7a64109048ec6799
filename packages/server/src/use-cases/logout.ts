import { actorRef, newId, type User } from '@docket/domain';
import type { EventLog, Session, SessionStore } from '@docket/store';

/** Ends a session (nothing to do without one) and records the logout. */
export async function logout(
  stores: { sessions: SessionStore; events: EventLog },
  current: { session: Session; user: User } | null,
): Promise<void> {
  if (!current) return;
  await stores.sessions.delete(current.session.id);
  await stores.events.append({
    id: newId(),
    at: new Date().toISOString(),
    actor: actorRef(current.user),
    action: 'LOGOUT',
    reason: null,
    stateCode: current.user.stateCode,
    contractId: null,
    revisionId: null,
    details: {},
  });
}
