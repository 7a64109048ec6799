import {
  CONSOLIDATED_STATUSES,
  SUBMISSION_TYPES,
  type ConsolidatedStatus,
  type SubmissionType,
} from '@docket/domain';

/**
 * A dashboard's view as its URL carries it (`?state=MN&state=WI&status=SUBMITTED&sort=updated&order=desc&cursor=…`),
 * so a view can be shared and survives a reload. The parameters are the API's own: the page asks
 * `GET /api/contracts` and links `GET /api/contracts.csv` with the same query. Values the page does not know are
 * dropped rather than sent, so a stale link shows a broader view instead of an error.
 */

export const DASHBOARD_SORTS = ['updated', 'submitted', 'name'] as const;
export type DashboardSort = (typeof DASHBOARD_SORTS)[number];
export type DashboardOrder = 'asc' | 'desc';

export interface DashboardQuery {
  /** State codes; empty: every state the user may see. */
  states: string[];
  /** Only the states the reviewer is assigned to ("My states"). */
  mine: boolean;
  /** Only the filings the caller is an assigned reviewer of ("Assigned to me"). */
  assigned: boolean;
  types: SubmissionType[];
  statuses: ConsolidatedStatus[];
  program: string | null;
  sort: DashboardSort;
  order: DashboardOrder;
  /** Where the page starts: a `nextCursor` of the same view; null for the first page. */
  cursor: string | null;
}

export const DEFAULT_DASHBOARD_QUERY: DashboardQuery = {
  states: [],
  mine: false,
  assigned: false,
  types: [],
  statuses: [],
  program: null,
  sort: 'updated',
  order: 'desc',
  cursor: null,
};

function known<T extends string>(values: readonly T[], given: string[]): T[] {
  return [...new Set(given)].filter((value): value is T => (values as readonly string[]).includes(value));
}

const STATE_CODE = /^[A-Z]{2}$/;

export function readDashboardQuery(params: URLSearchParams): DashboardQuery {
  const sort = params.get('sort');
  const order = params.get('order');
  return {
    states: [...new Set(params.getAll('state'))].filter((code) => STATE_CODE.test(code)),
    mine: params.get('mine') === '1',
    assigned: params.get('assigned') === '1',
    types: known(SUBMISSION_TYPES, params.getAll('type')),
    statuses: known(CONSOLIDATED_STATUSES, params.getAll('status')),
    program: params.get('program') || null,
    sort: known(DASHBOARD_SORTS, sort === null ? [] : [sort])[0] ?? DEFAULT_DASHBOARD_QUERY.sort,
    order: order === 'asc' || order === 'desc' ? order : DEFAULT_DASHBOARD_QUERY.order,
    cursor: params.get('cursor') || null,
  };
}

/** The query string of a view: only what differs from the default, in a stable order. */
export function writeDashboardQuery(query: DashboardQuery): URLSearchParams {
  const params = new URLSearchParams();
  for (const state of query.states) params.append('state', state);
  if (query.mine) params.set('mine', '1');
  if (query.assigned) params.set('assigned', '1');
  for (const type of query.types) params.append('type', type);
  for (const status of query.statuses) params.append('status', status);
  if (query.program) params.set('program', query.program);
  if (query.sort !== DEFAULT_DASHBOARD_QUERY.sort || query.order !== DEFAULT_DASHBOARD_QUERY.order) {
    params.set('sort', query.sort);
    params.set('order', query.order);
  }
  if (query.cursor) params.set('cursor', query.cursor);
  return params;
}

/** A change of filters or order starts again from the first page: a cursor belongs to the view it came from. */
export function withFilters(
  query: DashboardQuery,
  change: Partial<Omit<DashboardQuery, 'cursor'>>,
): DashboardQuery {
  return { ...query, ...change, cursor: null };
}

/** Whether any filter narrows the view. */
export function isFiltered(query: DashboardQuery): boolean {
  return (
    query.states.length > 0 ||
    query.mine ||
    query.assigned ||
    query.types.length > 0 ||
    query.statuses.length > 0 ||
    query.program !== null
  );
}

/** The export of the whole view: the same query without the page. */
export function exportPath(query: DashboardQuery): string {
  const params = writeDashboardQuery({ ...query, cursor: null });
  const text = params.toString();
  return text ? `/api/contracts.csv?${text}` : '/api/contracts.csv';
}
