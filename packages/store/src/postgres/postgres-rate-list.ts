import {
  rateListSelectsNothing,
  rateSummarySchema,
  type RateListItem,
  type RateListQuery,
} from '@docket/domain';
import { and, asc, between, desc, eq, isNotNull, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { unionAll } from 'drizzle-orm/pg-core';
import { fetchSize } from '../keyset';
import type { Page, PageRequest } from '../page';
import { cutRateListPage, decodeRateListCursor, periodRange, rateListKeyTuple } from '../rate-list-cursor';
import { afterKey, oneOf } from './postgres-contract-list';
import type { Database } from './database';
import { contracts, rates } from './schema';

/**
 * `RateStore.listRates` on PostgreSQL, as `listContractRows` lists contracts (docs/adr/0023-dashboard-lists.md):
 * one SELECT of rate rows in the order an index of `rates` holds (`rates_list_*`, partial on rates submitted at
 * least once), after the cursor's key as a row comparison, so the engine reads the index from the cursor on and
 * stops after a page. Several states, or several statuses without states, are one ordered leg each over the index
 * that starts with it, merged by `UNION ALL … ORDER BY … LIMIT` in the same statement. The rate type, and the
 * rating period where the order is another, are checked on the rows the index yields. Each row is joined to its
 * parent contract's number and programs, which name it, by primary key.
 */
export async function listRateRows(
  db: Database,
  query: RateListQuery,
  page: PageRequest,
): Promise<Page<RateListItem>> {
  const after = decodeRateListCursor(query, page.cursor);
  if (rateListSelectsNothing(query)) return { items: [], nextCursor: null };
  const keys = sortKeys(query);
  const ascending = query.sort.direction === 'ASC';
  const order = (key: SQLWrapper) => (ascending ? asc(key) : desc(key));
  const start = after ? afterKey(keys, [...rateListKeyTuple(after)], ascending) : undefined;
  const limit = fetchSize(page);
  const period = periodRange(query);
  const leg = (states: readonly string[] | null, statuses: readonly string[] | null) =>
    db
      .select({
        id: rates.id,
        stateCode: rates.stateCode,
        stateNumber: rates.stateNumber,
        parentContractId: rates.parentContractId,
        firstSubmittedAt: rates.firstSubmittedAt,
        sharedUpdatedAt: rates.sharedUpdatedAt,
        status: rates.listStatus,
        submitted: rates.submittedSlice,
        parentNumber: sql<number | null>`${contracts.stateNumber}`.as('parent_number'),
        parentPrograms: sql<
          string[] | null
        >`coalesce(${contracts.submittedSlice}, ${contracts.latestSlice}) -> 'programIds'`.as(
          'parent_programs',
        ),
        listKey: sql`${keys[0].column}`.as('list_key'),
      })
      .from(rates)
      .innerJoin(contracts, eq(contracts.id, rates.parentContractId))
      .where(
        and(
          isNotNull(rates.firstSubmittedAt),
          isNotNull(rates.listStatus),
          oneOf(rates.stateCode, states),
          oneOf(rates.listStatus, statuses),
          oneOf(rates.rateType, query.rateTypes),
          period === null ? undefined : between(rates.periodStart, period.from, period.to),
          start,
        ),
      )
      .orderBy(...keys.map((key) => order(key.column)))
      .limit(limit);
  const states = query.states === null ? null : [...new Set(query.states)];
  const statuses = query.statuses === null ? null : [...new Set(query.statuses)];
  const legs =
    states !== null
      ? states.map((code) => leg([code], statuses))
      : statuses !== null
        ? statuses.map((status) => leg(null, [status]))
        : [leg(null, null)];
  const [first, second, ...rest] = legs;
  if (first === undefined) return { items: [], nextCursor: null };
  const rows = second
    ? await unionAll(first, second, ...rest)
        .orderBy(order(sql.identifier('list_key')), order(sql.identifier(keys[1].name)))
        .limit(limit)
    : await first;
  const items: RateListItem[] = rows.map((row) => ({
    summary: rateSummarySchema.parse(row),
    parent:
      row.parentNumber === null
        ? null
        : { id: row.parentContractId, stateNumber: row.parentNumber, programIds: row.parentPrograms ?? [] },
  }));
  return cutRateListPage(query, items, page);
}

/** One part of the order: the column, how a cursor's value of it is cast, and its name in a merge of legs. */
interface SortKey {
  column: SQLWrapper;
  cast: SQL;
  name: string;
}

/** The columns a list of `query` is ordered by, each as an index of `rates` holds it. */
function sortKeys(query: RateListQuery): [SortKey, SortKey] {
  const id: SortKey = { column: rates.id, cast: sql`uuid`, name: 'id' };
  const first = (column: SQLWrapper, cast: SQL): SortKey => ({ column, cast, name: 'list_key' });
  switch (query.sort.by) {
    case 'SUBMITTED':
      return [first(rates.firstSubmittedAt, sql`timestamptz`), id];
    case 'UPDATED':
      return [first(rates.sharedUpdatedAt, sql`timestamptz`), id];
    case 'PERIOD_START':
      return [first(rates.periodStart, sql`text`), id];
    case 'NAME':
      // A state's rate numbers are unique: the id would never break a tie.
      return [
        first(rates.stateCode, sql`text`),
        { column: rates.stateNumber, cast: sql`integer`, name: 'state_number' },
      ];
  }
}
