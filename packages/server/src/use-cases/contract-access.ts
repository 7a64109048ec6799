import {
  authorizeRead,
  NotFoundError,
  type AuditEvent,
  type Contract,
  type Program,
  type Rate,
  type User,
} from '@docket/domain';
import type { ContractStore, ContractWithRates, EventLog, RateStore, StateStore } from '@docket/store';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The contract with every rate its revisions link, as one snapshot of the datastore (`getWithRates`), if the user
 * may read it. A malformed id, a missing contract and one the user may not see all raise the same NotFoundError,
 * so nobody learns that another state's filing exists. What of it the user may see is the policy's
 * `visibleFiling`, applied where it is shown.
 */
export async function findReadableFiling(
  contracts: ContractStore,
  user: User,
  id: string,
): Promise<ContractWithRates> {
  if (!UUID.test(id)) throw new NotFoundError('Contract', id);
  let filing: ContractWithRates | null = null;
  try {
    filing = await contracts.getWithRates(id);
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
  }
  const contract = authorizeRead(user, filing?.contract, id);
  return { contract, rates: filing?.rates ?? [] };
}

/**
 * A contract with what its view needs: its history, its state's programs (for names) and every rate any of its
 * revisions links, read with it as one snapshot.
 */
export interface ContractDetails {
  contract: Contract;
  history: AuditEvent[];
  programs: Program[];
  rates: Rate[];
  /** The parent contracts of the rates this contract links but does not own. */
  rateParents: Contract[];
}

/**
 * Loads the history of a filing read with its rates, the parents of the rates it links, and its state's programs
 * unless the caller already has them.
 */
export async function contractDetails(
  stores: { contracts: ContractStore; events: EventLog; states: StateStore; rates: RateStore },
  { contract, rates }: ContractWithRates,
  programs?: Program[],
): Promise<ContractDetails> {
  const [history, statePrograms, rateParents] = await Promise.all([
    stores.events.listForContract(contract.id),
    programs ?? stores.states.listPrograms(contract.stateCode),
    loadRateParents(stores.contracts, contract.id, rates),
  ]);
  return { contract, history, programs: statePrograms, rates, rateParents: [...rateParents.values()] };
}

/**
 * The parent contracts of the rates that a contract (`contractId`) does not own, by id. A rate's parent is
 * another filing, read on its own: what matters of it (its status, its name) is not part of this filing.
 */
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
