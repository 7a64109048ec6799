import { RATE_TYPES, type RateConsolidatedStatus, type RateType } from '@docket/domain';

/**
 * The rate reviews dashboard's view as its URL carries it (`?state=MN&type=NEW&status=WITHDRAWN&period-from=…`),
 * with the API's own parameters: the page asks `GET /api/rates` and links `GET /api/rates.csv` with the same
 * query. Values the page does not know are dropped rather than sent, so a stale link shows a broader view.
 */

export const RATE_REVIEW_SORTS = ['submitted', 'updated', 'period', 'name'] as const;
export type RateReviewSort = (typeof RATE_REVIEW_SORTS)[number];

/** The statuses a listed rate can have (a rate never submitted is not listed). */
export const RATE_REVIEW_STATUSES = [
  'SUBMITTED',
  'UNLOCKED',
  'RESUBMITTED',
  'WITHDRAWN',
] as const satisfies readonly RateConsolidatedStatus[];

export interface RateReviewsQuery {
  states: string[];
  types: RateType[];
  statuses: RateConsolidatedStatus[];
  /** The rating period's start from this date (`YYYY-MM-DD`), inclusive; null: no bound. */
  periodFrom: string | null;
  periodTo: string | null;
  sort: RateReviewSort;
  order: 'asc' | 'desc';
  cursor: string | null;
}

export const DEFAULT_RATE_REVIEWS_QUERY: RateReviewsQuery = {
  states: [],
  types: [],
  statuses: [],
  periodFrom: null,
  periodTo: null,
  sort: 'submitted',
  order: 'desc',
  cursor: null,
};

function known<T extends string>(values: readonly T[], given: string[]): T[] {
  return [...new Set(given)].filter((value): value is T => (values as readonly string[]).includes(value));
}

const STATE_CODE = /^[A-Z]{2}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function dateOf(value: string | null): string | null {
  return value !== null && DATE.test(value) ? value : null;
}

export function readRateReviewsQuery(params: URLSearchParams): RateReviewsQuery {
  const sort = params.get('sort');
  const order = params.get('order');
  return {
    states: [...new Set(params.getAll('state'))].filter((code) => STATE_CODE.test(code)),
    types: known(RATE_TYPES, params.getAll('type')),
    statuses: known(RATE_REVIEW_STATUSES, params.getAll('status')),
    periodFrom: dateOf(params.get('period-from')),
    periodTo: dateOf(params.get('period-to')),
    sort: known(RATE_REVIEW_SORTS, sort === null ? [] : [sort])[0] ?? DEFAULT_RATE_REVIEWS_QUERY.sort,
    order: order === 'asc' || order === 'desc' ? order : DEFAULT_RATE_REVIEWS_QUERY.order,
    cursor: params.get('cursor') || null,
  };
}

/** The query string of a view: only what differs from the default, in a stable order. */
export function writeRateReviewsQuery(query: RateReviewsQuery): URLSearchParams {
  const params = new URLSearchParams();
  for (const state of query.states) params.append('state', state);
  for (const type of query.types) params.append('type', type);
  for (const status of query.statuses) params.append('status', status);
  if (query.periodFrom) params.set('period-from', query.periodFrom);
  if (query.periodTo) params.set('period-to', query.periodTo);
  if (query.sort !== DEFAULT_RATE_REVIEWS_QUERY.sort || query.order !== DEFAULT_RATE_REVIEWS_QUERY.order) {
    params.set('sort', query.sort);
    params.set('order', query.order);
  }
  if (query.cursor) params.set('cursor', query.cursor);
  return params;
}

/** A change of filters or order starts again from the first page. */
export function withRateFilters(
  query: RateReviewsQuery,
  change: Partial<Omit<RateReviewsQuery, 'cursor'>>,
): RateReviewsQuery {
  return { ...query, ...change, cursor: null };
}

export function isRateViewFiltered(query: RateReviewsQuery): boolean {
  return (
    query.states.length > 0 ||
    query.types.length > 0 ||
    query.statuses.length > 0 ||
    query.periodFrom !== null ||
    query.periodTo !== null
  );
}

/** The export of the whole view: the same query without the page. */
export function rateExportPath(query: RateReviewsQuery): string {
  const text = writeRateReviewsQuery({ ...query, cursor: null }).toString();
  return text ? `/api/rates.csv?${text}` : '/api/rates.csv';
}
