import {
  actorRefSchema,
  auditEventSchema,
  contractReviewerSchema,
  contractRevisionSchema,
  contractSchema,
  emailSettingsSchema,
  emailSettingsVersionSchema,
  programSchema,
  rateLinkSchema,
  rateRevisionSchema,
  rateSchema,
  reversalInfoSchema,
  reviewActionSchema,
  submitInfoSchema,
  unlockInfoSchema,
  userSchema,
  type Contract,
  type Rate,
} from '@docket/domain';
import {
  sessionFieldsSchema,
  withIdleExpiry,
  stateRecordSchema,
  TRANSFER_KINDS,
  userWithCredentialsSchema,
  type TransferKind,
  type TransferRecords,
} from '@docket/store';
import { z } from 'zod';

/**
 * The shape of every record a backup carries: the domain's and the port's record schemas, made strict at every
 * level of the record (an unknown field means the archive is not what its manifest says). A restore parses each
 * line of an archive with these before anything is written, so a record that a store would refuse (or worse,
 * accept and misread) stops the restore up front.
 *
 * Archives of an older format version hold records of an older shape: `archivedRecordSchema` reads them as they
 * were written (so that their content hashes can be checked against the manifest) and brings them up to today's.
 *
 * A contract's or a rate's `reversedRevisions` (the drafts undo unlocks discarded, ADR 0026) came after format
 * version 3: an archive of any version may go without them, and is read as it was written (its hashes were made
 * without them), the record getting an empty list.
 */

const actor = actorRefSchema.strict();
const submitted = submitInfoSchema.strict().extend({ by: actor });
const unlocked = unlockInfoSchema.strict().extend({ by: actor });

/** A contract revision as format version 1 wrote it: before rates, so without rate links. */
const revisionV1 = contractRevisionSchema
  .strict()
  .omit({ rateLinks: true })
  .extend({ submitted: submitted.nullable(), unlocked: unlocked.nullable() });
const revision = revisionV1.extend({ rateLinks: z.array(rateLinkSchema.strict()) });
const reversed = reversalInfoSchema.strict().extend({ by: actor });

/** A record as archived, with its reversed revisions (an empty list when the archive has none). */
function withReversed<T extends { reversedRevisions?: unknown[] | undefined }>(
  archived: T,
): T & { reversedRevisions: NonNullable<T['reversedRevisions']> } {
  return { ...archived, reversedRevisions: archived.reversedRevisions ?? [] };
}

const reviewAction = reviewActionSchema.strict().extend({ by: actor });

/** A contract with revisions of the shape given, as archived. */
function contractSchemaOf<R extends { contractId: string }>(revisions: z.ZodType<R>) {
  return contractSchema
    .strict()
    .extend({
      revisions: z.array(revisions).min(1, 'A contract has at least one revision'),
      reviewActions: z.array(reviewAction),
      reversedRevisions: z.array(revision.extend({ reversed })).optional(),
    })
    .refine((c) => c.revisions.every((r) => r.contractId === c.id), {
      message: 'Every revision belongs to the contract that carries it',
      path: ['revisions'],
    });
}

const archivedContract = contractSchemaOf(revision);
const contract: z.ZodType<Contract> = archivedContract.transform(withReversed);
const contractV1 = contractSchemaOf(revisionV1);

const rateRevision = rateRevisionSchema
  .strict()
  .extend({ submitted: submitted.nullable(), unlocked: unlocked.nullable() });

const archivedRate = rateSchema
  .strict()
  .extend({
    revisions: z.array(rateRevision).min(1, 'A rate has at least one revision'),
    reversedRevisions: z.array(rateRevision.extend({ reversed })).optional(),
  })
  .refine((r) => r.revisions.every((revision) => revision.rateId === r.id), {
    message: 'Every revision belongs to the rate that carries it',
    path: ['revisions'],
  });
const rate: z.ZodType<Rate> = archivedRate.transform(withReversed);

/** A user as archived: archives written before users had versions hold neither a version nor a reset flag. */
const archivedUser = userWithCredentialsSchema.strict().extend({
  user: userSchema.strict().extend({
    version: userSchema.shape.version.unwrap().optional(),
    mustChangePassword: userSchema.shape.mustChangePassword.unwrap().optional(),
  }),
});

/** The schema of each kind's records. */
export const RECORD_SCHEMAS: { [K in TransferKind]: z.ZodType<TransferRecords[K]> } = {
  states: stateRecordSchema.strict(),
  programs: programSchema.strict(),
  users: userWithCredentialsSchema.strict().extend({ user: userSchema.strict() }),
  sessions: sessionFieldsSchema.strict().transform(withIdleExpiry),
  contracts: contract,
  rates: rate,
  reviewers: contractReviewerSchema.strict().extend({ assignedBy: actor }),
  events: auditEventSchema.strict().extend({ actor: actor.nullable() }),
  // A stored version was saved by someone at some time; only the defaults (never stored) have neither.
  emailSettings: emailSettingsVersionSchema
    .strict()
    .extend({
      version: emailSettingsVersionSchema.shape.version.min(1),
      settings: emailSettingsSchema.strict(),
      savedBy: actor.nullable(),
    })
    .refine((saved) => saved.savedAt !== null, {
      message: 'A stored version has its time',
      path: ['savedAt'],
    }),
};

/**
 * The kinds added since the last format version: an archive of any version may hold them (this build writes them)
 * or not (an older build did not know them); an archive without one restores none of it.
 */
export const KINDS_SINCE_FORMAT: readonly TransferKind[] = ['emailSettings', 'reviewers'];

/** The archive format versions this build reads. */
export const ARCHIVE_VERSIONS = [1, 2, 3] as const;
export type ArchiveVersion = (typeof ARCHIVE_VERSIONS)[number];

/** The kinds of record an archive of each format version holds: version 1 predates rates, and the kinds since the last format. */
export const ARCHIVED_KINDS: Record<ArchiveVersion, readonly TransferKind[]> = {
  1: TRANSFER_KINDS.filter((kind) => kind !== 'rates' && !KINDS_SINCE_FORMAT.includes(kind)),
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
    contracts: contractV1.transform((archived) => ({
      archived,
      record: withReversed({
        ...archived,
        revisions: archived.revisions.map((r) => ({ ...r, rateLinks: [] })),
      }),
    })),
  },
  2: {},
  3: {},
};

/** The kinds whose records may lack what they hold today, in an archive of any version. */
const OPTIONAL_SINCE: { [K in TransferKind]?: z.ZodType<ArchivedRecord<K>> } = {
  contracts: archivedContract.transform((archived) => ({ archived, record: withReversed(archived) })),
  rates: archivedRate.transform((archived) => ({ archived, record: withReversed(archived) })),
  users: archivedUser.transform((archived) => ({
    archived,
    record: userWithCredentialsSchema.parse(archived),
  })),
};

/** Parses one record of `kind` as an archive of format `version` wrote it, and brings it up to today's shape. */
export function archivedRecordSchema<K extends TransferKind>(
  version: ArchiveVersion,
  kind: K,
): z.ZodType<ArchivedRecord<K>> {
  const older: { [L in TransferKind]?: z.ZodType<ArchivedRecord<L>> } = OLDER_SHAPES[version];
  const optional: { [L in TransferKind]?: z.ZodType<ArchivedRecord<L>> } = OPTIONAL_SINCE;
  const schema: z.ZodType<TransferRecords[K]> = RECORD_SCHEMAS[kind];
  return older[kind] ?? optional[kind] ?? schema.transform((record) => ({ archived: record, record }));
}
