import {
  userSchema,
  type AssignableReviewer,
  type AuditEvent,
  type StateAnalyst,
  type User,
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
