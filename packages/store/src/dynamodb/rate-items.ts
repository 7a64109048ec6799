import {
  isLinkable,
  rateRevisionSchema,
  rateSchema,
  rateSummaryOf,
  type Rate,
  type ConsolidatedStatus,
  type RateRevision,
} from '@docket/domain';
import { periodSortKey } from '../rate-list-cursor';
import { z } from 'zod';
import { storedTime, storedUuid } from './errors';
import { itemWireSize } from './item-size';
import { itemOf, LIST_STATUS_ATTRIBUTE, storedReversal, type Item } from './items';
import {
  GLOBAL_INDEX,
  globalKeyFor,
  keys,
  linkableRatesKey,
  OWNER_INDEX,
  owners,
  RATE_PERIOD_INDEX,
  RATE_PREFIX,
  RATE_STATE_NAME_INDEX,
  RATE_STATE_PERIOD_INDEX,
  rateListKeyFor,
  rateNumberSort,
  rateStateList,
  SHARED_INDEX,
  STATE_SHARED_INDEX,
  STATE_SUBMITTED_INDEX,
  SUBMITTED_CONTRACTS_INDEX,
  SUBMITTED_INDEX,
  timeAndId,
} from './keys';

/**
 * Rates as items and back. A rate is one item that lists its revisions' ids in order, and each revision is an
 * item of its own keyed by its id (why: the transaction budget in docs/adr/0003-dynamodb-single-table.md). The
 * rate item also carries what a write to the rate is conditioned on — its parent, its latest revision and whether
 * that one is submitted — and, once a revision has been submitted, its key in the submitted index (linkable); and
 * the size of each revision's item, which a snapshot read plans its requests by.
 */

/** A rate item: the rate without its revisions, and what the item keeps of them. */
const storedRateSchema = rateSchema.omit({ revisions: true }).extend({
  revisionIds: z.array(z.string()).min(1),
  /**
   * The wire size of each revision's item, in the order of `revisionIds` (`itemWireSize`), so that a read can
   * plan its requests before it has read them. Absent from the items of older releases.
   */
  revisionSizes: z.array(z.number().int()).optional(),
});
export type StoredRate = z.infer<typeof storedRateSchema>;

const rateItemSchema = itemOf('RATE', storedRateSchema);
const rateRevisionItemSchema = itemOf('RATE_REVISION', rateRevisionSchema);

/** The attributes of a rate item that its writes are conditioned on. */
export const RATE_CONDITION_ATTRIBUTES = {
  parent: 'parentContractId',
  latest: 'latestRevisionId',
  latestSubmitted: 'latestSubmitted',
} as const;

/** A rate as items: the rate item, then one item per revision, oldest first. */
export interface RateItems {
  rate: Item;
  revisions: Item[];
}

function rateRevisionItem(rateId: string, revision: RateRevision): Item {
  const id = storedUuid(revision.id);
  return { ...keys.rateRevision(id), entity: 'RATE_REVISION', ...rateRevisionAttributes(rateId, revision) };
}

/** A rate revision's own attributes, ids and times as stored. */
function rateRevisionAttributes(rateId: string, revision: RateRevision): Item {
  return {
    id: storedUuid(revision.id),
    rateId,
    number: revision.number,
    formData: revision.formData,
    createdAt: storedTime(revision.createdAt),
    updatedAt: storedTime(revision.updatedAt),
    submitted: revision.submitted && { ...revision.submitted, at: storedTime(revision.submitted.at) },
    unlocked: revision.unlocked && { ...revision.unlocked, at: storedTime(revision.unlocked.at) },
  };
}

/** The attribute that holds a rate's dashboard facts (`RateSummary`). */
export const RATE_SUMMARY_ATTRIBUTE = 'rateSummary';

/**
 * The rate reviews dashboard's facts and keys of a rate under a review status (docs/adr/0027-rate-reviews-dashboard.md):
 * `rateSummaryOf` of the whole rate, the status and type its lists filter on, and its key in each of the lists'
 * indexes. Nothing for a rate never submitted, which the dashboard does not list. Every write of a rate item that
 * knows the rate's review status sets them here, and only here.
 */
export function rateListAttributes(rate: Rate, parentStatus: ConsolidatedStatus): Item {
  const summary = rateSummaryOf(rate, parentStatus);
  if (summary === null) return {};
  const id = storedUuid(rate.id);
  const firstSubmittedAt = storedTime(summary.firstSubmittedAt);
  const sharedUpdatedAt = storedTime(summary.sharedUpdatedAt);
  const state = rateStateList(rate.stateCode);
  const submitted = timeAndId(firstSubmittedAt, id);
  const shared = timeAndId(sharedUpdatedAt, id);
  const period = timeAndId(periodSortKey(summary), id);
  return {
    [RATE_SUMMARY_ATTRIBUTE]: {
      ...summary,
      id,
      parentContractId: storedUuid(summary.parentContractId),
      firstSubmittedAt,
      sharedUpdatedAt,
    },
    [LIST_STATUS_ATTRIBUTE]: summary.status,
    [RATE_LIST_FILTERS.rateType]: summary.submitted.rateType,
    [RATE_LIST_FILTERS.periodStart]: periodSortKey(summary),
    [STATE_SUBMITTED_INDEX.partition]: state,
    [STATE_SUBMITTED_INDEX.sort]: submitted,
    [SUBMITTED_CONTRACTS_INDEX.partition]: rateListKeyFor('RATES_SUBMITTED', id),
    [SUBMITTED_CONTRACTS_INDEX.sort]: submitted,
    [STATE_SHARED_INDEX.partition]: state,
    [STATE_SHARED_INDEX.sort]: shared,
    [SHARED_INDEX.partition]: rateListKeyFor('RATES_SHARED', id),
    [SHARED_INDEX.sort]: shared,
    [RATE_STATE_PERIOD_INDEX.partition]: state,
    [RATE_STATE_PERIOD_INDEX.sort]: period,
    [RATE_PERIOD_INDEX.partition]: rateListKeyFor('RATES_PERIOD', id),
    [RATE_PERIOD_INDEX.sort]: period,
    [RATE_STATE_NAME_INDEX.partition]: state,
    [RATE_STATE_NAME_INDEX.sort]: rateNumberSort(rate.stateNumber),
  };
}

/** The attributes of a rate item the dashboard's residual filters read (besides `listStatus`). */
export const RATE_LIST_FILTERS = { rateType: 'rateType', periodStart: 'periodStart' } as const;

/**
 * A rate as items. With its review status (every write that knows it), the item also carries the rate reviews
 * dashboard's facts and keys (`rateListAttributes`).
 */
export function rateItems(rate: Rate, parentStatus?: ConsolidatedStatus): RateItems {
  const id = storedUuid(rate.id);
  const createdAt = storedTime(rate.createdAt);
  const revisions = [...rate.revisions].sort((a, b) => a.number - b.number);
  const latest = revisions.at(-1);
  if (!latest) throw new Error(`Rate ${rate.id} has no revision`);
  const revisionItems = revisions.map((revision) => rateRevisionItem(id, revision));
  return {
    rate: {
      ...keys.rate(id),
      entity: 'RATE',
      id,
      stateCode: rate.stateCode,
      stateNumber: rate.stateNumber,
      parentContractId: storedUuid(rate.parentContractId),
      createdAt,
      updatedAt: storedTime(rate.updatedAt),
      // On the rate item, never as revision items (ADR 0026).
      reversedRevisions: rate.reversedRevisions.map((r) => ({
        ...rateRevisionAttributes(id, r),
        reversed: storedReversal(r.reversed),
      })),
      reviewActions: rate.reviewActions.map((action) => ({ ...action, at: storedTime(action.at) })),
      revisionIds: revisionItems.map((item) => item.id),
      revisionSizes: revisionItems.map(itemWireSize),
      [RATE_CONDITION_ATTRIBUTES.latest]: storedUuid(latest.id),
      [RATE_CONDITION_ATTRIBUTES.latestSubmitted]: latest.submitted !== null,
      [OWNER_INDEX.partition]: owners.contractRates(storedUuid(rate.parentContractId)),
      [OWNER_INDEX.sort]: rateNumberSort(rate.stateNumber),
      [GLOBAL_INDEX.partition]: globalKeyFor('RATES', id),
      [GLOBAL_INDEX.sort]: timeAndId(createdAt, id),
      // Submitted revisions are never deleted, so once a rate is listed as linkable it stays listed.
      ...(isLinkable(rate)
        ? {
            [SUBMITTED_INDEX.partition]: linkableRatesKey(rate.stateCode),
            [SUBMITTED_INDEX.sort]: rateNumberSort(rate.stateNumber),
          }
        : {}),
      ...(parentStatus === undefined ? {} : rateListAttributes(rate, parentStatus)),
    },
    revisions: revisionItems,
  };
}

/** A rate item, parsed: the rate without its revisions, and the ids of its revisions in order. */
export function toStoredRate(item: unknown): StoredRate {
  return rateItemSchema.parse(item);
}

export function toRateRevision(item: unknown): RateRevision {
  return rateRevisionItemSchema.parse(item);
}

/**
 * The rate a rate item and its revisions make, or null when a revision the rate item lists is not among
 * `revisions` (a write removed it between the two reads: read again).
 */
export function toRate(stored: StoredRate, revisions: ReadonlyMap<string, RateRevision>): Rate | null {
  const found: RateRevision[] = [];
  for (const revisionId of stored.revisionIds) {
    const revision = revisions.get(revisionId);
    if (revision === undefined || revision.rateId !== stored.id) return null;
    found.push(revision);
  }
  found.sort((a, b) => a.number - b.number);
  const { revisionIds: _ids, revisionSizes: _sizes, ...rate } = stored;
  return { ...rate, revisions: found };
}

/** The id of the rate an item of the table or an index stands for (its partition key is `RATE#<id>`). */
export function rateIdOfKey(item: Record<string, unknown>): string {
  return String(item.PK).slice(RATE_PREFIX.length);
}
