import {
  rateListQueryFor,
  type Program,
  type RateListItem,
  type RateListQuery,
  type User,
} from '@docket/domain';
import type { Page, PageRequest, RateStore } from '@docket/store';
import type { ProgramSource } from './list-contracts';

export interface RateListPage extends Page<RateListItem> {
  /** The programs of every state on the page, for names; looked up once per state. */
  programsByState: Map<string, Program[]>;
}

/**
 * One page of the CMS rate reviews dashboard, filtered, sorted and paged by the datastore from the rates' list
 * facts, never the rates themselves. The programs that name the rows come from `states` (the server's cache).
 * @throws ForbiddenError for a state user (`rateListQueryFor`).
 */
export async function listRates(
  stores: { rates: Pick<RateStore, 'listRates'>; states: ProgramSource },
  user: User,
  request: RateListQuery,
  page: PageRequest,
): Promise<RateListPage> {
  const result = await stores.rates.listRates(rateListQueryFor(user, request), page);
  const stateCodes = [...new Set(result.items.map((item) => item.summary.stateCode))];
  const programs = await Promise.all(stateCodes.map((code) => stores.states.listPrograms(code)));
  return {
    ...result,
    programsByState: new Map(stateCodes.map((code, i) => [code, programs[i] ?? []])),
  };
}
