import type { User } from '@docket/domain';
import type { ContractStore, EventLog, RateStore, StateStore } from '@docket/store';
import { contractDetails, findReadableFiling, type ContractDetails } from './contract-access';

/**
 * One contract with its history and rates, if the user may read it: the contract and its rates are one snapshot.
 * @throws NotFoundError (missing and forbidden alike)
 */
export async function getContract(
  stores: { contracts: ContractStore; events: EventLog; states: StateStore; rates: RateStore },
  user: User,
  id: string,
): Promise<ContractDetails> {
  return contractDetails(stores, await findReadableFiling(stores.contracts, user, id));
}
