import {
  DIVISIONS,
  eventActionSchema,
  eventDetailsSchema,
  rateFormDraftSchema,
  REVIEW_ACTION_TYPES,
  ROLES,
  storedActorSchema,
  storedContractFormSchema,
  storedRateLinkSchema,
  summaryFactsSchema,
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
import { z } from 'zod';
import type { Session } from '../session-store';
import type { StateRecord } from '../state-store';
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

const roleSchema = z.enum(ROLES);
const divisionSchema = z.enum(DIVISIONS).nullable();
const reviewActionTypeSchema = z.enum(REVIEW_ACTION_TYPES);
const rateLinksSchema = z.array(storedRateLinkSchema);

/** The submission and unlock columns a contract revision and a rate revision share. */
type LifecycleColumns = Pick<
  RevisionRow,
  'submittedAt' | 'submittedBy' | 'submittedReason' | 'unlockedAt' | 'unlockedBy' | 'unlockedReason'
>;

function lifecycleOf(row: LifecycleColumns): Pick<ContractRevision, 'submitted' | 'unlocked'> {
  return {
    submitted:
      row.submittedAt === null
        ? null
        : { at: row.submittedAt, by: storedActorSchema.parse(row.submittedBy), reason: row.submittedReason },
    unlocked:
      row.unlockedAt === null
        ? null
        : {
            at: row.unlockedAt,
            by: storedActorSchema.parse(row.unlockedBy),
            reason: z.string().parse(row.unlockedReason),
          },
  };
}

export function toStateRecord(row: StateRow): StateRecord {
  return {
    code: row.code,
    name: row.name,
    lastContractNumber: row.lastContractNumber,
    lastRateNumber: row.lastRateNumber,
  };
}

export function toProgram(row: ProgramRow): Program {
  return {
    id: row.id,
    stateCode: row.stateCode,
    name: row.name,
    fullName: row.fullName,
    isRateProgram: row.isRateProgram,
    isDeprecated: row.isDeprecated,
  };
}

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    givenName: row.givenName,
    familyName: row.familyName,
    role: roleSchema.parse(row.role),
    stateCode: row.stateCode,
    division: divisionSchema.parse(row.division),
    assignedStates: row.assignedStates,
    disabled: row.disabled,
    createdAt: row.createdAt,
  };
}

export function toSession(row: SessionRow): Session {
  return {
    id: row.id,
    userId: row.userId,
    csrfToken: row.csrfToken,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
  };
}

export function toEvent(row: EventRow): AuditEvent {
  return {
    id: row.id,
    at: row.at,
    actor: row.actor === null ? null : storedActorSchema.parse(row.actor),
    action: eventActionSchema.parse(row.action),
    reason: row.reason,
    stateCode: row.stateCode,
    contractId: row.contractId,
    revisionId: row.revisionId,
    details: eventDetailsSchema.parse(row.details),
  };
}

export function toRevision(row: RevisionRow): ContractRevision {
  return {
    id: row.id,
    contractId: row.contractId,
    number: row.number,
    // Any version of the form ever written: an old revision reads back in the version it was written in.
    formData: storedContractFormSchema.parse(row.formData),
    rateLinks: rateLinksSchema.parse(row.rateLinks),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    ...lifecycleOf(row),
  };
}

export function toRateRevision(row: RateRevisionRow): RateRevision {
  return {
    id: row.id,
    rateId: row.rateId,
    number: row.number,
    formData: rateFormDraftSchema.parse(row.formData),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    ...lifecycleOf(row),
  };
}

/** A rate from its row and its revisions' rows, which must be in order of number. */
export function toRate(row: RateRow, revisions: RateRevisionRow[]): Rate {
  if (revisions.length === 0) throw new Error(`Rate ${row.id} has no revision`);
  return {
    id: row.id,
    stateCode: row.stateCode,
    stateNumber: row.stateNumber,
    parentContractId: row.parentContractId,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    revisions: revisions.map(toRateRevision),
  };
}

export function toReviewAction(row: ReviewActionRow): ReviewAction {
  return {
    id: row.id,
    action: reviewActionTypeSchema.parse(row.action),
    at: row.at,
    by: storedActorSchema.parse(row.by),
    reason: row.reason,
    dateApprovalReleasedToState: row.dateApprovalReleasedToState,
  };
}

/** A contract from its row and its children's rows, which must be in order (revisions by number, actions by time). */
export function toContract(
  row: ContractRow,
  revisions: RevisionRow[],
  reviewActions: ReviewActionRow[],
): Contract {
  if (revisions.length === 0) throw new Error(`Contract ${row.id} has no revision`);
  return {
    id: row.id,
    stateCode: row.stateCode,
    stateNumber: row.stateNumber,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    mccrsId: row.mccrsId,
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
  const facts = summaryFactsSchema.parse({
    lastSubmittedAt: row.lastSubmittedAt,
    latest: row.latestSlice,
    submitted: row.submittedSlice,
    submittedCount: row.submittedCount,
    draftOpen: row.draftOpen,
    lastReviewAction: row.lastReviewAction,
    sharedUpdatedAt: row.sharedUpdatedAt,
  });
  return {
    id: row.id,
    stateCode: row.stateCode,
    stateNumber: row.stateNumber,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    firstSubmittedAt: row.firstSubmittedAt,
    mccrsId: row.mccrsId,
    ...facts,
  };
}
