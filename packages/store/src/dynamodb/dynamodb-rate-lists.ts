import {
  rateListSelectsNothing,
  rateSummarySchema,
  type RateListItem,
  type RateListQuery,
  type RateListSort,
} from '@docket/domain';
import { MAX_STORED_INTEGER, pageSize } from '../keyset';
import type { Page, PageRequest } from '../page';
import {
  decodeRateListCursor,
  encodeRateListCursor,
  periodRange,
  type RateListKey,
} from '../rate-list-cursor';
import { batchGet, type Database } from './database';
import { MAX_MERGED_STATES } from './dynamodb-contract-lists';
import {
  allStateCodes,
  Budget,
  compareText,
  PAGE_READ_BUDGET,
  readListPage,
  type Filter,
  type MergedPartitions,
} from './dynamodb-list-reads';
import { storedTime, storedUuid } from './errors';
import { LIST_STATUS_ATTRIBUTE, type Item } from './items';
import {
  keys,
  RATE_PERIOD_INDEX,
  RATE_STATE_NAME_INDEX,
  RATE_STATE_PERIOD_INDEX,
  rateListKeys,
  rateNumberSort,
  rateStateList,
  SHARED_INDEX,
  STATE_SHARED_INDEX,
  STATE_SUBMITTED_INDEX,
  SUBMITTED_CONTRACTS_INDEX,
  timeAndId,
  type IndexDefinition,
  type RateListKind,
} from './keys';
import { RATE_LIST_FILTERS, RATE_SUMMARY_ATTRIBUTE } from './rate-items';

/**
 * The rate reviews dashboard (`RateStore.listRates`) read through indexes only, as the contract dashboards are
 * (docs/adr/0024-dynamodb-dashboard-lists.md, docs/adr/0027-rate-reviews-dashboard.md): every order is the sort
 * key of an index on the rate item, a state filter its partition key, a rating-period range the key condition of
 * the period order; what no key serves (status, rate type, the period in the other orders, states past
 * `MAX_MERGED_STATES`) is a residual filter, within the page's read budget. A time or period order is one segment
 * (the merge of the store's shards, or of the states asked for); the order by name is one segment per state.
 */

/** One ordered run of the list: the partitions merged, and the state it is, ordering by name ('' otherwise). */
interface Segment extends MergedPartitions {
  label: string;
  /** The states asked for, when the partitions are store-wide (a residual filter); null when keys serve them. */
  states: readonly string[] | null;
}

/** Where a page starts: in which segment, after which sort key; `id` is the rate at that key. */
interface Position {
  label: string;
  after: string;
  id: string;
}

const LOWEST_ID = '00000000-0000-0000-0000-000000000000';

function positionOf(key: RateListKey): Position {
  const id = key.id.toLowerCase();
  switch (key.by) {
    case 'SUBMITTED':
    case 'UPDATED':
      return { label: '', after: timeAndId(storedTime(key.time), id), id };
    case 'PERIOD_START':
      return { label: '', after: timeAndId(key.periodStart, id), id };
    case 'NAME':
      return { label: key.stateCode, after: rateNumberSort(key.stateNumber), id };
  }
}

function keyOf(by: RateListSort, position: Position): RateListKey {
  if (by === 'NAME') {
    return { by, stateCode: position.label, stateNumber: Number(position.after), id: position.id };
  }
  const split = position.after.indexOf('#');
  const [value, id] = [position.after.slice(0, split), position.after.slice(split + 1)];
  return by === 'PERIOD_START' ? { by, periodStart: value, id } : { by, time: value, id };
}

/** The indexes of each time or period order: store-wide (sharded) and per state. */
const ORDERS: Record<
  Exclude<RateListSort, 'NAME'>,
  { storeWide: IndexDefinition; kind: RateListKind; perState: IndexDefinition }
> = {
  SUBMITTED: {
    storeWide: SUBMITTED_CONTRACTS_INDEX,
    kind: 'RATES_SUBMITTED',
    perState: STATE_SUBMITTED_INDEX,
  },
  UPDATED: { storeWide: SHARED_INDEX, kind: 'RATES_SHARED', perState: STATE_SHARED_INDEX },
  PERIOD_START: { storeWide: RATE_PERIOD_INDEX, kind: 'RATES_PERIOD', perState: RATE_STATE_PERIOD_INDEX },
};

async function planOf(db: Database, query: RateListQuery): Promise<Segment[]> {
  const states = query.states === null ? null : [...new Set(query.states)];
  if (query.sort.by === 'NAME') {
    const codes = states === null ? await allStateCodes(db) : states.sort(compareText);
    if (query.sort.direction === 'DESC') codes.reverse();
    return codes.map((code) => ({
      label: code,
      index: RATE_STATE_NAME_INDEX,
      partitions: [rateStateList(code)],
      states: null,
    }));
  }
  const order = ORDERS[query.sort.by];
  const period = periodRange(query);
  // The period order holds the range in its key: from the first day's first id to the last day's last.
  const bounds =
    query.sort.by === 'PERIOD_START' && period !== null
      ? { low: `${period.from}#`, high: `${period.to}#~` }
      : null;
  if (states === null || states.length > MAX_MERGED_STATES) {
    return [{ label: '', index: order.storeWide, partitions: rateListKeys(order.kind), bounds, states }];
  }
  return [{ label: '', index: order.perState, partitions: states.map(rateStateList), bounds, states: null }];
}

/** The segments a page reads, from the cursor's on, and where in the first one it starts. */
function resume(
  plan: readonly Segment[],
  position: Position | null,
  query: RateListQuery,
): { segments: Segment[]; after: string | null } {
  if (position === null) return { segments: [...plan], after: null };
  if (query.sort.by !== 'NAME') return { segments: [...plan], after: position.after };
  const descending = query.sort.direction === 'DESC';
  const at = plan.findIndex((segment) =>
    descending ? segment.label <= position.label : segment.label >= position.label,
  );
  if (at < 0) return { segments: [], after: null };
  if (plan[at]?.label !== position.label) return { segments: plan.slice(at), after: null };
  const stateEnd = rateNumberSort(descending ? 1 : MAX_STORED_INTEGER);
  if (position.after === stateEnd) return { segments: plan.slice(at + 1), after: null };
  return { segments: plan.slice(at), after: position.after };
}

/** The position after the whole of a state, for a page whose budget ends there. */
function endOf(segment: Segment, descending: boolean): Position {
  return {
    label: segment.label,
    after: rateNumberSort(descending ? 1 : MAX_STORED_INTEGER),
    id: LOWEST_ID,
  };
}

function filterOf(query: RateListQuery, segment: Segment): Filter | null {
  const parts: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const anyOf = (attribute: string, name: string, options: readonly string[]) => {
    names[`#${name}`] = attribute;
    const placeholders = options.map((option, index) => {
      values[`:${name}${index}`] = option;
      return `:${name}${index}`;
    });
    parts.push(`#${name} IN (${placeholders.join(', ')})`);
  };
  if (segment.states !== null) anyOf('stateCode', 'state', segment.states);
  if (query.statuses !== null) anyOf(LIST_STATUS_ATTRIBUTE, 'status', query.statuses);
  if (query.rateTypes !== null) anyOf(RATE_LIST_FILTERS.rateType, 'type', query.rateTypes);
  const period = periodRange(query);
  if (period !== null && !segment.bounds) {
    names['#period'] = RATE_LIST_FILTERS.periodStart;
    values[':from'] = period.from;
    values[':to'] = period.to;
    parts.push('#period BETWEEN :from AND :to');
  }
  return parts.length === 0 ? null : { expression: parts.join(' AND '), names, values };
}

/**
 * A page of the rate reviews dashboard: reads the segments from the cursor's on until it has one rate more than
 * the page, or its read budget is spent (then its cursor stands where reading stopped), then the parent contracts
 * of the rates kept, in one consistent batch.
 * @throws InvalidCursorError before anything is read, when the cursor is not one of this query's.
 */
export async function listRates(
  db: Database,
  query: RateListQuery,
  page: PageRequest,
  readBudget: number = PAGE_READ_BUDGET,
): Promise<Page<RateListItem>> {
  const key = decodeRateListCursor(query, page.cursor);
  if (rateListSelectsNothing(query)) return { items: [], nextCursor: null };
  const size = pageSize(page);
  const descending = query.sort.direction === 'DESC';
  const { segments, after } = resume(await planOf(db, query), key && positionOf(key), query);
  const { items, next } = await readListPage(db, segments, {
    after,
    size,
    descending,
    filterOf: (segment) => filterOf(query, segment),
    endOf: (segment) => endOf(segment, descending),
    budget: new Budget(readBudget),
  });
  return {
    items: await withParents(db, items),
    nextCursor: next === null ? null : encodeRateListCursor(query, keyOf(query.sort.by, next)),
  };
}

/** The rates' facts as their items hold them, each with its parent contract's number and programs. */
async function withParents(db: Database, items: readonly Item[]): Promise<RateListItem[]> {
  const summaries = items.map((item) => rateSummarySchema.parse(item[RATE_SUMMARY_ATTRIBUTE]));
  const parentIds = [...new Set(summaries.map((summary) => storedUuid(summary.parentContractId)))];
  const parents = new Map(
    (await batchGet(db, parentIds.map(keys.contract), ['id', 'stateNumber', 'submittedSlice', 'latestSlice']))
      .map((item) => item as Record<string, unknown>)
      .map((item) => [String(item.id), item]),
  );
  return summaries.map((summary) => {
    const parent = parents.get(storedUuid(summary.parentContractId));
    const slice = (parent?.submittedSlice ?? parent?.latestSlice) as { programIds?: string[] } | undefined;
    return {
      summary,
      parent:
        parent === undefined
          ? null
          : {
              id: String(parent.id),
              stateNumber: Number(parent.stateNumber),
              programIds: slice?.programIds ?? [],
            },
    };
  });
}
