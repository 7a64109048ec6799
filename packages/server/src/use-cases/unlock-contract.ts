import { contractFormDraftSchema, latestRevision, newId, type User } from '@docket/domain';
import type { ContractDetails } from './contract-access';
import { writeContract, type ContractWriteStores, type WriteBasis } from './contract-write';

/**
 * Reopens a submitted filing for the state: a new draft revision starts as a copy of the last submitted one,
 * brought up to the current form.
 */
export function unlockContract(
  stores: ContractWriteStores,
  user: User,
  basis: WriteBasis,
  reason: string,
): Promise<ContractDetails> {
  return writeContract(stores, user, 'UNLOCK', basis, reason, ({ contract, at, by }) => {
    const lastSubmitted = latestRevision(contract);
    const revision = { id: newId(), formData: contractFormDraftSchema.parse(lastSubmitted.formData) };
    return { change: { kind: 'UNLOCK', revision, unlocked: { at, by, reason } }, revisionId: revision.id };
  });
}
