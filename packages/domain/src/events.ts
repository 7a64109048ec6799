import { z } from 'zod';
import { CONTRACT_ACTION_NAMES } from './contract-actions';
import { recordIdSchema, recordTimeSchema } from './record-fields';
import { actorRefSchema } from './users';

/** Everything the audit log records. Contract actions keep their lifecycle names. */
export const EVENT_ACTIONS = [
  'CREATE_CONTRACT',
  'CREATE_USER',
  /** An administrator's changes to a user; each carries the prior and the new values (see `changeDetails`). */
  'UPDATE_USER',
  'DISABLE_USER',
  'ENABLE_USER',
  'RESET_PASSWORD',
  'CHANGE_PASSWORD',
  /** Every session of a user ended at once: by an administrator, or by the user for their other sessions. */
  'END_SESSIONS',
  'LOGIN',
  /** A refused login: the email as typed (never the password) and why, in the details. */
  'LOGIN_FAILED',
  'LOGOUT',
  /** A reviewer assigned to, or taken off, one filing. */
  'ASSIGN_REVIEWER',
  'UNASSIGN_REVIEWER',
  /** A new version of the email settings, with the prior and the new values. */
  'UPDATE_EMAIL_SETTINGS',
  ...CONTRACT_ACTION_NAMES,
  /** A rate moved to a new parent when its parent was withdrawn: recorded on both contracts. */
  'REPARENT_RATE',
  /** A rate withdrawn on its own, and that undone: recorded on its parent and on each contract it touches. */
  'WITHDRAW_RATE',
  'UNDO_WITHDRAW_RATE',
] as const;
export type EventAction = (typeof EVENT_ACTIONS)[number];

export const eventActionSchema = z.enum(EVENT_ACTIONS);

/** One value of an event's details. */
export type DetailValue = string | number | boolean | null;

/** An audit event's details: further affected ids or values, small and flat. */
export const eventDetailsSchema = z.record(
  z.string(),
  z.union([z.string(), z.number(), z.boolean(), z.null()]),
);
export type EventDetails = z.infer<typeof eventDetailsSchema>;

const BEFORE = 'before.';
const AFTER = 'after.';

/**
 * The details of a change: for each field whose value differs, `before.<field>` and `after.<field>`. Details stay
 * flat, so the log's every reader (the audit page, its CSV, a backup) reads a change without knowing its record.
 * A list is given as one value (see `listValue`). Fields equal on both sides are left out.
 */
export function changeDetails(
  before: Readonly<Record<string, DetailValue>>,
  after: Readonly<Record<string, DetailValue>>,
): EventDetails {
  const details: EventDetails = {};
  for (const field of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const prior = before[field] ?? null;
    const next = after[field] ?? null;
    if (prior === next) continue;
    details[BEFORE + field] = prior;
    details[AFTER + field] = next;
  }
  return details;
}

/** A list as one detail value: sorted, comma-separated, so equal sets compare equal. */
export function listValue(values: readonly string[]): string {
  return [...values].sort().join(', ');
}

/** A field an event changed, read back from its details. */
export interface FieldChange {
  field: string;
  before: DetailValue;
  after: DetailValue;
}

/** The changes an event's details record (`changeDetails`), in field order; none for other details. */
export function changesOf(details: EventDetails): FieldChange[] {
  const fields = new Set(
    Object.keys(details)
      .filter((key) => key.startsWith(BEFORE) || key.startsWith(AFTER))
      .map((key) => key.slice(key.indexOf('.') + 1)),
  );
  return [...fields].sort().map((field) => ({
    field,
    before: details[BEFORE + field] ?? null,
    after: details[AFTER + field] ?? null,
  }));
}

/** An immutable entry of the store-wide audit log. */
export const auditEventSchema = z.object({
  /** Unique; chosen by the writer (a UUID) so that retries are idempotent. */
  id: recordIdSchema,
  at: recordTimeSchema,
  /** Null for actions of the system itself (seeding, migrations). */
  actor: actorRefSchema.nullable(),
  action: eventActionSchema,
  reason: z.string().nullable(),
  stateCode: z.string().nullable(),
  contractId: z.string().nullable(),
  revisionId: z.string().nullable(),
  details: eventDetailsSchema,
});
export type AuditEvent = z.infer<typeof auditEventSchema>;

/**
 * Whether an event belongs in a filing's history as its summary page shows it: every change of the filing but a
 * draft save. Saves are the state's work in progress, as many as the state makes (a draft saved a thousand times
 * would bury every milestone and make each read of the filing read a thousand events); they stay in the audit log.
 */
export function isFilingMilestone(event: Pick<AuditEvent, 'action'>): boolean {
  return event.action !== 'SAVE_DRAFT';
}
