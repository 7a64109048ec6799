import { checkApprovalDate, newId, todayUtc, type User } from '@docket/domain';
import type { ContractDetails } from './contract-access';
import { writeContract, type ContractWriteStores, type WriteBasis } from './contract-write';

/**
 * Records that the approval was released to the state on a given day (the domain's `checkApprovalDate`: within
 * the calendar range, not after the day it is recorded). An admin must give a reason; an approver may.
 */
export function approveContract(
  stores: ContractWriteStores,
  user: User,
  basis: WriteBasis,
  input: { dateApprovalReleasedToState: string; reason: string | null },
): Promise<ContractDetails> {
  const { dateApprovalReleasedToState, reason } = input;
  return writeContract(stores, user, 'APPROVE', basis, reason, ({ at, by }) => {
    checkApprovalDate(dateApprovalReleasedToState, todayUtc(new Date(at)));
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
