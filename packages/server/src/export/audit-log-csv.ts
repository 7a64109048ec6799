import type { Readable } from 'node:stream';
import { changesOf, fieldLabel, type AuditEvent, type AuditLogQuery, type User } from '@docket/domain';
import type { Page } from '@docket/store';
import { queryAuditLog } from '../use-cases/audit-log';
import { csvRecord, pagedCsv } from './csv';
import { CSV_PAGE_SIZE } from './contract-list-csv';

/**
 * The audit log's filtered view as CSV, newest first, streamed a page at a time (`pagedCsv`). Changes are written
 * as people read them (`Field: before → after`, one per line of the cell); the other details as `key=value`.
 * Every cell is neutralised against formulas by `csvRecord`.
 */

export const AUDIT_CSV_HEADER = [
  'When (UTC)',
  'Action',
  'Actor email',
  'Actor name',
  'Actor role',
  'State',
  'Filing ID',
  'Revision ID',
  'Reason',
  'Changes',
  'Details',
  'Event ID',
] as const;

function shown(value: unknown): string {
  return value === null || value === undefined || value === '' ? '(none)' : String(value);
}

function rowOf(event: AuditEvent): string {
  const changes = changesOf(event.details);
  const others = Object.entries(event.details)
    .filter(([key]) => !key.startsWith('before.') && !key.startsWith('after.'))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return csvRecord([
    event.at,
    event.action,
    event.actor?.email,
    event.actor?.name,
    event.actor?.role,
    event.stateCode,
    event.contractId,
    event.revisionId,
    event.reason,
    changes.map((c) => `${fieldLabel(c.field)}: ${shown(c.before)} → ${shown(c.after)}`).join('\n'),
    others.map(([key, value]) => `${key}=${shown(value)}`).join('\n'),
    event.id,
  ]);
}

/** The CSV of every event `query` selects, as a stream to send. @throws ForbiddenError before the stream is made */
export function auditLogCsv(
  stores: Parameters<typeof queryAuditLog>[0],
  user: User,
  query: AuditLogQuery,
): Promise<Readable> {
  return pagedCsv(
    AUDIT_CSV_HEADER,
    (cursor) => queryAuditLog(stores, user, query, { limit: CSV_PAGE_SIZE, cursor }),
    (page: Page<AuditEvent>) => page.items.map(rowOf).join(''),
  );
}
