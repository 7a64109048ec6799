import { and, eq, gt, lt, lte, ne, sql } from 'drizzle-orm';
import {
  servedOrRefused,
  type Session,
  type SessionRefused,
  type SessionStore,
  type SessionTouch,
  type SessionWithUser,
} from '../session-store';
import { builtOncePerHandle, type Database } from './database';
import { isUuid, translatingErrors } from './errors';
import { toSession, toUser } from './rows';
import { sessions, users } from './schema';

export class PostgresSessionStore implements SessionStore {
  constructor(private readonly db: Database) {}

  async create(session: Session): Promise<void> {
    await translatingErrors(() => this.db.insert(sessions).values({ ...session }));
  }

  async get(id: string, now: string): Promise<Session | null> {
    const [row] = await this.db
      .select()
      .from(sessions)
      .where(and(eq(sessions.id, id), gt(sessions.expiresAt, now), gt(sessions.idleExpiresAt, now)));
    return row ? toSession(row) : null;
  }

  async getWithUser(
    id: string,
    userId: string,
    now: string,
  ): Promise<SessionWithUser | SessionRefused | null> {
    if (!isUuid(userId)) return null;
    const [row] = await sessionWithUserQuery(this.db).execute({ id, userId });
    if (!row) return null;
    const session = toSession(row.session);
    const user = toUser(row.user);
    return servedOrRefused(session, user, now);
  }

  async touch(id: string, input: SessionTouch): Promise<boolean> {
    const touched = await this.db
      .update(sessions)
      .set({ idleExpiresAt: input.idleExpiresAt })
      .where(
        and(
          eq(sessions.id, id),
          gt(sessions.expiresAt, input.now),
          gt(sessions.idleExpiresAt, input.now),
          lt(sessions.idleExpiresAt, input.ifIdleExpiresBefore),
        ),
      )
      .returning({ id: sessions.id });
    return touched.length > 0;
  }

  async delete(id: string): Promise<void> {
    await this.db.delete(sessions).where(eq(sessions.id, id));
  }

  async deleteForUser(userId: string, options: { except?: string } = {}): Promise<number> {
    if (!isUuid(userId)) return 0;
    const removed = await this.db
      .delete(sessions)
      .where(
        and(
          eq(sessions.userId, userId),
          options.except === undefined ? undefined : ne(sessions.id, options.except),
        ),
      )
      .returning({ id: sessions.id });
    return removed.length;
  }

  async deleteExpired(now: string): Promise<number> {
    const removed = await this.db
      .delete(sessions)
      .where(lte(sessions.expiresAt, now))
      .returning({ id: sessions.id });
    return removed.length;
  }
}

/**
 * A session of the user named, with the user: one statement, built once. Whether it may be served (expired, idle,
 * user disabled) is decided on the row, so a refused session can say why.
 */
const sessionWithUserQuery = builtOncePerHandle((db) =>
  db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, sql.placeholder('id')), eq(sessions.userId, sql.placeholder('userId'))))
    .prepare('docket_session_with_user'),
);
