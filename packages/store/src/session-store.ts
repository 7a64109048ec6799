import { recordIdSchema, recordTimeSchema, type User } from '@docket/domain';
import { z } from 'zod';

/**
 * A login session. The id is a hash of the secret token held in the browser's cookie, never the token itself.
 * It ends at whichever comes first: `expiresAt` (its absolute lifetime, fixed at login) or `idleExpiresAt` (moved
 * later by activity, see `SessionStore.touch`).
 */
export const sessionFieldsSchema = z.object({
  id: recordIdSchema,
  userId: recordIdSchema,
  /** Sent back by the browser on every write, as CSRF protection. */
  csrfToken: z.string(),
  createdAt: recordTimeSchema,
  expiresAt: recordTimeSchema,
  /**
   * When the session idles out unless there is activity before. Sessions stored before idle timeouts existed have
   * none: they count as idle since they were opened, so their holders log in again once.
   */
  idleExpiresAt: recordTimeSchema.optional(),
});

/** A stored session as the port serves it: one stored before idle timeouts existed is idle since it opened. */
export function withIdleExpiry({ idleExpiresAt, ...session }: z.output<typeof sessionFieldsSchema>): Session {
  return { ...session, idleExpiresAt: idleExpiresAt ?? session.createdAt };
}

export const sessionSchema = sessionFieldsSchema.transform(withIdleExpiry);
export type Session = Omit<z.output<typeof sessionFieldsSchema>, 'idleExpiresAt'> & { idleExpiresAt: string };

/** A live session and the user it belongs to. */
export interface SessionWithUser {
  session: Session;
  user: User;
}

/**
 * Why a stored session of the user named is not served: its absolute lifetime is over (`EXPIRED`), it saw no
 * activity before its idle expiry (`IDLE`), or its user is disabled (`DISABLED`), in that order of precedence
 * (a disabled user's session says so whatever its times).
 */
export type SessionRefusal = 'EXPIRED' | 'IDLE' | 'DISABLED';

/** A stored session that is not served, and why. */
export interface SessionRefused {
  refused: SessionRefusal;
}

/** Whether a session is live at `now` (ISO time): neither its absolute nor its idle expiry has come. */
export function sessionLiveAt(session: Session, now: string): boolean {
  const at = Date.parse(now);
  return Date.parse(session.expiresAt) > at && Date.parse(session.idleExpiresAt) > at;
}

/** Why a session of an enabled or disabled user is refused at `now`, or null when it is served. */
export function sessionRefusal(session: Session, user: User, now: string): SessionRefusal | null {
  if (user.disabled) return 'DISABLED';
  const at = Date.parse(now);
  if (Date.parse(session.expiresAt) <= at) return 'EXPIRED';
  if (Date.parse(session.idleExpiresAt) <= at) return 'IDLE';
  return null;
}

/** A stored session with its user, as `getWithUser` answers it at `now`: served, or refused and why. */
export function servedOrRefused(session: Session, user: User, now: string): SessionWithUser | SessionRefused {
  const refused = sessionRefusal(session, user, now);
  return refused ? { refused } : { session, user };
}

/** What `SessionStore.touch` moves the idle expiry to, and when it may. */
export interface SessionTouch {
  now: string;
  idleExpiresAt: string;
  ifIdleExpiresBefore: string;
}

/** Login sessions, kept in the datastore so any number of server copies can serve the same user. */
export interface SessionStore {
  /** @throws UniquenessError when a session with the same id exists. */
  create(session: Session): Promise<void>;

  /** The session, or null when it does not exist, or expired or idled out at or before `now` (ISO time). */
  get(id: string, now: string): Promise<Session | null>;

  /**
   * What every request begins with: the session `id` of the user `userId` (both carried by the browser's cookie),
   * with that user, read together in one statement or request. Null when the session does not exist, belongs to
   * another user, or its user is not stored (any more); `{ refused }` when it is stored for that user but may not
   * be served at `now` — expired, idle, or its user disabled — so the caller can say why.
   */
  getWithUser(id: string, userId: string, now: string): Promise<SessionWithUser | SessionRefused | null>;

  /**
   * Slides the session's idle expiry later, to `idleExpiresAt`, but only when the session is live at `now` and its
   * idle expiry is before `ifIdleExpiresBefore`: one conditional write, so a request costs a write only when the
   * last slide is old enough (the caller passes a threshold about a minute short of the new expiry), and of
   * concurrent requests at most the first writes. The absolute expiry never moves.
   * @returns whether this call wrote.
   */
  touch(id: string, input: SessionTouch): Promise<boolean>;

  /** Removes the session; does nothing when it does not exist. */
  delete(id: string): Promise<void>;

  /**
   * Removes every session of the user (found through an index, whatever the number of sessions stored), except
   * the one named by `except`. @returns how many were removed.
   */
  deleteForUser(userId: string, options?: { except?: string }): Promise<number>;

  /**
   * Removes every session whose absolute lifetime ended at or before `now`. Idle sessions stay until then, so a
   * request that brings one still learns that it idled out. @returns how many were removed.
   */
  deleteExpired(now: string): Promise<number>;
}
