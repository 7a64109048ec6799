import { z } from 'zod';
import { actorViewSchema, rateLinkViewSchema } from './api';
import { CONTRACT_ACTION_NAMES } from './contract-actions';
import type { AuditEvent, EventAction } from './events';
import type { RateLink } from './rate';
import type { ActorRef } from './users';

/**
 * Pieces of the stored records' schemas that every reader of stored records (the PostgreSQL rows, the DynamoDB
 * items, the transfer archives) parses alike. Each reader keeps its own record schemas, since they differ in
 * strictness and in what they read from; only what is the same everywhere lives here.
 */

/** Every action the audit log records. */
export const EVENT_ACTIONS = [
  'CREATE_CONTRACT',
  'CREATE_USER',
  'LOGIN',
  'LOGOUT',
  ...CONTRACT_ACTION_NAMES,
] as const;
// Fails to compile when the domain adds an event action this list does not know.
const everyEventActionIsKnown: EventAction extends (typeof EVENT_ACTIONS)[number] ? true : never = true;
void everyEventActionIsKnown;

export const eventActionSchema: z.ZodType<EventAction> = z.enum(EVENT_ACTIONS);

/** An audit event's details: small and flat. */
export const eventDetailsSchema: z.ZodType<AuditEvent['details']> = z.record(
  z.string(),
  z.union([z.string(), z.number(), z.boolean(), z.null()]),
);

/** An actor as stored in a record (unknown fields dropped). */
export const storedActorSchema: z.ZodType<ActorRef> = actorViewSchema;

/** A contract revision's link to a rate as stored in a record (unknown fields dropped). */
export const storedRateLinkSchema: z.ZodType<RateLink> = rateLinkViewSchema;
