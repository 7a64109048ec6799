import type { ContractListQuery, ContractSummary } from '@docket/domain';
import {
  and,
  asc,
  desc,
  eq,
  getTableColumns,
  inArray,
  isNotNull,
  sql,
  type SQL,
  type SQLWrapper,
} from 'drizzle-orm';
import { unionAll } from 'drizzle-orm/pg-core';
import { cutContractListPage, decodeContractListCursor, type ContractListKey } from '../contract-list-cursor';
import { fetchSize } from '../keyset';
import type { Page, PageRequest } from '../page';
import type { Database } from './database';
import { summariesOf } from './postgres-contract-summaries';
import { contractReviewers, contracts, submittedOrNullsLast } from './schema';

/**
 * `ContractStore.listContracts` on PostgreSQL: one SELECT of contract rows, ordered by the columns (or the
 * expression) an index of `contracts` holds in that order, after the cursor's key as a row comparison, so the
 * engine reads the index from the cursor on and stops after a page (docs/adr/0023-dashboard-lists.md). A state
 * filter is the index's first column (several states: one such range each, merged in the same statement); the
 * other filters are checked on the rows the index yields.
 */
export async function listContractRows(
  db: Database,
  query: ContractListQuery,
  page: PageRequest,
): Promise<Page<ContractSummary>> {
  const after = decodeContractListCursor(query, page.cursor);
  if (selectsNothing(query)) return { items: [], nextCursor: null };
  const keys = sortKeys(query);
  const ascending = query.sort.direction === 'ASC';
  const order = (key: SQLWrapper) => (ascending ? asc(key) : desc(key));
  const start = after ? afterKey(keys, keyValues(query, after), ascending) : undefined;
  const limit = fetchSize(page);
  /** The rows of some states and statuses, in order, from the cursor on: with one state or one status, one range. */
  const leg = (states: readonly string[] | null, statuses: readonly string[] | null) =>
    db
      .select({ ...getTableColumns(contracts), listKey: sql`${keys[0].column}`.as('list_key') })
      .from(contracts)
      .where(
        and(
          oneOf(contracts.stateCode, states),
          oneOf(contracts.listStatus, statuses),
          ...filtersOf(query),
          start,
        ),
      )
      .orderBy(...keys.map((key) => order(key.column)))
      .limit(limit);
  // Several states (or, for the reviewers' view, several statuses and any state): one leg each, an ordered range
  // of the index that starts with it, merged and cut to a page in the same statement, so a few states never read
  // the rows of every other state in between, nor a rare status the rows of every other status.
  const states = query.states === null ? null : [...new Set(query.states)];
  const statuses = query.statuses === null ? null : [...new Set(query.statuses)];
  const legs =
    states !== null
      ? states.map((code) => leg([code], statuses))
      : statuses !== null && query.view === 'SUBMITTED'
        ? statuses.map((status) => leg(null, [status]))
        : [leg(null, statuses)];
  const [first, second, ...rest] = legs;
  if (first === undefined) return { items: [], nextCursor: null };
  const rows = second
    ? await unionAll(first, second, ...rest)
        .orderBy(order(sql.identifier('list_key')), order(sql.identifier(keys[1].name)))
        .limit(limit)
    : await first;
  return cutContractListPage(query, await summariesOf(db, rows), page);
}

/** A column equal to one of `values`; null: any value. */
export function oneOf(column: SQLWrapper, values: readonly string[] | null): SQL | undefined {
  if (values === null) return undefined;
  const [only] = values;
  return values.length === 1 && only !== undefined ? eq(column, only) : inArray(column, [...values]);
}

/** An empty list of allowed values selects nothing: no statement is needed to know it. */
function selectsNothing(query: ContractListQuery): boolean {
  return query.states?.length === 0 || query.submissionTypes?.length === 0 || query.statuses?.length === 0;
}

function filtersOf(query: ContractListQuery): (SQL | undefined)[] {
  const slice = query.view === 'LATEST' ? contracts.latestSlice : contracts.submittedSlice;
  const { submissionTypes, programId, reviewerId } = query;
  return [
    // A reviewer's assignments, by their index: a few per reviewer, each row then found by its key.
    reviewerId
      ? sql`${contracts.id} in (select ${contractReviewers.contractId} from ${contractReviewers} where ${contractReviewers.userId} = ${reviewerId.toLowerCase()}::uuid)`
      : undefined,
    query.view === 'SUBMITTED' ? isNotNull(contracts.firstSubmittedAt) : undefined,
    submissionTypes === null
      ? undefined
      : sql`${slice} ->> 'submissionType' in (${sql.join(
          submissionTypes.map((type) => sql`${type}`),
          sql`, `,
        )})`,
    programId === null ? undefined : sql`${slice} -> 'programIds' @> ${JSON.stringify([programId])}::jsonb`,
  ];
}

/** One part of the order: what to order by, and how a cursor's value of it is written as a parameter. */
interface SortKey {
  column: SQL | typeof contracts.id | typeof contracts.stateCode;
  cast: SQL;
  /** The column's name: a merge of several states' rows orders by it. */
  name: string;
}

const AS_TIME = sql`timestamptz`;
const AS_UUID = sql`uuid`;
const AS_TEXT = sql`text`;
const AS_INTEGER = sql`integer`;

/** The columns or expressions a list of `query` is ordered by, each as an index of `contracts` holds it. */
function sortKeys(query: ContractListQuery): [SortKey, SortKey] {
  const id: SortKey = { column: contracts.id, cast: AS_UUID, name: 'id' };
  switch (query.sort.by) {
    case 'UPDATED':
      return [
        {
          column: sql`${query.view === 'LATEST' ? contracts.updatedAt : contracts.sharedUpdatedAt}`,
          cast: AS_TIME,
          name: 'list_key',
        },
        id,
      ];
    case 'SUBMITTED':
      // The shared view holds submitted contracts only, which its partial indexes order by the column itself.
      return [
        {
          column:
            query.view === 'LATEST'
              ? submittedOrNullsLast(query.sort.direction, contracts.firstSubmittedAt)
              : sql`${contracts.firstSubmittedAt}`,
          cast: AS_TIME,
          name: 'list_key',
        },
        id,
      ];
    case 'NAME':
      // A state's numbers are unique: the id would never break a tie, and the unique index orders by these two.
      return [
        { column: contracts.stateCode, cast: AS_TEXT, name: 'list_key' },
        { column: sql`${contracts.stateNumber}`, cast: AS_INTEGER, name: 'state_number' },
      ];
  }
}

/** The cursor's key, one value per sort key. */
function keyValues(query: ContractListQuery, key: ContractListKey): (string | number)[] {
  switch (key.by) {
    case 'UPDATED':
      return [key.updatedAt, key.id];
    case 'SUBMITTED':
      // A contract never submitted sorts where `submittedOrNullsLast` puts it.
      return [key.firstSubmittedAt ?? (query.sort.direction === 'ASC' ? 'infinity' : '-infinity'), key.id];
    case 'NAME':
      return [key.stateCode, key.stateNumber];
  }
}

/** Rows strictly after the key in the list's direction, as one row comparison an index scan starts from. */
export function afterKey(
  keys: readonly { column: SQLWrapper; cast: SQL }[],
  values: (string | number)[],
  ascending: boolean,
): SQL {
  const columns = sql.join(
    keys.map((key) => sql`${key.column}`),
    sql`, `,
  );
  const params = sql.join(
    keys.map((key, i) => sql`${values[i]}::${key.cast}`),
    sql`, `,
  );
  return ascending ? sql`(${columns}) > (${params})` : sql`(${columns}) < (${params})`;
}
