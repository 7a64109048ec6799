import {
  auditLogViewSchema,
  emailSettingsHistoryViewSchema,
  emailSettingsViewSchema,
  type AuditLogView,
  type EmailSettings,
  type EmailSettingsView,
} from '@docket/domain';
import { request } from './client';

/** The current email settings (`GET /api/settings/email`). */
export function getEmailSettings(): Promise<EmailSettingsView> {
  return request('GET', '/api/settings/email', { schema: emailSettingsViewSchema });
}

/** Saves the settings over `version` (`PUT /api/settings/email`); a stale version fails with VERSION_CONFLICT. */
export function saveEmailSettings(version: number, settings: EmailSettings): Promise<EmailSettingsView> {
  return request('PUT', '/api/settings/email', {
    body: { version, settings },
    schema: emailSettingsViewSchema,
  });
}

/** The latest saved versions, each with what it changed. */
export function getEmailSettingsHistory(limit = 20) {
  return request('GET', `/api/settings/email/history?limit=${limit}`, {
    schema: emailSettingsHistoryViewSchema,
  });
}

/** One page of the audit log for the filters in `params` (`GET /api/events`). */
export function listAuditEvents(params: URLSearchParams, limit = 25): Promise<AuditLogView> {
  const query = new URLSearchParams(params);
  query.set('limit', String(limit));
  return request('GET', `/api/events?${query.toString()}`, { schema: auditLogViewSchema });
}
