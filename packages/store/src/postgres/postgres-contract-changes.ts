import { NotFoundError, summarySliceOf, VersionConflictError, type ReversalInfo } from '@docket/domain';
import { and, count, desc, eq, gt, isNull, max, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn, PgUpdateSetSource } from 'drizzle-orm/pg-core';
import type { ContractChange, RateWrites } from '@docket/domain';
import type { ContractApply } from '../contract-store';
import type { Database } from './database';
import { isUuid } from './errors';
import { eventInsert } from './postgres-event-log';
import { toRateRevision, toRevision } from './rows';
import { writeRateSummaries, type RateSummaryTarget } from './postgres-rate-summaries';
import { contractRevisions, contracts, events, rateRevisions, rates, reviewActions, states } from './schema';

/**
 * The part of each contract change that lives in the child tables, run inside `apply`'s transaction after the
 * contract row has been moved to its next version (which also locks it, so no other change to this contract
 * runs meanwhile). Throwing here rolls the whole change back.
 */

/**
 * Columns of the contract row that a change sets, besides version and updatedAt: what it changes of the row's
 * own fields and of its summary facts (the domain's `ContractSummary`), set mechanically from the change and the
 * row as it was, so that they always equal `summaryFactsOf` of the contract the change leaves (the conformance
 * suite checks this after every kind of change). A failed change rolls them back with everything else.
 */
export function contractColumnsFor(change: ContractChange, at: string): PgUpdateSetSource<typeof contracts> {
  // The facts are current at the next version only if they were at this one (see `summaryVersion`).
  const summaryVersion = sql`case when ${contracts.summaryVersion} = ${contracts.version} then ${contracts.version} + 1 else ${contracts.summaryVersion} end`;
  // While the state holds a draft, what others see of the filing does not change (`sharedUpdatedAt`).
  const seenByAll = sql`case when ${contracts.draftOpen} then ${contracts.sharedUpdatedAt} else ${at}::timestamptz end`;
  switch (change.kind) {
    case 'SAVE_DRAFT':
      return { summaryVersion, latestSlice: summarySliceOf(change.formData) };
    case 'SUBMIT': {
      const slice = summarySliceOf(change.formData);
      return {
        summaryVersion,
        // Only the first submission counts: the CMS dashboard orders by it and it must not move on a resubmit.
        firstSubmittedAt: sql`coalesce(${contracts.firstSubmittedAt}, ${change.submitted.at}::timestamptz)`,
        lastSubmittedAt: change.submitted.at,
        latestSlice: slice,
        submittedSlice: slice,
        submittedCount: sql`${contracts.submittedCount} + 1`,
        draftOpen: false,
        sharedUpdatedAt: at,
      };
    }
    case 'UNLOCK':
      return {
        summaryVersion,
        latestSlice: summarySliceOf(change.revision.formData),
        draftOpen: true,
        sharedUpdatedAt: at,
      };
    case 'DISCARD_DRAFT':
      // The latest revision is the last submitted one again.
      return {
        summaryVersion,
        latestSlice: sql`${contracts.submittedSlice}`,
        draftOpen: false,
        sharedUpdatedAt: at,
      };
    case 'REVIEW_ACTION': {
      const { action, at: actionAt, id } = change.reviewAction;
      // The last of the contract's review actions in their order (time, then id) once this one is added, as
      // the contract lists them: one index-served subquery of this same statement. Ids compare as text (a UUID's
      // text sorts as the UUID does), so an id that is no UUID fails where it is inserted, as it always has.
      const last = sql`(
        select ranked.action from (
          select ${reviewActions.action} as action, ${reviewActions.at} as at, ${reviewActions.id}::text as id
          from ${reviewActions} where ${reviewActions.contractId} = ${contracts.id}
          union all select ${action}, ${actionAt}::timestamptz, lower(${id})
        ) as ranked order by ranked.at desc, ranked.id desc limit 1
      )`;
      return { summaryVersion, lastReviewAction: last, sharedUpdatedAt: seenByAll };
    }
    case 'SET_MCCRS_ID':
      return { summaryVersion, mccrsId: change.mccrsId, sharedUpdatedAt: seenByAll };
    case 'ADOPT_RATES':
    case 'RATE_REVIEW':
      return { summaryVersion, sharedUpdatedAt: seenByAll };
  }
}

interface ChangeContext {
  contractId: string;
  /** The contract's state, whose rate counter numbers new rates. */
  stateCode: string;
  expectedVersion: number;
  at: string;
}

/**
 * The first statement of every change: moves the contract's version, records the change's event, and writes the
 * draft's answers when the change has some (save, submit). Moving the version both checks it and locks the
 * contract row: a concurrent change on the same version waits, then finds the version moved and matches no row.
 * The draft's update waits for the version's (it asks whether the version moved), so rows are locked in the same
 * order as every other change locks them; and a failure anywhere rolls the whole transaction back, the event
 * included.
 * @returns the contract's state, or null when no contract is at the expected version.
 * @throws VersionConflictError when the draft named is not the contract's unsubmitted latest revision.
 */
export async function moveVersion(tx: Database, id: string, input: ContractApply): Promise<string | null> {
  const { expectedVersion, at, change } = input;
  const recorded = tx.$with('recorded').as(eventInsert(tx, input.event).returning({ id: events.id }));
  const moved = tx.$with('moved').as(
    tx
      .update(contracts)
      .set({ version: sql`${contracts.version} + 1`, updatedAt: at, ...contractColumnsFor(change, at) })
      .where(and(eq(contracts.id, id), eq(contracts.version, expectedVersion)))
      .returning({ stateCode: contracts.stateCode }),
  );
  const answers = draftAnswersOf(change, at);
  if (answers === null || !isUuid(answers.revisionId)) {
    const [row] = await tx.with(recorded, moved).select({ stateCode: moved.stateCode }).from(moved);
    if (row && answers !== null) throw staleRevision({ expectedVersion }, answers.revisionId);
    return row?.stateCode ?? null;
  }
  const drafted = tx.$with('drafted').as(
    tx
      .update(contractRevisions)
      .set(answers.set)
      .where(and(isDraftOf(id, answers.revisionId), sql`exists (select 1 from ${moved})`))
      .returning({ id: contractRevisions.id }),
  );
  const [row] = await tx
    .with(recorded, moved, drafted)
    .select({ stateCode: moved.stateCode, drafted: sql<number>`(select count(*) from ${drafted})::int` })
    .from(moved);
  if (row && row.drafted === 0) throw staleRevision({ expectedVersion }, answers.revisionId);
  return row?.stateCode ?? null;
}

/** What a change writes to the draft revision itself, if anything: its answers (save), and its freezing (submit). */
function draftAnswersOf(
  change: ContractChange,
  at: string,
): { revisionId: string; set: PgUpdateSetSource<typeof contractRevisions> } | null {
  switch (change.kind) {
    case 'SAVE_DRAFT':
      return {
        revisionId: change.revisionId,
        set: { formData: change.formData, rateLinks: change.rateLinks, updatedAt: at },
      };
    case 'SUBMIT':
      return {
        revisionId: change.revisionId,
        set: {
          formData: change.formData,
          rateLinks: change.rateLinks,
          updatedAt: at,
          submittedAt: change.submitted.at,
          submittedBy: change.submitted.by,
          submittedReason: change.submitted.reason,
        },
      };
    case 'RATE_REVIEW':
      return change.draftRateLinks === null
        ? null
        : {
            revisionId: change.draftRateLinks.revisionId,
            set: { rateLinks: change.draftRateLinks.rateLinks, updatedAt: at },
          };
    default:
      return null;
  }
}

/** The rest of a change, after `moveVersion`, then the dashboard facts of the rates it moved. */
export async function writeChange(tx: Database, change: ContractChange, ctx: ChangeContext): Promise<void> {
  await writeChangeRows(tx, change, ctx);
  const moved = ratesMovedBy(change, ctx.contractId);
  if (moved !== null) await writeRateSummaries(tx, moved);
}

/**
 * The rates whose dashboard facts a change moves: the rates it submits, unlocks, discards the draft of, adopts or
 * withdraws (or brings back), and every rate of a contract withdrawn or brought back (their review status goes with it). Creating a rate or
 * saving its draft changes nothing a reviewer sees.
 */
function ratesMovedBy(change: ContractChange, contractId: string): RateSummaryTarget | null {
  if (change.kind === 'REVIEW_ACTION') {
    const action = change.reviewAction.action;
    return action === 'WITHDRAW' || action === 'UNDO_WITHDRAW' ? { parentContractId: contractId } : null;
  }
  const writes = 'rates' in change ? change.rates : undefined;
  if (writes === undefined) return null;
  const rateIds = [
    ...(writes.submit ?? []).map((w) => w.rateId),
    ...(writes.open ?? []).map((w) => w.rateId),
    ...(writes.discard ?? []).map((w) => w.rateId),
    ...(writes.adopt ?? []).map((w) => w.rateId),
    ...(writes.review ?? []).map((w) => w.rateId),
  ].filter(isUuid);
  return rateIds.length === 0 ? null : { rateIds };
}

async function writeChangeRows(tx: Database, change: ContractChange, ctx: ChangeContext): Promise<void> {
  switch (change.kind) {
    case 'SAVE_DRAFT':
    case 'SUBMIT':
      return writeRates(tx, ctx, change.rates);
    case 'UNLOCK':
      await openRevision(tx, ctx, change);
      return writeRates(tx, ctx, change.rates);
    case 'DISCARD_DRAFT':
      await discardDraft(tx, ctx, change.revisionId, change.reversal);
      return writeRates(tx, ctx, change.rates);
    case 'REVIEW_ACTION':
      await tx.insert(reviewActions).values({ ...change.reviewAction, contractId: ctx.contractId });
      return;
    case 'SET_MCCRS_ID':
      return;
    case 'ADOPT_RATES':
    case 'RATE_REVIEW':
      return writeRates(tx, ctx, change.rates);
  }
}

/** The change was based on a revision that is not (or no longer) the contract's draft. */
function staleRevision(
  ctx: Pick<ChangeContext, 'expectedVersion'>,
  revisionId: string,
): VersionConflictError {
  return new VersionConflictError('ContractRevision', revisionId, ctx.expectedVersion, null);
}

/** Only an unsubmitted revision is ever written; a contract has at most one, and it is the latest. */
function isDraftOf(contractId: string, revisionId: string) {
  return and(
    eq(contractRevisions.id, revisionId),
    eq(contractRevisions.contractId, contractId),
    isNull(contractRevisions.submittedAt),
  );
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
    rateLinks: change.revision.rateLinks,
    createdAt: ctx.at,
    updatedAt: ctx.at,
    unlockedAt: change.unlocked.at,
    unlockedBy: change.unlocked.by,
    unlockedReason: change.unlocked.reason,
  });
}

/** Moves the draft out of the revisions, onto the contract row's reversed revisions as it was, with the reversal. */
async function discardDraft(
  tx: Database,
  ctx: ChangeContext,
  revisionId: string,
  reversal: ReversalInfo,
): Promise<void> {
  if (!isUuid(revisionId)) throw staleRevision(ctx, revisionId);
  // Number > 1: the first revision is the contract's only one until it is submitted, and is never discarded.
  const [deleted] = await tx
    .delete(contractRevisions)
    .where(and(isDraftOf(ctx.contractId, revisionId), gt(contractRevisions.number, 1)))
    .returning();
  if (!deleted) throw staleRevision(ctx, revisionId);
  await tx
    .update(contracts)
    .set({
      reversedRevisions: appended(contracts.reversedRevisions, {
        ...toRevision(deleted),
        reversed: reversal,
      }),
    })
    .where(eq(contracts.id, ctx.contractId));
}

/** A jsonb list column with one more element at its end. */
function appended(column: AnyPgColumn, element: object): SQL {
  return sql`${column} || jsonb_build_array(${JSON.stringify(element)}::jsonb)`;
}

/**
 * The rate writes of a change, in a fixed order: creates, saves, submits, opens, discards, adoptions, review
 * actions. Every write
 * first claims its rate (below), so a rate named but missing or owned by another contract refuses the whole change
 * (an adoption claims it from the contract it names).
 */
async function writeRates(tx: Database, ctx: ChangeContext, writes: RateWrites | undefined): Promise<void> {
  if (!writes) return;
  await createRates(tx, ctx, writes.create ?? []);
  for (const save of writes.save ?? []) {
    await writeRateDraft(
      tx,
      ctx,
      save.rateId,
      save.revisionId,
      {},
      { formData: save.formData, updatedAt: ctx.at },
    );
  }
  for (const submit of writes.submit ?? []) {
    // The first submission makes the rate linkable, for good: submitted revisions are never deleted.
    const linkable = {
      firstSubmittedAt: sql`coalesce(${rates.firstSubmittedAt}, ${submit.submitted.at}::timestamptz)`,
    };
    await writeRateDraft(tx, ctx, submit.rateId, submit.revisionId, linkable, {
      formData: submit.formData,
      updatedAt: ctx.at,
      submittedAt: submit.submitted.at,
      submittedBy: submit.submitted.by,
      submittedReason: submit.submitted.reason,
    });
  }
  for (const open of writes.open ?? []) await openRateRevision(tx, ctx, open);
  for (const discard of writes.discard ?? []) await discardRateDraft(tx, ctx, discard);
  for (const adopt of writes.adopt ?? []) {
    if (!isUuid(adopt.fromContractId)) throw rateConflict(ctx, adopt.rateId);
    await claimRate(tx, { ...ctx, contractId: adopt.fromContractId }, adopt.rateId, {
      parentContractId: ctx.contractId,
    });
  }
  for (const { rateId, reviewAction } of writes.review ?? []) {
    // Appended to the rate's own, on its row, which the claim also checks is this contract's.
    await claimRate(tx, ctx, rateId, {
      reviewActions: sql`${rates.reviewActions} || ${JSON.stringify([reviewAction])}::jsonb`,
    });
  }
}

function rateConflict(ctx: ChangeContext, rateId: string): VersionConflictError {
  return new VersionConflictError('Rate', rateId, ctx.expectedVersion, null);
}

function staleRateRevision(ctx: ChangeContext, revisionId: string): VersionConflictError {
  return new VersionConflictError('RateRevision', revisionId, ctx.expectedVersion, null);
}

/**
 * Gives new rates the state's next rate numbers, in the order listed. The counter moves once for all of them;
 * its row lock holds off every other numbering in the state until this transaction ends, and a rollback gives
 * the numbers back.
 */
async function createRates(
  tx: Database,
  ctx: ChangeContext,
  creates: NonNullable<RateWrites['create']>,
): Promise<void> {
  if (creates.length === 0) return;
  const [counter] = await tx
    .update(states)
    .set({ lastRateNumber: sql`${states.lastRateNumber} + ${creates.length}` })
    .where(eq(states.code, ctx.stateCode))
    .returning({ last: states.lastRateNumber });
  if (!counter) throw new NotFoundError('State', ctx.stateCode);
  const first = counter.last - creates.length + 1;
  // A taken rate or revision id fails here on its primary key, which surfaces as UniquenessError.
  await tx.insert(rates).values(
    creates.map((create, index) => ({
      id: create.id,
      stateCode: ctx.stateCode,
      stateNumber: first + index,
      parentContractId: ctx.contractId,
      createdAt: ctx.at,
      updatedAt: ctx.at,
    })),
  );
  await tx.insert(rateRevisions).values(
    creates.map((create) => ({
      id: create.revisionId,
      rateId: create.id,
      number: 1,
      formData: create.formData,
      createdAt: ctx.at,
      updatedAt: ctx.at,
    })),
  );
}

/**
 * Checks that the rate exists and that this contract is its parent, and marks it written at the change's time
 * (plus any other column given). The update also locks the rate row until the transaction ends.
 */
async function claimRate(
  tx: Database,
  ctx: ChangeContext,
  rateId: string,
  set: PgUpdateSetSource<typeof rates> = {},
): Promise<void> {
  if (!isUuid(rateId)) throw rateConflict(ctx, rateId);
  const claimed = await tx
    .update(rates)
    .set({ updatedAt: ctx.at, ...set })
    .where(and(eq(rates.id, rateId), eq(rates.parentContractId, ctx.contractId)))
    .returning({ id: rates.id });
  if (claimed.length === 0) throw rateConflict(ctx, rateId);
}

/** The named revision, if it is the rate's unsubmitted latest revision. */
function isRateDraft(tx: Database, rateId: string, revisionId: string) {
  return and(
    eq(rateRevisions.id, revisionId),
    eq(rateRevisions.rateId, rateId),
    isNull(rateRevisions.submittedAt),
    eq(
      rateRevisions.number,
      tx
        .select({ latest: max(rateRevisions.number) })
        .from(rateRevisions)
        .where(eq(rateRevisions.rateId, rateId)),
    ),
  );
}

/**
 * Claims the rate (as `claimRate` does, with `claim` set on it too) and writes its draft revision, in one
 * statement: the revision's update waits for the claim (it asks whether the rate was claimed), so the rate row is
 * locked first, as every change locks it.
 */
async function writeRateDraft(
  tx: Database,
  ctx: ChangeContext,
  rateId: string,
  revisionId: string,
  claim: PgUpdateSetSource<typeof rates>,
  set: PgUpdateSetSource<typeof rateRevisions>,
): Promise<void> {
  if (!isUuid(rateId)) throw rateConflict(ctx, rateId);
  if (!isUuid(revisionId)) {
    await claimRate(tx, ctx, rateId, claim);
    throw staleRateRevision(ctx, revisionId);
  }
  const claimed = tx.$with('claimed').as(
    tx
      .update(rates)
      .set({ updatedAt: ctx.at, ...claim })
      .where(and(eq(rates.id, rateId), eq(rates.parentContractId, ctx.contractId)))
      .returning({ id: rates.id }),
  );
  const written = tx.$with('written').as(
    tx
      .update(rateRevisions)
      .set(set)
      .where(and(isRateDraft(tx, rateId, revisionId), sql`exists (select 1 from ${claimed})`))
      .returning({ id: rateRevisions.id }),
  );
  const [row] = await tx
    .with(claimed, written)
    .select({ written: sql<number>`(select count(*) from ${written})::int` })
    .from(claimed);
  if (!row) throw rateConflict(ctx, rateId);
  if (row.written === 0) throw staleRateRevision(ctx, revisionId);
}

async function openRateRevision(
  tx: Database,
  ctx: ChangeContext,
  open: NonNullable<RateWrites['open']>[number],
): Promise<void> {
  await claimRate(tx, ctx, open.rateId);
  const [latest] = await tx
    .select({ id: rateRevisions.id, number: rateRevisions.number, submittedAt: rateRevisions.submittedAt })
    .from(rateRevisions)
    .where(eq(rateRevisions.rateId, open.rateId))
    .orderBy(desc(rateRevisions.number))
    .limit(1);
  // A draft is already open: a second one would break "at most the last revision is unsubmitted".
  if (!latest || latest.submittedAt === null) throw staleRateRevision(ctx, latest?.id ?? open.revision.id);
  await tx.insert(rateRevisions).values({
    id: open.revision.id,
    rateId: open.rateId,
    number: latest.number + 1,
    formData: open.revision.formData,
    createdAt: ctx.at,
    updatedAt: ctx.at,
    unlockedAt: open.unlocked.at,
    unlockedBy: open.unlocked.by,
    unlockedReason: open.unlocked.reason,
  });
}

async function discardRateDraft(
  tx: Database,
  ctx: ChangeContext,
  { rateId, revisionId, reversal }: NonNullable<RateWrites['discard']>[number],
): Promise<void> {
  await claimRate(tx, ctx, rateId);
  if (!isUuid(revisionId)) throw staleRateRevision(ctx, revisionId);
  const [deleted] = await tx
    .delete(rateRevisions)
    .where(isRateDraft(tx, rateId, revisionId))
    .returning();
  if (!deleted) throw staleRateRevision(ctx, revisionId);
  // A rate that was never submitted has nothing left: it goes with its only draft.
  const [left] = await tx
    .select({ revisions: count() })
    .from(rateRevisions)
    .where(eq(rateRevisions.rateId, rateId));
  if ((left?.revisions ?? 0) === 0) await tx.delete(rates).where(eq(rates.id, rateId));
  else if (reversal) {
    // An undo unlock keeps the draft on the rate, as it was.
    const kept = { ...toRateRevision(deleted), reversed: reversal };
    await tx
      .update(rates)
      .set({ reversedRevisions: appended(rates.reversedRevisions, kept) })
      .where(eq(rates.id, rateId));
  }
}
