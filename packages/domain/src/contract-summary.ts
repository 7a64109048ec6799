import { z } from 'zod';
import {
  consolidatedStatus,
  draftRevision,
  firstSubmittedAt,
  lastSubmittedRevision,
  latestRevision,
  REVIEW_ACTION_TYPES,
  sharedUpdatedAt,
  submittedRevisions,
  type ConsolidatedStatus,
  type Contract,
  type LifecycleState,
  type ReviewActionType,
  type ReviewStatus,
  type SubmissionStatus,
} from './contract';
import { isChipOnly, SUBMISSION_TYPES, type StoredContractForm, type SubmissionType } from './contract-form';
import { seesWorkInProgress, shownUpdatedAt } from './contract.policy';
import { contractName } from './contract-name';
import type { Program } from './reference-data';
import type { User } from './users';

/**
 * A dashboard row's facts: what a list shows of a filing, kept small enough to be stored beside the contract's
 * identity and read without its revisions. Every fact is derived from the whole contract (`summaryFactsOf`), and
 * every change to a contract moves it mechanically in the same write (the stores do; the conformance suite checks
 * that both agree after every change). Who sees which part is decided here too (`summaryRowFor`).
 */

/** What a row needs of one revision's answers: its programs (for the name), its type, and whether it is CHIP-only. */
export interface SummarySlice {
  submissionType: SubmissionType | null;
  /** The program ids chosen, in the order chosen. */
  programIds: string[];
  chipOnly: boolean;
}

export const summarySliceSchema: z.ZodType<SummarySlice> = z.object({
  submissionType: z.enum(SUBMISSION_TYPES).nullable(),
  programIds: z.array(z.string()),
  chipOnly: z.boolean(),
});

/** A contract as a list shows it, without its revisions and review actions. */
export interface ContractSummary {
  id: string;
  stateCode: string;
  stateNumber: number;
  version: number;
  createdAt: string;
  /** The time of the contract's last change of any kind, the state's draft saves included. */
  updatedAt: string;
  firstSubmittedAt: string | null;
  lastSubmittedAt: string | null;
  mccrsId: string | null;
  /** The latest revision's slice: the draft while one is open, otherwise the last submission. */
  latest: SummarySlice;
  /** The last submitted revision's slice; null until the first submission. */
  submitted: SummarySlice | null;
  /** How many revisions have been submitted. */
  submittedCount: number;
  /** Whether the latest revision is unsubmitted (a new filing's draft, or the draft an unlock opened). */
  draftOpen: boolean;
  /** The type of the last review action, in the order the contract keeps them; null before any. */
  lastReviewAction: ReviewActionType | null;
  /**
   * When the filing last changed as everyone who may read it sees it: while a draft is open, the time it was
   * opened (the creation, or the unlock); otherwise `updatedAt`. A reviewer never sees the state's draft, so the
   * state's saves do not move it, and neither does anything else done while the state holds the draft.
   */
  sharedUpdatedAt: string;
}

const time = z.string();

/** A stored summary's facts, as a store reads them back (the identity columns are the store's own). */
export const summaryFactsSchema = z.object({
  lastSubmittedAt: time.nullable(),
  latest: summarySliceSchema,
  submitted: summarySliceSchema.nullable(),
  submittedCount: z.number().int().nonnegative(),
  draftOpen: z.boolean(),
  lastReviewAction: z.enum(REVIEW_ACTION_TYPES).nullable(),
  sharedUpdatedAt: time,
});

/** The slice of one revision's answers, in whatever version of the form they were written. */
export function summarySliceOf(
  form: Pick<StoredContractForm, 'submissionType' | 'programIDs' | 'populationCovered'>,
): SummarySlice {
  return {
    submissionType: form.submissionType ?? null,
    programIds: [...form.programIDs],
    chipOnly: isChipOnly(form),
  };
}

/** A contract's summary, derived from the whole contract: what every store's stored facts must equal. */
export function summaryFactsOf(contract: Contract): ContractSummary {
  const latest = latestRevision(contract);
  const submitted = lastSubmittedRevision(contract);
  const draft = draftRevision(contract);
  return {
    id: contract.id,
    stateCode: contract.stateCode,
    stateNumber: contract.stateNumber,
    version: contract.version,
    createdAt: contract.createdAt,
    updatedAt: contract.updatedAt,
    firstSubmittedAt: firstSubmittedAt(contract),
    lastSubmittedAt: submitted?.submitted?.at ?? null,
    mccrsId: contract.mccrsId,
    latest: summarySliceOf(latest.formData),
    submitted: submitted ? summarySliceOf(submitted.formData) : null,
    submittedCount: submittedRevisions(contract).length,
    draftOpen: draft !== undefined,
    lastReviewAction: contract.reviewActions.at(-1)?.action ?? null,
    sharedUpdatedAt: sharedUpdatedAt(contract),
  };
}

type SummaryForStatus = Pick<
  ContractSummary,
  'submitted' | 'submittedCount' | 'draftOpen' | 'lastReviewAction'
>;

/** Both status axes from a summary: the same as `lifecycleState` of the whole contract. */
export function summaryLifecycleState(summary: SummaryForStatus): LifecycleState {
  const { submitted, submittedCount, draftOpen, lastReviewAction } = summary;
  const submission: SubmissionStatus = draftOpen
    ? submittedCount === 0
      ? 'DRAFT'
      : 'UNLOCKED'
    : submittedCount === 1
      ? 'SUBMITTED'
      : 'RESUBMITTED';
  const review: ReviewStatus =
    lastReviewAction === 'APPROVE'
      ? 'APPROVED'
      : lastReviewAction === 'WITHDRAW'
        ? 'WITHDRAWN'
        : submitted?.chipOnly
          ? 'NOT_SUBJECT_TO_REVIEW'
          : 'UNDER_REVIEW';
  return {
    submission,
    review,
    submittedRevisions: submittedCount,
    lastSubmittedChipOnly: submitted?.chipOnly ?? false,
  };
}

/** The one status a dashboard shows, from a summary: the same as `contractStatus` of the whole contract. */
export function summaryStatus(summary: SummaryForStatus): ConsolidatedStatus {
  const state = summaryLifecycleState(summary);
  return consolidatedStatus(state.submission, state.review);
}

/** A dashboard row as one user sees it. */
export interface ContractSummaryRow {
  name: string;
  status: ConsolidatedStatus;
  submissionType: SubmissionType | null;
  /** The programs of the revision the user sees, in the order chosen; ids no longer known are left out. */
  programs: Program[];
  /** When the filing last changed, of what the user sees. */
  updatedAt: string;
}

/**
 * The row `user` sees of a summary: the revision the policy lets them see (`seesWorkInProgress`: the state's
 * draft, or, for a reviewer, the last submission), named from its programs, with the filing's own status, and
 * the time of the last update the user may know of (`shownUpdatedAt`, as the filing's view shows it). `programs`
 * are the state's (any others are ignored).
 */
export function summaryRowFor(
  user: User,
  summary: ContractSummary,
  programs: readonly Program[],
): ContractSummaryRow {
  const seesDraft = seesWorkInProgress(user, summary.stateCode);
  const slice = seesDraft ? summary.latest : summary.submitted;
  const byId = new Map(programs.map((p) => [p.id, p]));
  const chosen = (slice?.programIds ?? [])
    .map((id) => byId.get(id))
    .filter((p): p is Program => p !== undefined);
  return {
    name: contractName(summary.stateCode, summary.stateNumber, chosen),
    status: summaryStatus(summary),
    submissionType: slice?.submissionType ?? null,
    programs: chosen,
    updatedAt: shownUpdatedAt(user, summary.stateCode, summary),
  };
}
