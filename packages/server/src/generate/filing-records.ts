import type { AuditEvent, Contract, ContractRevision, Rate, RateRevision } from '@docket/domain';
import type { RateWrites } from '@docket/store';
import type { FilingPlan } from './filing-plan';

/**
 * A planned filing folded into the whole records a datastore would hold after its create and every change had
 * been applied one at a time: the contract with its revisions and review actions, the rates it owns and its
 * events. The numbering is the caller's (the state's counters, handed out in the order the filings are planned),
 * as the store would hand it out to filings created one after the other. A test holds this fold to the stores:
 * the same plans written both ways give the same records.
 */

export interface FilingRecords {
  contract: Contract;
  rates: Rate[];
  events: AuditEvent[];
}

/** Hands out the next numbers of a state: one contract number, or `count` rate numbers (the first returned). */
export interface StateNumbering {
  nextContractNumber(stateCode: string): number;
  nextRateNumbers(stateCode: string, count: number): number;
}

export function filingRecords(plan: FilingPlan, numbering: StateNumbering): FilingRecords {
  const { contract: created } = plan;
  const contract: Contract = {
    id: created.id,
    stateCode: created.stateCode,
    stateNumber: numbering.nextContractNumber(created.stateCode),
    version: 1,
    createdAt: created.at,
    updatedAt: created.at,
    mccrsId: null,
    revisions: [
      {
        id: created.revisionId,
        contractId: created.id,
        number: 1,
        formData: created.formData,
        rateLinks: [],
        createdAt: created.at,
        updatedAt: created.at,
        submitted: null,
        unlocked: null,
      },
    ],
    reviewActions: [],
    reversedRevisions: [],
  };
  const rates = new Map<string, Rate>();
  const events: AuditEvent[] = [created.event];

  const draft = (revisionId: string): ContractRevision => {
    const last = contract.revisions.at(-1);
    if (!last || last.id !== revisionId || last.submitted) {
      throw new Error(`Filing ${plan.n}: revision ${revisionId} is not the draft`);
    }
    return last;
  };

  for (const { at, change, event } of plan.changes) {
    contract.version += 1;
    contract.updatedAt = at;
    events.push(event);
    switch (change.kind) {
      case 'SAVE_DRAFT':
      case 'SUBMIT': {
        const revision = draft(change.revisionId);
        revision.formData = change.formData;
        revision.rateLinks = change.rateLinks;
        revision.updatedAt = at;
        if (change.kind === 'SUBMIT') revision.submitted = change.submitted;
        writeRates(plan, contract, rates, at, change.rates, numbering);
        break;
      }
      case 'UNLOCK': {
        const last = contract.revisions.at(-1);
        if (!last?.submitted) throw new Error(`Filing ${plan.n}: unlocked while a draft is open`);
        contract.revisions.push({
          id: change.revision.id,
          contractId: contract.id,
          number: last.number + 1,
          formData: change.revision.formData,
          rateLinks: change.revision.rateLinks,
          createdAt: at,
          updatedAt: at,
          submitted: null,
          unlocked: change.unlocked,
        });
        writeRates(plan, contract, rates, at, change.rates, numbering);
        break;
      }
      case 'DISCARD_DRAFT':
        contract.reversedRevisions.push({ ...draft(change.revisionId), reversed: change.reversal });
        contract.revisions.pop();
        writeRates(plan, contract, rates, at, change.rates, numbering);
        break;
      case 'REVIEW_ACTION':
        contract.reviewActions.push(change.reviewAction);
        break;
      case 'SET_MCCRS_ID':
        contract.mccrsId = change.mccrsId;
        break;
    }
  }
  return { contract, rates: [...rates.values()], events };
}

/** The rate writes of one change, in the stores' order: creates, saves, submits, opens, discards. */
function writeRates(
  plan: FilingPlan,
  contract: Contract,
  rates: Map<string, Rate>,
  at: string,
  writes: RateWrites | undefined,
  numbering: StateNumbering,
): void {
  if (!writes) return;
  const creates = writes.create ?? [];
  if (creates.length > 0) {
    const first = numbering.nextRateNumbers(contract.stateCode, creates.length);
    creates.forEach((create, index) => {
      rates.set(create.id, {
        id: create.id,
        stateCode: contract.stateCode,
        stateNumber: first + index,
        parentContractId: contract.id,
        createdAt: at,
        updatedAt: at,
        reversedRevisions: [],
        reviewActions: [],
        revisions: [
          {
            id: create.revisionId,
            rateId: create.id,
            number: 1,
            formData: create.formData,
            createdAt: at,
            updatedAt: at,
            submitted: null,
            unlocked: null,
          },
        ],
      });
    });
  }
  const owned = (rateId: string): Rate => {
    const rate = rates.get(rateId);
    if (!rate) throw new Error(`Filing ${plan.n}: rate ${rateId} is not its own`);
    rate.updatedAt = at;
    return rate;
  };
  const rateDraft = (rate: Rate, revisionId: string): RateRevision => {
    const last = rate.revisions.at(-1);
    if (!last || last.id !== revisionId || last.submitted) {
      throw new Error(`Filing ${plan.n}: rate revision ${revisionId} is not the rate's draft`);
    }
    return last;
  };
  for (const save of writes.save ?? []) {
    const revision = rateDraft(owned(save.rateId), save.revisionId);
    revision.formData = save.formData;
    revision.updatedAt = at;
  }
  for (const submit of writes.submit ?? []) {
    const revision = rateDraft(owned(submit.rateId), submit.revisionId);
    revision.formData = submit.formData;
    revision.updatedAt = at;
    revision.submitted = submit.submitted;
  }
  for (const open of writes.open ?? []) {
    const rate = owned(open.rateId);
    const last = rate.revisions.at(-1);
    if (!last?.submitted) throw new Error(`Filing ${plan.n}: rate ${rate.id} opened while a draft is open`);
    rate.revisions.push({
      id: open.revision.id,
      rateId: rate.id,
      number: last.number + 1,
      formData: open.revision.formData,
      createdAt: at,
      updatedAt: at,
      submitted: null,
      unlocked: open.unlocked,
    });
  }
  for (const discard of writes.discard ?? []) {
    const rate = owned(discard.rateId);
    const discarded = rateDraft(rate, discard.revisionId);
    rate.revisions.pop();
    if (rate.revisions.length === 0) rates.delete(rate.id);
    else if (discard.reversal) rate.reversedRevisions.push({ ...discarded, reversed: discard.reversal });
  }
}
