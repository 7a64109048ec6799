import { and, eq, gt, lte } from 'drizzle-orm';
import type { Session, SessionStore } from '../session-store';
import type { Database } from './database';
import { translatingErrors } from './errors';
import { toSession } from './rows';
import { sessions } from './schema';

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
