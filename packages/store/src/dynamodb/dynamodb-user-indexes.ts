import {
  analystStatesOf,
  assignableReviewerOf,
  assignableReviewerSchema,
  compareAnalysts,
  isAssignableReviewer,
  normalizeEmail,
  type AssignableReviewer,
  stateAnalystOf,
  stateAnalystSchema,
  type StateAnalyst,
  type User,
} from '@docket/domain';
import { isDeepStrictEqual } from 'node:util';
import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { cutPage, decodeCursor, fetchSize, textKey } from '../keyset';
import type { Page, PageRequest } from '../page';
import {
  keyCondition,
  queryAll,
  queryPartition,
  transact,
  type Database,
  type TransactionStep,
} from './database';
import { storedUuid } from './errors';
import { itemOf, toUserWithCredentials, type Item } from './items';
import { analystKeys, GLOBAL_INDEX, globalKeys, reviewerDirectoryKeys, schemaMark } from './keys';

/**
 * What DynamoDB keeps beside a user so that two lists of users are read by key: a state's analysts (one item per
 * (state, analyst) in the state's analysts partition) and the reviewers that may be assigned to a filing (one item
 * per enabled CMS user in the directory partition, by email). Both are written in the transaction that writes the
 * user. `userIndexSteps` is the one place that says which: every write of a user (create, an administrator's
 * update, a transfer, `migrate()`) adds the steps it gives for the user before and after.
 */

function analystItem(stateCode: string, user: User): Item {
  const userId = storedUuid(user.id);
  return {
    ...analystKeys.analyst(stateCode, userId),
    entity: 'ANALYST',
    ...stateAnalystOf(user),
    userId,
  };
}

const analystItemSchema = itemOf('ANALYST', stateAnalystSchema);

/** A user's items of both lists: keyed by their primary key, as `userIndexSteps` compares them. */
function indexItemsOf(user: User | null): Map<string, Item> {
  const items = new Map<string, Item>();
  if (user === null) return items;
  for (const state of analystStatesOf(user)) {
    const item = analystItem(state, user);
    items.set(`${String(item.PK)}\u0000${String(item.SK)}`, item);
  }
  if (isAssignableReviewer(user)) {
    const item = directoryItem(user);
    items.set(`${String(item.PK)}\u0000${String(item.SK)}`, item);
  }
  return items;
}

/**
 * The transaction steps that keep a user's list items right when the user goes from `before` (null: new) to
 * `after` (null: gone): a put of each item the user has after that is new or changed (a state they became an
 * analyst of, a name changed), a delete of each they no longer have (a state taken off, a user disabled, an
 * email changed). None when nothing a list shows changed.
 */
export function userIndexSteps(table: string, before: User | null, after: User | null): TransactionStep[] {
  const was = indexItemsOf(before);
  const is = indexItemsOf(after);
  const steps: TransactionStep[] = [];
  for (const [key, item] of is) {
    if (!isDeepStrictEqual(was.get(key), item))
      steps.push({ request: { Put: { TableName: table, Item: item } } });
  }
  for (const [key, item] of was) {
    if (!is.has(key)) {
      steps.push({ request: { Delete: { TableName: table, Key: { PK: item.PK, SK: item.SK } } } });
    }
  }
  return steps;
}

/** The directory item of an assignable reviewer: sorted by email, then id (an email is one user's at a time). */
function directoryItem(user: User): Item {
  const userId = storedUuid(user.id);
  const email = normalizeEmail(user.email);
  return {
    ...reviewerDirectoryKeys.reviewer(email, userId),
    entity: 'REVIEWER_DIRECTORY',
    ...assignableReviewerOf(user),
    userId,
    email,
  };
}

const directoryItemSchema = itemOf('REVIEWER_DIRECTORY', assignableReviewerSchema);

/** `UserStore.listAssignableReviewers`: one Query of the directory partition from the cursor's email on. */
export async function listAssignableReviewers(
  db: Database,
  page: PageRequest,
): Promise<Page<AssignableReviewer>> {
  const after = decodeCursor(page.cursor, textKey);
  const { Items = [] } = await db.documents.send(
    new QueryCommand({
      TableName: db.table,
      KeyConditionExpression: after ? '#pk = :pk AND #sk > :after' : '#pk = :pk',
      ExpressionAttributeNames: after ? { '#pk': 'PK', '#sk': 'SK' } : { '#pk': 'PK' },
      ExpressionAttributeValues: after
        ? { ':pk': reviewerDirectoryKeys.partition, ':after': `${after[0]}#\uffff` }
        : { ':pk': reviewerDirectoryKeys.partition },
      Limit: fetchSize(page),
      ConsistentRead: true,
    }),
  );
  const reviewers = Items.map((item) => directoryItemSchema.parse(item));
  return cutPage(reviewers, page, (reviewer) => [reviewer.email]);
}

/** `UserStore.listAnalysts`: one consistent Query of the state's analysts partition. */
export async function listAnalysts(db: Database, stateCode: string): Promise<StateAnalyst[]> {
  const items = await queryPartition(db, analystKeys.partition(stateCode));
  return items.map((item) => analystItemSchema.parse(item)).sort(compareAnalysts);
}

/** Set once every user written before analyst items were kept has them: later runs of `migrate()` skip the pass. */
const ANALYSTS_MARK = schemaMark('USER_LISTS');

/**
 * Writes the list items of every stored user (`userIndexSteps` from nothing to the user as stored), then marks the
 * table. A user changed meanwhile wrote its own items in its own transaction, and puts of the same projection are
 * idempotent. @returns how many users it looked at.
 */
export async function fillUserLists(db: Database): Promise<number> {
  const { Item: done } = await db.documents.send(
    new GetCommand({ TableName: db.table, Key: ANALYSTS_MARK, ConsistentRead: true }),
  );
  if (done !== undefined) return 0;
  let seen = 0;
  for (const partition of globalKeys('USERS')) {
    const items = await queryAll(db, {
      IndexName: GLOBAL_INDEX.name,
      ...keyCondition(GLOBAL_INDEX, partition, null),
    });
    for (const item of items) {
      const steps = userIndexSteps(db.table, null, toUserWithCredentials(item).user);
      if (steps.length > 0) await transact(db, steps);
      seen += 1;
    }
  }
  await db.documents.send(
    new PutCommand({ TableName: db.table, Item: { ...ANALYSTS_MARK, entity: 'SCHEMA_MARK' } }),
  );
  return seen;
}
