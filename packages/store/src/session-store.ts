import { recordIdSchema, recordTimeSchema, type User } from '@docket/domain';
import { z } from 'zod';

/** A login session. The id is a hash of the secret token held in the browser's cookie, never the token itself. */
export const sessionSchema = z.object({
  id: recordIdSchema,
  userId: recordIdSchema,
  /** Sent back by the browser on every write, as CSRF protection. */
  csrfToken: z.string(),
  createdAt: recordTimeSchema,
  expiresAt: recordTimeSchema,
});
export type Session = z.infer<typeof sessionSchema>;

/** A live session and the user it belongs to. */
export interface SessionWithUser {
  session: Session;
  user: User;
}

/** Login sessions, kept in the datastore so any number of server copies can serve the same user. */
export interface SessionStore {
  /** @throws UniquenessError when a session with the same id exists. */
  create(session: Session): Promise<void>;

  /** The session, or null when it does not exist or expired at or before `now` (ISO time). */
  get(id: string, now: string): Promise<Session | null>;

  /**
   * What every request begins with: the session `id` of the user `userId` (both carried by the browser's cookie),
   * with that user, read together in one statement or request. Null when the session does not exist, expired at
   * or before `now`, belongs to another user, or its user is not stored (any more) or is disabled.
   */
  getWithUser(id: string, userId: string, now: string): Promise<SessionWithUser | null>;

  /** Removes the session; does nothing when it does not exist. */
  delete(id: string): Promise<void>;

  /** Removes every session that expired at or before `now`. @returns how many were removed. */
  deleteExpired(now: string): Promise<number>;
}
