import {
  userSchema,
  type AssignableReviewer,
  type AuditEvent,
  type StateAnalyst,
  type User,
  type UserSearch,
} from '@docket/domain';
import { z } from 'zod';
import type { Page, PageRequest } from './page';

/** A user as stored, with what they log in with. */
export const userWithCredentialsSchema = z.object({
  user: userSchema,
  /** An argon2id hash, or null for a user who cannot log in with a password. */
  passwordHash: z.string().nullable(),
});
export type UserWithCredentials = z.infer<typeof userWithCredentialsSchema>;

/** A new password hash for a user, whether they must replace it at their next login, and the event. */
export interface SetPasswordInput {
  userId: string;
  passwordHash: string;
  mustChangePassword: boolean;
  /**
   * The version the new password is based on, when it is (a user's own change, proven with the password of that
   * version): a user changed meanwhile — a reset, say — refuses it with a conflict. None: the set wins (a reset).
   */
  expectedVersion?: number;
  event: AuditEvent;
}

/**
 * People and their roles. Emails are kept, compared and unique in their normal form (`normalizeEmail` of the
 * domain: trimmed, lower-cased), however they are given.
 */
export interface UserStore {
  /**
   * Stores a new user, its email in normal form, and its audit event atomically; answers the user as stored.
   * @throws UniquenessError with code `EMAIL_TAKEN` when another user has the same email in normal form; nothing
   * is written.
   */
  create(input: { user: User; passwordHash: string | null; event: AuditEvent }): Promise<User>;

  /** @throws NotFoundError */
  get(id: string): Promise<User>;

  /** Looks a user up by email, in normal form whatever its case or surrounding spaces. Null when there is none. */
  findByEmail(email: string): Promise<UserWithCredentials | null>;

  /** Users ordered by email. */
  list(page: PageRequest): Promise<Page<User>>;

  /**
   * The users that match the search (`matchesUserSearch` of the domain), ordered by email in normal form, a page at
   * a time. The cursor is the last email of the page: a user who exists from the first page to the last and keeps
   * their email is listed exactly once, whatever is written meanwhile.
   * @throws InvalidCursorError
   */
  search(search: UserSearch, page: PageRequest): Promise<Page<User>>;

  /**
   * Replaces the record of the user `user.id` with `user` (its `createdAt` is kept; its email is stored in normal
   * form; its version becomes `expectedVersion + 1`) and writes its audit event, atomically, given that the stored
   * user is at `expectedVersion`. The password is left as it is. Answers the user as stored.
   * @throws NotFoundError when there is no such user
   * @throws VersionConflictError when the stored user is at another version
   * @throws UniquenessError (`EMAIL_TAKEN`) when the new email belongs to another user
   * @throws LastAdminError when the user is the last enabled administrator and would no longer be one: checked
   *   with the write, so two administrators disabling each other at once leave one of them enabled
   * Nothing is written when it throws.
   */
  update(input: { user: User; expectedVersion: number; event: AuditEvent }): Promise<User>;

  /**
   * Sets a user's password hash and whether they must choose a new one at their next login, one version on, and
   * writes the event, atomically. Without `expectedVersion`, a password set wins over an edit made meanwhile (which
   * then meets a conflict); with it, a user at another version refuses the set.
   * @throws NotFoundError
   * @throws VersionConflictError when `expectedVersion` is given and the stored user is at another version
   */
  setPassword(input: SetPasswordInput): Promise<User>;

  /**
   * The analysts of one state: the enabled CMS users (CMS_USER, CMS_APPROVER) whose assigned states hold it, as
   * their small projection, by family name, given name and email. Read through an index (PostgreSQL: a GIN index on
   * the assigned states; DynamoDB: the state's analyst items, written with the user). A state has a handful: the
   * list is not paged. None for a state code that is not stored.
   */
  listAnalysts(stateCode: string): Promise<StateAnalyst[]>;

  /**
   * The users who may be assigned to review a filing (the domain's `isAssignableReviewer`: enabled CMS users and
   * approvers), as their small projection, by email, paged by keyset through an index (PostgreSQL: a partial index
   * of those users by email; DynamoDB: their directory items, written with the user).
   */
  listAssignableReviewers(page: PageRequest): Promise<Page<AssignableReviewer>>;
}
