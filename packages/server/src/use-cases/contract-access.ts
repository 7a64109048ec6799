import {
  authorizeRead,
  NotFoundError,
  type AuditEvent,
  type Contract,
  type Program,
  type Rate,
  type User,
} from '@docket/domain';
import type { ContractStore, EventLog, RateStore, StateStore } from '@docket/store';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The contract, if the user may read it. A malformed id, a missing contract and one the user may not see all
 * raise the same NotFoundError, so nobody learns that another state's filing exists.
 */
export async function findReadableContract(
  contracts: ContractStore,
  user: User,
  id: string,
): Promise<Contract> {
  if (!UUID.test(id)) throw new NotFoundError('Contract', id);
  let contract: Contract | null = null;
  try {
    contract = await contracts.get(id);
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
  }
  return authorizeRead(user, contract, id);
}

/**
 * A contract with what its view needs: its history, its state's programs (for names) and every rate any of its
 * revisions links.
 */
export interface ContractDetails {
  contract: Contract;
  history: AuditEvent[];
  programs: Program[];
  rates: Rate[];
  /** The parent contracts of the rates this contract links but does not own. */
  rateParents: Contract[];
}

/** The ids of every rate any revision of the contract links, each once, in order of first mention. */
export function linkedRateIds(contract: Pick<Contract, 'revisions'>): string[] {
  return [...new Set(contract.revisions.flatMap((r) => r.rateLinks.map((l) => l.rateId)))];
}

/** Every rate any revision of the contract links. */
export function loadContractRates(rates: RateStore, contract: Pick<Contract, 'revisions'>): Promise<Rate[]> {
  const ids = linkedRateIds(contract);
  return ids.length === 0 ? Promise.resolve([]) : rates.getMany(ids);
}

/**
 * Loads the history and rates of a contract (with the parents of the rates it links), and its state's programs
 * unless the caller already has them.
 */
export async function contractDetails(
  stores: { contracts: ContractStore; events: EventLog; states: StateStore; rates: RateStore },
  contract: Contract,
  programs?: Program[],
): Promise<ContractDetails> {
  const [history, statePrograms, rates] = await Promise.all([
    stores.events.listForContract(contract.id),
    programs ?? stores.states.listPrograms(contract.stateCode),
    loadContractRates(stores.rates, contract),
  ]);
  const rateParents = await loadRateParents(stores.contracts, contract.id, rates);
  return { contract, history, programs: statePrograms, rates, rateParents: [...rateParents.values()] };
}

/** The parent contracts of the rates that a contract (`contractId`) does not own, by id. */
export async function loadRateParents(
  contracts: ContractStore,
  contractId: string,
  rates: readonly Rate[],
): Promise<Map<string, Contract>> {
  const ids = [...new Set(rates.map((r) => r.parentContractId).filter((id) => id !== contractId))];
  const parents = await Promise.all(ids.map((id) => contracts.get(id)));
  return new Map(parents.map((c) => [c.id, c]));
}

/** Programs chosen in any submitted revision: a retired one among them may stay chosen. */
export function previouslyChosenPrograms(contract: Contract): string[] {
  return [...new Set(contract.revisions.filter((r) => r.submitted).flatMap((r) => r.formData.programIDs))];
}
