import { createHash } from 'node:crypto';
import {
  canonicalRateListQuery,
  isDateInRange,
  type RateListItem,
  type RateListQuery,
  type RateSummary,
} from '@docket/domain';
import { z } from 'zod';
import { decodeOpaque, encodeOpaque, keyText, MAX_STORED_INTEGER, pageSize } from './keyset';
import { InvalidCursorError, type Page, type PageRequest } from './page';

/**
 * The cursors of `RateStore.listRates`, the same on every adapter, made as the contract dashboards' are
 * (`contract-list-cursor.ts`): the sort key of a page's last rate and a fingerprint of the query it was made for,
 * so a cursor sent with another query is refused.
 */

/** The key of one rate in a list, in the order of its sort. */
export type RateListKey =
  | { by: 'SUBMITTED' | 'UPDATED'; time: string; id: string }
  | { by: 'PERIOD_START'; periodStart: string; id: string }
  | { by: 'NAME'; stateCode: string; stateNumber: number; id: string };

/**
 * The rating period's start as the PERIOD_START order places a rate: its calendar date, or '' (before every date)
 * for a submission without one, which the submit checks make impossible but older data might hold. A period range
 * filter never matches ''.
 */
export function periodSortKey(summary: Pick<RateSummary, 'submitted'>): string {
  return summary.submitted.rateDateStart ?? '';
}

/** The range of period starts a query's filter allows, as both adapters compare them; null: no bound. */
export function periodRange(query: RateListQuery): { from: string; to: string } | null {
  if (query.periodFrom === null && query.periodTo === null) return null;
  return { from: query.periodFrom ?? '0000-01-01', to: query.periodTo ?? '9999-12-31' };
}

export function rateListFingerprint(query: RateListQuery): string {
  const canonical = JSON.stringify({ list: 'rates', query: canonicalRateListQuery(query) });
  return createHash('sha256').update(canonical).digest('base64url').slice(0, 22);
}

export function rateListKeyOf(query: RateListQuery, summary: RateSummary): RateListKey {
  switch (query.sort.by) {
    case 'SUBMITTED':
      return { by: 'SUBMITTED', time: summary.firstSubmittedAt, id: summary.id };
    case 'UPDATED':
      return { by: 'UPDATED', time: summary.sharedUpdatedAt, id: summary.id };
    case 'PERIOD_START':
      return { by: 'PERIOD_START', periodStart: periodSortKey(summary), id: summary.id };
    case 'NAME':
      return { by: 'NAME', stateCode: summary.stateCode, stateNumber: summary.stateNumber, id: summary.id };
  }
}

const keyTime = z.iso.datetime().refine((time) => isDateInRange(time.slice(0, 10)));
const keyId = z.uuid();
const keyPeriod = z.union([z.literal(''), z.iso.date()]);

const KEY_SHAPES = {
  SUBMITTED: z.tuple([keyTime, keyId]),
  UPDATED: z.tuple([keyTime, keyId]),
  PERIOD_START: z.tuple([keyPeriod, keyId]),
  NAME: z.tuple([keyText, z.number().int().min(1).max(MAX_STORED_INTEGER), keyId]),
} as const;

/** The values of a list key, in the order of its sort. */
export function rateListKeyTuple(key: RateListKey): readonly (string | number)[] {
  switch (key.by) {
    case 'SUBMITTED':
    case 'UPDATED':
      return [key.time, key.id];
    case 'PERIOD_START':
      return [key.periodStart, key.id];
    case 'NAME':
      return [key.stateCode, key.stateNumber, key.id];
  }
}

export function encodeRateListCursor(query: RateListQuery, key: RateListKey): string {
  return encodeOpaque({ q: rateListFingerprint(query), k: rateListKeyTuple(key) });
}

/**
 * The key after which the next page of `query` starts; null for the first page.
 * @throws InvalidCursorError when the cursor is not one this list handed out for this query.
 */
export function decodeRateListCursor(
  query: RateListQuery,
  cursor: string | null | undefined,
): RateListKey | null {
  const by = query.sort.by;
  const decoded = decodeOpaque(cursor, z.strictObject({ q: z.string().max(64), k: KEY_SHAPES[by] }));
  if (decoded === null) return null;
  if (decoded.q !== rateListFingerprint(query)) throw new InvalidCursorError();
  const k = decoded.k;
  switch (by) {
    case 'SUBMITTED':
    case 'UPDATED': {
      const [time, id] = k as [string, string];
      return { by, time, id };
    }
    case 'PERIOD_START': {
      const [periodStart, id] = k as [string, string];
      return { by, periodStart, id };
    }
    case 'NAME': {
      const [stateCode, stateNumber, id] = k as [string, number, string];
      return { by, stateCode, stateNumber, id };
    }
  }
}

/** A page of `query` from the rows an adapter fetched in order (one more than the page, if there are). */
export function cutRateListPage(
  query: RateListQuery,
  rows: RateListItem[],
  page: PageRequest,
): Page<RateListItem> {
  const size = pageSize(page);
  const items = rows.slice(0, size);
  const last = items.at(-1);
  return {
    items,
    nextCursor:
      rows.length > size && last !== undefined
        ? encodeRateListCursor(query, rateListKeyOf(query, last.summary))
        : null,
  };
}
