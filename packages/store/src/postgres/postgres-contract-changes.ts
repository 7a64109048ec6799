import { VersionConflictError } from '@docket/domain';
import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import type { ContractChange } from '../contract-store';
import type { Database } from './database';
import { isUuid } from './errors';
import { contractRevisions, contracts, reviewActions } from './schema';

/**
 * The part of each contract change that lives in the child tables, run inside `apply`'s transaction after the
 * contract row has been moved to its next version (which also locks it, so no other change to this contract
 * runs meanwhile). Throwing here rolls the whole change back.
 */

/** Columns of the contract row that a change sets, besides version and updatedAt. */
export function contractColumnsFor(change: ContractChange): PgUpdateSetSource<typeof contracts> {
  switch (change.kind) {
    case 'SUBMIT':
      // Only the first submission counts: the CMS dashboard orders by it and it must not move on a resubmit.
      return {
        firstSubmittedAt: sql`coalesce(${contracts.firstSubmittedAt}, ${change.submitted.at}::timestamptz)`,
      };
    case 'SET_MCCRS_ID':
      return { mccrsId: change.mccrsId };
    default:
      return {};
  }
}

interface ChangeContext {
  contractId: string;
  expectedVersion: number;
  at: string;
}

export async function writeChange(tx: Database, change: ContractChange, ctx: ChangeContext): Promise<void> {
  switch (change.kind) {
    case 'SAVE_DRAFT':
      return updateDraft(tx, ctx, change.revisionId, { formData: change.formData, updatedAt: ctx.at });
    case 'SUBMIT':
      return updateDraft(tx, ctx, change.revisionId, {
        formData: change.formData,
        updatedAt: ctx.at,
        submittedAt: change.submitted.at,
        submittedBy: change.submitted.by,
        submittedReason: change.submitted.reason,
      });
    case 'UNLOCK':
      return openRevision(tx, ctx, change);
    case 'DISCARD_DRAFT':
      return discardDraft(tx, ctx, change.revisionId);
    case 'REVIEW_ACTION':
      await tx.insert(reviewActions).values({ ...change.reviewAction, contractId: ctx.contractId });
      return;
    case 'SET_MCCRS_ID':
      return;
  }
}

/** The change was based on a revision that is not (or no longer) the contract's draft. */
function staleRevision(ctx: ChangeContext, revisionId: string): VersionConflictError {
  return new VersionConflictError('ContractRevision', revisionId, ctx.expectedVersion, null);
}

/** Only an unsubmitted revision is ever written; a contract has at most one, and it is the latest. */
function isDraftOf(ctx: ChangeContext, revisionId: string) {
  return and(
    eq(contractRevisions.id, revisionId),
    eq(contractRevisions.contractId, ctx.contractId),
    isNull(contractRevisions.submittedAt),
  );
}

async function updateDraft(
  tx: Database,
  ctx: ChangeContext,
  revisionId: string,
  set: PgUpdateSetSource<typeof contractRevisions>,
): Promise<void> {
  if (!isUuid(revisionId)) throw staleRevision(ctx, revisionId);
  const updated = await tx
    .update(contractRevisions)
    .set(set)
    .where(isDraftOf(ctx, revisionId))
    .returning({ id: contractRevisions.id });
  if (updated.length === 0) throw staleRevision(ctx, revisionId);
}

async function openRevision(
  tx: Database,
  ctx: ChangeContext,
  change: Extract<ContractChange, { kind: 'UNLOCK' }>,
): Promise<void> {
  const [latest] = await tx
    .select({
      id: contractRevisions.id,
      number: contractRevisions.number,
      submittedAt: contractRevisions.submittedAt,
    })
    .from(contractRevisions)
    .where(eq(contractRevisions.contractId, ctx.contractId))
    .orderBy(desc(contractRevisions.number))
    .limit(1);
  // A draft is already open: a second one would break "at most the last revision is unsubmitted".
  if (!latest || latest.submittedAt === null) throw staleRevision(ctx, latest?.id ?? change.revision.id);
  await tx.insert(contractRevisions).values({
    id: change.revision.id,
    contractId: ctx.contractId,
    number: latest.number + 1,
    formData: change.revision.formData,
    createdAt: ctx.at,
    updatedAt: ctx.at,
    unlockedAt: change.unlocked.at,
    unlockedBy: change.unlocked.by,
    unlockedReason: change.unlocked.reason,
  });
}

async function discardDraft(tx: Database, ctx: ChangeContext, revisionId: string): Promise<void> {
  if (!isUuid(revisionId)) throw staleRevision(ctx, revisionId);
  // Number > 1: the first revision is the contract's only one until it is submitted, and is never discarded.
  const deleted = await tx
    .delete(contractRevisions)
    .where(and(isDraftOf(ctx, revisionId), gt(contractRevisions.number, 1)))
    .returning({ id: contractRevisions.id });
  if (deleted.length === 0) throw staleRevision(ctx, revisionId);
}
