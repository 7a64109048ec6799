import type { User } from '@docket/domain';
import type { ContractStore, EventLog, RateStore, StateStore } from '@docket/store';
import { contractDetails, findReadableContract, type ContractDetails } from './contract-access';

/** One contract with its history, if the user may read it. @throws NotFoundError (missing and forbidden alike) */
export async function getContract(
  stores: { contracts: ContractStore; events: EventLog; states: StateStore; rates: RateStore },
  user: User,
  id: string,
): Promise<ContractDetails> {
  const contract = await findReadableContract(stores.contracts, user, id);
  return contractDetails(stores, contract);
}
