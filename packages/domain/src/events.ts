import { z } from 'zod';
import { CONTRACT_ACTION_NAMES } from './contract-actions';
import { recordIdSchema, recordTimeSchema } from './record-fields';
import { actorRefSchema } from './users';

/** Everything the audit log records. Contract actions keep their lifecycle names. */
export const EVENT_ACTIONS = [
  'CREATE_CONTRACT',
  'CREATE_USER',
  'LOGIN',
  'LOGOUT',
  ...CONTRACT_ACTION_NAMES,
  /** A rate moved to a new parent when its parent was withdrawn: recorded on both contracts. */
  'REPARENT_RATE',
  /** A rate withdrawn on its own, and that undone: recorded on its parent and on each contract it touches. */
  'WITHDRAW_RATE',
  'UNDO_WITHDRAW_RATE',
] as const;
export type EventAction = (typeof EVENT_ACTIONS)[number];

export const eventActionSchema = z.enum(EVENT_ACTIONS);

/** An audit event's details: further affected ids or values, small and flat. */
export const eventDetailsSchema = z.record(
  z.string(),
  z.union([z.string(), z.number(), z.boolean(), z.null()]),
);

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
