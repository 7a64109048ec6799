import { TransitionError } from './errors';
import type { LifecycleState, ReviewStatus, SubmissionStatus } from './contract';
import type { ContractAction } from './contract-actions';

export interface TransitionContext {
  /** For SUBMIT and RESUBMIT: whether the revision being submitted is CHIP-only. */
  chipOnly?: boolean;
}

export type TransitionResult = { ok: true; next: LifecycleState } | { ok: false; error: TransitionError };

const SUBMITTED: readonly SubmissionStatus[] = ['SUBMITTED', 'RESUBMITTED'];
const OPEN_REVIEW: readonly ReviewStatus[] = ['UNDER_REVIEW', 'NOT_SUBJECT_TO_REVIEW'];

function determination(chipOnly: boolean): ReviewStatus {
  return chipOnly ? 'NOT_SUBJECT_TO_REVIEW' : 'UNDER_REVIEW';
}

function describe(state: LifecycleState): string {
  return state.review === 'UNDER_REVIEW' || state.submission === 'DRAFT' || state.submission === 'UNLOCKED'
    ? state.submission
    : state.review;
}

/**
 * The contract lifecycle as a pure function of its status: whether `action` may happen now and what the
 * statuses are after it. Who may act is the policy's business (`contract.policy.ts`), not this function's.
 */
export function transition(
  state: LifecycleState,
  action: ContractAction,
  ctx: TransitionContext = {},
): TransitionResult {
  const { submission, review } = state;
  const ok = (next: Partial<LifecycleState>): TransitionResult => ({ ok: true, next: { ...state, ...next } });
  // The error is made only when asked for: abilities ask about every action on every read, and most are refused.
  const refuse = (message?: string): TransitionResult => {
    let error: TransitionError | undefined;
    return {
      ok: false,
      get error() {
        return (error ??= new TransitionError(action, describe(state), message));
      },
    };
  };
  const withdrawn = review === 'WITHDRAWN';

  switch (action) {
    case 'SAVE_DRAFT':
      return (submission === 'DRAFT' || submission === 'UNLOCKED') && !withdrawn ? ok({}) : refuse();
    case 'SUBMIT':
      return submission === 'DRAFT'
        ? ok({
            submission: 'SUBMITTED',
            review: determination(ctx.chipOnly ?? false),
            submittedRevisions: state.submittedRevisions + 1,
            lastSubmittedChipOnly: ctx.chipOnly ?? false,
          })
        : refuse(
            submission === 'UNLOCKED' ? 'An unlocked submission is resubmitted, with a reason' : undefined,
          );
    case 'RESUBMIT':
      return submission === 'UNLOCKED' && !withdrawn
        ? ok({
            submission: 'RESUBMITTED',
            review: determination(ctx.chipOnly ?? false),
            submittedRevisions: state.submittedRevisions + 1,
            lastSubmittedChipOnly: ctx.chipOnly ?? false,
          })
        : refuse();
    case 'UNLOCK':
      return SUBMITTED.includes(submission) && OPEN_REVIEW.includes(review)
        ? ok({ submission: 'UNLOCKED' })
        : refuse();
    case 'UNDO_UNLOCK':
      return submission === 'UNLOCKED' && !withdrawn
        ? ok({ submission: state.submittedRevisions > 1 ? 'RESUBMITTED' : 'SUBMITTED' })
        : refuse();
    case 'APPROVE':
      return SUBMITTED.includes(submission) && review === 'UNDER_REVIEW'
        ? ok({ review: 'APPROVED' })
        : refuse();
    case 'UNDO_APPROVAL':
      return review === 'APPROVED' ? ok({ review: 'UNDER_REVIEW' }) : refuse();
    case 'WITHDRAW':
      return SUBMITTED.includes(submission) && OPEN_REVIEW.includes(review)
        ? ok({ review: 'WITHDRAWN' })
        : refuse();
    case 'UNDO_WITHDRAW':
      return withdrawn ? ok({ review: determination(state.lastSubmittedChipOnly) }) : refuse();
    case 'SET_MCCRS_ID':
      return submission !== 'DRAFT' ? ok({}) : refuse('A draft has no MC-CRS number yet');
  }
}
