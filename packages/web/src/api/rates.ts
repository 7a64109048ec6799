import {
  linkableRateListViewSchema,
  RATE_ACTIONS,
  rateDetailViewSchema,
  rateListViewSchema,
  type RateAction,
  type RateActionRequest,
  type LinkableRateView,
  type RateDetailView,
  type RateListView,
} from '@docket/domain';
import { request } from './client';

/**
 * Every submitted rate of the state that a contract may link, following the cursor to the end (a state files
 * tens of rates a year).
 */
export async function listLinkableRates(stateCode: string): Promise<LinkableRateView[]> {
  const items: LinkableRateView[] = [];
  let cursor: string | null = null;
  do {
    const query = new URLSearchParams({ stateCode, limit: '100' });
    if (cursor) query.set('cursor', cursor);
    const page = await request('GET', `/api/rates/linkable?${query.toString()}`, {
      schema: linkableRateListViewSchema,
    });
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

/** One rate as its page shows it: revisions, the contracts that link it, its history. */
export function getRate(id: string): Promise<RateDetailView> {
  return request('GET', `/api/rates/${encodeURIComponent(id)}`, { schema: rateDetailViewSchema });
}

/** One page of the CMS rate reviews dashboard, for the view's query (`GET /api/rates`). */
export function listRateReviews(query: URLSearchParams, limit = 25): Promise<RateListView> {
  const params = new URLSearchParams(query);
  params.set('limit', String(limit));
  return request('GET', `/api/rates?${params.toString()}`, { schema: rateListViewSchema });
}

/** One of the rate's own review actions (`RATE_ACTIONS`): answers the rate as its page shows it after. */
export function performRateAction(
  id: string,
  action: RateAction,
  body: RateActionRequest,
): Promise<RateDetailView> {
  const { path } = RATE_ACTIONS[action].http;
  return request('POST', `/api/rates/${encodeURIComponent(id)}/${path}`, {
    body,
    schema: rateDetailViewSchema,
  });
}
