import { z } from 'zod';
import { eventActionSchema } from './events';
import { recordTimeSchema } from './record-fields';
import { stateCodeSchema } from './users';

/**
 * What the audit log page asks the event log for. Every filter is optional; given together they all apply. The
 * time range is half-open: `from` inclusive, `to` exclusive, so that consecutive ranges (one day, the next) never
 * show an event twice nor lose one. The log answers newest first (by time, then id).
 */

/** More actions than the page's select offers at once, far fewer than abuse. */
export const MAX_ACTION_FILTERS = 20;

export const auditLogQuerySchema = z
  .object({
    /** The acting user's id (`actor.userId`); events of the system itself have none and never match. */
    actorId: z.uuid().nullable(),
    /** One of these actions; null: any. */
    actions: z.array(eventActionSchema).min(1).max(MAX_ACTION_FILTERS).readonly().nullable(),
    stateCode: stateCodeSchema.nullable(),
    /** The filing's id (`contractId`). */
    contractId: z.uuid().nullable(),
    /** Inclusive. */
    from: recordTimeSchema.nullable(),
    /** Exclusive. */
    to: recordTimeSchema.nullable(),
  })
  .refine((q) => q.from === null || q.to === null || Date.parse(q.from) < Date.parse(q.to), {
    message: 'Must be after the start of the range',
    path: ['to'],
  });
export type AuditLogQuery = z.infer<typeof auditLogQuerySchema>;

/** No filter: every event. */
export const EVERY_EVENT: AuditLogQuery = {
  actorId: null,
  actions: null,
  stateCode: null,
  contractId: null,
  from: null,
  to: null,
};
