import { and, eq, gt, lte, sql } from 'drizzle-orm';
import type { Session, SessionStore, SessionWithUser } from '../session-store';
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
      .where(and(eq(sessions.id, id), gt(sessions.expiresAt, now)));
    return row ? toSession(row) : null;
  }

  async getWithUser(id: string, userId: string, now: string): Promise<SessionWithUser | null> {
    if (!isUuid(userId)) return null;
    const [row] = await sessionWithUserQuery(this.db).execute({ id, userId, now });
    return row ? { session: toSession(row.session), user: toUser(row.user) } : null;
  }

  async delete(id: string): Promise<void> {
    await this.db.delete(sessions).where(eq(sessions.id, id));
  }

  async deleteExpired(now: string): Promise<number> {
    const removed = await this.db
      .delete(sessions)
      .where(lte(sessions.expiresAt, now))
      .returning({ id: sessions.id });
    return removed.length;
  }
}

/** A live session of an enabled user, with the user: one statement, built once. */
const sessionWithUserQuery = builtOncePerHandle((db) =>
  db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.id, sql.placeholder('id')),
        eq(sessions.userId, sql.placeholder('userId')),
        gt(sessions.expiresAt, sql.placeholder('now')),
        eq(users.disabled, false),
      ),
    )
    .prepare('docket_session_with_user'),
);
