import type { Contract, Rate, RateFormData } from '@docket/domain';
import type { ContractChange } from '../../src/contract-store';
import type { Datastore } from '../../src/datastore';
import {
  buildApply,
  buildContractInput,
  draftLinks,
  draftOf,
  fixedLinks,
  newRate,
  saveDraft,
  submit,
  submitRate,
  unlock,
} from './factories';

/**
 * Filings with rates, built through the port as a use case would build them: every rate is created, submitted
 * and opened as part of a change to its parent contract.
 */

/** Applies one change at the contract's current version and returns the contract after it. */
export function applyChange(
  datastore: Datastore,
  contract: Contract,
  change: ContractChange,
): Promise<Contract> {
  return datastore.contracts.apply(contract.id, buildApply(contract, change));
}

/** Saves the contract's draft creating `count` new rates (or rates with these answers), linked after its others. */
export async function addNewRates(
  datastore: Datastore,
  contract: Contract,
  rates: number | RateFormData[],
): Promise<{ contract: Contract; rates: Rate[] }> {
  const created =
    typeof rates === 'number' ? Array.from({ length: rates }, () => newRate()) : rates.map(newRate);
  const draft = draftOf(contract);
  const next = await applyChange(
    datastore,
    contract,
    saveDraft(contract, undefined, {
      rateLinks: [...draft.rateLinks, ...draftLinks(...created.map((r) => r.id))],
      rates: { create: created },
    }),
  );
  return { contract: next, rates: await datastore.rates.getMany(created.map((r) => r.id)) };
}

/**
 * Submits the contract with the draft revisions of all the rates it owns, its links fixed to them. Returns the
 * contract and its rates, oldest first.
 */
export async function submitWithRates(
  datastore: Datastore,
  contract: Contract,
  options: { at?: string; reason?: string | null } = {},
): Promise<{ contract: Contract; rates: Rate[] }> {
  const owned = await datastore.rates.listByParent(contract.id);
  const drafts = owned.filter((rate) => rate.revisions.at(-1)?.submitted === null);
  const next = await applyChange(
    datastore,
    contract,
    submit(contract, {
      ...options,
      rateLinks: fixedLinks(...owned),
      rates: { submit: drafts.map((rate) => submitRate(rate, options)) },
    }),
  );
  return { contract: next, rates: await datastore.rates.listByParent(contract.id) };
}

/** A submitted contract of the state that owns `count` submitted rates. */
export async function filedWithRates(
  datastore: Datastore,
  stateCode: string,
  count: number,
): Promise<{ contract: Contract; rates: Rate[] }> {
  const created = await datastore.contracts.create(buildContractInput(stateCode));
  const { contract } = await addNewRates(datastore, created, count);
  return submitWithRates(datastore, contract);
}

/**
 * An unlocked contract that owns one rate left submitted (not opened by the unlock) and one new draft rate.
 */
export async function ownerOfTwoRates(
  datastore: Datastore,
  stateCode: string,
): Promise<{ contract: Contract; submittedRate: Rate; draftRate: Rate }> {
  const filed = await filedWithRates(datastore, stateCode, 1);
  const [submittedRate] = filed.rates;
  if (!submittedRate) throw new Error('no rate');
  const unlocked = await applyChange(datastore, filed.contract, unlock(filed.contract));
  const { contract, rates } = await addNewRates(datastore, unlocked, 1);
  const [draftRate] = rates;
  if (!draftRate) throw new Error('no rate');
  return { contract, submittedRate, draftRate };
}

/** A new contract of the state that links `rate` (at its latest revision) and submits, at `at` when given. */
export async function submittedLinking(
  datastore: Datastore,
  stateCode: string,
  rate: Rate,
  at?: string,
): Promise<Contract> {
  const created = await datastore.contracts.create(buildContractInput(stateCode));
  const saved = await applyChange(
    datastore,
    created,
    saveDraft(created, undefined, { rateLinks: draftLinks(rate.id) }),
  );
  return applyChange(datastore, saved, submit(saved, { at, rateLinks: fixedLinks(rate) }));
}
