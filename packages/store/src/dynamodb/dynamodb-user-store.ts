import {
  normalizeEmail,
  NotFoundError,
  VersionConflictError,
  type AssignableReviewer,
  type AuditEvent,
  type StateAnalyst,
  type User,
  type UserSearch,
} from '@docket/domain';
import { GetCommand, PutCommand, QueryCommand, type QueryCommandOutput } from '@aws-sdk/lib-dynamodb';
import type { Page, PageRequest } from '../page';
import type { SetPasswordInput, UserStore, UserWithCredentials } from '../user-store';
import { cutPage, decodeCursor, fetchSize, textKey } from '../keyset';
import { keyCondition, queryAll, retrying, transact, type Database, type TransactionStep } from './database';
import { adminCountStep } from './dynamodb-admin-count';
import { listAnalysts, listAssignableReviewers, userIndexSteps } from './dynamodb-user-indexes';
import { putEventStep } from './dynamodb-event-log';
import { alreadyExists, emailTaken, isConditionFailed, isUuid, RetryableConflict } from './errors';
import {
  emailItem,
  toEmailOwner,
  toUser,
  toUserWithCredentials,
  USER_SEARCH_TEXT_ATTRIBUTE,
  userItem,
} from './items';
import { GLOBAL_INDEX, globalKeys, keys } from './keys';

const NEW_ITEM = 'attribute_not_exists(PK)';

/**
 * Users, each with a guard item that holds its email in normal form: writing both in one transaction, the guard
 * only where none exists, is what makes emails unique without regard to case. The count of enabled administrators
 * (`dynamodb-admin-count.ts`) is written in the same transaction as every user that becomes or stops being one.
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
        ...adminCountStep(table, null, user),
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

  list(page: PageRequest): Promise<Page<User>> {
    return this.search({}, page);
  }

  /**
   * Reads the users' partition of the global index in email order from the cursor on, with the search as a filter
   * expression, until a page is full or the partition ends (users are hundreds: docs/adr/0030-user-administration.md).
   */
  async search(search: UserSearch, page: PageRequest): Promise<Page<User>> {
    const after = decodeCursor(page.cursor, textKey);
    const wanted = fetchSize(page);
    const filter = filterOf(search);
    const found: User[] = [];
    for (const partition of globalKeys('USERS')) {
      let startKey: QueryCommandOutput['LastEvaluatedKey'] = undefined;
      do {
        const condition = keyCondition(
          GLOBAL_INDEX,
          partition,
          after ? { operator: '>', after: after[0] } : null,
        );
        const result: QueryCommandOutput = await this.db.documents.send(
          new QueryCommand({
            TableName: this.db.table,
            IndexName: GLOBAL_INDEX.name,
            ...condition,
            ...(filter && {
              FilterExpression: filter.expression,
              ExpressionAttributeNames: { ...condition.ExpressionAttributeNames, ...filter.names },
              ExpressionAttributeValues: { ...condition.ExpressionAttributeValues, ...filter.values },
            }),
            Limit: wanted,
            ExclusiveStartKey: startKey,
          }),
        );
        found.push(...(result.Items ?? []).map(toUser));
        startKey = result.LastEvaluatedKey;
      } while (startKey !== undefined && found.length < wanted);
    }
    found.sort((x, y) => (x.email < y.email ? -1 : x.email > y.email ? 1 : 0));
    const cut = cutPage(found.slice(0, wanted), page, (user) => [user.email]);
    return { items: cut.items, nextCursor: cut.nextCursor };
  }

  async update(input: { user: User; expectedVersion: number; event: AuditEvent }): Promise<User> {
    const { id } = input.user;
    if (!isUuid(id)) throw new NotFoundError('User', id);
    return retrying(async () => {
      const found = await this.read(id);
      if (!found) throw new NotFoundError('User', id);
      if (found.user.version !== input.expectedVersion) {
        throw new VersionConflictError('User', id, input.expectedVersion, found.user.version);
      }
      const user: User = {
        ...input.user,
        email: normalizeEmail(input.user.email),
        createdAt: found.user.createdAt,
        version: input.expectedVersion + 1,
      };
      await transact(this.db, [
        ...this.userChangeSteps(found, { user, passwordHash: found.passwordHash }),
        putEventStep(this.db.table, input.event),
      ]);
      return user;
    });
  }

  async setPassword(input: SetPasswordInput): Promise<User> {
    const id = input.userId;
    if (!isUuid(id)) throw new NotFoundError('User', id);
    return retrying(async () => {
      const found = await this.read(id);
      if (!found) throw new NotFoundError('User', id);
      if (input.expectedVersion !== undefined && found.user.version !== input.expectedVersion) {
        throw new VersionConflictError('User', id, input.expectedVersion, found.user.version);
      }
      const user: User = {
        ...found.user,
        mustChangePassword: input.mustChangePassword,
        version: found.user.version + 1,
      };
      await transact(this.db, [
        ...this.userChangeSteps(found, { user, passwordHash: input.passwordHash }),
        putEventStep(this.db.table, input.event),
      ]);
      return user;
    });
  }

  /**
   * Every item a change of a stored user writes, the event apart: the user item (on condition that it is still at
   * the version read), its email guard when the email changes, and the count of enabled administrators when the
   * change makes or unmakes one. What else a user's fields are kept in is written here too.
   */
  private userChangeSteps(before: UserWithCredentials, after: UserWithCredentials): TransactionStep[] {
    const { table } = this.db;
    const id = after.user.id.toLowerCase();
    const steps: TransactionStep[] = [
      {
        request: {
          Put: {
            TableName: table,
            Item: userItem(after),
            ConditionExpression:
              before.user.version === 1
                ? 'attribute_exists(PK) AND (attribute_not_exists(#version) OR #version = :version)'
                : 'attribute_exists(PK) AND #version = :version',
            ExpressionAttributeNames: { '#version': 'version' },
            ExpressionAttributeValues: { ':version': before.user.version },
          },
        },
        // Changed since it was read: read it again and tell a conflict from a lost race.
        onConditionFailed: () => new RetryableConflict('user changed'),
      },
    ];
    const previousEmail = normalizeEmail(before.user.email);
    if (normalizeEmail(after.user.email) !== previousEmail) {
      steps.push(
        {
          request: { Put: { TableName: table, Item: emailItem(after.user), ConditionExpression: NEW_ITEM } },
          onConditionFailed: emailTaken,
        },
        {
          request: {
            Delete: {
              TableName: table,
              Key: keys.email(previousEmail),
              ConditionExpression: '#userId = :id',
              ExpressionAttributeNames: { '#userId': 'userId' },
              ExpressionAttributeValues: { ':id': id },
            },
          },
          onConditionFailed: () => new Error(`The guard of ${previousEmail} is not held by user ${id}`),
        },
      );
    }
    steps.push(...adminCountStep(table, before.user, after.user));
    // A state's analysts and the reviewers that may be assigned: the user's list items, as they now should be.
    steps.push(...userIndexSteps(table, before.user, after.user));
    return steps;
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

/** The search as a DynamoDB filter expression; null when it filters nothing. */
function filterOf(
  search: UserSearch,
): { expression: string; names: Record<string, string>; values: Record<string, unknown> } | null {
  const parts: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  if (search.role !== undefined) {
    parts.push('#role = :role');
    names['#role'] = 'role';
    values[':role'] = search.role;
  }
  if (search.state !== undefined) {
    parts.push('(#stateCode = :state OR contains(#assignedStates, :state))');
    names['#stateCode'] = 'stateCode';
    names['#assignedStates'] = 'assignedStates';
    values[':state'] = search.state;
  }
  if (search.division !== undefined) {
    parts.push('#division = :division');
    names['#division'] = 'division';
    values[':division'] = search.division;
  }
  if (search.disabled !== undefined) {
    parts.push('#disabled = :disabled');
    names['#disabled'] = 'disabled';
    values[':disabled'] = search.disabled;
  }
  const text = search.text?.toLowerCase();
  if (text) {
    parts.push('contains(#searchText, :text)');
    names['#searchText'] = USER_SEARCH_TEXT_ATTRIBUTE;
    values[':text'] = text;
  }
  return parts.length === 0 ? null : { expression: parts.join(' AND '), names, values };
}

/**
 * For `migrate()`: gives the user items written before the administration's search their search text (and a
 * version), each on condition that it still has none. Users are hundreds: one walk of their partition.
 */
export async function fillUserSearchText(db: Database): Promise<void> {
  for (const partition of globalKeys('USERS')) {
    const items = await queryAll(db, {
      IndexName: GLOBAL_INDEX.name,
      ...keyCondition(GLOBAL_INDEX, partition, null),
    });
    for (const item of items.filter((it) => it[USER_SEARCH_TEXT_ATTRIBUTE] === undefined)) {
      try {
        await db.documents.send(
          new PutCommand({
            TableName: db.table,
            Item: userItem(toUserWithCredentials(item)),
            ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(#text)',
            ExpressionAttributeNames: { '#text': USER_SEARCH_TEXT_ATTRIBUTE },
          }),
        );
      } catch (error) {
        if (!isConditionFailed(error)) throw error;
      }
    }
  }
}
