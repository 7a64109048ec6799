import type { AuditEvent, AuditLogQuery } from '@docket/domain';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { cutAuditPage, decodeAuditCursor } from '../audit-log-cursor';
import type { EventLog } from '../event-log';
import type { Page, PageRequest } from '../page';
import { cutPage, decodeCursor, fetchSize, timeAndIdKey } from '../keyset';
import { timeAndIdSort } from './cursor';
import { queryAll, queryShards, type Database, type TransactionStep } from './database';
import { eventExists, isConditionFailed, isUuid } from './errors';
import { queryEventPartitions } from './dynamodb-event-queries';
import { eventItem, historyItem, toEvent } from './items';
import { GLOBAL_INDEX, globalKeys, OWNER_INDEX, owners } from './keys';

/**
 * The transaction step that writes one event, for the stores that record their change's event in the same
 * transaction. The event's item exists once per id, so a duplicate id fails its condition (→ `EVENT_EXISTS`).
 */
export function putEventStep(table: string, event: AuditEvent): TransactionStep {
  return {
    request: {
      Put: { TableName: table, Item: eventItem(event), ConditionExpression: 'attribute_not_exists(PK)' },
    },
    onConditionFailed: eventExists,
  };
}

/**
 * The transaction step that keeps the copy of a contract change's event in the contract's partition, stamped with
 * the version the change makes (see `historyItem`).
 */
export function putHistoryStep(
  table: string,
  contractId: string,
  event: AuditEvent,
  version: number,
  copies = 1,
): TransactionStep {
  return { request: { Put: { TableName: table, Item: historyItem(contractId, event, version, copies) } } };
}

/** The events of one contract, oldest first, from the owner index (which trails writes a little). */
export async function queryContractEvents(db: Database, contractId: string): Promise<AuditEvent[]> {
  const items = await queryAll(db, {
    IndexName: OWNER_INDEX.name,
    KeyConditionExpression: '#pk = :pk',
    ExpressionAttributeNames: { '#pk': OWNER_INDEX.partition },
    ExpressionAttributeValues: { ':pk': owners.contractEvents(contractId.toLowerCase()) },
  });
  return items.map(toEvent);
}

export class DynamoEventLog implements EventLog {
  constructor(private readonly db: Database) {}

  async append(event: AuditEvent): Promise<void> {
    const { request } = putEventStep(this.db.table, event);
    if (!request.Put) throw new Error('An event step is a Put');
    try {
      await this.db.documents.send(new PutCommand(request.Put));
    } catch (error) {
      if (isConditionFailed(error)) throw eventExists();
      throw error;
    }
  }

  async listForContract(contractId: string): Promise<AuditEvent[]> {
    return isUuid(contractId) ? queryContractEvents(this.db, contractId) : [];
  }

  async list(page: PageRequest): Promise<Page<AuditEvent>> {
    const after = decodeCursor(page.cursor, timeAndIdKey);
    const items = await queryShards(this.db, {
      index: GLOBAL_INDEX,
      partitions: globalKeys('EVENTS'),
      descending: true,
      after: timeAndIdSort(after),
      limit: fetchSize(page),
    });
    const cut = cutPage(items.map(toEvent), page, (event) => [event.at, event.id]);
    return { items: cut.items, nextCursor: cut.nextCursor };
  }

  async query(query: AuditLogQuery, page: PageRequest): Promise<Page<AuditEvent>> {
    const after = decodeAuditCursor(query, page.cursor);
    const items = await queryEventPartitions(this.db, query, timeAndIdSort(after), fetchSize(page));
    const cut = cutAuditPage(query, items.map(toEvent), page);
    return { items: cut.items, nextCursor: cut.nextCursor };
  }
}
