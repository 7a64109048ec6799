import {
  analystStatesOf,
  compareAnalysts,
  stateAnalystOf,
  stateAnalystSchema,
  type StateAnalyst,
  type User,
} from '@docket/domain';
import { isDeepStrictEqual } from 'node:util';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
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
import { analystKeys, GLOBAL_INDEX, globalKeys, schemaMark } from './keys';

/**
 * A state's analysts on DynamoDB: one item per (state, analyst) in the state's analysts partition, written in the
 * transaction that writes the user. `analystSteps` is the one place that says which: every write of a user (create,
 * an administrator's update, a transfer) adds the steps it gives for the user before and after.
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

/**
 * The transaction steps that keep a user's analyst items right when the user goes from `before` (null: new) to
 * `after` (null: gone): a put for each state the user is an analyst of after whose projection is new or changed,
 * a delete for each state they no longer are. None when nothing an analyst item shows changed.
 */
export function analystSteps(table: string, before: User | null, after: User | null): TransactionStep[] {
  const was = new Set(before === null ? [] : analystStatesOf(before));
  const is = after === null ? [] : analystStatesOf(after);
  const steps: TransactionStep[] = [];
  for (const state of is) {
    const item = analystItem(state, after as User);
    const same = before !== null && was.has(state) && isDeepStrictEqual(analystItem(state, before), item);
    if (!same) steps.push({ request: { Put: { TableName: table, Item: item } } });
  }
  for (const state of was) {
    if (is.includes(state) || before === null) continue;
    steps.push({
      request: { Delete: { TableName: table, Key: analystKeys.analyst(state, storedUuid(before.id)) } },
    });
  }
  return steps;
}

/** `UserStore.listAnalysts`: one consistent Query of the state's analysts partition. */
export async function listAnalysts(db: Database, stateCode: string): Promise<StateAnalyst[]> {
  const items = await queryPartition(db, analystKeys.partition(stateCode));
  return items.map((item) => analystItemSchema.parse(item)).sort(compareAnalysts);
}

/** Set once every user written before analyst items were kept has them: later runs of `migrate()` skip the pass. */
const ANALYSTS_MARK = schemaMark('STATE_ANALYSTS');

/**
 * Writes the analyst items of every stored user (`analystSteps` from nothing to the user as stored), then marks the
 * table. A user changed meanwhile wrote its own items in its own transaction, and puts of the same projection are
 * idempotent. @returns how many users it looked at.
 */
export async function fillAnalysts(db: Database): Promise<number> {
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
      const steps = analystSteps(db.table, null, toUserWithCredentials(item).user);
      if (steps.length > 0) await transact(db, steps);
      seen += 1;
    }
  }
  await db.documents.send(
    new PutCommand({ TableName: db.table, Item: { ...ANALYSTS_MARK, entity: 'SCHEMA_MARK' } }),
  );
  return seen;
}
