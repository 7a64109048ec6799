import { isDeepStrictEqual } from 'node:util';
import { VersionConflictError, type Rate, type ConsolidatedStatus, type RateRevision } from '@docket/domain';
import type { RateWrites } from '@docket/domain';
import type { TransactionStep } from './database';
import { alreadyExists, isUuid, storedUuid, stringAttribute } from './errors';
import type { Item } from './items';
import { keys } from './keys';
import { RATE_CONDITION_ATTRIBUTES, rateItems, type RateItems } from './rate-items';

/**
 * The rate writes of a contract change, as a pure step from the rates read to the rates to write, and the
 * transaction steps between their items. The writes are applied in the port's order (create, save, submit, open,
 * discard); each rate then becomes at most one write of its item and one of the revision that changed, so a
 * change naming a rate once costs two transaction items for it.
 */

interface RateContext {
  /** The contract making the change (stored form): the parent of every rate it creates or writes. */
  contractId: string;
  stateCode: string;
  expectedVersion: number;
  at: string;
  /** The state's rate counter as read: new rates take the numbers after it, in order. */
  lastRateNumber: number;
}

/** Every rate id the writes name, as stored (ids that are not UUIDs cannot name a stored rate and are left out). */
export function namedRateIds(writes: RateWrites | undefined): string[] {
  if (!writes) return [];
  const ids = [
    ...(writes.create ?? []).map((w) => w.id),
    ...(writes.save ?? []).map((w) => w.rateId),
    ...(writes.submit ?? []).map((w) => w.rateId),
    ...(writes.open ?? []).map((w) => w.rateId),
    ...(writes.discard ?? []).map((w) => w.rateId),
    ...(writes.adopt ?? []).map((w) => w.rateId),
    ...(writes.review ?? []).map((w) => w.rateId),
  ];
  return [...new Set(ids.filter(isUuid).map((id) => id.toLowerCase()))];
}

export function rateCreates(writes: RateWrites | undefined): number {
  return writes?.create?.length ?? 0;
}

const rateConflict = (ctx: RateContext, rateId: string) =>
  new VersionConflictError('Rate', rateId, ctx.expectedVersion, null);
const revisionConflict = (ctx: RateContext, revisionId: string) =>
  new VersionConflictError('RateRevision', revisionId, ctx.expectedVersion, null);

/**
 * The rates after the writes, by id; null for a rate the writes delete. `before` holds the named rates that are
 * stored. @throws VersionConflictError when a rate named is missing, has another parent, or a revision named is
 * not its unsubmitted latest revision (for `open`: when its latest revision is not submitted).
 * @throws UniquenessError when a new rate or revision takes an id already held.
 */
export function applyRateWrites(
  before: ReadonlyMap<string, Rate>,
  writes: RateWrites,
  ctx: RateContext,
): Map<string, Rate | null> {
  const rates = new Map<string, Rate | null>(before);
  const revisionIds = new Set([...before.values()].flatMap((rate) => rate.revisions.map((r) => r.id)));
  const newRevisionId = (id: string) => {
    const stored = storedUuid(id);
    if (revisionIds.has(stored)) throw alreadyExists('rate revision');
    revisionIds.add(stored);
    return stored;
  };
  const owned = (rateId: string): Rate => {
    const rate = isUuid(rateId) ? rates.get(rateId.toLowerCase()) : undefined;
    if (!rate || rate.parentContractId !== ctx.contractId) throw rateConflict(ctx, rateId);
    return rate;
  };
  const draftOf = (rate: Rate, revisionId: string): RateRevision => {
    const latest = rate.revisions.at(-1);
    if (!latest || latest.submitted !== null || latest.id !== revisionId.toLowerCase()) {
      throw revisionConflict(ctx, revisionId);
    }
    return latest;
  };
  const replaceDraft = (rate: Rate, revision: RateRevision) =>
    rates.set(rate.id, {
      ...rate,
      updatedAt: ctx.at,
      revisions: rate.revisions.map((r) => (r.id === revision.id ? revision : r)),
    });

  (writes.create ?? []).forEach((create, index) => {
    const id = storedUuid(create.id);
    if (rates.has(id)) throw alreadyExists('rate');
    rates.set(id, {
      id,
      stateCode: ctx.stateCode,
      stateNumber: ctx.lastRateNumber + index + 1,
      parentContractId: ctx.contractId,
      createdAt: ctx.at,
      updatedAt: ctx.at,
      reversedRevisions: [],
      reviewActions: [],
      revisions: [
        {
          id: newRevisionId(create.revisionId),
          rateId: id,
          number: 1,
          formData: create.formData,
          createdAt: ctx.at,
          updatedAt: ctx.at,
          submitted: null,
          unlocked: null,
        },
      ],
    });
  });
  for (const save of writes.save ?? []) {
    const rate = owned(save.rateId);
    const draft = draftOf(rate, save.revisionId);
    replaceDraft(rate, { ...draft, formData: save.formData, updatedAt: ctx.at });
  }
  for (const submit of writes.submit ?? []) {
    const rate = owned(submit.rateId);
    const draft = draftOf(rate, submit.revisionId);
    replaceDraft(rate, {
      ...draft,
      formData: submit.formData,
      updatedAt: ctx.at,
      submitted: submit.submitted,
    });
  }
  for (const open of writes.open ?? []) {
    const rate = owned(open.rateId);
    const latest = rate.revisions.at(-1);
    if (!latest || latest.submitted === null) throw revisionConflict(ctx, latest?.id ?? open.revision.id);
    const opened: RateRevision = {
      id: newRevisionId(open.revision.id),
      rateId: rate.id,
      number: latest.number + 1,
      formData: open.revision.formData,
      createdAt: ctx.at,
      updatedAt: ctx.at,
      submitted: null,
      unlocked: open.unlocked,
    };
    rates.set(rate.id, { ...rate, updatedAt: ctx.at, revisions: [...rate.revisions, opened] });
  }
  for (const discard of writes.discard ?? []) {
    const rate = owned(discard.rateId);
    const draft = draftOf(rate, discard.revisionId);
    // A rate that was never submitted has nothing left without its draft.
    if (rate.revisions.length === 1) rates.set(rate.id, null);
    else {
      const { reversal } = discard;
      rates.set(rate.id, {
        ...rate,
        updatedAt: ctx.at,
        revisions: rate.revisions.filter((r) => r.id !== draft.id),
        reversedRevisions: reversal
          ? [...rate.reversedRevisions, { ...draft, reversed: reversal }]
          : rate.reversedRevisions,
      });
    }
  }
  for (const adopt of writes.adopt ?? []) {
    const rate = isUuid(adopt.rateId) ? rates.get(adopt.rateId.toLowerCase()) : undefined;
    const from = isUuid(adopt.fromContractId) ? storedUuid(adopt.fromContractId) : null;
    if (!rate || rate.parentContractId !== from) throw rateConflict(ctx, adopt.rateId);
    rates.set(rate.id, { ...rate, parentContractId: ctx.contractId, updatedAt: ctx.at });
  }
  for (const { rateId, reviewAction } of writes.review ?? []) {
    const rate = owned(rateId);
    rates.set(rate.id, { ...rate, updatedAt: ctx.at, reviewActions: [...rate.reviewActions, reviewAction] });
  }
  return rates;
}

const NEW_ITEM = 'attribute_not_exists(PK)';

/**
 * The condition a write to a stored rate's item carries: the rate is still as read — its parent's (this
 * contract's, or for an adoption the contract it is taken from), with the same latest revision, submitted or not. Since a rate's revisions are written only together with its item, that
 * keeps them as read too, whatever else happens to the table.
 */
function asRead(ctx: { expectedVersion: number }, rate: Rate) {
  const parent = storedUuid(rate.parentContractId);
  const latest = rate.revisions.at(-1);
  if (!latest) throw new Error(`Rate ${rate.id} has no revision`);
  const condition = {
    ConditionExpression: '#parent = :parent AND #latest = :latest AND #latestSubmitted = :latestSubmitted',
    ExpressionAttributeNames: {
      '#parent': RATE_CONDITION_ATTRIBUTES.parent,
      '#latest': RATE_CONDITION_ATTRIBUTES.latest,
      '#latestSubmitted': RATE_CONDITION_ATTRIBUTES.latestSubmitted,
    },
    ExpressionAttributeValues: {
      ':parent': parent,
      ':latest': latest.id,
      ':latestSubmitted': latest.submitted !== null,
    },
    ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
  };
  const onConditionFailed = (old: Record<string, unknown> | undefined) =>
    old === undefined || stringAttribute(old, RATE_CONDITION_ATTRIBUTES.parent) !== parent
      ? new VersionConflictError('Rate', rate.id, ctx.expectedVersion, null)
      : new VersionConflictError('RateRevision', latest.id, ctx.expectedVersion, null);
  return { condition, onConditionFailed };
}

function revisionsById(items: RateItems | null): Map<string, Item> {
  return new Map((items?.revisions ?? []).map((item) => [String(item.id), item]));
}

/**
 * The steps that bring the rates from `before` to `after`: a new rate's item and revision put only where their
 * ids are free (→ UniquenessError); a stored rate's item rewritten or deleted only while it is as read
 * (→ VersionConflictError); its revisions that changed rewritten, the new ones put only where their ids are free,
 * the discarded ones deleted.
 */
export function rateSteps(
  table: string,
  ctx: { contractId: string; expectedVersion: number },
  before: ReadonlyMap<string, Rate>,
  after: ReadonlyMap<string, Rate | null>,
  parentStatus: ConsolidatedStatus,
): TransactionStep[] {
  const steps: TransactionStep[] = [];
  for (const [id, next] of after) {
    const previous = before.get(id) ?? null;
    const old = previous && rateItems(previous);
    // The rates a change writes are its contract's after it: their parent's status is the contract's.
    const built = next && rateItems(next, parentStatus);
    if (previous === null) {
      if (built !== null) {
        steps.push({
          request: { Put: { TableName: table, Item: built.rate, ConditionExpression: NEW_ITEM } },
          onConditionFailed: () => alreadyExists('rate'),
        });
      }
    } else {
      const { condition, onConditionFailed } = asRead(ctx, previous);
      const request =
        built === null
          ? { Delete: { TableName: table, Key: keys.rate(id), ...condition } }
          : { Put: { TableName: table, Item: built.rate, ...condition } };
      steps.push({ request, onConditionFailed });
    }
    const oldRevisions = revisionsById(old);
    const newRevisions = revisionsById(built);
    for (const [revisionId, item] of newRevisions) {
      const was = oldRevisions.get(revisionId);
      if (was === undefined) {
        steps.push({
          request: { Put: { TableName: table, Item: item, ConditionExpression: NEW_ITEM } },
          onConditionFailed: () => alreadyExists('rate revision'),
        });
      } else if (!isDeepStrictEqual(was, item)) {
        steps.push({ request: { Put: { TableName: table, Item: item } } });
      }
    }
    for (const [revisionId, item] of oldRevisions) {
      if (newRevisions.has(revisionId)) continue;
      steps.push({ request: { Delete: { TableName: table, Key: { PK: item.PK, SK: item.SK } } } });
    }
  }
  return steps;
}

/**
 * The steps that give rates a new review status, their answers unchanged (their parent contract withdrawn, or
 * brought back): each rate item rewritten with its dashboard facts, only while it is as read.
 */
export function rateReviewSteps(
  table: string,
  ctx: { expectedVersion: number },
  rates: readonly Rate[],
  parentStatus: ConsolidatedStatus,
): TransactionStep[] {
  return rates.map((rate) => {
    const { condition, onConditionFailed } = asRead(ctx, rate);
    return {
      request: { Put: { TableName: table, Item: rateItems(rate, parentStatus).rate, ...condition } },
      onConditionFailed,
    };
  });
}
