import type { AuditEvent, User } from '@docket/domain';
import type { Page, PageRequest } from './page';

export interface UserWithCredentials {
  user: User;
  /** An argon2id hash, or null for a user who cannot log in with a password. */
  passwordHash: string | null;
}

/** People and their roles. Emails are unique, compared without regard to case. */
export interface UserStore {
  /**
   * Stores a new user and its audit event atomically.
   * @throws UniquenessError with code `EMAIL_TAKEN` when another user has the same email (any case); nothing is
   * written.
   */
  create(input: { user: User; passwordHash: string | null; event: AuditEvent }): Promise<User>;

  /** @throws NotFoundError */
  get(id: string): Promise<User>;

  /** Looks a user up by email, any case. Null when there is none. */
  findByEmail(email: string): Promise<UserWithCredentials | null>;

  /** Users ordered by email. */
  list(page: PageRequest): Promise<Page<User>>;
}
