import {
  canBeLinked,
  contractListScope,
  ForbiddenError,
  type Contract,
  type Program,
  type Rate,
  type User,
} from '@docket/domain';
import type { ContractStore, Page, PageRequest, RateStore, StateStore } from '@docket/store';

export interface LinkableRatesPage extends Page<Rate> {
  programs: Program[];
  /** The parent contract of each rate on the page, by id. */
  parents: Map<string, Contract>;
}

/**
 * One page of a state's submitted rates, the ones a contract of the state may link. A state user sees only its
 * own state's; CMS users and the read-everything roles any state's.
 */
export async function listLinkableRates(
  stores: { rates: RateStore; contracts: ContractStore; states: StateStore },
  user: User,
  stateCode: string,
  page: PageRequest,
): Promise<LinkableRatesPage> {
  const scope = contractListScope(user);
  if (scope.kind === 'none' || (scope.kind === 'state' && scope.stateCode !== stateCode)) {
    throw new ForbiddenError('You may only see the rates of your own state');
  }
  await stores.states.getState(stateCode);
  const [result, programs] = await Promise.all([
    stores.rates.listLinkable(stateCode, page),
    stores.states.listPrograms(stateCode),
  ]);
  const parentIds = [...new Set(result.items.map((r) => r.parentContractId))];
  const parents = new Map(
    (await Promise.all(parentIds.map((id) => stores.contracts.get(id)))).map((c) => [c.id, c]),
  );
  // Rates of withdrawn filings are left out, so a page may hold fewer than asked; `nextCursor` still goes on.
  const items = result.items.filter((r) => canBeLinked(r, parents.get(r.parentContractId), stateCode));
  return { items, nextCursor: result.nextCursor, programs, parents };
}
