import {
  CONTRACT_ACTIONS,
  contractFormDraftSchema,
  DIVISIONS,
  REVIEW_ACTION_TYPES,
  ROLES,
  type ActorRef,
  type AuditEvent,
  type Contract,
  type ContractRevision,
  type EventAction,
  type Program,
  type ReviewAction,
} from '@docket/domain';
import type { Session, StateRecord, TransferKind, TransferRecords, UserWithCredentials } from '@docket/store';
import { z } from 'zod';

/**
 * The shape of every record a backup carries, as the port defines it. A restore parses each line of an archive
 * with these before anything is written, so a record that a store would refuse (or worse, accept and misread)
 * stops the restore up front. Strict: an unknown field means the archive is not what its manifest says.
 */

const EVENT_ACTIONS = ['CREATE_CONTRACT', 'CREATE_USER', 'LOGIN', 'LOGOUT', ...CONTRACT_ACTIONS] as const;
// Fails to compile when the domain adds an event action this list does not know.
const everyEventActionIsKnown: EventAction extends (typeof EVENT_ACTIONS)[number] ? true : never = true;
void everyEventActionIsKnown;

const time = z.iso.datetime();
const count = z.number().int().nonnegative();

const actorSchema: z.ZodType<ActorRef> = z.strictObject({
  userId: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
});

const stateSchema: z.ZodType<StateRecord> = z.strictObject({
  code: z.string().min(1),
  name: z.string(),
  lastContractNumber: count,
  lastRateNumber: count,
});

const programSchema: z.ZodType<Program> = z.strictObject({
  id: z.string().min(1),
  stateCode: z.string().min(1),
  name: z.string(),
  fullName: z.string(),
  isRateProgram: z.boolean(),
  isDeprecated: z.boolean(),
});

const userSchema: z.ZodType<UserWithCredentials> = z.strictObject({
  user: z.strictObject({
    id: z.string().min(1),
    email: z.string().min(1),
    givenName: z.string(),
    familyName: z.string(),
    role: z.enum(ROLES),
    stateCode: z.string().nullable(),
    division: z.enum(DIVISIONS).nullable(),
    assignedStates: z.array(z.string()),
    disabled: z.boolean(),
    createdAt: time,
  }),
  passwordHash: z.string().nullable(),
});

const sessionSchema: z.ZodType<Session> = z.strictObject({
  id: z.string().min(1),
  userId: z.string().min(1),
  csrfToken: z.string(),
  createdAt: time,
  expiresAt: time,
});

const revisionSchema: z.ZodType<ContractRevision> = z.strictObject({
  id: z.string().min(1),
  contractId: z.string().min(1),
  number: z.number().int().positive(),
  formData: contractFormDraftSchema,
  createdAt: time,
  updatedAt: time,
  submitted: z.strictObject({ at: time, by: actorSchema, reason: z.string().nullable() }).nullable(),
  unlocked: z.strictObject({ at: time, by: actorSchema, reason: z.string() }).nullable(),
});

const reviewActionSchema: z.ZodType<ReviewAction> = z.strictObject({
  id: z.string().min(1),
  action: z.enum(REVIEW_ACTION_TYPES),
  at: time,
  by: actorSchema,
  reason: z.string().nullable(),
  dateApprovalReleasedToState: z.iso.date().nullable(),
});

const contractSchema: z.ZodType<Contract> = z
  .strictObject({
    id: z.string().min(1),
    stateCode: z.string().min(1),
    stateNumber: z.number().int().positive(),
    version: z.number().int().positive(),
    createdAt: time,
    updatedAt: time,
    mccrsId: z.string().nullable(),
    revisions: z.array(revisionSchema).min(1, 'A contract has at least one revision'),
    reviewActions: z.array(reviewActionSchema),
  })
  .refine((c) => c.revisions.every((r) => r.contractId === c.id), {
    message: 'Every revision belongs to the contract that carries it',
    path: ['revisions'],
  });

const eventSchema: z.ZodType<AuditEvent> = z.strictObject({
  id: z.string().min(1),
  at: time,
  actor: actorSchema.nullable(),
  action: z.enum(EVENT_ACTIONS),
  reason: z.string().nullable(),
  stateCode: z.string().nullable(),
  contractId: z.string().nullable(),
  revisionId: z.string().nullable(),
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});

/** The schema of each kind's records. */
export const RECORD_SCHEMAS: { [K in TransferKind]: z.ZodType<TransferRecords[K]> } = {
  states: stateSchema,
  programs: programSchema,
  users: userSchema,
  sessions: sessionSchema,
  contracts: contractSchema,
  events: eventSchema,
};
