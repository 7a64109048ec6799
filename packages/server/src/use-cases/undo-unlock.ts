import { latestRevision, type User } from '@docket/domain';
import type { ContractDetails } from './contract-access';
import { writeContract, type ContractWriteStores, type WriteBasis } from './contract-write';

/** Takes an unlock back: the state's unsubmitted edits are discarded; history keeps both the unlock and this. */
export function undoUnlock(
  stores: ContractWriteStores,
  user: User,
  basis: WriteBasis,
  reason: string,
): Promise<ContractDetails> {
  return writeContract(stores, user, 'UNDO_UNLOCK', basis, reason, ({ contract }) => {
    const draft = latestRevision(contract);
    return { change: { kind: 'DISCARD_DRAFT', revisionId: draft.id }, revisionId: draft.id };
  });
}
