import {
  authorizeRead,
  NotFoundError,
  type AuditEvent,
  type Contract,
  type Program,
  type User,
} from '@docket/domain';
import type { ContractStore, EventLog, StateStore } from '@docket/store';

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

/** A contract with what its view needs: its history and its state's programs (for names). */
export interface ContractDetails {
  contract: Contract;
  history: AuditEvent[];
  programs: Program[];
}

/** Loads the history of a contract, and its state's programs unless the caller already has them. */
export async function contractDetails(
  stores: { events: EventLog; states: StateStore },
  contract: Contract,
  programs?: Program[],
): Promise<ContractDetails> {
  const [history, statePrograms] = await Promise.all([
    stores.events.listForContract(contract.id),
    programs ?? stores.states.listPrograms(contract.stateCode),
  ]);
  return { contract, history, programs: statePrograms };
}

/** Programs chosen in any submitted revision: a retired one among them may stay chosen. */
export function previouslyChosenPrograms(contract: Contract): string[] {
  return [...new Set(contract.revisions.filter((r) => r.submitted).flatMap((r) => r.formData.programIDs))];
}
