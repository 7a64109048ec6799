import {
  normalizeEmail,
  NotFoundError,
  type AssignableReviewer,
  type AuditEvent,
  type StateAnalyst,
  type User,
} from '@docket/domain';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Page, PageRequest } from '../page';
import type { UserStore, UserWithCredentials } from '../user-store';
import { cutPage, decodeCursor, fetchSize, textKey } from '../keyset';
import { keyCondition, retrying, transact, type Database } from './database';
import { listAnalysts, listAssignableReviewers, userIndexSteps } from './dynamodb-user-indexes';
import { putEventStep } from './dynamodb-event-log';
import { alreadyExists, emailTaken, isUuid } from './errors';
import { emailItem, toEmailOwner, toUser, toUserWithCredentials, userItem } from './items';
import { GLOBAL_INDEX, globalKeys, keys } from './keys';

const NEW_ITEM = 'attribute_not_exists(PK)';

/**
 * Users, each with a guard item that holds its email in normal form: writing both in one transaction, the guard
 * only where none exists, is what makes emails unique without regard to case.
 */
export class DynamoUserStore implements UserStore {
  constructor(private readonly db: Database) {}

  async create(input: { user: User; passwordHash: string | null; event: AuditEvent }): Promise<User> {
    const user = { ...input.user, email: normalizeEmail(input.user.email) };
    const item = userItem({ user, passwordHash: input.passwordHash });
    const { table } = this.db;
    await retrying(() =>
      transact(this.db, [
        {
          request: { Put: { TableName: table, Item: item, ConditionExpression: NEW_ITEM } },
          onConditionFailed: () => alreadyExists('user'),
        },
        {
          request: { Put: { TableName: table, Item: emailItem(user), ConditionExpression: NEW_ITEM } },
          onConditionFailed: emailTaken,
        },
        putEventStep(table, input.event),
        ...userIndexSteps(table, null, user),
      ]),
    );
    return toUser(item);
  }

  async get(id: string): Promise<User> {
    const found = isUuid(id) ? await this.read(id) : null;
    if (!found) throw new NotFoundError('User', id);
    return found.user;
  }

  async findByEmail(email: string): Promise<UserWithCredentials | null> {
    const { Item: guard } = await this.db.documents.send(
      new GetCommand({ TableName: this.db.table, Key: keys.email(email), ConsistentRead: true }),
    );
    if (!guard) return null;
    const found = await this.read(toEmailOwner(guard));
    return found && normalizeEmail(found.user.email) === normalizeEmail(email) ? found : null;
  }

  async list(page: PageRequest): Promise<Page<User>> {
    const after = decodeCursor(page.cursor, textKey);
    const [partition] = globalKeys('USERS');
    const { Items = [] } = await this.db.documents.send(
      new QueryCommand({
        TableName: this.db.table,
        IndexName: GLOBAL_INDEX.name,
        ...keyCondition(GLOBAL_INDEX, partition ?? '', after ? { operator: '>', after: after[0] } : null),
        Limit: fetchSize(page),
      }),
    );
    const users = Items.map(toUser);
    const cut = cutPage(users, page, (user) => [user.email.toLowerCase()]);
    return { items: cut.items, nextCursor: cut.nextCursor };
  }

  listAnalysts(stateCode: string): Promise<StateAnalyst[]> {
    return listAnalysts(this.db, stateCode);
  }

  listAssignableReviewers(page: PageRequest): Promise<Page<AssignableReviewer>> {
    return listAssignableReviewers(this.db, page);
  }

  private async read(id: string): Promise<UserWithCredentials | null> {
    const { Item } = await this.db.documents.send(
      new GetCommand({ TableName: this.db.table, Key: keys.user(id.toLowerCase()), ConsistentRead: true }),
    );
    return Item ? toUserWithCredentials(Item) : null;
  }
}
