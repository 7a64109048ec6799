import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { keyCondition, queryAll, type Database } from './database';
import type { Item } from './items';
import { GLOBAL_INDEX, globalKeys, type IndexDefinition } from './keys';

/**
 * Reading a dashboard list's index partitions in rounds, merged, within a read budget: the machinery of
 * docs/adr/0024-dynamodb-dashboard-lists.md, shared by the contract dashboards (`dynamodb-contract-lists.ts`) and
 * the rate reviews dashboard (`dynamodb-rate-lists.ts`).
 */

/** The partitions of one index merged into one ordered run of a list, optionally within a range of sort keys. */
export interface MergedPartitions {
  index: IndexDefinition;
  partitions: readonly string[];
  /** Only sort keys from `low` to `high`, inclusive (served by the key condition); absent: every sort key. */
  bounds?: { low: string; high: string } | null;
}

/** The id of the record an item of the table or an index stands for: its partition key is `<KIND>#<id>`. */
export function recordIdOf(item: Record<string, unknown>): string {
  const pk = String(item.PK);
  return pk.slice(pk.indexOf('#') + 1);
}

/**
 * The key condition of one partition's Query from `after` (exclusive) on, within `bounds`. With bounds the
 * condition is a BETWEEN, which starts at the cursor inclusively: the caller drops the item at the cursor.
 */
function rangeCondition(
  index: IndexDefinition,
  partition: string,
  after: string | null,
  bounds: { low: string; high: string } | null,
  descending: boolean,
) {
  if (bounds === null) {
    return keyCondition(
      index,
      partition,
      after === null ? null : { operator: descending ? '<' : '>', after },
    );
  }
  let { low, high } = bounds;
  if (after !== null && !descending && after > low) low = after;
  if (after !== null && descending && after < high) high = after;
  return {
    KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :low AND :high',
    ExpressionAttributeNames: { '#pk': index.partition, '#sk': index.sort },
    ExpressionAttributeValues: { ':pk': partition, ':low': low, ':high': low > high ? low : high },
  };
}

/**
 * Most items one page may read, matched or not (a Query that reads none counts as one): about 1.5 MB of contract
 * items. A page of at most 100 merges at most 8 partitions at once, so the first Query of each — the page and one
 * more, all that an unfiltered page reads — always fits.
 */
export const PAGE_READ_BUDGET = 1000;

/** A residual filter: facts no key of the plan serves, checked by DynamoDB on the items a Query reads. */
export interface Filter {
  expression: string;
  names: Record<string, string>;
  values: Record<string, unknown>;
}

/** What a page has left to read, in items read (matched or not) and requests. */
export class Budget {
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
export interface Frontier {
  sort: string;
  id: string;
}

export interface SegmentRead {
  /** The items matched, in the list's order, all of them up to `frontier`. */
  items: Item[];
  /** How far every partition was read; null when the whole segment was read. */
  frontier: Frontier | null;
}

export function sortOf(index: IndexDefinition, item: Record<string, unknown>): string {
  return String(item[index.sort]);
}

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Reads the first `wanted` matches of one segment after `after`, merging its partitions: each partition is
 * queried in rounds, and a match is kept only up to the sort key every partition still open has read to
 * (the frontier), so that no partition can hold an earlier match not yet read. Stops when that many matches are
 * kept, every partition is read to its end, or the budget is spent.
 */
export async function readSegment(
  db: Database,
  segment: MergedPartitions,
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
        const condition = rangeCondition(index, read.partition, after, segment.bounds ?? null, descending);
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
        // A bounded range starts at the cursor inclusively (BETWEEN): the item at the cursor was listed already.
        read.matched.push(...(page.Items ?? []).filter((item) => sortOf(index, item) !== after));
        read.startKey = page.LastEvaluatedKey;
        if (read.startKey === undefined) read.done = true;
        else read.frontier = { sort: sortOf(index, read.startKey), id: recordIdOf(read.startKey) };
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

/** Every stored state's code, in code order (one Query of the global index's `STATES` partition). */
export async function allStateCodes(db: Database): Promise<string[]> {
  const items = await queryAll(db, {
    IndexName: GLOBAL_INDEX.name,
    ...keyCondition(GLOBAL_INDEX, globalKeys('STATES')[0] ?? 'STATES#0', null),
    ProjectionExpression: '#pk, #code',
    ExpressionAttributeNames: { '#pk': GLOBAL_INDEX.partition, '#code': 'code' },
  });
  return items.map((item) => String(item.code)).sort(compareText);
}

/** Where a list's page starts or stops: in which segment (its label), after which sort key, and that key's record. */
export interface ListPosition {
  label: string;
  after: string;
  id: string;
}

/**
 * A page of a list planned as segments read one after another: reads them from `after` (in the first) until it
 * has one item more than the page, or the budget is spent. Answers the page's items and where the next page
 * starts: after the last item kept, or, when the budget stopped the reading, where every partition had read to
 * (the frontier) or after the whole segment last read (`endOf`); null at the end of the list.
 */
export async function readListPage<S extends MergedPartitions & { label: string }>(
  db: Database,
  segments: readonly S[],
  options: {
    after: string | null;
    size: number;
    descending: boolean;
    filterOf: (segment: S) => Filter | null;
    endOf: (segment: S) => ListPosition;
    budget: Budget;
  },
): Promise<{ items: Item[]; next: ListPosition | null }> {
  const { size, descending, budget } = options;
  const found: { item: Item; segment: S }[] = [];
  let next: ListPosition | null = null;
  for (const [at, segment] of segments.entries()) {
    const read = await readSegment(db, segment, {
      after: at === 0 ? options.after : null,
      descending,
      wanted: size + 1 - found.length,
      filter: options.filterOf(segment),
      budget,
    });
    found.push(...read.items.map((item) => ({ item, segment })));
    if (found.length > size) break;
    if (read.frontier !== null) {
      next = { label: segment.label, after: read.frontier.sort, id: read.frontier.id };
      break;
    }
    if (budget.spent && at + 1 < segments.length) {
      next = options.endOf(segment);
      break;
    }
  }
  const kept = found.slice(0, size);
  const last = kept.at(-1);
  if (found.length > size && last !== undefined) {
    const { item, segment } = last;
    next = { label: segment.label, after: sortOf(segment.index, item), id: recordIdOf(item) };
  }
  return { items: kept.map(({ item }) => item), next };
}
