import {
  DIVISIONS,
  eventActionSchema,
  eventDetailsSchema,
  rateFormDraftSchema,
  REVIEW_ACTION_TYPES,
  ROLES,
  storedContractFormSchema,
  type ActorRef,
  type AuditEvent,
  type Contract,
  type ContractRevision,
  type Program,
  type Rate,
  type RateLink,
  type RateRevision,
  type ReviewAction,
  type SubmitInfo,
  type UnlockInfo,
} from '@docket/domain';
import {
  TRANSFER_KINDS,
  type Session,
  type StateRecord,
  type TransferKind,
  type TransferRecords,
  type UserWithCredentials,
} from '@docket/store';
import { z } from 'zod';

/**
 * The shape of every record a backup carries, as the port defines it. A restore parses each line of an archive
 * with these before anything is written, so a record that a store would refuse (or worse, accept and misread)
 * stops the restore up front. Strict: an unknown field means the archive is not what its manifest says.
 *
 * Archives of an older format version hold records of an older shape: `archivedRecordSchema` reads them as they
 * were written (so that their content hashes can be checked against the manifest) and brings them up to today's.
 */

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

const submitInfoSchema: z.ZodType<SubmitInfo> = z.strictObject({
  at: time,
  by: actorSchema,
  reason: z.string().nullable(),
});
const unlockInfoSchema: z.ZodType<UnlockInfo> = z.strictObject({
  at: time,
  by: actorSchema,
  reason: z.string(),
});

const rateLinkSchema: z.ZodType<RateLink> = z.strictObject({
  rateId: z.string().min(1),
  rateRevisionId: z.string().min(1).nullable(),
});

/** A contract revision as format version 1 wrote it: before rates, so without rate links. */
const revisionV1Shape = {
  id: z.string().min(1),
  contractId: z.string().min(1),
  number: z.number().int().positive(),
  formData: storedContractFormSchema,
  createdAt: time,
  updatedAt: time,
  submitted: submitInfoSchema.nullable(),
  unlocked: unlockInfoSchema.nullable(),
};

const revisionSchema: z.ZodType<ContractRevision> = z.strictObject({
  ...revisionV1Shape,
  rateLinks: z.array(rateLinkSchema),
});

const reviewActionSchema: z.ZodType<ReviewAction> = z.strictObject({
  id: z.string().min(1),
  action: z.enum(REVIEW_ACTION_TYPES),
  at: time,
  by: actorSchema,
  reason: z.string().nullable(),
  dateApprovalReleasedToState: z.iso.date().nullable(),
});

/** A contract with revisions of the shape given. */
function contractSchemaOf<R extends { contractId: string }>(revision: z.ZodType<R>) {
  return z
    .strictObject({
      id: z.string().min(1),
      stateCode: z.string().min(1),
      stateNumber: z.number().int().positive(),
      version: z.number().int().positive(),
      createdAt: time,
      updatedAt: time,
      mccrsId: z.string().nullable(),
      revisions: z.array(revision).min(1, 'A contract has at least one revision'),
      reviewActions: z.array(reviewActionSchema),
    })
    .refine((c) => c.revisions.every((r) => r.contractId === c.id), {
      message: 'Every revision belongs to the contract that carries it',
      path: ['revisions'],
    });
}

const contractSchema: z.ZodType<Contract> = contractSchemaOf(revisionSchema);
const contractV1Schema = contractSchemaOf(z.strictObject(revisionV1Shape));

const rateRevisionSchema: z.ZodType<RateRevision> = z.strictObject({
  id: z.string().min(1),
  rateId: z.string().min(1),
  number: z.number().int().positive(),
  formData: rateFormDraftSchema,
  createdAt: time,
  updatedAt: time,
  submitted: submitInfoSchema.nullable(),
  unlocked: unlockInfoSchema.nullable(),
});

const rateSchema: z.ZodType<Rate> = z
  .strictObject({
    id: z.string().min(1),
    stateCode: z.string().min(1),
    stateNumber: z.number().int().positive(),
    parentContractId: z.string().min(1),
    createdAt: time,
    updatedAt: time,
    revisions: z.array(rateRevisionSchema).min(1, 'A rate has at least one revision'),
  })
  .refine((r) => r.revisions.every((revision) => revision.rateId === r.id), {
    message: 'Every revision belongs to the rate that carries it',
    path: ['revisions'],
  });

const eventSchema: z.ZodType<AuditEvent> = z.strictObject({
  id: z.string().min(1),
  at: time,
  actor: actorSchema.nullable(),
  action: eventActionSchema,
  reason: z.string().nullable(),
  stateCode: z.string().nullable(),
  contractId: z.string().nullable(),
  revisionId: z.string().nullable(),
  details: eventDetailsSchema,
});

/** The schema of each kind's records. */
export const RECORD_SCHEMAS: { [K in TransferKind]: z.ZodType<TransferRecords[K]> } = {
  states: stateSchema,
  programs: programSchema,
  users: userSchema,
  sessions: sessionSchema,
  contracts: contractSchema,
  rates: rateSchema,
  events: eventSchema,
};

/** The archive format versions this build reads. */
export const ARCHIVE_VERSIONS = [1, 2, 3] as const;
export type ArchiveVersion = (typeof ARCHIVE_VERSIONS)[number];

/** The kinds of record an archive of each format version holds: version 1 predates rates. */
export const ARCHIVED_KINDS: Record<ArchiveVersion, readonly TransferKind[]> = {
  1: TRANSFER_KINDS.filter((kind) => kind !== 'rates'),
  2: TRANSFER_KINDS,
  3: TRANSFER_KINDS,
};

/** A record read from an archive: as the archive holds it, and as today's datastore takes it. */
export interface ArchivedRecord<K extends TransferKind> {
  /** What the manifest's content hash was computed over. */
  archived: unknown;
  record: TransferRecords[K];
}

/** Readers of the kinds whose shape changed since an older format version, by version. */
const OLDER_SHAPES: { [V in ArchiveVersion]: { [K in TransferKind]?: z.ZodType<ArchivedRecord<K>> } } = {
  1: {
    // Before rates: revisions get the empty rate links they implicitly had.
    contracts: contractV1Schema.transform((archived) => ({
      archived,
      record: { ...archived, revisions: archived.revisions.map((r) => ({ ...r, rateLinks: [] })) },
    })),
  },
  2: {},
  3: {},
};

/** Parses one record of `kind` as an archive of format `version` wrote it, and brings it up to today's shape. */
export function archivedRecordSchema<K extends TransferKind>(
  version: ArchiveVersion,
  kind: K,
): z.ZodType<ArchivedRecord<K>> {
  const older: { [L in TransferKind]?: z.ZodType<ArchivedRecord<L>> } = OLDER_SHAPES[version];
  const schema: z.ZodType<TransferRecords[K]> = RECORD_SCHEMAS[kind];
  return older[kind] ?? schema.transform((record) => ({ archived: record, record }));
}
