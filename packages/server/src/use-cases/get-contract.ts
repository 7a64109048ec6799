import type { User } from '@docket/domain';
import type { ContractStore, StateStore } from '@docket/store';
import { findReadableWholeFiling, withPrograms, type ContractDetails } from './contract-access';

/**
 * One contract with its history and rates, if the user may read it: the contract, its rates and its history are
 * one snapshot, read with its rates' other parents in one statement on SQL (see `ContractStore.getFiling`).
 * @throws NotFoundError (missing and forbidden alike)
 */
export async function getContract(
  stores: { contracts: ContractStore; states: Pick<StateStore, 'listPrograms'> },
  user: User,
  id: string,
): Promise<ContractDetails> {
  return withPrograms(stores.states, await findReadableWholeFiling(stores.contracts, user, id));
}
