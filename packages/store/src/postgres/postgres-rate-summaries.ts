import { rateSummaryOf, type ConsolidatedStatus, type RateSummary } from '@docket/domain';
import { and, asc, eq, gt, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Database } from './database';
import { toRate } from './rows';
import { contracts, rateRevisions, rates } from './schema';

/**
 * The rate reviews dashboard's facts on `rates` (docs/adr/0027-rate-reviews-dashboard.md). They are computed in one
 * place, `rateSummaryOf` of the whole rate and its review status, and written here in the transaction of every
 * change that moves them: a rate's submission, unlock, discarded draft or adoption, and its parent's withdrawal or
 * its undoing. A rate never submitted has none (the dashboard does not list it).
 */

/** The rates whose facts to write: these ids, or every rate a contract is the parent of. */
export type RateSummaryTarget = { rateIds: readonly string[] } | { parentContractId: string };

/** The columns of one rate's facts. */
function rateSummaryColumns(summary: RateSummary) {
  return {
    id: summary.id,
    sharedUpdatedAt: summary.sharedUpdatedAt,
    periodStart: summary.submitted.rateDateStart ?? '',
    rateType: summary.submitted.rateType,
    listStatus: summary.status,
    submittedSlice: summary.submitted,
  };
}

/**
 * Writes the facts of the target's submitted rates from the rates as they are now in this transaction (their own
 * review actions included) and their parents' status. Two statements to read the rates and their parents' status,
 * one to write them all.
 * @returns how many rates were written.
 */
export async function writeRateSummaries(db: Database, target: RateSummaryTarget): Promise<number> {
  if ('rateIds' in target && target.rateIds.length === 0) return 0;
  const rows = await db
    .select({ rate: rates, parentStatus: contracts.listStatus })
    .from(rates)
    .innerJoin(contracts, eq(contracts.id, rates.parentContractId))
    .where(
      and(
        'rateIds' in target
          ? inArray(rates.id, [...target.rateIds])
          : eq(rates.parentContractId, target.parentContractId),
        isNotNull(rates.firstSubmittedAt),
      ),
    );
  if (rows.length === 0) return 0;
  const revisions = await db
    .select()
    .from(rateRevisions)
    .where(
      inArray(
        rateRevisions.rateId,
        rows.map((row) => row.rate.id),
      ),
    )
    .orderBy(asc(rateRevisions.rateId), asc(rateRevisions.number));
  const records = rows.flatMap(({ rate, parentStatus }) => {
    const own = revisions.filter((revision) => revision.rateId === rate.id);
    if (own.length === 0) return [];
    const summary = rateSummaryOf(toRate(rate, own), parentStatus as ConsolidatedStatus);
    return summary === null ? [] : [rateSummaryColumns(summary)];
  });
  if (records.length === 0) return 0;
  const written = await db
    .update(rates)
    .set({
      sharedUpdatedAt: sql`f."sharedUpdatedAt"`,
      periodStart: sql`f."periodStart"`,
      rateType: sql`f."rateType"`,
      listStatus: sql`f."listStatus"`,
      submittedSlice: sql`f."submittedSlice"`,
    })
    .from(
      sql`jsonb_to_recordset(${JSON.stringify(records)}::jsonb) as f(
        "id" uuid, "sharedUpdatedAt" timestamptz, "periodStart" text, "rateType" text, "listStatus" text,
        "submittedSlice" jsonb
      )`,
    )
    .where(sql`${rates.id} = f."id"`)
    .returning({ id: rates.id });
  return written.length;
}

const FILL_BATCH = 500;

/**
 * `migrate()`: gives every submitted rate that lacks them its facts (rows of a release before the dashboard, or
 * copied in by a transfer), a batch at a time, found by the partial index `rates_summary_missing_idx`.
 * @returns how many rates were filled.
 */
export async function fillRateSummaries(db: Database): Promise<number> {
  let after: string | null = null;
  let filled = 0;
  for (;;) {
    const ids: { id: string }[] = await db
      .select({ id: rates.id })
      .from(rates)
      .where(
        and(
          isNotNull(rates.firstSubmittedAt),
          isNull(rates.listStatus),
          after === null ? undefined : gt(rates.id, after),
        ),
      )
      .orderBy(asc(rates.id))
      .limit(FILL_BATCH);
    const last = ids.at(-1);
    if (last === undefined) return filled;
    after = last.id;
    filled += await writeRateSummaries(db, { rateIds: ids.map((row) => row.id) });
  }
}
