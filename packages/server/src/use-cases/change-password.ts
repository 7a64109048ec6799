import {
  actorRef,
  newId,
  userChangeDetails,
  ValidationError,
  type ChangePasswordRequest,
  type User,
} from '@docket/domain';
import type { UserStore } from '@docket/store';
import { hashPassword, verifyPassword } from '../security/passwords';

/**
 * A user's change of their own password, proven with the current one: the new hash, no more need to change it, and
 * the CHANGE_PASSWORD event, atomically. This is how a temporary password (after a reset) is replaced.
 * @throws ValidationError (`currentPassword` wrong, `newPassword` the same as the current one)
 */
export async function changeOwnPassword(
  stores: { users: UserStore },
  user: User,
  request: ChangePasswordRequest,
): Promise<User> {
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
  return stores.users.setPassword({
    userId: user.id,
    passwordHash: await hashPassword(request.newPassword),
    mustChangePassword: false,
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
}
