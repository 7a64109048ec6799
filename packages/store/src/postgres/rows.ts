import {
  auditEventSchema,
  contractRevisionSchema,
  contractSchema,
  programSchema,
  rateRevisionSchema,
  rateSchema,
  reviewActionSchema,
  storedContractSummary,
  userSchema,
  type AuditEvent,
  type Contract,
  type ContractSummary,
  type ContractRevision,
  type Program,
  type Rate,
  type RateRevision,
  type ReviewAction,
  type User,
} from '@docket/domain';
import { sessionSchema, type Session } from '../session-store';
import { stateRecordSchema, type StateRecord } from '../state-store';
import type * as schema from './schema';

/**
 * Rows parsed back into domain types. Nothing read from the database is trusted to have the domain's shape
 * just because a type says so: jsonb and free text columns are parsed here, so a bad row fails loudly at the
 * storage boundary instead of somewhere in a use case.
 */

type ContractRow = typeof schema.contracts.$inferSelect;
type RevisionRow = typeof schema.contractRevisions.$inferSelect;
type RateRow = typeof schema.rates.$inferSelect;
type RateRevisionRow = typeof schema.rateRevisions.$inferSelect;
type ReviewActionRow = typeof schema.reviewActions.$inferSelect;
type EventRow = typeof schema.events.$inferSelect;
type UserRow = typeof schema.users.$inferSelect;
type ProgramRow = typeof schema.programs.$inferSelect;
type StateRow = typeof schema.states.$inferSelect;
type SessionRow = typeof schema.sessions.$inferSelect;

/** The submission and unlock columns a contract revision and a rate revision share. */
type LifecycleColumns = Pick<
  RevisionRow,
  'submittedAt' | 'submittedBy' | 'submittedReason' | 'unlockedAt' | 'unlockedBy' | 'unlockedReason'
>;

/** The submission and unlock of a revision, from their columns: still to be parsed with the revision. */
function lifecycleOf(row: LifecycleColumns): { submitted: unknown; unlocked: unknown } {
  return {
    submitted:
      row.submittedAt === null
        ? null
        : { at: row.submittedAt, by: row.submittedBy, reason: row.submittedReason },
    unlocked:
      row.unlockedAt === null ? null : { at: row.unlockedAt, by: row.unlockedBy, reason: row.unlockedReason },
  };
}

export function toStateRecord(row: StateRow): StateRecord {
  return stateRecordSchema.parse(row);
}

export function toProgram(row: ProgramRow): Program {
  return programSchema.parse(row);
}

export function toUser(row: UserRow): User {
  return userSchema.parse(row);
}

export function toSession(row: SessionRow): Session {
  return sessionSchema.parse(row);
}

export function toEvent(row: EventRow): AuditEvent {
  return auditEventSchema.parse(row);
}

// Any version of the form ever written: an old revision reads back in the version it was written in.
export function toRevision(row: RevisionRow): ContractRevision {
  return contractRevisionSchema.parse({ ...row, ...lifecycleOf(row) });
}

export function toRateRevision(row: RateRevisionRow): RateRevision {
  return rateRevisionSchema.parse({ ...row, ...lifecycleOf(row) });
}

const rateColumnsSchema = rateSchema.omit({ revisions: true });
const contractColumnsSchema = contractSchema.omit({ revisions: true, reviewActions: true });

/** A rate from its row and its revisions' rows, which must be in order of number. */
export function toRate(row: RateRow, revisions: RateRevisionRow[]): Rate {
  if (revisions.length === 0) throw new Error(`Rate ${row.id} has no revision`);
  return { ...rateColumnsSchema.parse(row), revisions: revisions.map(toRateRevision) };
}

export function toReviewAction(row: ReviewActionRow): ReviewAction {
  return reviewActionSchema.parse(row);
}

/** A contract from its row and its children's rows, which must be in order (revisions by number, actions by time). */
export function toContract(
  row: ContractRow,
  revisions: RevisionRow[],
  reviewActions: ReviewActionRow[],
): Contract {
  if (revisions.length === 0) throw new Error(`Contract ${row.id} has no revision`);
  return {
    ...contractColumnsSchema.parse(row),
    revisions: revisions.map(toRevision),
    reviewActions: reviewActions.map(toReviewAction),
  };
}

/**
 * A contract's summary from its row alone, or null when the row's summary facts are not current (never filled,
 * or left behind by a write of a release that did not keep them): the caller then reads that contract whole.
 */
export function toContractSummary(row: ContractRow): ContractSummary | null {
  if (row.summaryVersion !== row.version) return null;
  return storedContractSummary(row);
}
