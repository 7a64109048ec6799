import {
  actorRef,
  editUser,
  newId,
  userChangeDetails,
  VersionConflictError,
  type AdminAction,
  type AuditEvent,
  type EventAction,
  type EventDetails,
  type NewUser,
  type User,
  type UserEdit,
  type UserSearch,
  type UserWithTemporaryPassword,
} from '@docket/domain';
import type { Page, PageRequest, SessionStore, UserStore } from '@docket/store';
import { hashPassword, temporaryPassword } from '../security/passwords';
import { authorizeAdmin } from './admin-access';
import { createUser } from './create-user';

/**
 * The administration of users: who may (`admin.policy.ts`, `mayEditUser`), what changes, and the event of each
 * change, written by the store in the same transaction. Passwords set here are temporary: shown once to the
 * administrator, to be replaced by their holder at the next login.
 */

type Stores = { users: UserStore };
/** The stores of a change that ends the user's sessions too. */
type StoresEndingSessions = Stores & { sessions: Pick<SessionStore, 'deleteForUser'> };

function authorize(actor: User, action: AdminAction): void {
  authorizeAdmin(actor, action, 'You may not administer users');
}

/** A change's event: the user changed in `details.userId` and `userEmail`, their state as the event's state. */
function userEvent(actor: User, action: EventAction, target: User, details: EventDetails): AuditEvent {
  return {
    id: newId(),
    at: new Date().toISOString(),
    actor: actorRef(actor),
    action,
    reason: null,
    stateCode: target.stateCode,
    contractId: null,
    revisionId: null,
    details: { ...details, userId: target.id, userEmail: target.email },
  };
}

/** The user at the version the administrator saw, or a conflict. */
async function userAt(stores: Stores, id: string, version: number): Promise<User> {
  const user = await stores.users.get(id);
  if (user.version !== version) throw new VersionConflictError('User', id, version, user.version);
  return user;
}

/** @throws ForbiddenError without VIEW_USERS; InvalidCursorError */
export function searchUsers(
  stores: Stores,
  actor: User,
  search: UserSearch,
  page: PageRequest,
): Promise<Page<User>> {
  authorize(actor, 'VIEW_USERS');
  return stores.users.search(search, page);
}

/** @throws ForbiddenError without VIEW_USERS; NotFoundError */
export function getUser(stores: Stores, actor: User, id: string): Promise<User> {
  authorize(actor, 'VIEW_USERS');
  return stores.users.get(id);
}

/**
 * Creates a user with a temporary password, which the answer carries once.
 * @throws ForbiddenError without MANAGE_USERS; ValidationError; UniquenessError (EMAIL_TAKEN)
 */
export async function createUserWithTemporaryPassword(
  stores: Stores,
  actor: User,
  input: NewUser,
): Promise<UserWithTemporaryPassword> {
  authorize(actor, 'MANAGE_USERS');
  const password = temporaryPassword();
  const user = await createUser(stores, input, password, actorRef(actor), { mustChangePassword: true });
  return { user, temporaryPassword: password };
}

/**
 * Changes the fields an edit names, given the version it was based on. The help desk may change only the division
 * and assigned states of CMS users.
 * @throws ForbiddenError, NotFoundError, ValidationError, VersionConflictError, UniquenessError, LastAdminError
 */
export async function updateUser(stores: Stores, actor: User, id: string, edit: UserEdit): Promise<User> {
  authorize(actor, 'VIEW_USERS');
  const before = await userAt(stores, id, edit.version);
  const after = editUser(actor, before, edit);
  return stores.users.update({
    user: after,
    expectedVersion: before.version,
    event: userEvent(actor, 'UPDATE_USER', before, userChangeDetails(before, after)),
  });
}

/**
 * Disables or enables a user. A disabled user cannot log in, and their sessions end: removed once the change is
 * written, and refused from their next request on anyway (the session's read checks the user), on every server copy.
 * @throws ForbiddenError, NotFoundError, VersionConflictError, LastAdminError
 */
export async function setUserDisabled(
  stores: StoresEndingSessions,
  actor: User,
  id: string,
  version: number,
  disabled: boolean,
): Promise<User> {
  authorize(actor, 'MANAGE_USERS');
  const before = await userAt(stores, id, version);
  const after = { ...before, disabled, version: before.version + 1 };
  const changed = await stores.users.update({
    user: after,
    expectedVersion: before.version,
    event: userEvent(
      actor,
      disabled ? 'DISABLE_USER' : 'ENABLE_USER',
      before,
      userChangeDetails(before, after),
    ),
  });
  if (disabled) await stores.sessions.deleteForUser(id);
  return changed;
}

/**
 * Gives a user a new temporary password, which the answer carries once; they must replace it at their next login.
 * Their sessions end: whoever held one must sign in with the new password.
 * @throws ForbiddenError, NotFoundError
 */
export async function resetPassword(
  stores: StoresEndingSessions,
  actor: User,
  id: string,
): Promise<UserWithTemporaryPassword> {
  authorize(actor, 'MANAGE_USERS');
  const before = await stores.users.get(id);
  const password = temporaryPassword();
  const user = await stores.users.setPassword({
    userId: id,
    passwordHash: await hashPassword(password),
    mustChangePassword: true,
    event: userEvent(
      actor,
      'RESET_PASSWORD',
      before,
      userChangeDetails(before, { ...before, mustChangePassword: true }),
    ),
  });
  await stores.sessions.deleteForUser(id);
  return { user, temporaryPassword: password };
}
