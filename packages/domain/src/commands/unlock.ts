import { lastSubmittedRevision, latestRevision } from '../contract';
import { upgradeContractForm } from '../contract-form';
import { latestRateRevision, ownWithdrawal } from '../rate';
import type { ContractCommand } from './command';
import type { RateWrites } from './contract-change';

/**
 * Reopens a submitted filing for the state: a new draft revision starts as a copy of the last submitted one,
 * brought up to the current form (questions added since start unanswered), with the same rates; each rate the
 * contract owns gets a new draft revision too, copied from its last submitted one.
 */
export const unlockCommand: ContractCommand<'UNLOCK'> = {
  plan({ contract, rates, at, by, newId }, { reason }) {
    const lastSubmitted = lastSubmittedRevision(contract);
    if (!lastSubmitted) throw new Error('The lifecycle lets only a submitted contract be unlocked');
    const unlocked = { at, by, reason };
    // A withdrawn rate is detached from every contract it touched: the new draft goes on without it.
    const withdrawn = new Set(rates.filter((r) => ownWithdrawal(r) !== undefined).map((r) => r.id));
    const rateLinks = lastSubmitted.rateLinks.filter((l) => !withdrawn.has(l.rateId));
    const linked = new Set(rateLinks.map((l) => l.rateId));
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
      rateLinks: rateLinks.map((l) => ({ rateId: l.rateId, rateRevisionId: null })),
    };
    return {
      change: { kind: 'UNLOCK', revision, unlocked, rates: { open } },
      revisionId: revision.id,
      details: { rates: open.length },
    };
  },
};

/**
 * Takes an unlock back: the state's unsubmitted edits are discarded — the draft revision, the draft revisions of
 * the rates the contract owns, and rates created since the unlock. The discarded drafts are kept as reversed
 * revisions (who undid the unlock, when, why) beside the revisions; rates never submitted go with their draft.
 * History keeps both the unlock and this.
 */
export const undoUnlockCommand: ContractCommand<'UNDO_UNLOCK'> = {
  plan({ contract, rates, at, by }, { reason }) {
    const draft = latestRevision(contract);
    const reversal = { at, by, reason };
    const discard = rates
      .filter((r) => r.parentContractId === contract.id && !latestRateRevision(r).submitted)
      .map((r) => ({ rateId: r.id, revisionId: latestRateRevision(r).id, reversal }));
    return {
      change: { kind: 'DISCARD_DRAFT', revisionId: draft.id, reversal, rates: { discard } },
      revisionId: draft.id,
    };
  },
};
