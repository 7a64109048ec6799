import type { AuditEvent, AuditLogQuery, User } from '@docket/domain';
import type { EventLog, Page, PageRequest } from '@docket/store';
import { authorizeAdmin } from './admin-access';

/**
 * One page of the store-wide audit log, filtered by the datastore. @throws ForbiddenError without VIEW_AUDIT_LOG;
 * InvalidCursorError for a cursor of another query
 */
export async function queryAuditLog(
  stores: { events: Pick<EventLog, 'query'> },
  user: User,
  query: AuditLogQuery,
  page: PageRequest,
): Promise<Page<AuditEvent>> {
  authorizeAdmin(user, 'VIEW_AUDIT_LOG');
  return stores.events.query(query, page);
}
