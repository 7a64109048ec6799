import {
  contractListQueryFor,
  type ContractListRequest,
  type ContractSummary,
  type Program,
  type User,
} from '@docket/domain';
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
 * One page of a dashboard: the request as the policy lets the user ask it (`contractListQueryFor`: the view the
 * rows are shown in, the states narrowed to the user's), filtered, sorted and paged by the datastore. The page
 * holds the contracts' summaries, read by one query of the list projection, never the contracts themselves.
 * @throws ForbiddenError when a state user asks for another state's contracts.
 */
export async function listContracts(
  stores: { contracts: Pick<ContractStore, 'listContracts'>; states: ProgramSource },
  user: User,
  request: ContractListRequest,
  page: PageRequest,
): Promise<ContractListPage> {
  const query = contractListQueryFor(user, request);
  const result: Page<ContractSummary> =
    query === null ? { items: [], nextCursor: null } : await stores.contracts.listContracts(query, page);

  const stateCodes = [...new Set(result.items.map((c) => c.stateCode))];
  const programs = await Promise.all(stateCodes.map((code) => stores.states.listPrograms(code)));
  return {
    ...result,
    programsByState: new Map(stateCodes.map((code, i) => [code, programs[i] ?? []])),
  };
}
