import { summaryFactsOf, type ContractSummary } from '@docket/domain';
import { and, asc, gt, inArray, sql } from 'drizzle-orm';
import type { Database } from './database';
import { contractsQuery, toContractWithChildren } from './postgres-contract-reads';
import { toContractSummary } from './rows';
import { contracts } from './schema';

/**
 * The contract row is the list projection (docs/adr/0012-list-projection.md): its summary columns hold the
 * domain's `ContractSummary` facts. Changes move them in `apply`'s UPDATE (`contractColumnsFor`); whole records
 * (a create, a transfer, `migrate()` filling rows of an older release) set them from `summaryFactsOf`, here.
 */

type ContractRow = typeof contracts.$inferSelect;

/** The columns that hold `summary`, current at its version. */
export function summaryColumns(summary: ContractSummary) {
  return {
    firstSubmittedAt: summary.firstSubmittedAt,
    lastSubmittedAt: summary.lastSubmittedAt,
    latestSlice: summary.latest,
    submittedSlice: summary.submitted,
    submittedCount: summary.submittedCount,
    draftOpen: summary.draftOpen,
    lastReviewAction: summary.lastReviewAction,
    sharedUpdatedAt: summary.sharedUpdatedAt,
    summaryVersion: summary.version,
  };
}

/**
 * The summaries of contract rows, in their order. A row whose facts are not current is read whole instead, all
 * such rows of a page in one statement; a page of current rows costs nothing more than the rows themselves. A
 * contract removed in between is left out (contracts are never removed by the port).
 */
export async function summariesOf(db: Database, rows: readonly ContractRow[]): Promise<ContractSummary[]> {
  const behind = rows.filter((row) => row.summaryVersion !== row.version).map((row) => row.id);
  const whole = new Map<string, ContractSummary>();
  if (behind.length > 0) {
    const reads = await contractsQuery(db).where(inArray(contracts.id, behind));
    for (const read of reads) {
      const summary = summaryFactsOf(toContractWithChildren(read));
      whole.set(summary.id, summary);
    }
  }
  return rows.flatMap((row) => toContractSummary(row) ?? whole.get(row.id) ?? []);
}

/** How many contracts `fillSummaries` reads whole at a time. */
const FILL_BATCH = 200;

/**
 * Computes the summary facts of every contract whose facts are not current, from the whole contract, and stores
 * them on condition that the contract is still at the version read. Idempotent, and cheap once done: the rows it
 * looks for are found by a partial index that is then empty. One pass in id order; a contract changed while it
 * was read keeps its mark, and is filled by the next run (lists read it whole meanwhile).
 * @returns how many rows it filled.
 */
export async function fillSummaries(db: Database): Promise<number> {
  let after: string | null = null;
  let filled = 0;
  for (;;) {
    const ids: { id: string }[] = await db
      .select({ id: contracts.id })
      .from(contracts)
      .where(
        and(
          sql`${contracts.summaryVersion} is distinct from ${contracts.version}`,
          after === null ? undefined : gt(contracts.id, after),
        ),
      )
      .orderBy(asc(contracts.id))
      .limit(FILL_BATCH);
    const last = ids.at(-1);
    if (last === undefined) return filled;
    after = last.id;
    const reads = await contractsQuery(db).where(
      inArray(
        contracts.id,
        ids.map((row) => row.id),
      ),
    );
    const facts = reads.map((read) => summaryFactsOf(toContractWithChildren(read)));
    filled += await storeSummaries(db, facts);
  }
}

/** Stores summaries computed from whole contracts, each only if its contract is still at that version. */
async function storeSummaries(db: Database, summaries: readonly ContractSummary[]): Promise<number> {
  if (summaries.length === 0) return 0;
  const records = summaries.map((summary) => ({ id: summary.id, ...summaryColumns(summary) }));
  const updated = await db
    .update(contracts)
    .set({
      firstSubmittedAt: sql`f."firstSubmittedAt"`,
      lastSubmittedAt: sql`f."lastSubmittedAt"`,
      latestSlice: sql`f."latestSlice"`,
      submittedSlice: sql`f."submittedSlice"`,
      submittedCount: sql`f."submittedCount"`,
      draftOpen: sql`f."draftOpen"`,
      lastReviewAction: sql`f."lastReviewAction"`,
      sharedUpdatedAt: sql`f."sharedUpdatedAt"`,
      summaryVersion: sql`f."summaryVersion"`,
    })
    .from(
      sql`jsonb_to_recordset(${JSON.stringify(records)}::jsonb) as f(
        "id" uuid, "firstSubmittedAt" timestamptz, "lastSubmittedAt" timestamptz, "latestSlice" jsonb,
        "submittedSlice" jsonb, "submittedCount" integer, "draftOpen" boolean, "lastReviewAction" text,
        "sharedUpdatedAt" timestamptz, "summaryVersion" integer
      )`,
    )
    .where(sql`${contracts.id} = f."id" and ${contracts.version} = f."summaryVersion"`)
    .returning({ id: contracts.id });
  return updated.length;
}
