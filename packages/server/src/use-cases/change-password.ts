import {
  actorRef,
  newId,
  userChangeDetails,
  ValidationError,
  type ChangePasswordRequest,
  type User,
} from '@docket/domain';
import type { Session, SessionStore, UserStore } from '@docket/store';
import { hashPassword, verifyPassword } from '../security/passwords';

/**
 * A user's change of their own password, proven with the current one: the new hash, no more need to change it, and
 * the CHANGE_PASSWORD event, atomically; then every other session of the user ends (whoever held the old password
 * is logged out). This is how a temporary password (after a reset) is replaced.
 * @throws ValidationError (`currentPassword` wrong, `newPassword` the same as the current one)
 * @throws VersionConflictError when the user changed meanwhile (a reset)
 */
export async function changeOwnPassword(
  stores: { users: UserStore; sessions: Pick<SessionStore, 'deleteForUser'> },
  caller: { user: User; session: Session },
  request: ChangePasswordRequest,
): Promise<User> {
  const { user } = caller;
  const found = await stores.users.findByEmail(user.email);
  const current = found?.user.id === user.id ? found.passwordHash : null;
  if (!found || current === null || !(await verifyPassword(current, request.currentPassword))) {
    throw new ValidationError('The current password is not correct', [
      { path: ['currentPassword'], message: 'The current password is not correct' },
    ]);
  }
  if (request.newPassword === request.currentPassword) {
    throw new ValidationError('Choose a password other than the current one', [
      { path: ['newPassword'], message: 'Choose a password other than the current one' },
    ]);
  }
  const before = found.user;
  const changed = await stores.users.setPassword({
    userId: user.id,
    passwordHash: await hashPassword(request.newPassword),
    mustChangePassword: false,
    // Proven with the password of this version: a reset meanwhile wins, and this change meets a conflict.
    expectedVersion: before.version,
    event: {
      id: newId(),
      at: new Date().toISOString(),
      actor: actorRef(before),
      action: 'CHANGE_PASSWORD',
      reason: null,
      stateCode: before.stateCode,
      contractId: null,
      revisionId: null,
      details: userChangeDetails(before, { ...before, mustChangePassword: false }),
    },
  });
  await stores.sessions.deleteForUser(user.id, { except: caller.session.id });
  return changed;
}
