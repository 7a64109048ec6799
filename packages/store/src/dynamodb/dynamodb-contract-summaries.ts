import { GetCommand, PutCommand, QueryCommand, type QueryCommandOutput } from '@aws-sdk/lib-dynamodb';
import { forEachLimited, keyCondition, PARALLEL_REQUESTS, type Database } from './database';
import { readContractSnapshot } from './dynamodb-contract-reads';
import { isConditionFailed } from './errors';
import { contractItems, LIST_STATUS_ATTRIBUTE } from './items';
import { GLOBAL_INDEX, globalKeys, schemaMark, type ItemKey } from './keys';

/**
 * Summary facts and dashboard list keys for contract items written before they were kept
 * (docs/adr/0012-list-projection.md, docs/adr/0024-dynamodb-dashboard-lists.md). Every contract item written
 * since carries them: `apply` and the transfers write it from the whole contract.
 */

/** Set once every contract item has been looked at: later runs of `migrate()` skip the pass. */
const FILLED_MARK = schemaMark('CONTRACT_SUMMARIES');

/**
 * Set once every contract item carries the keys of the dashboard lists and the status they filter on
 * (docs/adr/0024-dynamodb-dashboard-lists.md), which items written by an older release lack.
 */
const LISTED_MARK = schemaMark('CONTRACT_LIST_KEYS');

/**
 * Gives every contract item without current summary facts its facts, from the contract read as one snapshot,
 * on condition that it is still at the version read (a change made meanwhile wrote them itself). Walks the
 * contracts of the global index once, reading only their versions, then marks the table so that the next run
 * costs one read. Idempotent; safe from several server copies at once.
 * @returns how many contract items it rewrote.
 */
export function fillSummaries(db: Database): Promise<number> {
  return fillContractItems(db, FILLED_MARK, (item) => item.summaryVersion !== item.version);
}

/**
 * Gives every contract item the keys of the dashboard lists (and current summary facts, which they are made
 * from), as `fillSummaries` does: an item lacks them when it has no `listStatus`.
 * @returns how many contract items it rewrote.
 */
export function fillListKeys(db: Database): Promise<number> {
  return fillContractItems(
    db,
    LISTED_MARK,
    (item) => item.summaryVersion !== item.version || item[LIST_STATUS_ATTRIBUTE] === undefined,
  );
}

/** Rewrites the contract items `behind` picks (from their id, version, summary version and status) whole. */
async function fillContractItems(
  db: Database,
  mark: ItemKey,
  behind: (item: Record<string, unknown>) => boolean,
): Promise<number> {
  const { Item: done } = await db.documents.send(
    new GetCommand({ TableName: db.table, Key: mark, ConsistentRead: true }),
  );
  if (done !== undefined) return 0;
  let filled = 0;
  for (const partition of globalKeys('CONTRACTS')) {
    let startKey: QueryCommandOutput['LastEvaluatedKey'] = undefined;
    do {
      const page: QueryCommandOutput = await db.documents.send(
        new QueryCommand({
          TableName: db.table,
          IndexName: GLOBAL_INDEX.name,
          ...withNames(keyCondition(GLOBAL_INDEX, partition, null)),
          ProjectionExpression: '#id, #version, #summaryVersion, #listStatus',
          ExclusiveStartKey: startKey,
        }),
      );
      await forEachLimited((page.Items ?? []).filter(behind), PARALLEL_REQUESTS, async (item) => {
        if (await fillOne(db, String(item.id))) filled++;
      });
      startKey = page.LastEvaluatedKey;
    } while (startKey !== undefined);
  }
  await db.documents.send(new PutCommand({ TableName: db.table, Item: { ...mark, entity: 'SCHEMA_MARK' } }));
  return filled;
}

/** The key condition with the names the projection uses added. */
function withNames<T extends { ExpressionAttributeNames?: Record<string, string> }>(condition: T): T {
  return {
    ...condition,
    ExpressionAttributeNames: {
      ...condition.ExpressionAttributeNames,
      '#id': 'id',
      '#version': 'version',
      '#summaryVersion': 'summaryVersion',
      '#listStatus': LIST_STATUS_ATTRIBUTE,
    },
  };
}

/** Rewrites one contract item with its facts; false when the contract is gone or changed meanwhile. */
async function fillOne(db: Database, contractId: string): Promise<boolean> {
  const read = await readContractSnapshot(db, contractId);
  if (read === null) return false;
  const { contract } = contractItems(read.contract);
  try {
    await db.documents.send(
      new PutCommand({
        TableName: db.table,
        Item: contract,
        ConditionExpression: '#version = :version',
        ExpressionAttributeNames: { '#version': 'version' },
        ExpressionAttributeValues: { ':version': read.contract.version },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailed(error)) return false;
    throw error;
  }
}
