import { NotFoundError, type Rate, type RateListItem, type RateListQuery } from '@docket/domain';
import { and, asc, desc, eq, inArray, isNotNull, lt } from 'drizzle-orm';
import type { Page, PageRequest } from '../page';
import type { RateLinker, RateStore } from '../rate-store';
import { cutPage, decodeCursor, fetchSize, stateNumberKey } from '../keyset';
import type { Database } from './database';
import { isUuid } from './errors';
import { groupBy } from './postgres-contract-store';
import { readRateLinkers } from './postgres-rate-linkers';
import { listRateRows } from './postgres-rate-list';
import { toRate } from './rows';
import { rateRevisions, rates } from './schema';

type RateRow = typeof rates.$inferSelect;

export class PostgresRateStore implements RateStore {
  constructor(private readonly db: Database) {}

  async get(id: string): Promise<Rate> {
    const [rate] = await this.getMany([id]);
    if (!rate) throw new NotFoundError('Rate', id);
    return rate;
  }

  async getMany(ids: readonly string[]): Promise<Rate[]> {
    if (ids.length === 0) return [];
    const wanted = [...new Set(ids)].filter(isUuid);
    const rows =
      wanted.length === 0 ? [] : await this.db.select().from(rates).where(inArray(rates.id, wanted));
    const byId = new Map((await withRevisions(this.db, rows)).map((rate) => [rate.id, rate]));
    return ids.map((id) => {
      const rate = byId.get(id);
      if (!rate) throw new NotFoundError('Rate', id);
      return rate;
    });
  }

  async listLinkable(stateCode: string, page: PageRequest): Promise<Page<Rate>> {
    const after = decodeCursor(page.cursor, stateNumberKey);
    // Served by the partial index rates_linkable_idx. Keyed by state number, which never changes, so a rate that
    // stays linkable is neither skipped nor repeated however the list changes between pages.
    const rows = await this.db
      .select()
      .from(rates)
      .where(
        and(
          eq(rates.stateCode, stateCode),
          isNotNull(rates.firstSubmittedAt),
          after ? lt(rates.stateNumber, after[0]) : undefined,
        ),
      )
      .orderBy(desc(rates.stateNumber))
      .limit(fetchSize(page));
    const cut = cutPage(rows, page, (row) => [row.stateNumber]);
    return { items: await withRevisions(this.db, cut.items), nextCursor: cut.nextCursor };
  }

  /** One statement: see `postgres-rate-list.ts`. */
  listRates(query: RateListQuery, page: PageRequest): Promise<Page<RateListItem>> {
    return listRateRows(this.db, query, page);
  }

  async listByParent(contractId: string): Promise<Rate[]> {
    if (!isUuid(contractId)) return [];
    const rows = await this.db
      .select()
      .from(rates)
      .where(eq(rates.parentContractId, contractId))
      .orderBy(asc(rates.stateNumber));
    return withRevisions(this.db, rows);
  }

  listLinkers(rateId: string): Promise<RateLinker[]> {
    if (!isUuid(rateId)) return Promise.reject(new NotFoundError('Rate', rateId));
    return readRateLinkers(this.db, rateId);
  }
}

/**
 * Rates with their revisions, in the order of `rows`: one query for the revisions of them all. A rate whose
 * revisions are gone was deleted (its only draft discarded) between the two queries, and is left out.
 */
export async function withRevisions(db: Database, rows: RateRow[]): Promise<Rate[]> {
  if (rows.length === 0) return [];
  const revisionRows = await db
    .select()
    .from(rateRevisions)
    .where(
      inArray(
        rateRevisions.rateId,
        rows.map((row) => row.id),
      ),
    )
    .orderBy(asc(rateRevisions.rateId), asc(rateRevisions.number));
  const revisionsOf = groupBy(revisionRows, (row) => row.rateId);
  return rows.flatMap((row) => {
    const revisions = revisionsOf.get(row.id);
    return revisions ? [toRate(row, revisions)] : [];
  });
}
