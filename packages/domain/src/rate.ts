import { z } from 'zod';
import {
  contractStatus,
  filedRecordShape,
  reversalInfoSchema,
  revisionShape,
  type ConsolidatedStatus,
  type Contract,
} from './contract';
import { rateFormDraftSchema, rateName, type RateFormData } from './rate-form';
import { recordIdSchema, recordTimeSchema } from './record-fields';
import type { Program } from './reference-data';
import { actorRefSchema } from './users';

/** A rate on a contract revision; defined beside the revision that holds it. */
export type { RateLink } from './contract';

/** One version of a rate's answers. Write-once after `submitted` is set, like a contract revision. */
export const rateRevisionSchema = z.object({
  ...revisionShape,
  rateId: recordIdSchema,
  formData: rateFormDraftSchema,
});
export type RateRevision = z.infer<typeof rateRevisionSchema>;

/** A draft revision of the rate that an undo unlock of its parent discarded, with the reversal. */
export const reversedRateRevisionSchema = rateRevisionSchema.extend({ reversed: reversalInfoSchema });
export type ReversedRateRevision = z.infer<typeof reversedRateRevisionSchema>;

/** A rate's own review decisions (DOMAIN §5): withdrawing the rate, and undoing that. */
export const RATE_REVIEW_ACTION_TYPES = ['WITHDRAW', 'UNDO_WITHDRAW'] as const;
export type RateReviewActionType = (typeof RATE_REVIEW_ACTION_TYPES)[number];

/**
 * A CMS decision about the rate itself, kept on the rate (append-only), written under its parent's version
 * (docs/adr/0028-rate-withdrawals.md).
 */
export const rateReviewActionSchema = z.object({
  id: recordIdSchema,
  action: z.enum(RATE_REVIEW_ACTION_TYPES),
  at: recordTimeSchema,
  by: actorRefSchema,
  reason: z.string(),
  /**
   * WITHDRAW: the contracts the rate was detached from (its parent first, then every contract whose latest
   * submission or open draft linked it). UNDO_WITHDRAW: those of them it was linked to again.
   */
  contractIds: z.array(recordIdSchema),
});
export type RateReviewAction = z.infer<typeof rateReviewActionSchema>;

/**
 * A rate certification (DOMAIN §3.3): its own entity, numbered by its state's rate counter. Only its parent
 * contract edits it, and every write to it is part of a write to that contract (guarded by the contract's
 * version); other contracts of the state may link its submitted revisions read-only.
 */
export const rateSchema = z.object({
  ...filedRecordShape,
  /** The contract that created the rate and is the only one that can edit it. */
  parentContractId: recordIdSchema,
  /** Oldest first; never empty. At most the last one is unsubmitted. */
  revisions: z.array(rateRevisionSchema),
  /** The draft revisions undo unlocks discarded, oldest first; none in records stored before they were kept. */
  reversedRevisions: z.array(reversedRateRevisionSchema).default([]),
  /** The rate's own review decisions, oldest first. Absent from the records of older releases: none. */
  reviewActions: z.array(rateReviewActionSchema).default([]),
});
export type Rate = z.infer<typeof rateSchema>;

export type RateStatus = 'DRAFT' | 'SUBMITTED' | 'UNLOCKED' | 'RESUBMITTED';

/** A rate's review status (DOMAIN §5). */
export type RateReviewStatus = 'UNDER_REVIEW' | 'WITHDRAWN';

/** The one status a rate is shown with: its submission status, or WITHDRAWN. */
export const RATE_CONSOLIDATED_STATUSES = [
  'DRAFT',
  'SUBMITTED',
  'UNLOCKED',
  'RESUBMITTED',
  'WITHDRAWN',
] as const;
export type RateConsolidatedStatus = (typeof RATE_CONSOLIDATED_STATUSES)[number];

/** The rate's own withdrawal in force: its latest review action when that is a WITHDRAW, else undefined. */
export function ownWithdrawal(rate: Pick<Rate, 'reviewActions'>): RateReviewAction | undefined {
  const last = rate.reviewActions.at(-1);
  return last?.action === 'WITHDRAW' ? last : undefined;
}

/**
 * A rate's review status, the one rule every reader and writer asks: WITHDRAWN when the rate's own latest review
 * action is a WITHDRAW, or while its parent contract is withdrawn (it went with it: no live contract linked it
 * then, or it would have moved, ADR 0025); otherwise UNDER_REVIEW.
 */
export function rateReviewStatus(
  parent: Pick<Contract, 'revisions' | 'reviewActions'> | ConsolidatedStatus,
  rate: Pick<Rate, 'reviewActions'>,
): RateReviewStatus {
  const parentStatus = typeof parent === 'string' ? parent : contractStatus(parent);
  return ownWithdrawal(rate) !== undefined || parentStatus === 'WITHDRAWN' ? 'WITHDRAWN' : 'UNDER_REVIEW';
}

/**
 * The status a rate is shown with (its page, dashboards, the contracts that link it): WITHDRAWN, or `rateStatus`.
 * `parent` is the parent contract, or its consolidated status when only its summary was read.
 */
export function rateConsolidatedStatus(
  parent: Pick<Contract, 'revisions' | 'reviewActions'> | ConsolidatedStatus,
  rate: Pick<Rate, 'revisions' | 'reviewActions'>,
): RateConsolidatedStatus {
  return rateReviewStatus(parent, rate) === 'WITHDRAWN' ? 'WITHDRAWN' : rateStatus(rate);
}

export function latestRateRevision(rate: Pick<Rate, 'revisions'>): RateRevision {
  const last = rate.revisions.at(-1);
  if (!last) throw new Error('A rate always has at least one revision');
  return last;
}

export function lastSubmittedRateRevision(rate: Pick<Rate, 'revisions'>): RateRevision | undefined {
  return rate.revisions.filter((r) => r.submitted !== null).at(-1);
}

/**
 * When the rate last changed as everyone who may read it sees it: while a draft revision is open, the time it was
 * opened; otherwise the time of the last change (as `sharedUpdatedAt` of a contract).
 */
export function sharedRateUpdatedAt(rate: Pick<Rate, 'revisions' | 'updatedAt'>): string {
  const latest = latestRateRevision(rate);
  return latest.submitted === null ? latest.createdAt : rate.updatedAt;
}

export function rateStatus(rate: Pick<Rate, 'revisions'>): RateStatus {
  const submitted = rate.revisions.filter((r) => r.submitted !== null).length;
  if (!latestRateRevision(rate).submitted) return submitted === 0 ? 'DRAFT' : 'UNLOCKED';
  return submitted === 1 ? 'SUBMITTED' : 'RESUBMITTED';
}

/** Whether the rate has been submitted at least once (a draft rate can never be linked). */
export function isLinkable(rate: Pick<Rate, 'revisions'>): boolean {
  return lastSubmittedRateRevision(rate) !== undefined;
}

/**
 * Whether a contract of `stateCode` may link this rate: a submitted rate of the same state that is not withdrawn
 * (`rateReviewStatus`: neither by its own withdrawal nor with its parent contract).
 */
export function canBeLinked(
  rate: Pick<Rate, 'revisions' | 'stateCode' | 'reviewActions'>,
  parent: Pick<Contract, 'revisions' | 'reviewActions'> | undefined,
  stateCode: string,
): boolean {
  return (
    rate.stateCode === stateCode &&
    isLinkable(rate) &&
    parent !== undefined &&
    rateReviewStatus(parent, rate) !== 'WITHDRAWN'
  );
}

/**
 * The generated name of a rate revision's answers, or a placeholder naming the rate by its number while the
 * answers that make the name are still missing.
 */
export function rateRevisionName(
  rate: Pick<Rate, 'stateCode' | 'stateNumber'>,
  form: RateFormData,
  statePrograms: readonly Program[],
): string {
  const { rateType, rateDateStart, rateDateEnd, rateDateCertified } = form;
  if (!rateType || !rateDateStart || !rateDateEnd || !rateDateCertified) {
    return `Rate ${rate.stateCode}-${String(rate.stateNumber).padStart(4, '0')} (draft)`;
  }
  const byId = new Map(statePrograms.map((p) => [p.id, p]));
  return rateName({
    stateCode: rate.stateCode,
    programs: form.rateProgramIDs.flatMap((id) => byId.get(id) ?? []),
    rateType,
    rateDateStart,
    rateDateEnd,
    rateDateCertified,
    amendmentEffectiveDateStart: form.amendmentEffectiveDateStart,
    amendmentEffectiveDateEnd: form.amendmentEffectiveDateEnd,
  });
}
