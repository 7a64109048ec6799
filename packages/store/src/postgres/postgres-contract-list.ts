import type { ContractListQuery, ContractSummary } from '@docket/domain';
import { and, asc, desc, eq, inArray, isNotNull, sql, type SQL } from 'drizzle-orm';
import { cutContractListPage, decodeContractListCursor, type ContractListKey } from '../contract-list-cursor';
import { fetchSize } from '../keyset';
import type { Page, PageRequest } from '../page';
import type { Database } from './database';
import { summariesOf } from './postgres-contract-summaries';
import { contracts, submittedOrNullsLast } from './schema';

/**
 * `ContractStore.listContracts` on PostgreSQL: one SELECT of contract rows, ordered by the columns (or the
 * expression) an index of `contracts` holds in that order, after the cursor's key as a row comparison, so the
 * engine reads the index from the cursor on and stops after a page (docs/adr/0099-dashboard-lists.md). Filters on
 * a single state are the index's first column; other filters are checked on the rows the index yields.
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
  const rows = await db
    .select()
    .from(contracts)
    .where(and(...filtersOf(query), after ? afterKey(keys, keyValues(query, after), ascending) : undefined))
    .orderBy(...keys.map((key) => (ascending ? asc(key.column) : desc(key.column))))
    .limit(fetchSize(page));
  return cutContractListPage(query, await summariesOf(db, rows), page);
}

/** An empty list of allowed values selects nothing: no statement is needed to know it. */
function selectsNothing(query: ContractListQuery): boolean {
  return query.states?.length === 0 || query.submissionTypes?.length === 0 || query.statuses?.length === 0;
}

function filtersOf(query: ContractListQuery): (SQL | undefined)[] {
  const slice = query.view === 'LATEST' ? contracts.latestSlice : contracts.submittedSlice;
  const { states, submissionTypes, statuses, programId } = query;
  return [
    query.view === 'SUBMITTED' ? isNotNull(contracts.firstSubmittedAt) : undefined,
    states === null
      ? undefined
      : states.length === 1 && states[0] !== undefined
        ? eq(contracts.stateCode, states[0])
        : inArray(contracts.stateCode, [...states]),
    submissionTypes === null
      ? undefined
      : sql`${slice} ->> 'submissionType' in (${sql.join(
          submissionTypes.map((type) => sql`${type}`),
          sql`, `,
        )})`,
    statuses === null ? undefined : inArray(contracts.listStatus, [...statuses]),
    programId === null ? undefined : sql`${slice} -> 'programIds' @> ${JSON.stringify([programId])}::jsonb`,
  ];
}

/** One part of the order: what to order by, and how a cursor's value of it is written as a parameter. */
interface SortKey {
  column: SQL | typeof contracts.id | typeof contracts.stateCode;
  cast: SQL;
}

const AS_TIME = sql`timestamptz`;
const AS_UUID = sql`uuid`;
const AS_TEXT = sql`text`;
const AS_INTEGER = sql`integer`;

/** The columns or expressions a list of `query` is ordered by, each as an index of `contracts` holds it. */
function sortKeys(query: ContractListQuery): SortKey[] {
  const id: SortKey = { column: contracts.id, cast: AS_UUID };
  switch (query.sort.by) {
    case 'UPDATED':
      return [
        {
          column: sql`${query.view === 'LATEST' ? contracts.updatedAt : contracts.sharedUpdatedAt}`,
          cast: AS_TIME,
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
        },
        id,
      ];
    case 'NAME':
      // A state's numbers are unique: the id would never break a tie, and the unique index orders by these two.
      return [
        { column: contracts.stateCode, cast: AS_TEXT },
        { column: sql`${contracts.stateNumber}`, cast: AS_INTEGER },
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
function afterKey(keys: SortKey[], values: (string | number)[], ascending: boolean): SQL {
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
