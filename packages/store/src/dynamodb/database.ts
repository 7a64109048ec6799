import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  BatchWriteCommand,
  QueryCommand,
  TransactGetCommand,
  TransactWriteCommand,
  type DynamoDBDocumentClient,
  type BatchWriteCommandInput,
  type QueryCommandInput,
  type QueryCommandOutput,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { cancellationReasons, isTransient, RetryableConflict } from './errors';
import type { Item } from './items';
import type { IndexDefinition, ItemKey } from './keys';

/**
 * The table the stores work with, and the requests they share: reading every page of a query, merging the
 * shards of a sharded list, transactions (reads and writes) whose failures become the port's errors, batch writes
 * and reads that finish what the service left unprocessed, and retries of work that lost a race.
 */
export interface Database {
  /** The low-level client, for the table's own management (create, describe, time to live). */
  readonly client: DynamoDBClient;
  /** The document client: items as plain JavaScript values. */
  readonly documents: DynamoDBDocumentClient;
  readonly table: string;
}

/** The service's limits on one request. */
export const TRANSACTION_LIMIT = 100;
const BATCH_WRITE_LIMIT = 25;
const BATCH_GET_LIMIT = 100;

/** How many requests a store sends at once when one call fans out (a page of contracts, a batch of writes). */
export const PARALLEL_REQUESTS = 16;

/** Every item a query finds, following its pages. */
export async function queryAll(db: Database, input: Omit<QueryCommandInput, 'TableName'>): Promise<Item[]> {
  const items: Item[] = [];
  let startKey: QueryCommandInput['ExclusiveStartKey'] = undefined;
  do {
    const page: QueryCommandOutput = await db.documents.send(
      new QueryCommand({ ...input, TableName: db.table, ExclusiveStartKey: startKey }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey !== undefined);
  return items;
}

/** Every item of one partition of the table, read consistently: a contract with its revisions and actions. */
export function queryPartition(db: Database, partition: string): Promise<Item[]> {
  return queryAll(db, {
    KeyConditionExpression: '#pk = :pk',
    ExpressionAttributeNames: { '#pk': 'PK' },
    ExpressionAttributeValues: { ':pk': partition },
    ConsistentRead: true,
  });
}

/**
 * The first `limit` items of a list spread over several index partitions, merged: each shard is queried for its
 * own first `limit` items after `after` (a sort key value), then the union is sorted and cut.
 */
export async function queryShards(
  db: Database,
  options: {
    index: IndexDefinition;
    partitions: readonly string[];
    descending: boolean;
    after: string | null;
    limit: number;
  },
): Promise<Item[]> {
  const { index, descending, after, limit } = options;
  const pages = await Promise.all(
    options.partitions.map(async (partition) => {
      const page = await db.documents.send(
        new QueryCommand({
          TableName: db.table,
          IndexName: index.name,
          ...keyCondition(
            index,
            partition,
            after === null ? null : { operator: descending ? '<' : '>', after },
          ),
          ScanIndexForward: !descending,
          Limit: limit,
        }),
      );
      return page.Items ?? [];
    }),
  );
  const sortOf = (item: Item) => String(item[index.sort]);
  const merged = pages.flat().sort((a, b) => (sortOf(a) < sortOf(b) ? -1 : sortOf(a) > sortOf(b) ? 1 : 0));
  if (descending) merged.reverse();
  return merged.slice(0, limit);
}

/**
 * The key condition of an index query: one partition, and optionally only the sort keys before or after a value.
 * (Names and values that an expression does not use are refused by the service, so each form lists only its own.)
 */
export function keyCondition(
  index: IndexDefinition,
  partition: string,
  range: { operator: '<' | '>'; after: string } | null,
): Pick<
  QueryCommandInput,
  'KeyConditionExpression' | 'ExpressionAttributeNames' | 'ExpressionAttributeValues'
> {
  if (range === null) {
    return {
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': index.partition },
      ExpressionAttributeValues: { ':pk': partition },
    };
  }
  return {
    KeyConditionExpression: `#pk = :pk AND #sk ${range.operator} :after`,
    ExpressionAttributeNames: { '#pk': index.partition, '#sk': index.sort },
    ExpressionAttributeValues: { ':pk': partition, ':after': range.after },
  };
}

/** One item of a transaction, and what its condition failing means to a caller. */
export interface TransactionStep {
  request: NonNullable<TransactWriteCommandInput['TransactItems']>[number];
  /** The error to throw when this item's condition fails; `item` is the item as it was, when asked for. */
  onConditionFailed?: (item: Record<string, unknown> | undefined) => Error;
}

/**
 * Writes every step or none. A failed condition becomes the error its step names (the first such step, in
 * request order); a conflict with another transaction becomes `RetryableConflict`, for `retrying`.
 */
export async function transact(db: Database, steps: readonly TransactionStep[]): Promise<void> {
  if (steps.length > TRANSACTION_LIMIT) {
    throw new Error(
      `A transaction of ${steps.length} items is over DynamoDB's limit of ${TRANSACTION_LIMIT}`,
    );
  }
  try {
    await db.documents.send(new TransactWriteCommand({ TransactItems: steps.map((step) => step.request) }));
  } catch (error) {
    const reasons = cancellationReasons(error);
    if (reasons === null) {
      if (isTransient(error)) throw new RetryableConflict(error instanceof Error ? error.name : 'busy');
      throw error;
    }
    const failed = reasons.findIndex((reason) => reason.code === 'ConditionalCheckFailed');
    const step = steps[failed];
    if (step) {
      const explain = step.onConditionFailed;
      if (!explain) {
        throw new Error(`Transaction item ${failed} failed a condition it was not expected to`, {
          cause: error,
        });
      }
      throw explain(reasons[failed]?.item);
    }
    if (reasons.some((reason) => ['TransactionConflict', 'ThrottlingError'].includes(reason.code))) {
      throw new RetryableConflict('TransactionConflict');
    }
    throw error;
  }
}

/** The items with these keys (undefined where none is stored), in order, read as one snapshot: at most 100. */
export async function transactGet(
  db: Database,
  keys: readonly ItemKey[],
): Promise<(Record<string, unknown> | undefined)[]> {
  if (keys.length > TRANSACTION_LIMIT) {
    throw new Error(
      `A read of ${keys.length} items is over DynamoDB's transaction limit of ${TRANSACTION_LIMIT}`,
    );
  }
  try {
    const { Responses = [] } = await db.documents.send(
      new TransactGetCommand({
        TransactItems: keys.map((key) => ({ Get: { TableName: db.table, Key: { PK: key.PK, SK: key.SK } } })),
      }),
    );
    return keys.map((_, index) => Responses[index]?.Item);
  } catch (error) {
    // A transaction was writing one of the items: the read lost a race it may simply run again.
    const busy = cancellationReasons(error)?.some((r) =>
      ['TransactionConflict', 'ThrottlingError'].includes(r.code),
    );
    if (busy || isTransient(error)) throw new RetryableConflict('a read met a transaction');
    throw error;
  }
}

const RETRY_ATTEMPTS = 60;
const RETRY_BASE_MS = 5;
const RETRY_CAP_MS = 200;

/**
 * Runs `work` until it does not lose a race (`RetryableConflict`), waiting a random, growing time between tries
 * so that racing writers spread out. Any other error ends it at once.
 */
export async function retrying<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof RetryableConflict) || attempt + 1 >= RETRY_ATTEMPTS) throw error;
    }
    const ceiling = Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** attempt);
    await pause(Math.random() * ceiling);
  }
}

function pause(ms: number): Promise<void> {
  return new Promise((resolveWait) => setTimeout(resolveWait, ms));
}

/** The write requests of one table in a batch write. */
type WriteRequests = NonNullable<BatchWriteCommandInput['RequestItems']>[string];

/** One request of a batch write. */
export type BatchRequest = { put: Item } | { delete: ItemKey };

function keyOfRequest(request: BatchRequest): string {
  const key = 'put' in request ? request.put : request.delete;
  return `${String(key.PK)}\u0000${String(key.SK)}`;
}

/**
 * Writes puts and deletes 25 at a time, sending again whatever the service left unprocessed. Not atomic, and
 * without conditions: for bulk writes that are idempotent. Of several requests for one key, the last counts
 * (one batch may not name a key twice).
 */
export async function batchWrite(db: Database, requests: readonly BatchRequest[]): Promise<void> {
  const unique = [...new Map(requests.map((request) => [keyOfRequest(request), request])).values()];
  const chunks: BatchRequest[][] = [];
  for (let i = 0; i < unique.length; i += BATCH_WRITE_LIMIT)
    chunks.push(unique.slice(i, i + BATCH_WRITE_LIMIT));
  await forEachLimited(chunks, PARALLEL_REQUESTS, async (chunk) => {
    let pending: WriteRequests = chunk.map((request) =>
      'put' in request
        ? { PutRequest: { Item: request.put } }
        : { DeleteRequest: { Key: { PK: request.delete.PK, SK: request.delete.SK } } },
    );
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt > 0) await pause(Math.min(RETRY_CAP_MS * 5, RETRY_BASE_MS * 2 ** attempt));
      const result = await db.documents.send(
        new BatchWriteCommand({ RequestItems: { [db.table]: pending } }),
      );
      pending = result.UnprocessedItems?.[db.table] ?? [];
    }
  });
}

/**
 * The items with these keys (those that exist, in no particular order), read consistently 100 at a time; with
 * `attributes`, only those attributes of each item.
 */
export async function batchGet(
  db: Database,
  keys: readonly ItemKey[],
  attributes?: readonly string[],
): Promise<unknown[]> {
  const projection =
    attributes === undefined
      ? {}
      : {
          ProjectionExpression: attributes.map((_, index) => `#a${index}`).join(', '),
          ExpressionAttributeNames: Object.fromEntries(attributes.map((name, index) => [`#a${index}`, name])),
        };
  const unique = [...new Map(keys.map((key) => [`${key.PK}\u0000${key.SK}`, key])).values()];
  const found: unknown[] = [];
  for (let i = 0; i < unique.length; i += BATCH_GET_LIMIT) {
    let pending: Record<string, unknown>[] = unique
      .slice(i, i + BATCH_GET_LIMIT)
      .map((key) => ({ PK: key.PK, SK: key.SK }));
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt > 0) await pause(Math.min(RETRY_CAP_MS * 5, RETRY_BASE_MS * 2 ** attempt));
      const result = await db.documents.send(
        new BatchGetCommand({
          RequestItems: { [db.table]: { Keys: pending, ConsistentRead: true, ...projection } },
        }),
      );
      found.push(...(result.Responses?.[db.table] ?? []));
      pending = result.UnprocessedKeys?.[db.table]?.Keys ?? [];
    }
  }
  return found;
}

/** Runs `work` on every item, at most `limit` at a time; rejects with the first failure. */
export async function forEachLimited<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  });
  await Promise.all(workers);
}

/** `work` on every item, at most `limit` at a time, results in the order of `items`. */
export async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  await forEachLimited(
    items.map((item, index) => ({ item, index })),
    limit,
    async ({ item, index }) => {
      results[index] = await work(item);
    },
  );
  return results;
}
