import { dateRangeIssues, newId, ValidationError, type User } from '@docket/domain';
import type { ContractDetails } from './contract-access';
import { writeContract, type ContractWriteStores, type WriteBasis } from './contract-write';

/** Today as YYYY-MM-DD in UTC, which is never behind a US date. */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/**
 * Records that the approval was released to the state on a given day (within the calendar range, not in the
 * future). An admin must give a reason; an approver may.
 */
export function approveContract(
  stores: ContractWriteStores,
  user: User,
  basis: WriteBasis,
  input: { dateApprovalReleasedToState: string; reason: string | null },
): Promise<ContractDetails> {
  const { dateApprovalReleasedToState, reason } = input;
  return writeContract(stores, user, 'APPROVE', basis, reason, ({ at, by }) => {
    const outOfRange = dateRangeIssues({ dateApprovalReleasedToState }, ['dateApprovalReleasedToState']);
    if (outOfRange.length > 0) {
      throw new ValidationError('The approval date is outside the range of dates Docket accepts', outOfRange);
    }
    if (dateApprovalReleasedToState > todayUtc()) {
      throw new ValidationError('The approval cannot be released on a future date', [
        { path: ['dateApprovalReleasedToState'], message: 'Enter today or an earlier date' },
      ]);
    }
    return {
      change: {
        kind: 'REVIEW_ACTION',
        reviewAction: { id: newId(), action: 'APPROVE', at, by, reason, dateApprovalReleasedToState },
      },
      revisionId: null,
      details: { dateApprovalReleasedToState },
    };
  });
}
