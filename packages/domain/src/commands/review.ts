import { checkApprovalDate, latestUsToday } from '../calendar-date';
import type { CommandContext, CommandResult, ContractCommand } from './command';

/** A review decision that carries only a reason: withdraw, undo a withdrawal, undo an approval. */
function decide(action: 'WITHDRAW' | 'UNDO_WITHDRAW' | 'UNDO_APPROVAL'): ContractCommand<typeof action> {
  return {
    plan: ({ at, by, newId }: CommandContext, { reason }: { reason: string }): CommandResult => ({
      change: {
        kind: 'REVIEW_ACTION',
        reviewAction: { id: newId(), action, at, by, reason, dateApprovalReleasedToState: null },
      },
      revisionId: null,
    }),
  };
}

export const withdrawCommand = decide('WITHDRAW');
export const undoWithdrawCommand = decide('UNDO_WITHDRAW');
export const undoApprovalCommand = decide('UNDO_APPROVAL');

/**
 * Records that the approval was released to the state on a given day (the domain's `checkApprovalDate`: within
 * the calendar range, not after the day it is recorded). An admin must give a reason; an approver may.
 */
export const approveCommand: ContractCommand<'APPROVE'> = {
  plan({ at, by, newId }, { dateApprovalReleasedToState, reason }) {
    checkApprovalDate(dateApprovalReleasedToState, latestUsToday(new Date(at)));
    return {
      change: {
        kind: 'REVIEW_ACTION',
        reviewAction: {
          id: newId(),
          action: 'APPROVE',
          at,
          by,
          reason: reason ?? null,
          dateApprovalReleasedToState,
        },
      },
      revisionId: null,
      details: { dateApprovalReleasedToState },
    };
  },
};

/** Records the filing's four-digit number in the legacy MC-CRS system. */
export const setMccrsIdCommand: ContractCommand<'SET_MCCRS_ID'> = {
  plan: (_ctx, { mccrsId }) => ({
    change: { kind: 'SET_MCCRS_ID', mccrsId },
    revisionId: null,
    details: { mccrsId },
  }),
};
