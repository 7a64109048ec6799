import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  sessionLiveAt,
  servedOrRefused,
  type Session,
  type SessionRefused,
  type SessionStore,
  type SessionTouch,
  type SessionWithUser,
} from '../session-store';
import { batchGet, mapLimited, PARALLEL_REQUESTS, queryAll, type Database } from './database';
import { alreadyExists, isConditionFailed, isUuid, storedTime, storedUuid } from './errors';
import { entityOf, sessionItem, toSession, toUser } from './items';
import { GLOBAL_INDEX, globalKeys, keys, OWNER_INDEX, owners } from './keys';

/**
 * Sessions expire twice over: DynamoDB's time to live removes an expired session's item by itself (within a day
 * or two of its expiry, never before), and every read checks the expiry, so an expired session is never served
 * in between. `deleteExpired` finds them by expiry in the global index; `deleteForUser` finds a user's sessions in
 * the owner index, which trails writes a little: a session opened in the same instant may outlive the call.
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
    return sessionLiveAt(session, now) ? session : null;
  }

  /** One BatchGetItem of the session's item and the user's: the cookie names both. */
  async getWithUser(
    id: string,
    userId: string,
    now: string,
  ): Promise<SessionWithUser | SessionRefused | null> {
    if (!isUuid(userId)) return null;
    const found = await batchGet(this.db, [keys.session(id), keys.user(storedUuid(userId))]);
    const sessionFound = found.find((item) => entityOf(item) === 'SESSION');
    const userFound = found.find((item) => entityOf(item) === 'USER');
    if (sessionFound === undefined || userFound === undefined) return null;
    const session = toSession(sessionFound);
    const user = toUser(userFound);
    if (session.userId !== user.id) return null;
    return servedOrRefused(session, user, now);
  }

  async touch(id: string, input: SessionTouch): Promise<boolean> {
    try {
      await this.db.documents.send(
        new UpdateCommand({
          TableName: this.db.table,
          Key: keys.session(id),
          UpdateExpression: 'SET #idle = :idle',
          // Stored times are normalized ISO strings: comparing them as strings compares the times.
          ConditionExpression:
            'attribute_exists(PK) AND #expires > :now AND #idle > :now AND #idle < :before',
          ExpressionAttributeNames: { '#idle': 'idleExpiresAt', '#expires': 'expiresAt' },
          ExpressionAttributeValues: {
            ':idle': storedTime(input.idleExpiresAt),
            ':now': storedTime(input.now),
            ':before': storedTime(input.ifIdleExpiresBefore),
          },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailed(error)) return false;
      throw error;
    }
  }

  async delete(id: string): Promise<void> {
    await this.db.documents.send(new DeleteCommand({ TableName: this.db.table, Key: keys.session(id) }));
  }

  async deleteForUser(userId: string, options: { except?: string } = {}): Promise<number> {
    if (!isUuid(userId)) return 0;
    const listed = await queryAll(this.db, {
      IndexName: OWNER_INDEX.name,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': OWNER_INDEX.partition },
      ExpressionAttributeValues: { ':pk': owners.userSessions(storedUuid(userId)) },
    });
    const ids = listed.map((item) => toSession(item).id).filter((id) => id !== options.except);
    // Each only if still there: the count is what this call removed, whatever runs beside it.
    const removed = await mapLimited(ids, PARALLEL_REQUESTS, async (id): Promise<number> => {
      try {
        await this.db.documents.send(
          new DeleteCommand({
            TableName: this.db.table,
            Key: keys.session(id),
            ConditionExpression: 'attribute_exists(PK)',
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
