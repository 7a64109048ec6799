import { z } from 'zod';
import { CONSOLIDATED_STATUSES } from './contract';
import { SUBMISSION_TYPES } from './contract-form';
import { summaryStatus, type ContractSummary, type SummarySlice } from './contract-summary';
import { isStorableText } from './storable-text';

/**
 * What a contract dashboard asks the datastore for: which contracts (a view and filters), in which order. The
 * datastore filters, sorts and pages (`ContractStore.listContracts`); the policy decides the view and narrows the
 * states a user may ask for before a query is built.
 */

/** The orders a dashboard offers: last update, first submission, name. */
export const CONTRACT_LIST_SORTS = ['UPDATED', 'SUBMITTED', 'NAME'] as const;
export type ContractListSort = (typeof CONTRACT_LIST_SORTS)[number];

export const SORT_DIRECTIONS = ['ASC', 'DESC'] as const;
export type SortDirection = (typeof SORT_DIRECTIONS)[number];

/**
 * Which side of a filing a list reads. `LATEST`: the latest revision's slice and `updatedAt` — for whoever sees work
 * in progress (a state user, admins); drafts included. `SUBMITTED`: the last submitted slice and `sharedUpdatedAt`;
 * only contracts submitted at least once — for CMS reviewers, who never see the state's draft.
 */
export const CONTRACT_LIST_VIEWS = ['LATEST', 'SUBMITTED'] as const;
export type ContractListView = (typeof CONTRACT_LIST_VIEWS)[number];

/** More values than any filter needs (56 states, a handful of types and statuses), far fewer than abuse. */
export const MAX_FILTER_VALUES = 100;

const filterText = z.string().min(1).max(200).refine(isStorableText, 'Not storable text');

/** A filter: null for "any"; a list for "one of these" (an empty list matches nothing). */
function filterOf<T extends z.ZodType>(value: T) {
  return z.array(value).max(MAX_FILTER_VALUES).readonly().nullable();
}

export const contractListQuerySchema = z.object({
  /**
   * 'LATEST': the latest revision's slice and `updatedAt` (whoever sees work in progress: a state user, admins);
   * drafts included. 'SUBMITTED': the last submitted slice and `sharedUpdatedAt`; only contracts submitted at
   * least once (CMS reviewers). Type/program filters and the UPDATED sort read the slice/time of this view.
   */
  view: z.enum(CONTRACT_LIST_VIEWS),
  /** The contracts' states; null: every state. */
  states: filterOf(filterText),
  /** The viewed slice's submission type (a draft that has none yet matches no type). */
  submissionTypes: filterOf(z.enum(SUBMISSION_TYPES)),
  /** The summary's consolidated status (`summaryStatus`). */
  statuses: filterOf(z.enum(CONSOLIDATED_STATUSES)),
  /** One program id among the viewed slice's `programIds`; null: any. */
  programId: filterText.nullable(),
  /**
   * Only the filings this user is an assigned reviewer of ("Assigned to me"); null or absent: anyone's. Absent from
   * queries made before assignments, whose cursors it leaves as they were.
   */
  reviewerId: z.uuid().nullable().optional(),
  /**
   * UPDATED: the view's updated time. SUBMITTED: `firstSubmittedAt`, contracts never submitted (drafts) after all
   * submitted ones in both directions. NAME: (stateCode, stateNumber), which is the order of the generated names
   * (MCR-ST-0001-…). Ties are always broken by id, so the order is total.
   */
  sort: z.object({ by: z.enum(CONTRACT_LIST_SORTS), direction: z.enum(SORT_DIRECTIONS) }),
});
export type ContractListQuery = z.infer<typeof contractListQuerySchema>;

/** Every contract of the view, of every state, most recently updated first: a dashboard's default. */
export function defaultContractListQuery(view: ContractListView): ContractListQuery {
  return {
    view,
    states: null,
    submissionTypes: null,
    statuses: null,
    programId: null,
    sort: { by: 'UPDATED', direction: 'DESC' },
  };
}

/** The slice a view reads of a summary: the latest revision's, or the last submitted one's (null before any). */
export function viewedSlice(view: ContractListView, summary: ContractSummary): SummarySlice | null {
  return view === 'LATEST' ? summary.latest : summary.submitted;
}

/** The time a view calls the summary's last update: `updatedAt`, or `sharedUpdatedAt` for the shared view. */
export function viewedUpdatedAt(
  view: ContractListView,
  summary: Pick<ContractSummary, 'updatedAt' | 'sharedUpdatedAt'>,
): string {
  return view === 'LATEST' ? summary.updatedAt : summary.sharedUpdatedAt;
}

/**
 * The query in one canonical form: every filter's values sorted and each once, so two queries that select and
 * order the same contracts are equal. A list cursor is tied to its query in this form.
 */
export function canonicalContractListQuery(query: ContractListQuery): ContractListQuery {
  const canonical = <T extends string>(values: readonly T[] | null): T[] | null =>
    values === null ? null : [...new Set(values)].sort();
  return {
    view: query.view,
    states: canonical(query.states),
    submissionTypes: canonical(query.submissionTypes),
    statuses: canonical(query.statuses),
    programId: query.programId,
    ...(query.reviewerId ? { reviewerId: query.reviewerId.toLowerCase() } : {}),
    sort: { by: query.sort.by, direction: query.sort.direction },
  };
}

/**
 * Whether a summary is in a list of `query` by its facts: every filter but the reviewer's, which is a fact of the
 * assignments, not of the summary. For an adapter that reads a small set of filings by another key (a reviewer's
 * assignments) and filters and orders them itself.
 */
export function matchesContractListQuery(query: ContractListQuery, summary: ContractSummary): boolean {
  const slice = viewedSlice(query.view, summary);
  if (query.view === 'SUBMITTED' && summary.firstSubmittedAt === null) return false;
  if (query.states !== null && !query.states.includes(summary.stateCode)) return false;
  if (query.submissionTypes !== null) {
    const type = slice?.submissionType ?? null;
    if (type === null || !query.submissionTypes.includes(type)) return false;
  }
  if (query.statuses !== null && !query.statuses.includes(summaryStatus(summary))) return false;
  if (query.programId !== null && !(slice?.programIds ?? []).includes(query.programId)) return false;
  return true;
}
