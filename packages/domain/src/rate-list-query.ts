import { z } from 'zod';
import { isoDateSchema } from './calendar-date';
import { MAX_FILTER_VALUES, SORT_DIRECTIONS } from './contract-list-query';
import { RATE_TYPES } from './rate-form';
import { RATE_CONSOLIDATED_STATUSES } from './rate';
import { isStorableText } from './storable-text';
import { ForbiddenError } from './errors';
import type { User } from './users';

/**
 * What the CMS rate reviews dashboard asks the datastore for (`RateStore.listRates`): which rates — every rate
 * submitted at least once, narrowed by filters — in which order. The datastore filters, sorts and pages; the
 * policy (`rateListQueryFor`) decides who may ask.
 */

/**
 * The orders the dashboard offers: first submission, last update as everyone sees it, start of the rating period,
 * and name (state, then the state's rate number).
 */
export const RATE_LIST_SORTS = ['SUBMITTED', 'UPDATED', 'PERIOD_START', 'NAME'] as const;
export type RateListSort = (typeof RATE_LIST_SORTS)[number];

const filterText = z.string().min(1).max(200).refine(isStorableText, 'Not storable text');

/** A filter: null for "any"; a list for "one of these" (an empty list matches nothing). */
function filterOf<T extends z.ZodType>(value: T) {
  return z.array(value).max(MAX_FILTER_VALUES).readonly().nullable();
}

export const rateListQuerySchema = z.object({
  /** The rates' states; null: every state. */
  states: filterOf(filterText),
  /** The last submitted revision's rate type. */
  rateTypes: filterOf(z.enum(RATE_TYPES)),
  /** The consolidated rate status (`rateListStatus`). */
  statuses: filterOf(z.enum(RATE_CONSOLIDATED_STATUSES)),
  /**
   * The rating period's start (of the last submitted revision) on or after this calendar date; null: no bound. A
   * rate whose submission has no start date matches no bound.
   */
  periodFrom: isoDateSchema.nullable(),
  /** The rating period's start on or before this calendar date (inclusive); null: no bound. */
  periodTo: isoDateSchema.nullable(),
  /**
   * SUBMITTED: the first submission. UPDATED: `sharedUpdatedAt`. PERIOD_START: the rating period's start (rates
   * without one after every other, in both directions). NAME: (stateCode, stateNumber). Ties by id.
   */
  sort: z.object({ by: z.enum(RATE_LIST_SORTS), direction: z.enum(SORT_DIRECTIONS) }),
});
export type RateListQuery = z.infer<typeof rateListQuerySchema>;

/** Every submitted rate of every state, most recently submitted first: the dashboard's default. */
export function defaultRateListQuery(): RateListQuery {
  return {
    states: null,
    rateTypes: null,
    statuses: null,
    periodFrom: null,
    periodTo: null,
    sort: { by: 'SUBMITTED', direction: 'DESC' },
  };
}

/** The query in one canonical form (filter values sorted, each once); a list cursor is tied to it. */
export function canonicalRateListQuery(query: RateListQuery): RateListQuery {
  const canonical = <T extends string>(values: readonly T[] | null): T[] | null =>
    values === null ? null : [...new Set(values)].sort();
  return {
    states: canonical(query.states),
    rateTypes: canonical(query.rateTypes),
    statuses: canonical(query.statuses),
    periodFrom: query.periodFrom,
    periodTo: query.periodTo,
    sort: { by: query.sort.by, direction: query.sort.direction },
  };
}

/** Whether the query can match no rate whatever is stored: a filter with no value, or an empty period range. */
export function rateListSelectsNothing(query: RateListQuery): boolean {
  const empty = [query.states, query.rateTypes, query.statuses].some((values) => values?.length === 0);
  return empty || (query.periodFrom !== null && query.periodTo !== null && query.periodFrom > query.periodTo);
}

/**
 * The query a rate reviews request becomes for `user`. The dashboard is CMS's (DOMAIN §6): reviewers and the
 * read-everything roles list every state's rates; a state user reaches its rates through its own submissions.
 * @throws ForbiddenError for a state user or a disabled user.
 */
export function rateListQueryFor(user: User, request: RateListQuery): RateListQuery {
  if (user.disabled || user.role === 'STATE_USER') {
    throw new ForbiddenError('The rate reviews dashboard is for CMS users');
  }
  return request;
}
