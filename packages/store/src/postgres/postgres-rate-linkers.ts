import { NotFoundError, submitInfoSchema, rateLinkSchema } from '@docket/domain';
import { getTableColumns, sql } from 'drizzle-orm';
import { z } from 'zod';
import { inLinkerOrder, submissionsFor } from '../rate-linkers';
import type { RateLinker } from '../rate-store';
import type { Database } from './database';
import { summariesOf } from './postgres-contract-summaries';
import { contractRevisions, contracts, rates, toIsoTime } from './schema';

/**
 * `RateStore.listLinkers` on PostgreSQL: one statement. The contracts whose submitted revisions link the rate are
 * found through the partial GIN index `contract_revisions_submitted_rate_links_idx` (`rate_links @> [{rateId}]`
 * over submitted revisions only), the rate's parent by its row; each comes with its summary columns and the
 * submission stamps and rate links of its submitted revisions — never their answers — from which the domain
 * derives the link's history. A row whose summary is behind is read whole by `summariesOf`, as lists do.
 */

/** What a linker's submitted revisions carry here: enough to derive the link's history, no answers. */
const submittedRevisionsSchema = z.array(
  z.object({
    id: z.string(),
    number: z.number().int(),
    submittedAt: z.string(),
    submittedBy: submitInfoSchema.shape.by,
    submittedReason: z.string().nullable(),
    rateLinks: z.array(rateLinkSchema),
  }),
);

export async function readRateLinkers(db: Database, rateId: string): Promise<RateLinker[]> {
  const id = rateId.toLowerCase();
  const parent = sql`(select ${rates.parentContractId} from ${rates} where ${rates.id} = ${id}::uuid)`;
  const linked = sql`(
    select ${contractRevisions.contractId} from ${contractRevisions}
    where ${contractRevisions.submittedAt} is not null
      and ${contractRevisions.rateLinks} @> jsonb_build_array(jsonb_build_object('rateId', ${id}::text))
  )`;
  const rows = await db
    .select({
      row: getTableColumns(contracts),
      parentId: sql<string>`${parent}`,
      submitted: sql<unknown>`(
        select coalesce(jsonb_agg(jsonb_build_object(
          'id', ${contractRevisions.id},
          'number', ${contractRevisions.number},
          'submittedAt', ${contractRevisions.submittedAt},
          'submittedBy', ${contractRevisions.submittedBy},
          'submittedReason', ${contractRevisions.submittedReason},
          'rateLinks', ${contractRevisions.rateLinks}
        ) order by ${contractRevisions.number}), '[]'::jsonb)
        from ${contractRevisions}
        where ${contractRevisions.contractId} = ${contracts.id} and ${contractRevisions.submittedAt} is not null
      )`,
    })
    .from(contracts)
    .where(sql`${contracts.id} = ${parent} or ${contracts.id} in ${linked}`);
  const parentId = rows[0]?.parentId;
  if (parentId === undefined) throw new NotFoundError('Rate', rateId);
  const summaries = new Map(
    (
      await summariesOf(
        db,
        rows.map((r) => r.row),
      )
    ).map((s) => [s.id, s]),
  );
  return inLinkerOrder(
    parentId,
    rows.flatMap(({ row, submitted }) => {
      const contract = summaries.get(row.id);
      if (contract === undefined) return [];
      const revisions = submittedRevisionsSchema.parse(submitted).map((r) => ({
        id: r.id,
        number: r.number,
        submitted: { at: toIsoTime(r.submittedAt), by: r.submittedBy, reason: r.submittedReason },
        rateLinks: r.rateLinks,
      }));
      return [{ contract, submissions: submissionsFor(id, revisions) }];
    }),
  );
}
