import type { ContractListQuery, ContractSummary } from '@docket/domain';
import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import {
  decodeContractListCursor,
  encodeContractListCursor,
  type ContractListKey,
} from '../contract-list-cursor';
import { MAX_STORED_INTEGER, pageSize } from '../keyset';
import type { Page, PageRequest } from '../page';
import { keyCondition, queryAll, type Database } from './database';
import { readSummaries } from './dynamodb-contract-reads';
import { storedTime } from './errors';
import { LIST_STATUS_ATTRIBUTE, type Item } from './items';
import {
  contractNumberSort,
  contractPartition,
  GLOBAL_INDEX,
  globalKeys,
  listKeys,
  OWNER_INDEX,
  owners,
  SHARED_INDEX,
  STATE_SHARED_INDEX,
  STATE_SUBMITTED_INDEX,
  STATE_UPDATED_INDEX,
  stateLists,
  SUBMITTED_CONTRACTS_INDEX,
  SUBMITTED_SHARDS,
  submittedKeys,
  timeAndId,
  UPDATED_INDEX,
  type IndexDefinition,
} from './keys';

/**
 * The dashboard lists (`ContractStore.listContracts`) read through indexes only: every order is the sort key of an
 * index, every state filter a partition key, and what no key serves — status, submission type, program, and
 * "submitted at least once" where the index holds drafts too — a filter DynamoDB applies to the items a Query reads.
 * A page reads a bounded number of items, so a rare filter value costs pages, never a scan of the list: see
 * docs/adr/0024-dynamodb-dashboard-lists.md.
 *
 * A list is planned as **segments** read one after another, each the **merge** of one or more index partitions
 * that share one sort key: the store's shards, or the states asked for. Ordering by name, each state is a segment
 * (states in code order, then contracts by number); ordering by first submission, the drafts of the latest view
 * are a segment after the submitted contracts.
 */

/**
 * Most items one page may read, matched or not (a Query that reads none counts as one): about 1.5 MB of contract
 * items. A page of at most 100 merges at most 8 partitions at once, so the first Query of each — the page and one
 * more, all that an unfiltered page reads — always fits.
 */
export const PAGE_READ_BUDGET = 1000;

/**
 * The most states a time-ordered list merges partition by partition. Each partition merged costs a Query of the
 * page's size plus one; past twice the store's shards, the store-wide partitions with a filter on the state cost
 * less, as long as the states asked for hold a fair share of the contracts (and the budget bounds them if not).
 */
export const MAX_MERGED_STATES = 2 * SUBMITTED_SHARDS;

/** One ordered run of the list: the partitions of one index that are merged into it. */
interface Segment {
  /** What the cursor names it by: a state code (by name), `SUBMITTED` / `DRAFTS` (by first submission), or ''. */
  label: string;
  index: IndexDefinition;
  partitions: readonly string[];
  /** Whether the index also holds contracts never submitted, which the submitted view leaves out. */
  holdsDrafts: boolean;
  /** The states asked for, when the partitions are store-wide (a residual filter); null when keys serve them. */
  states: readonly string[] | null;
}

/**
 * Where a page starts: in which segment, and after which sort key of its index; `id` is the contract at that key,
 * which the shared cursor holds beside the key.
 */
interface Position {
  label: string;
  after: string;
  id: string;
}

// ---- cursors: the shared keyset cursor (`../contract-list-cursor`) as positions in the plan

const DRAFTS = 'DRAFTS';
const SUBMITTED = 'SUBMITTED';
/** Ids below and above every id (the nil and max UUIDs): where the drafts segment starts, in each direction. */
const LOWEST_ID = '00000000-0000-0000-0000-000000000000';
const HIGHEST_ID = 'ffffffff-ffff-ffff-ffff-ffffffffffff';

/** The position of a list key: the sort key of the index that orders the list there. */
function positionOf(key: ContractListKey): Position {
  const id = key.id.toLowerCase();
  switch (key.by) {
    case 'UPDATED':
      return { label: '', after: timeAndId(storedTime(key.updatedAt), id), id };
    case 'SUBMITTED':
      return key.firstSubmittedAt === null
        ? { label: DRAFTS, after: id, id }
        : { label: SUBMITTED, after: timeAndId(storedTime(key.firstSubmittedAt), id), id };
    case 'NAME':
      return { label: key.stateCode, after: contractNumberSort(key.stateNumber), id };
  }
}

/** The list key of a position that stands after an item (or after a whole segment, see `endOf`). */
function keyOf(by: ContractListQuery['sort']['by'], position: Position): ContractListKey {
  const { after } = position;
  if (by === 'NAME') {
    return { by, stateCode: position.label, stateNumber: Number(after), id: position.id };
  }
  if (position.label === DRAFTS) return { by: 'SUBMITTED', firstSubmittedAt: null, id: after };
  const split = after.indexOf('#');
  const [time, id] = [after.slice(0, split), after.slice(split + 1)];
  return by === 'UPDATED' ? { by, updatedAt: time, id } : { by: 'SUBMITTED', firstSubmittedAt: time, id };
}

/**
 * The position after the whole of a segment that has another after it, for a page whose budget ends there: the
 * last number of a state there can be (or, descending, the first), or the start of the drafts after the submitted.
 */
function endOf(segment: Segment, descending: boolean): Position {
  if (segment.label === SUBMITTED) {
    const id = descending ? HIGHEST_ID : LOWEST_ID;
    return { label: DRAFTS, after: id, id };
  }
  return {
    label: segment.label,
    after: contractNumberSort(descending ? 1 : MAX_STORED_INTEGER),
    id: LOWEST_ID,
  };
}

/** The contract id of an item of the table or of DynamoDB's key of one (its `PK` is `CONTRACT#<id>`). */
function contractIdOf(item: Record<string, unknown>): string {
  return String(item.PK).slice(contractPartition('').length);
}

// ---- the plan: which index partitions, in which order

/** The states asked for, each once; null for the whole store. */
function statesOf(query: ContractListQuery): string[] | null {
  return query.states === null ? null : [...new Set(query.states)];
}

/** Every stored state's code, in code order (one Query of the global index's `STATES` partition). */
async function allStateCodes(db: Database): Promise<string[]> {
  const items = await queryAll(db, {
    IndexName: GLOBAL_INDEX.name,
    ...keyCondition(GLOBAL_INDEX, globalKeys('STATES')[0] ?? 'STATES#0', null),
    ProjectionExpression: '#pk, #code',
    ExpressionAttributeNames: { '#pk': GLOBAL_INDEX.partition, '#code': 'code' },
  });
  return items.map((item) => String(item.code)).sort(compareText);
}

/**
 * The partitions of a time-ordered segment: of the store-wide index (filtered by state when states are asked for
 * and there are more than `MAX_MERGED_STATES`), or of the per-state index, one per state asked for.
 */
function timeSegment(
  label: string,
  states: readonly string[] | null,
  storeWide: { index: IndexDefinition; partitions: readonly string[] },
  perState: { index: IndexDefinition; partition: (stateCode: string) => string },
): Segment {
  if (states === null || states.length > MAX_MERGED_STATES) {
    return { label, ...storeWide, holdsDrafts: false, states };
  }
  return {
    label,
    index: perState.index,
    partitions: states.map(perState.partition),
    holdsDrafts: false,
    states: null,
  };
}

async function planOf(db: Database, query: ContractListQuery): Promise<Segment[]> {
  const states = statesOf(query);
  const submittedView = query.view === 'SUBMITTED';
  if (query.sort.by === 'NAME') {
    const codes = states === null ? await allStateCodes(db) : states.sort(compareText);
    if (query.sort.direction === 'DESC') codes.reverse();
    return codes.map((code) => ({
      label: code,
      index: OWNER_INDEX,
      partitions: [owners.stateContracts(code)],
      holdsDrafts: true,
      states: null,
    }));
  }
  if (query.sort.by === 'UPDATED') {
    return [
      submittedView
        ? timeSegment(
            '',
            states,
            { index: SHARED_INDEX, partitions: listKeys('SHARED') },
            { index: STATE_SHARED_INDEX, partition: stateLists.contracts },
          )
        : timeSegment(
            '',
            states,
            { index: UPDATED_INDEX, partitions: listKeys('UPDATED') },
            { index: STATE_UPDATED_INDEX, partition: stateLists.contracts },
          ),
    ];
  }
  const submitted = timeSegment(
    SUBMITTED,
    states,
    { index: SUBMITTED_CONTRACTS_INDEX, partitions: submittedKeys() },
    { index: STATE_SUBMITTED_INDEX, partition: stateLists.contracts },
  );
  if (submittedView) return [submitted];
  const drafts = timeSegment(
    DRAFTS,
    states,
    { index: SUBMITTED_CONTRACTS_INDEX, partitions: listKeys('DRAFTS') },
    { index: STATE_SUBMITTED_INDEX, partition: stateLists.drafts },
  );
  return [submitted, drafts];
}

/** The segments a page reads, from the cursor's on, and where in the first one it starts. */
function resume(
  plan: readonly Segment[],
  position: Position | null,
  query: ContractListQuery,
): { segments: Segment[]; after: string | null } {
  if (position === null) return { segments: [...plan], after: null };
  if (query.sort.by !== 'NAME') {
    const at = plan.findIndex((segment) => segment.label === position.label);
    return at < 0 ? { segments: [], after: null } : { segments: plan.slice(at), after: position.after };
  }
  // States in the list's order: the cursor's state, or the first after it (it may not be asked for any more).
  const descending = query.sort.direction === 'DESC';
  const at = plan.findIndex((segment) =>
    descending ? segment.label <= position.label : segment.label >= position.label,
  );
  if (at < 0) return { segments: [], after: null };
  if (plan[at]?.label !== position.label) return { segments: plan.slice(at), after: null };
  // After the state's last number there can be (or, descending, its first), the next state follows.
  const stateEnd = contractNumberSort(descending ? 1 : MAX_STORED_INTEGER);
  if (position.after === stateEnd) return { segments: plan.slice(at + 1), after: null };
  return { segments: plan.slice(at), after: position.after };
}

// ---- the residual filter: facts no key of the plan serves

interface Filter {
  expression: string;
  names: Record<string, string>;
  values: Record<string, unknown>;
}

function filterOf(query: ContractListQuery, segment: Segment): Filter | null {
  const parts: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const slice = query.view === 'SUBMITTED' ? 'submittedSlice' : 'latestSlice';
  const anyOf = (path: string, name: string, options: readonly string[]) => {
    const placeholders = options.map((option, index) => {
      values[`:${name}${index}`] = option;
      return `:${name}${index}`;
    });
    parts.push(`${path} IN (${placeholders.join(', ')})`);
  };
  if (segment.states !== null) {
    names['#stateCode'] = 'stateCode';
    anyOf('#stateCode', 'state', segment.states);
  }
  if (segment.holdsDrafts && query.view === 'SUBMITTED') {
    names['#firstSubmittedAt'] = 'firstSubmittedAt';
    values[':text'] = 'S';
    parts.push('attribute_type(#firstSubmittedAt, :text)');
  }
  if (query.statuses !== null) {
    names['#status'] = LIST_STATUS_ATTRIBUTE;
    anyOf('#status', 'status', query.statuses);
  }
  if (query.submissionTypes !== null || query.programId !== null) names['#slice'] = slice;
  if (query.submissionTypes !== null) {
    names['#submissionType'] = 'submissionType';
    anyOf('#slice.#submissionType', 'type', query.submissionTypes);
  }
  if (query.programId !== null) {
    names['#programIds'] = 'programIds';
    values[':program'] = query.programId;
    parts.push('contains(#slice.#programIds, :program)');
  }
  return parts.length === 0 ? null : { expression: parts.join(' AND '), names, values };
}

/** Whether a filter can match nothing, whatever is stored: the query asks for none of a fact's values. */
function matchesNothing(query: ContractListQuery): boolean {
  return [query.states, query.statuses, query.submissionTypes].some((values) => values?.length === 0);
}

// ---- reading

/** What a page has left to read, in items read (matched or not) and requests. */
class Budget {
  constructor(private left: number) {}

  spend(items: number): void {
    // A Query that reads nothing still costs a request: count it as one item, so that walking empty partitions
    // (states without contracts) is bounded too.
    this.left -= Math.max(1, items);
  }

  get spent(): boolean {
    return this.left <= 0;
  }

  /**
   * How many items the next Query of a partition may read, when `sharers` partitions are read at once: an equal
   * share of what is left, so that a round of parallel Queries stays within the budget (at least one item each).
   */
  limit(wanted: number, sharers: number): number {
    return Math.max(1, Math.min(wanted, Math.floor(this.left / sharers)));
  }
}

/** One partition being read: what it matched so far, and how far it has read. */
interface PartitionRead {
  partition: string;
  matched: Item[];
  /** Where the next Query starts: DynamoDB's key of the last item read. */
  startKey: Record<string, unknown> | undefined;
  /** The sort key of the last item read, and its contract's id; null before any. */
  frontier: Frontier | null;
  done: boolean;
  /** The next Query's Limit: the items still wanted at first, then doubling while the filter matches little. */
  step: number;
}

/** How far a partition has been read: the sort key of the last item read, and that item's contract. */
interface Frontier {
  sort: string;
  id: string;
}

interface SegmentRead {
  /** The items matched, in the list's order, all of them up to `frontier`. */
  items: Item[];
  /** How far every partition was read; null when the whole segment was read. */
  frontier: Frontier | null;
}

function sortOf(index: IndexDefinition, item: Record<string, unknown>): string {
  return String(item[index.sort]);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Reads the first `wanted` matches of one segment after `after`, merging its partitions: each partition is
 * queried in rounds, and a match is kept only up to the sort key every partition still open has read to
 * (the frontier), so that no partition can hold an earlier match not yet read. Stops when that many matches are
 * kept, every partition is read to its end, or the budget is spent.
 */
async function readSegment(
  db: Database,
  segment: Segment,
  options: {
    after: string | null;
    descending: boolean;
    wanted: number;
    filter: Filter | null;
    budget: Budget;
  },
): Promise<SegmentRead> {
  const { index } = segment;
  const { after, descending, wanted, filter, budget } = options;
  const partitions: PartitionRead[] = segment.partitions.map((partition) => ({
    partition,
    matched: [],
    startKey: undefined,
    frontier: null,
    done: false,
    step: wanted,
  }));
  const ahead = (a: string, b: string) => (descending ? a < b : a > b);
  for (let round = 0; ; round++) {
    const reading = partitions.filter((p) => !p.done && (round === 0 || p.matched.length < wanted));
    await Promise.all(
      reading.map(async (read) => {
        const condition = keyCondition(
          index,
          read.partition,
          after === null ? null : { operator: descending ? '<' : '>', after },
        );
        const input: QueryCommandInput = {
          TableName: db.table,
          IndexName: index.name,
          ...condition,
          ScanIndexForward: !descending,
          Limit: budget.limit(read.step, reading.length),
          ExclusiveStartKey: read.startKey,
        };
        if (filter !== null) {
          input.FilterExpression = filter.expression;
          input.ExpressionAttributeNames = { ...condition.ExpressionAttributeNames, ...filter.names };
          input.ExpressionAttributeValues = { ...condition.ExpressionAttributeValues, ...filter.values };
        }
        const page = await db.documents.send(new QueryCommand(input));
        budget.spend(page.ScannedCount ?? page.Items?.length ?? 0);
        read.matched.push(...(page.Items ?? []));
        read.startKey = page.LastEvaluatedKey;
        if (read.startKey === undefined) read.done = true;
        else read.frontier = { sort: sortOf(index, read.startKey), id: contractIdOf(read.startKey) };
        read.step = Math.min(PAGE_READ_BUDGET, read.step * 2);
      }),
    );
    const open = partitions.filter((p) => !p.done);
    // The frontier: the least advanced of the partitions still open.
    let frontier: Frontier | null = null;
    for (const read of open) {
      const reached = read.frontier as Frontier;
      if (frontier === null || ahead(frontier.sort, reached.sort)) frontier = reached;
    }
    const horizon = frontier?.sort ?? null;
    const merged = partitions
      .flatMap((p) => p.matched)
      .filter((item) => horizon === null || !ahead(sortOf(index, item), horizon))
      .sort((a, b) => compareText(sortOf(index, a), sortOf(index, b)));
    if (descending) merged.reverse();
    if (frontier === null || merged.length >= wanted || budget.spent) return { items: merged, frontier };
  }
}

/**
 * A page of the dashboard list `query`: reads the segments from the cursor's on until it has one item more than
 * the page (so it knows another page follows), or its budget is spent. A page cut short by the budget may hold
 * fewer items than asked for, none even; its cursor then stands at the last item read, so the next page goes on
 * from there and nothing is skipped or read twice.
 * @throws InvalidCursorError before anything is read, when the cursor is not one of this query's.
 */
export async function listContracts(
  db: Database,
  query: ContractListQuery,
  page: PageRequest,
  readBudget: number = PAGE_READ_BUDGET,
): Promise<Page<ContractSummary>> {
  const key = decodeContractListCursor(query, page.cursor);
  if (matchesNothing(query)) return { items: [], nextCursor: null };
  const size = pageSize(page);
  const descending = query.sort.direction === 'DESC';
  const budget = new Budget(readBudget);
  const { segments, after } = resume(await planOf(db, query), key && positionOf(key), query);
  const found: { item: Item; segment: Segment }[] = [];
  let next: Position | null = null;
  for (const [at, segment] of segments.entries()) {
    const read = await readSegment(db, segment, {
      after: at === 0 ? after : null,
      descending,
      wanted: size + 1 - found.length,
      filter: filterOf(query, segment),
      budget,
    });
    found.push(...read.items.map((item) => ({ item, segment })));
    if (found.length > size) break;
    if (read.frontier !== null) {
      next = { label: segment.label, after: read.frontier.sort, id: read.frontier.id };
      break;
    }
    if (budget.spent && at + 1 < segments.length) {
      next = endOf(segment, descending);
      break;
    }
  }
  const kept = found.slice(0, size);
  const last = kept.at(-1);
  if (found.length > size && last !== undefined) {
    const { item, segment } = last;
    next = { label: segment.label, after: sortOf(segment.index, item), id: contractIdOf(item) };
  }
  return {
    items: await readSummaries(
      db,
      kept.map(({ item }) => item),
    ),
    nextCursor: next === null ? null : encodeContractListCursor(query, keyOf(query.sort.by, next)),
  };
}
