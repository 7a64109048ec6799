import type { AuditLogQuery } from '@docket/domain';
import { GetCommand, PutCommand, QueryCommand, type QueryCommandOutput } from '@aws-sdk/lib-dynamodb';
import { batchWrite, keyCondition, type Database } from './database';
import { isUuid, storedTime } from './errors';
import { eventItem, lacksEventListKeys, toEvent } from './items';
import {
  EVENT_ACTION_INDEX,
  EVENT_ACTOR_INDEX,
  EVENT_STATE_INDEX,
  eventLists,
  GLOBAL_INDEX,
  globalKeys,
  OWNER_INDEX,
  owners,
  schemaMark,
  type IndexDefinition,
} from './keys';

type Item = Record<string, unknown>;

/**
 * The audit log's filtered reads (`EventLog.query`, docs/adr/0029-audit-log-and-email-settings.md). The most
 * selective filter given picks the index and its partitions: a filing's events (owner index), an actor's, a state's,
 * each action's, or, with none of these, the global list's shards. The time range and the page's position are the
 * key condition on the (time, id) sort key; the other filters are a filter expression, and each partition is read
 * on, page after page, until it has given enough matching events, so a page is never short because of them.
 */

/** The filter that picks the key, and the partitions it reads. */
interface KeyChoice {
  index: IndexDefinition;
  partitions: string[];
  /** Which filter the key already applies (left out of the filter expression). */
  keyed: 'contract' | 'actor' | 'state' | 'actions' | null;
}

function chooseKey(query: AuditLogQuery): KeyChoice {
  if (query.contractId !== null) {
    return {
      index: OWNER_INDEX,
      partitions: [owners.contractEvents(query.contractId.toLowerCase())],
      keyed: 'contract',
    };
  }
  if (query.actorId !== null) {
    return { index: EVENT_ACTOR_INDEX, partitions: [eventLists.actor(query.actorId)], keyed: 'actor' };
  }
  if (query.stateCode !== null) {
    return { index: EVENT_STATE_INDEX, partitions: [eventLists.state(query.stateCode)], keyed: 'state' };
  }
  if (query.actions !== null) {
    const actions = [...new Set(query.actions)];
    return { index: EVENT_ACTION_INDEX, partitions: actions.map(eventLists.action), keyed: 'actions' };
  }
  return { index: GLOBAL_INDEX, partitions: globalKeys('EVENTS'), keyed: null };
}

/** The filter expression of the filters the key does not apply; null when there are none. */
function filterOf(query: AuditLogQuery, keyed: KeyChoice['keyed']) {
  const clauses: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  if (query.actorId !== null && keyed !== 'actor') {
    clauses.push('#actor.#userId = :actorId');
    names['#actor'] = 'actor';
    names['#userId'] = 'userId';
    values[':actorId'] = query.actorId.toLowerCase();
  }
  if (query.actions !== null && keyed !== 'actions') {
    const placeholders = query.actions.map((action, i) => {
      values[`:action${i}`] = action;
      return `:action${i}`;
    });
    clauses.push(`#action IN (${placeholders.join(', ')})`);
    names['#action'] = 'action';
  }
  if (query.stateCode !== null && keyed !== 'state') {
    clauses.push('#stateCode = :stateCode');
    names['#stateCode'] = 'stateCode';
    values[':stateCode'] = query.stateCode;
  }
  if (clauses.length === 0) return null;
  return { expression: clauses.join(' AND '), names, values };
}

/**
 * The sort key range: from `from` (inclusive: `<from>#<id>` sorts after `<from>`) up to the lower of `to` (exclusive:
 * no key equals a bare time) and the page's position (`<time>#<id>`, whose own item is dropped after the read).
 */
function rangeOf(query: AuditLogQuery, after: string | null): { low: string | null; high: string | null } {
  const to = query.to === null ? null : storedTime(query.to);
  const high = to === null ? after : after === null ? to : after < to ? after : to;
  return { low: query.from === null ? null : storedTime(query.from), high };
}

function keyConditionOf(
  index: IndexDefinition,
  partition: string,
  range: { low: string | null; high: string | null },
) {
  const names: Record<string, string> = { '#pk': index.partition };
  const values: Record<string, unknown> = { ':pk': partition };
  let expression = '#pk = :pk';
  if (range.low !== null || range.high !== null) names['#sk'] = index.sort;
  if (range.low !== null && range.high !== null) {
    expression += ' AND #sk BETWEEN :low AND :high';
    Object.assign(values, { ':low': range.low, ':high': range.high });
  } else if (range.low !== null) {
    expression += ' AND #sk >= :low';
    values[':low'] = range.low;
  } else if (range.high !== null) {
    expression += ' AND #sk <= :high';
    values[':high'] = range.high;
  }
  return { expression, names, values };
}

/** The first `limit` matching events of one partition, newest first, following its pages as long as needed. */
async function readPartition(
  db: Database,
  choice: KeyChoice,
  partition: string,
  query: AuditLogQuery,
  range: { low: string | null; high: string | null },
  after: string | null,
  limit: number,
): Promise<Item[]> {
  const key = keyConditionOf(choice.index, partition, range);
  const filter = filterOf(query, choice.keyed);
  const found: Item[] = [];
  let startKey: QueryCommandOutput['LastEvaluatedKey'] = undefined;
  do {
    const page: QueryCommandOutput = await db.documents.send(
      new QueryCommand({
        TableName: db.table,
        IndexName: choice.index.name,
        KeyConditionExpression: key.expression,
        ...(filter === null ? {} : { FilterExpression: filter.expression }),
        ExpressionAttributeNames: { ...key.names, ...filter?.names },
        ExpressionAttributeValues: { ...key.values, ...filter?.values },
        ScanIndexForward: false,
        // Read somewhat more than is missing: a filter may keep only some of what is read.
        Limit: filter === null ? limit - found.length + 1 : Math.max(limit, 50),
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) {
      if (after !== null && item[choice.index.sort] === after) continue;
      found.push(item);
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey !== undefined && found.length < limit);
  return found.slice(0, limit);
}

/**
 * The first `limit` events of the query after the sort key `after` (null: from the newest), newest first: each
 * partition's first `limit`, merged.
 */
export async function queryEventPartitions(
  db: Database,
  query: AuditLogQuery,
  after: string | null,
  limit: number,
): Promise<Item[]> {
  if (query.contractId !== null && !isUuid(query.contractId)) return [];
  const range = rangeOf(query, after);
  if (range.low !== null && range.high !== null && range.low > range.high) return [];
  const choice = chooseKey(query);
  const pages = await Promise.all(
    choice.partitions.map((partition) => readPartition(db, choice, partition, query, range, after, limit)),
  );
  const sortOf = (item: Item) => String(item[choice.index.sort]);
  const merged = pages.flat().sort((a, b) => (sortOf(a) < sortOf(b) ? 1 : sortOf(a) > sortOf(b) ? -1 : 0));
  return merged.slice(0, limit);
}

const EVENT_LISTS_MARK = schemaMark('EVENT_LIST_KEYS');

/**
 * Gives every event item written before the audit log's filters their keys (`eventLists`), then marks the table.
 * Events never change, so each is simply written again whole. Idempotent; safe from several server copies at once.
 * @returns how many event items it rewrote.
 */
export async function fillEventListKeys(db: Database): Promise<number> {
  const { Item: done } = await db.documents.send(
    new GetCommand({ TableName: db.table, Key: EVENT_LISTS_MARK, ConsistentRead: true }),
  );
  if (done !== undefined) return 0;
  let filled = 0;
  for (const partition of globalKeys('EVENTS')) {
    let startKey: QueryCommandOutput['LastEvaluatedKey'] = undefined;
    do {
      const page: QueryCommandOutput = await db.documents.send(
        new QueryCommand({
          TableName: db.table,
          IndexName: GLOBAL_INDEX.name,
          ...keyCondition(GLOBAL_INDEX, partition, null),
          ExclusiveStartKey: startKey,
        }),
      );
      const behind = (page.Items ?? []).filter(lacksEventListKeys);
      await batchWrite(
        db,
        behind.map((item) => ({ put: eventItem(toEvent(item)) })),
      );
      filled += behind.length;
      startKey = page.LastEvaluatedKey;
    } while (startKey !== undefined);
  }
  await db.documents.send(
    new PutCommand({ TableName: db.table, Item: { ...EVENT_LISTS_MARK, entity: 'SCHEMA_MARK' } }),
  );
  return filled;
}
