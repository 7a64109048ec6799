import type { ContractListQuery, ContractSummary } from '@docket/domain';
import {
  decodeContractListCursor,
  encodeContractListCursor,
  type ContractListKey,
} from '../contract-list-cursor';
import { MAX_STORED_INTEGER, pageSize } from '../keyset';
import type { Page, PageRequest } from '../page';
import type { Database } from './database';
import {
  Budget,
  compareText,
  PAGE_READ_BUDGET,
  allStateCodes,
  readListPage,
  type Filter,
} from './dynamodb-list-reads';
import { readSummaries } from './dynamodb-contract-reads';
import { storedTime } from './errors';
import { LIST_STATUS_ATTRIBUTE } from './items';
import {
  contractNumberSort,
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

export { PAGE_READ_BUDGET };

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

// ---- the plan: which index partitions, in which order

/** The states asked for, each once; null for the whole store. */
function statesOf(query: ContractListQuery): string[] | null {
  return query.states === null ? null : [...new Set(query.states)];
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
    items: await readSummaries(db, items),
    nextCursor: next === null ? null : encodeContractListCursor(query, keyOf(query.sort.by, next)),
  };
}
