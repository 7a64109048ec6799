import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Session, SessionStore, SessionWithUser } from '../session-store';
import { batchGet, mapLimited, PARALLEL_REQUESTS, queryAll, type Database } from './database';
import { alreadyExists, isConditionFailed, isUuid, storedTime, storedUuid } from './errors';
import { entityOf, sessionItem, toSession, toUser } from './items';
import { GLOBAL_INDEX, globalKeys, keys } from './keys';

/**
 * Sessions expire twice over: DynamoDB's time to live removes an expired session's item by itself (within a day
 * or two of its expiry, never before), and every read checks the expiry, so an expired session is never served
 * in between. `deleteExpired` finds them by expiry in the global index.
 */
export class DynamoSessionStore implements SessionStore {
  constructor(private readonly db: Database) {}

  async create(session: Session): Promise<void> {
    try {
      await this.db.documents.send(
        new PutCommand({
          TableName: this.db.table,
          Item: sessionItem(session),
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
    } catch (error) {
      if (isConditionFailed(error)) throw alreadyExists('session');
      throw error;
    }
  }

  async get(id: string, now: string): Promise<Session | null> {
    const { Item } = await this.db.documents.send(
      new GetCommand({ TableName: this.db.table, Key: keys.session(id), ConsistentRead: true }),
    );
    if (!Item) return null;
    const session = toSession(Item);
    return Date.parse(session.expiresAt) > Date.parse(now) ? session : null;
  }

  /** One BatchGetItem of the session's item and the user's: the cookie names both. */
  async getWithUser(id: string, userId: string, now: string): Promise<SessionWithUser | null> {
    if (!isUuid(userId)) return null;
    const found = await batchGet(this.db, [keys.session(id), keys.user(storedUuid(userId))]);
    const sessionFound = found.find((item) => entityOf(item) === 'SESSION');
    const userFound = found.find((item) => entityOf(item) === 'USER');
    if (sessionFound === undefined || userFound === undefined) return null;
    const session = toSession(sessionFound);
    const user = toUser(userFound);
    const live = Date.parse(session.expiresAt) > Date.parse(now);
    return live && session.userId === user.id && !user.disabled ? { session, user } : null;
  }

  async delete(id: string): Promise<void> {
    await this.db.documents.send(new DeleteCommand({ TableName: this.db.table, Key: keys.session(id) }));
  }

  async deleteExpired(now: string): Promise<number> {
    // Sort keys are `<expiresAt>#<id>`: every key of a session that expired at or before now sorts before `now$`.
    const before = `${storedTime(now)}$`;
    const expired = (
      await Promise.all(
        globalKeys('SESSIONS').map((partition) =>
          queryAll(this.db, {
            IndexName: GLOBAL_INDEX.name,
            KeyConditionExpression: '#pk = :pk AND #sk < :before',
            ExpressionAttributeNames: { '#pk': GLOBAL_INDEX.partition, '#sk': GLOBAL_INDEX.sort },
            ExpressionAttributeValues: { ':pk': partition, ':before': before },
          }),
        ),
      )
    )
      .flat()
      .map(toSession);
    // One by one, each only if still there and expired: the count is what this call removed, whatever runs beside it.
    const removed = await mapLimited(expired, PARALLEL_REQUESTS, async (session): Promise<number> => {
      try {
        await this.db.documents.send(
          new DeleteCommand({
            TableName: this.db.table,
            Key: keys.session(session.id),
            ConditionExpression: 'attribute_exists(PK) AND #expiresAt <= :now',
            ExpressionAttributeNames: { '#expiresAt': 'expiresAt' },
            ExpressionAttributeValues: { ':now': storedTime(now) },
          }),
        );
        return 1;
      } catch (error) {
        if (isConditionFailed(error)) return 0;
        throw error;
      }
    });
    return removed.reduce((sum, n) => sum + n, 0);
  }
}
