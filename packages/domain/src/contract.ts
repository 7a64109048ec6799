import { z } from 'zod';
import { isoDateSchema } from './calendar-date';
import { isChipOnly, storedContractFormSchema, type StoredContractForm } from './contract-form';
import { ordinalSchema, recordIdSchema, recordTimeSchema } from './record-fields';
import { actorRefSchema } from './users';

/** The state's side of a filing's life. */
export const SUBMISSION_STATUSES = ['DRAFT', 'SUBMITTED', 'UNLOCKED', 'RESUBMITTED'] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];

/** CMS's side of a filing's life. */
export const REVIEW_STATUSES = ['UNDER_REVIEW', 'APPROVED', 'WITHDRAWN', 'NOT_SUBJECT_TO_REVIEW'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/** What dashboards show: one status out of the two axes. */
export const CONSOLIDATED_STATUSES = [
  'DRAFT',
  'SUBMITTED',
  'UNLOCKED',
  'RESUBMITTED',
  'APPROVED',
  'WITHDRAWN',
  'NOT_SUBJECT_TO_REVIEW',
] as const;
export type ConsolidatedStatus = (typeof CONSOLIDATED_STATUSES)[number];

/** Review decisions, kept as an append-only list on the contract; the review status is derived from it. */
export const REVIEW_ACTION_TYPES = ['APPROVE', 'UNDO_APPROVAL', 'WITHDRAW', 'UNDO_WITHDRAW'] as const;
export type ReviewActionType = (typeof REVIEW_ACTION_TYPES)[number];

/** A CMS review decision. */
export const reviewActionSchema = z.object({
  id: recordIdSchema,
  action: z.enum(REVIEW_ACTION_TYPES),
  at: recordTimeSchema,
  by: actorRefSchema,
  reason: z.string().nullable(),
  /** Set on APPROVE: the day the approval was released to the state (YYYY-MM-DD). */
  dateApprovalReleasedToState: isoDateSchema.nullable(),
});
export type ReviewAction = z.infer<typeof reviewActionSchema>;

/** Who submitted a revision, when, and why. */
export const submitInfoSchema = z.object({
  at: recordTimeSchema,
  by: actorRefSchema,
  /** Required on a resubmission; null on the first submission. */
  reason: z.string().nullable(),
});
export type SubmitInfo = z.infer<typeof submitInfoSchema>;

/** Who opened a revision by unlocking its filing, when, and why. */
export const unlockInfoSchema = z.object({
  at: recordTimeSchema,
  by: actorRefSchema,
  reason: z.string(),
});
export type UnlockInfo = z.infer<typeof unlockInfoSchema>;

/**
 * Who took back the unlock that opened a revision (undo unlock), when, and why: the revision was the state's draft,
 * discarded then, and is kept as a reversed revision (docs/adr/0026-reversed-revisions.md).
 */
export const reversalInfoSchema = z.object({
  at: recordTimeSchema,
  by: actorRefSchema,
  reason: z.string(),
});
export type ReversalInfo = z.infer<typeof reversalInfoSchema>;

/**
 * A rate on a contract revision, in the order the state lists them. In a draft the link follows the rate
 * (`rateRevisionId` null); submitting fixes it to the rate revision the contract went with.
 */
export const rateLinkSchema = z.object({
  rateId: recordIdSchema,
  rateRevisionId: recordIdSchema.nullable(),
});
export type RateLink = z.infer<typeof rateLinkSchema>;

/** What every revision (a contract's, a rate's) holds besides its answers and its parent. */
export const revisionShape = {
  id: recordIdSchema,
  /** 1-based, in order of creation. */
  number: ordinalSchema,
  createdAt: recordTimeSchema,
  updatedAt: recordTimeSchema,
  submitted: submitInfoSchema.nullable(),
  /** The unlock (of the contract) that opened this revision; null for the first revision. */
  unlocked: unlockInfoSchema.nullable(),
};

/** One version of the form answers. Write-once after `submitted` is set. */
export const contractRevisionSchema = z.object({
  ...revisionShape,
  contractId: recordIdSchema,
  /** The answers, in the version of the form they were written in. */
  formData: storedContractFormSchema,
  /** The rates on this revision, in order; fixed to rate revisions once submitted. */
  rateLinks: z.array(rateLinkSchema),
});
export type ContractRevision = z.infer<typeof contractRevisionSchema>;

/**
 * A draft revision discarded by an undo unlock, as it was then, with its reversal. Never one of the contract's
 * `revisions`: it is no step of the filing's life, only its record, kept for the history.
 */
export const reversedContractRevisionSchema = contractRevisionSchema.extend({ reversed: reversalInfoSchema });
export type ReversedContractRevision = z.infer<typeof reversedContractRevisionSchema>;

/** What identifies a filed record (a contract, a rate): its id, and its number among its state's. */
export const filedRecordShape = {
  id: recordIdSchema,
  stateCode: z.string().min(1),
  stateNumber: ordinalSchema,
  createdAt: recordTimeSchema,
  updatedAt: recordTimeSchema,
};

/** A contract submission ("package"): stable identity plus its revisions and review decisions. */
export const contractSchema = z.object({
  ...filedRecordShape,
  /** Increments on every write to the contract; the basis of optimistic concurrency. */
  version: ordinalSchema,
  /** Four-digit id in the legacy MC-CRS system, set by CMS. */
  mccrsId: z.string().nullable(),
  /** Oldest first; never empty. At most the last one is unsubmitted. */
  revisions: z.array(contractRevisionSchema),
  /** Oldest first. */
  reviewActions: z.array(reviewActionSchema),
  /**
   * The drafts undo unlocks discarded, oldest first. Records stored before they were kept have none (the default).
   */
  reversedRevisions: z.array(reversedContractRevisionSchema).default([]),
});
export type Contract = z.infer<typeof contractSchema>;

export function latestRevision(contract: Pick<Contract, 'revisions'>): ContractRevision {
  const last = contract.revisions.at(-1);
  if (!last) throw new Error('A contract always has at least one revision');
  return last;
}

/**
 * The ids of every rate the revisions link, each once, in order of first mention (oldest revision first, then in
 * link order).
 */
export function linkedRateIds(revisions: readonly Pick<ContractRevision, 'rateLinks'>[]): string[] {
  return [...new Set(revisions.flatMap((r) => r.rateLinks.map((l) => l.rateId)))];
}

export function submittedRevisions(contract: Pick<Contract, 'revisions'>): ContractRevision[] {
  return contract.revisions.filter((r) => r.submitted !== null);
}

export function lastSubmittedRevision(contract: Pick<Contract, 'revisions'>): ContractRevision | undefined {
  return submittedRevisions(contract).at(-1);
}

export function draftRevision(contract: Pick<Contract, 'revisions'>): ContractRevision | undefined {
  const last = latestRevision(contract);
  return last.submitted ? undefined : last;
}

/**
 * When the filing last changed as everyone who may read it sees it: while a draft is open, the time it was opened
 * (by the contract's creation or an unlock, which create it); otherwise the time of the last change. Whatever is
 * done while the state holds the draft — its saves above all — does not move it.
 */
export function sharedUpdatedAt(contract: Pick<Contract, 'revisions' | 'updatedAt'>): string {
  return draftRevision(contract)?.createdAt ?? contract.updatedAt;
}

export function deriveSubmissionStatus(contract: Pick<Contract, 'revisions'>): SubmissionStatus {
  const latest = latestRevision(contract);
  const everSubmitted = submittedRevisions(contract).length;
  if (!latest.submitted) return everSubmitted === 0 ? 'DRAFT' : 'UNLOCKED';
  return everSubmitted === 1 ? 'SUBMITTED' : 'RESUBMITTED';
}

/** The review status a submission gets when it is (re)submitted or a withdrawal is undone. */
export function reviewDetermination(form: Pick<StoredContractForm, 'populationCovered'>): ReviewStatus {
  return isChipOnly(form) ? 'NOT_SUBJECT_TO_REVIEW' : 'UNDER_REVIEW';
}

export function deriveReviewStatus(contract: Pick<Contract, 'revisions' | 'reviewActions'>): ReviewStatus {
  const lastAction = contract.reviewActions.at(-1)?.action;
  if (lastAction === 'APPROVE') return 'APPROVED';
  if (lastAction === 'WITHDRAW') return 'WITHDRAWN';
  const submitted = lastSubmittedRevision(contract);
  return submitted ? reviewDetermination(submitted.formData) : 'UNDER_REVIEW';
}

export function consolidatedStatus(submission: SubmissionStatus, review: ReviewStatus): ConsolidatedStatus {
  if (review === 'APPROVED' || review === 'WITHDRAWN') return review;
  if (review === 'NOT_SUBJECT_TO_REVIEW') return submission === 'UNLOCKED' ? 'UNLOCKED' : review;
  return submission;
}

/** Both status axes and the facts the lifecycle needs, derived from a contract's stored history. */
export interface LifecycleState {
  submission: SubmissionStatus;
  review: ReviewStatus;
  /** How many revisions have been submitted so far. */
  submittedRevisions: number;
  /** Whether the last submitted revision is CHIP-only (false when none is). */
  lastSubmittedChipOnly: boolean;
}

export function lifecycleState(contract: Pick<Contract, 'revisions' | 'reviewActions'>): LifecycleState {
  const submitted = lastSubmittedRevision(contract);
  return {
    submission: deriveSubmissionStatus(contract),
    review: deriveReviewStatus(contract),
    submittedRevisions: submittedRevisions(contract).length,
    lastSubmittedChipOnly: submitted ? isChipOnly(submitted.formData) : false,
  };
}

export function contractStatus(contract: Pick<Contract, 'revisions' | 'reviewActions'>): ConsolidatedStatus {
  const state = lifecycleState(contract);
  return consolidatedStatus(state.submission, state.review);
}

/** When the filing was first submitted, or null for a draft. */
export function firstSubmittedAt(contract: Pick<Contract, 'revisions'>): string | null {
  return contract.revisions.find((r) => r.submitted)?.submitted?.at ?? null;
}
