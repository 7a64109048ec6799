import { newId, type User } from '@docket/domain';
import type { ContractDetails } from './contract-access';
import { writeContract, type ContractWriteStores, type WriteBasis } from './contract-write';

/** Review decisions that carry only a reason. Approval, which also carries a date, is `approve-contract.ts`. */
export type ReasonedReviewAction = 'WITHDRAW' | 'UNDO_WITHDRAW' | 'UNDO_APPROVAL';

/** Withdraws a submission, undoes a withdrawal, or undoes an approval. */
export function decideReview(
  stores: ContractWriteStores,
  user: User,
  action: ReasonedReviewAction,
  basis: WriteBasis,
  reason: string,
): Promise<ContractDetails> {
  return writeContract(stores, user, action, basis, reason, ({ at, by }) => ({
    change: {
      kind: 'REVIEW_ACTION',
      reviewAction: { id: newId(), action, at, by, reason, dateApprovalReleasedToState: null },
    },
    revisionId: null,
  }));
}
