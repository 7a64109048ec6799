import type { AuditEvent, AuditLogQuery } from '@docket/domain';
import { and, asc, desc, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import { cutAuditPage, decodeAuditCursor } from '../audit-log-cursor';
import type { EventLog } from '../event-log';
import type { Page, PageRequest } from '../page';
import { cutPage, decodeCursor, fetchSize, timeAndIdKey } from '../keyset';
import type { Database } from './database';
import { isUuid, translatingErrors } from './errors';
import { toEvent } from './rows';
import { events } from './schema';

/**
 * Writes one event with whatever handle is given, so that other stores can record their change's event inside
 * their own transaction. A duplicate id surfaces as a unique violation on `events_pkey` (→ `EVENT_EXISTS`).
 */
export async function insertEvent(db: Database, event: AuditEvent): Promise<void> {
  await eventInsert(db, event);
}

/** The insert of one event, to run or to make part of a larger statement. */
export function eventInsert(db: Database, event: AuditEvent) {
  return db.insert(events).values({
    id: event.id,
    at: event.at,
    actor: event.actor,
    action: event.action,
    reason: event.reason,
    stateCode: event.stateCode,
    contractId: event.contractId,
    revisionId: event.revisionId,
    details: event.details,
  });
}

export class PostgresEventLog implements EventLog {
  constructor(private readonly db: Database) {}

  async append(event: AuditEvent): Promise<void> {
    await translatingErrors(() => insertEvent(this.db, event));
  }

  async listForContract(contractId: string): Promise<AuditEvent[]> {
    if (!isUuid(contractId)) return [];
    const rows = await this.db
      .select()
      .from(events)
      .where(eq(events.contractId, contractId))
      .orderBy(asc(events.at), asc(events.id));
    return rows.map(toEvent);
  }

  async list(page: PageRequest): Promise<Page<AuditEvent>> {
    const after = decodeCursor(page.cursor, timeAndIdKey);
    const rows = await this.db
      .select()
      .from(events)
      .where(
        after ? sql`(${events.at}, ${events.id}) < (${after[0]}::timestamptz, ${after[1]}::uuid)` : undefined,
      )
      .orderBy(desc(events.at), desc(events.id))
      .limit(fetchSize(page));
    const cut = cutPage(rows, page, (row) => [row.at, row.id]);
    return { items: cut.items.map(toEvent), nextCursor: cut.nextCursor };
  }

  async query(query: AuditLogQuery, page: PageRequest): Promise<Page<AuditEvent>> {
    const after = decodeAuditCursor(query, page.cursor);
    // A filing or an actor that is not a UUID has no event (the schema refuses such ids before they come here).
    if (
      (query.contractId !== null && !isUuid(query.contractId)) ||
      (query.actorId !== null && !isUuid(query.actorId))
    ) {
      return { items: [], nextCursor: null };
    }
    const conditions: (SQL | undefined)[] = [
      query.actorId === null ? undefined : sql`(${events.actor}->>'userId') = ${query.actorId.toLowerCase()}`,
      query.actions === null ? undefined : inArray(events.action, [...query.actions]),
      query.stateCode === null ? undefined : eq(events.stateCode, query.stateCode),
      query.contractId === null ? undefined : eq(events.contractId, query.contractId),
      query.from === null ? undefined : gte(events.at, query.from),
      query.to === null ? undefined : lt(events.at, query.to),
      after ? sql`(${events.at}, ${events.id}) < (${after[0]}::timestamptz, ${after[1]}::uuid)` : undefined,
    ];
    const rows = await this.db
      .select()
      .from(events)
      .where(and(...conditions))
      .orderBy(desc(events.at), desc(events.id))
      .limit(fetchSize(page));
    const cut = cutAuditPage(query, rows.map(toEvent), page);
    return { items: cut.items, nextCursor: cut.nextCursor };
  }
}
