import {
  lastSubmittedRevision,
  latestRateRevision,
  newId,
  upgradeContractForm,
  type User,
} from '@docket/domain';
import type { RateWrites } from '@docket/store';
import type { ContractDetails } from './contract-access';
import { writeContract, type ContractWriteStores, type WriteBasis } from './contract-write';

/**
 * Reopens a submitted filing for the state: a new draft revision starts as a copy of the last submitted one,
 * brought up to the current form (questions added since start unanswered), with the same rates; each rate the
 * contract owns gets a new draft revision too, copied from its last submitted one.
 */
export function unlockContract(
  stores: ContractWriteStores,
  user: User,
  basis: WriteBasis,
  reason: string,
): Promise<ContractDetails> {
  return writeContract(stores, user, 'UNLOCK', basis, reason, ({ contract, rates, at, by }) => {
    const lastSubmitted = lastSubmittedRevision(contract);
    if (!lastSubmitted) throw new Error('The lifecycle lets only a submitted contract be unlocked');
    const unlocked = { at, by, reason };
    const linked = new Set(lastSubmitted.rateLinks.map((l) => l.rateId));
    const open: NonNullable<RateWrites['open']> = rates
      .filter((r) => r.parentContractId === contract.id && linked.has(r.id))
      .map((rate) => ({
        rateId: rate.id,
        revision: { id: newId(), formData: latestRateRevision(rate).formData },
        unlocked,
      }));
    const revision = {
      id: newId(),
      formData: upgradeContractForm(lastSubmitted.formData),
      rateLinks: lastSubmitted.rateLinks.map((l) => ({ rateId: l.rateId, rateRevisionId: null })),
    };
    return {
      change: { kind: 'UNLOCK', revision, unlocked, rates: { open } },
      revisionId: revision.id,
      details: { rates: open.length },
    };
  });
}
