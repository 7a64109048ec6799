import type { AuditEvent, AuditLogQuery } from '@docket/domain';
import type { Page, PageRequest } from './page';

/**
 * The store-wide, append-only audit log. Events are written by the other stores in the same transaction as the
 * change they record, or appended here on their own. They are never updated or deleted.
 */
export interface EventLog {
  /** @throws UniquenessError with code `EVENT_EXISTS` when an event with the same id exists. */
  append(event: AuditEvent): Promise<void>;

  /** The events of one contract, oldest first (by time, then id). Empty when there are none. */
  listForContract(contractId: string): Promise<AuditEvent[]>;

  /** Every event, newest first (by time, then id), a page at a time. */
  list(page: PageRequest): Promise<Page<AuditEvent>>;

  /**
   * The events that match every filter of the query, newest first (by time, then id), a page at a time; `from` is
   * inclusive and `to` exclusive. Served by an index of the most selective filter given, and every page is full
   * but the last, however few events the other filters keep. Events appended while a client pages appear on no
   * page after the one they would precede, and none is shown twice.
   * @throws InvalidCursorError for a cursor this list did not hand out for this same query.
   */
  query(query: AuditLogQuery, page: PageRequest): Promise<Page<AuditEvent>>;
}
