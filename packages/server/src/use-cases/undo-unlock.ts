import { latestRateRevision, latestRevision, type User } from '@docket/domain';
import type { ContractDetails } from './contract-access';
import { writeContract, type ContractWriteStores, type WriteBasis } from './contract-write';

/**
 * Takes an unlock back: the state's unsubmitted edits are discarded — the draft revision, the draft revisions of
 * the rates the contract owns, and rates created since the unlock. History keeps both the unlock and this.
 */
export function undoUnlock(
  stores: ContractWriteStores,
  user: User,
  basis: WriteBasis,
  reason: string,
): Promise<ContractDetails> {
  return writeContract(stores, user, 'UNDO_UNLOCK', basis, reason, ({ contract, rates }) => {
    const draft = latestRevision(contract);
    const discard = rates
      .filter((r) => r.parentContractId === contract.id && !latestRateRevision(r).submitted)
      .map((r) => ({ rateId: r.id, revisionId: latestRateRevision(r).id }));
    return {
      change: { kind: 'DISCARD_DRAFT', revisionId: draft.id, rates: { discard } },
      revisionId: draft.id,
    };
  });
}
