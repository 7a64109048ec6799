import type { AuditEvent } from '@docket/domain';
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
}
