import { createHash } from 'node:crypto';
import type { AuditEvent, AuditLogQuery } from '@docket/domain';
import { InvalidCursorError, type PageRequest } from './page';
import { cutPage, decodeCursor, timeIdAndFilterKey } from './keyset';

/**
 * The cursor of the audit log's queries, the same on every adapter: the (time, id) of the last event of a page and
 * a fingerprint of the query it belongs to, so a cursor taken from one query (or forged for another) is refused
 * instead of silently paging a different list.
 */

/** The query's filters in one canonical form: the same filters, in any order, have the same fingerprint. */
export function queryFingerprint(query: AuditLogQuery): string {
  const canonical = JSON.stringify([
    query.actorId?.toLowerCase() ?? null,
    query.actions === null ? null : [...new Set(query.actions)].sort(),
    query.stateCode,
    query.contractId?.toLowerCase() ?? null,
    query.from === null ? null : new Date(query.from).toISOString(),
    query.to === null ? null : new Date(query.to).toISOString(),
  ]);
  return createHash('sha256').update(canonical).digest('hex').slice(0, 16);
}

/** Where the page after `cursor` starts: after this (time, id); null for the first page. @throws InvalidCursorError */
export function decodeAuditCursor(
  query: AuditLogQuery,
  cursor: string | null | undefined,
): readonly [string, string] | null {
  const key = decodeCursor(cursor, timeIdAndFilterKey);
  if (key === null) return null;
  if (key[2] !== queryFingerprint(query)) throw new InvalidCursorError();
  return [key[0], key[1]];
}

/** Cuts a page of events (one more fetched than asked for) and makes its cursor. */
export function cutAuditPage(query: AuditLogQuery, events: AuditEvent[], page: PageRequest) {
  const fingerprint = queryFingerprint(query);
  return cutPage(events, page, (event) => [event.at, event.id, fingerprint]);
}
