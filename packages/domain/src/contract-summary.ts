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
  contractSchema,
  type ConsolidatedStatus,
  type Contract,
  type LifecycleState,
  type ReviewStatus,
  type SubmissionStatus,
} from './contract';
import { isChipOnly, SUBMISSION_TYPES, type StoredContractForm, type SubmissionType } from './contract-form';
import { seesWorkInProgress, shownUpdatedAt } from './contract.policy';
import { contractName } from './contract-name';
import { countSchema, recordTimeSchema } from './record-fields';
import type { Program } from './reference-data';
import type { User } from './users';

/**
 * A dashboard row's facts: what a list shows of a filing, kept small enough to be stored beside the contract's
 * identity and read without its revisions. Every fact is derived from the whole contract (`summaryFactsOf`), and
 * every change to a contract moves it mechanically in the same write (the stores do; the conformance suite checks
 * that both agree after every change). Who sees which part is decided here too (`summaryRowFor`).
 */

/** What a row needs of one revision's answers: its programs (for the name), its type, and whether it is CHIP-only. */
export const summarySliceSchema = z.object({
  submissionType: z.enum(SUBMISSION_TYPES).nullable(),
  /** The program ids chosen, in the order chosen. */
  programIds: z.array(z.string()),
  chipOnly: z.boolean(),
});
export type SummarySlice = z.infer<typeof summarySliceSchema>;

/** A contract as a list shows it, without its revisions and review actions. */
export const contractSummarySchema = contractSchema
  .pick({ id: true, stateCode: true, stateNumber: true, version: true, createdAt: true, mccrsId: true })
  .extend({
    /** The time of the contract's last change of any kind, the state's draft saves included. */
    updatedAt: recordTimeSchema,
    firstSubmittedAt: recordTimeSchema.nullable(),
    lastSubmittedAt: recordTimeSchema.nullable(),
    /** The latest revision's slice: the draft while one is open, otherwise the last submission. */
    latest: summarySliceSchema,
    /** The last submitted revision's slice; null until the first submission. */
    submitted: summarySliceSchema.nullable(),
    /** How many revisions have been submitted. */
    submittedCount: countSchema,
    /** Whether the latest revision is unsubmitted (a new filing's draft, or the draft an unlock opened). */
    draftOpen: z.boolean(),
    /** The type of the last review action, in the order the contract keeps them; null before any. */
    lastReviewAction: z.enum(REVIEW_ACTION_TYPES).nullable(),
    /**
     * When the filing last changed as everyone who may read it sees it: while a draft is open, the time it was
     * opened (the creation, or the unlock); otherwise `updatedAt`. A reviewer never sees the state's draft, so the
     * state's saves do not move it, and neither does anything else done while the state holds the draft.
     */
    sharedUpdatedAt: recordTimeSchema,
  });
export type ContractSummary = z.infer<typeof contractSummarySchema>;

/**
 * A summary as both datastores keep it, beside the contract's own columns or attributes: the slices under the
 * names `latestSlice` and `submittedSlice`, parsed with `contractSummarySchema`. Whatever else the row or item
 * holds is dropped.
 */
export function storedContractSummary(stored: Record<string, unknown>): ContractSummary {
  // Copied field by field, then parsed once: an object rest and spread (or a transform piped into the schema)
  // costs several times the parse itself, and a list parses one summary per row.
  return contractSummarySchema.parse({
    id: stored.id,
    stateCode: stored.stateCode,
    stateNumber: stored.stateNumber,
    version: stored.version,
    createdAt: stored.createdAt,
    mccrsId: stored.mccrsId,
    updatedAt: stored.updatedAt,
    firstSubmittedAt: stored.firstSubmittedAt,
    lastSubmittedAt: stored.lastSubmittedAt,
    latest: stored.latestSlice,
    submitted: stored.submittedSlice,
    submittedCount: stored.submittedCount,
    draftOpen: stored.draftOpen,
    lastReviewAction: stored.lastReviewAction,
    sharedUpdatedAt: stored.sharedUpdatedAt,
  } satisfies Record<keyof ContractSummary, unknown>);
}

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
