import { z } from 'zod';
import { listValue, type DetailValue } from './events';
import { recordTimeSchema } from './record-fields';
import { actorRefSchema, emailSchema } from './users';

/**
 * Who gets Docket's mail and whom it comes from. One record, kept in versions: each save is a new version, the
 * old ones stay as the history of changes. The mail of the next release reads the current version.
 */

/** No list grows past this: a distribution list is a handful of people, not a mailing list. */
export const MAX_EMAIL_LIST_LENGTH = 100;

/** The lists, in the order the settings page shows them. */
export const EMAIL_LIST_FIELDS = [
  'reviewTeamEmails',
  'dmcoEmails',
  'dmcpReviewEmails',
  'dmcpSubmissionEmails',
  'oactEmails',
] as const;
export type EmailListField = (typeof EMAIL_LIST_FIELDS)[number];

/** The single addresses, in the order the settings page shows them. */
export const EMAIL_ADDRESS_FIELDS = [
  'senderEmail',
  'helpDeskEmail',
  'cmsReviewHelpEmail',
  'cmsRateHelpEmail',
] as const;
export type EmailAddressField = (typeof EMAIL_ADDRESS_FIELDS)[number];

export type EmailSettingsField = EmailListField | EmailAddressField;

/** What each field is called on the page, in errors and in the audit log. */
export const EMAIL_SETTINGS_LABELS: Record<EmailSettingsField, string> = {
  reviewTeamEmails: 'Review team',
  dmcoEmails: 'DMCO',
  dmcpReviewEmails: 'DMCP review',
  dmcpSubmissionEmails: 'DMCP submission',
  oactEmails: 'OACT',
  senderEmail: 'Sender (From)',
  helpDeskEmail: 'Help desk',
  cmsReviewHelpEmail: 'CMS review help',
  cmsRateHelpEmail: 'CMS rate help',
};

/**
 * A list of addresses: each one valid, in normal form (trimmed, lower-cased); the same address given twice is kept
 * once, in the order first given.
 */
const emailListSchema = z
  .array(emailSchema)
  .max(MAX_EMAIL_LIST_LENGTH, `At most ${MAX_EMAIL_LIST_LENGTH} addresses`)
  .transform((emails) => [...new Set(emails)]);

/** One address, or none (an empty string is none). */
const optionalEmailSchema = z.preprocess(
  (value) => (typeof value === 'string' && value.trim() === '' ? null : value),
  emailSchema.nullable(),
);

export const emailSettingsSchema = z.object({
  reviewTeamEmails: emailListSchema,
  dmcoEmails: emailListSchema,
  dmcpReviewEmails: emailListSchema,
  dmcpSubmissionEmails: emailListSchema,
  oactEmails: emailListSchema,
  /** The `From` of every message Docket sends; none until an administrator sets it. */
  senderEmail: optionalEmailSchema,
  helpDeskEmail: optionalEmailSchema,
  cmsReviewHelpEmail: optionalEmailSchema,
  cmsRateHelpEmail: optionalEmailSchema,
});
export type EmailSettings = z.output<typeof emailSettingsSchema>;

/** The settings before anyone saves them: no lists, no addresses (version 0). */
export const DEFAULT_EMAIL_SETTINGS: EmailSettings = {
  reviewTeamEmails: [],
  dmcoEmails: [],
  dmcpReviewEmails: [],
  dmcpSubmissionEmails: [],
  oactEmails: [],
  senderEmail: null,
  helpDeskEmail: null,
  cmsReviewHelpEmail: null,
  cmsRateHelpEmail: null,
};

/** One saved version of the email settings: what it holds, when and by whom it was saved. */
export const emailSettingsVersionSchema = z.object({
  /** 1 for the first save; 0 for the defaults nobody saved yet. */
  version: z.number().int().min(0),
  settings: emailSettingsSchema,
  /** Null for the defaults. */
  savedAt: recordTimeSchema.nullable(),
  /** Null for the defaults, and for a version written by the system (a seed). */
  savedBy: actorRefSchema.nullable(),
});
export type EmailSettingsVersion = z.infer<typeof emailSettingsVersionSchema>;

export const DEFAULT_EMAIL_SETTINGS_VERSION: EmailSettingsVersion = {
  version: 0,
  settings: DEFAULT_EMAIL_SETTINGS,
  savedAt: null,
  savedBy: null,
};

/** The settings as audit-event values: each list as one value (`listValue`), for `changeDetails`. */
export function emailSettingsValues(settings: EmailSettings): Record<EmailSettingsField, DetailValue> {
  return {
    reviewTeamEmails: listValue(settings.reviewTeamEmails),
    dmcoEmails: listValue(settings.dmcoEmails),
    dmcpReviewEmails: listValue(settings.dmcpReviewEmails),
    dmcpSubmissionEmails: listValue(settings.dmcpSubmissionEmails),
    oactEmails: listValue(settings.oactEmails),
    senderEmail: settings.senderEmail,
    helpDeskEmail: settings.helpDeskEmail,
    cmsReviewHelpEmail: settings.cmsReviewHelpEmail,
    cmsRateHelpEmail: settings.cmsRateHelpEmail,
  };
}
