import { z } from 'zod';
import { EMAIL_SETTINGS_LABELS, emailSettingsSchema, emailSettingsVersionSchema } from './email-settings';
import { auditEventSchema } from './events';
import { recordTimeSchema } from './record-fields';
import { actorRefSchema } from './users';

/** What the back office's pages read from the API: the email settings and the audit log. */

export const fieldChangeSchema = z.object({
  field: z.string(),
  before: z.union([z.string(), z.number(), z.boolean(), z.null()]),
  after: z.union([z.string(), z.number(), z.boolean(), z.null()]),
});

/** The current email settings, and whether the reader may change them. */
export const emailSettingsViewSchema = emailSettingsVersionSchema.extend({
  canEdit: z.boolean(),
});
export type EmailSettingsView = z.infer<typeof emailSettingsViewSchema>;

/** A save of the email settings: the settings whole, and the version they were based on. */
export const emailSettingsUpdateSchema = z.object({
  version: z.number().int().min(0).max(2_147_483_646),
  settings: emailSettingsSchema,
});

/** One saved version in the history: who saved it, when, and what it changed from the version before. */
export const emailSettingsChangeViewSchema = z.object({
  version: z.number().int().min(1),
  savedAt: recordTimeSchema,
  savedBy: actorRefSchema.nullable(),
  changes: z.array(fieldChangeSchema),
});
export type EmailSettingsChangeView = z.infer<typeof emailSettingsChangeViewSchema>;

export const emailSettingsHistoryViewSchema = z.object({
  items: z.array(emailSettingsChangeViewSchema),
  nextCursor: z.string().nullable(),
});

/** A page of the audit log. */
export const auditLogViewSchema = z.object({
  items: z.array(auditEventSchema),
  nextCursor: z.string().nullable(),
});
export type AuditLogView = z.infer<typeof auditLogViewSchema>;

/** A changed field's name as people read it: the email settings' labels, else the field's own name. */
export function fieldLabel(field: string): string {
  return (EMAIL_SETTINGS_LABELS as Record<string, string | undefined>)[field] ?? field;
}
