import { contractListScope, type ContractSummary, type Program, type User } from '@docket/domain';
import type { ContractStore, Page, PageRequest, StateStore } from '@docket/store';

export interface ContractListPage extends Page<ContractSummary> {
  /** The programs of every state on the page, for names; looked up once per state. */
  programsByState: Map<string, Program[]>;
}

/**
 * Where a list finds the programs that name its rows: the state store, or anything with the same method in front
 * of it (a cache of this reference data would serve every page without a statement).
 */
export type ProgramSource = Pick<StateStore, 'listPrograms'>;

/**
 * One page of the contracts the user may see, filtered in the query by the policy's scope: a state user's own
 * state with drafts, CMS every submitted filing, the read-everything roles every filing. The page holds the
 * contracts' summaries, read by one query of the list projection, never the contracts themselves.
 */
export async function listContracts(
  stores: {
    contracts: Pick<ContractStore, 'listByState' | 'listSubmitted' | 'listAll'>;
    states: ProgramSource;
  },
  user: User,
  page: PageRequest,
): Promise<ContractListPage> {
  const scope = contractListScope(user);
  let result: Page<ContractSummary>;
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
