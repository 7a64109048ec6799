import { lifecycleState, type Contract, type LifecycleState } from '../contract';
import type { ContractAction } from '../contract-actions';
import { isChipOnly } from '../contract-form';
import { transition } from '../contract-lifecycle';
import type { ContractCommand } from './command';
import { contractAfter, type ContractChange } from './contract-change';
import {
  approveCommand,
  setMccrsIdCommand,
  undoApprovalCommand,
  undoWithdrawCommand,
  withdrawCommand,
} from './review';
import { saveDraftCommand } from './save-draft';
import { resubmitCommand, submitCommand } from './submit';
import { undoUnlockCommand, unlockCommand } from './unlock';

export * from './accepted-documents';
export * from './command';
export * from './contract-change';
export { previouslyChosenPrograms } from './previously-chosen-programs';
export { planDraftRates } from './save-draft';

/** Each action's command: the one place an action's effect on the stored filing is decided. */
export const CONTRACT_COMMANDS: { [A in ContractAction]: ContractCommand<A> } = {
  SAVE_DRAFT: saveDraftCommand,
  SUBMIT: submitCommand,
  RESUBMIT: resubmitCommand,
  UNLOCK: unlockCommand,
  UNDO_UNLOCK: undoUnlockCommand,
  APPROVE: approveCommand,
  UNDO_APPROVAL: undoApprovalCommand,
  WITHDRAW: withdrawCommand,
  UNDO_WITHDRAW: undoWithdrawCommand,
  SET_MCCRS_ID: setMccrsIdCommand,
};

function describe(state: LifecycleState): string {
  return `${state.submission}/${state.review} after ${state.submittedRevisions} submission(s)`;
}

/**
 * The contract after `action`'s planned change, checked against the lifecycle: the statuses derived from the
 * changed contract must be those `transition` says the action leads to (with the CHIP-only flag of the revision a
 * submission freezes). The lifecycle is written twice — as `transition` over statuses and as the changes commands
 * make to the stored record — and this keeps the two from drifting apart: a command whose change disagrees fails
 * loudly, before anything is written.
 * @throws Error when they disagree (a defect, not a user's mistake); VersionConflictError as `contractAfter`.
 */
export function contractAfterAction(
  contract: Contract,
  action: ContractAction,
  change: ContractChange,
  ctx: { expectedVersion: number; at: string },
): Contract {
  const after = contractAfter(contract, change, ctx);
  const chipOnly = change.kind === 'SUBMIT' ? isChipOnly(change.formData) : undefined;
  const expected = transition(lifecycleState(contract), action, chipOnly === undefined ? {} : { chipOnly });
  const derived = lifecycleState(after);
  if (!expected.ok) throw expected.error;
  const next = expected.next;
  const agree =
    next.submission === derived.submission &&
    next.review === derived.review &&
    next.submittedRevisions === derived.submittedRevisions &&
    next.lastSubmittedChipOnly === derived.lastSubmittedChipOnly;
  if (!agree) {
    throw new Error(
      `${action} on contract ${contract.id} made ${describe(derived)}; the lifecycle says ${describe(next)}`,
    );
  }
  return after;
}
