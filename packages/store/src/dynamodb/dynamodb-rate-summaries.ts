import type { ConsolidatedStatus } from '@docket/domain';
import { GetCommand, PutCommand, QueryCommand, type QueryCommandOutput } from '@aws-sdk/lib-dynamodb';
import { forEachLimited, keyCondition, PARALLEL_REQUESTS, type Database } from './database';
import { readRates } from './dynamodb-rate-store';
import { isConditionFailed } from './errors';
import { LIST_STATUS_ATTRIBUTE } from './items';
import { GLOBAL_INDEX, globalKeys, keys, schemaMark, SUBMITTED_INDEX } from './keys';
import { RATE_CONDITION_ATTRIBUTES, rateItems } from './rate-items';

/**
 * The rate reviews dashboard's facts and keys for rate items written before they were kept
 * (docs/adr/0027-rate-reviews-dashboard.md). Every rate item written since by a change or a transfer carries them.
 */

/** Set once every submitted rate item carries them: later runs of `migrate()` skip the pass. */
const LISTED_MARK = schemaMark('RATE_LIST_KEYS');

/**
 * Gives every submitted rate item without a `listStatus` its facts and keys, from the rate read whole and its
 * parent's status, on condition that it is still as read. Walks the rates of the global index once (id, status and
 * whether it is linkable only), then marks the table. Idempotent; safe from several server copies at once.
 * @returns how many rate items it rewrote.
 */
export async function fillRateListKeys(db: Database): Promise<number> {
  const { Item: done } = await db.documents.send(
    new GetCommand({ TableName: db.table, Key: LISTED_MARK, ConsistentRead: true }),
  );
  if (done !== undefined) return 0;
  let filled = 0;
  for (const partition of globalKeys('RATES')) {
    let startKey: QueryCommandOutput['LastEvaluatedKey'] = undefined;
    do {
      const condition = keyCondition(GLOBAL_INDEX, partition, null);
      const page: QueryCommandOutput = await db.documents.send(
        new QueryCommand({
          TableName: db.table,
          IndexName: GLOBAL_INDEX.name,
          ...condition,
          ExpressionAttributeNames: {
            ...condition.ExpressionAttributeNames,
            '#id': 'id',
            '#status': LIST_STATUS_ATTRIBUTE,
            '#linkable': SUBMITTED_INDEX.partition,
          },
          ProjectionExpression: '#id, #status, #linkable',
          ExclusiveStartKey: startKey,
        }),
      );
      const behind = (page.Items ?? []).filter(
        (item) => item[SUBMITTED_INDEX.partition] !== undefined && item[LIST_STATUS_ATTRIBUTE] === undefined,
      );
      await forEachLimited(behind, PARALLEL_REQUESTS, async (item) => {
        if (await fillOne(db, String(item.id))) filled++;
      });
      startKey = page.LastEvaluatedKey;
    } while (startKey !== undefined);
  }
  await db.documents.send(
    new PutCommand({ TableName: db.table, Item: { ...LISTED_MARK, entity: 'SCHEMA_MARK' } }),
  );
  return filled;
}

/** Rewrites one rate item with its facts; false when it is gone or changed meanwhile. */
async function fillOne(db: Database, rateId: string): Promise<boolean> {
  const rate = (await readRates(db, [rateId])).get(rateId);
  if (rate === undefined) return false;
  const { Item: parent } = await db.documents.send(
    new GetCommand({ TableName: db.table, Key: keys.contract(rate.parentContractId), ConsistentRead: true }),
  );
  if (parent === undefined) return false;
  const parentStatus = parent[LIST_STATUS_ATTRIBUTE] as ConsolidatedStatus;
  const latest = rate.revisions.at(-1);
  try {
    await db.documents.send(
      new PutCommand({
        TableName: db.table,
        Item: rateItems(rate, parentStatus).rate,
        ConditionExpression: '#parent = :parent AND #latest = :latest',
        ExpressionAttributeNames: {
          '#parent': RATE_CONDITION_ATTRIBUTES.parent,
          '#latest': RATE_CONDITION_ATTRIBUTES.latest,
        },
        ExpressionAttributeValues: { ':parent': rate.parentContractId, ':latest': latest?.id },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailed(error)) return false;
    throw error;
  }
}
