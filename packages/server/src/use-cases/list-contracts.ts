import { contractListScope, type Contract, type Program, type User } from '@docket/domain';
import type { ContractStore, Page, PageRequest, StateStore } from '@docket/store';

export interface ContractListPage extends Page<Contract> {
  /** The programs of every state on the page, for names; loaded once per state. */
  programsByState: Map<string, Program[]>;
}

/**
 * One page of the contracts the user may see, filtered in the query by the policy's scope: a state user's own
 * state with drafts, CMS every submitted filing, the read-everything roles every filing.
 */
export async function listContracts(
  stores: { contracts: ContractStore; states: StateStore },
  user: User,
  page: PageRequest,
): Promise<ContractListPage> {
  const scope = contractListScope(user);
  let result: Page<Contract>;
  if (scope.kind === 'none') result = { items: [], nextCursor: null };
  else if (scope.kind === 'state') result = await stores.contracts.listByState(scope.stateCode, page);
  else if (scope.includeDrafts) result = await stores.contracts.listAll(page);
  else result = await stores.contracts.listSubmitted(page);

  const stateCodes = [...new Set(result.items.map((c) => c.stateCode))];
  const programs = await Promise.all(stateCodes.map((code) => stores.states.listPrograms(code)));
  return {
    ...result,
    programsByState: new Map(stateCodes.map((code, i) => [code, programs[i] ?? []])),
  };
}
