import { createHash } from 'node:crypto';
import {
  canonicalContractListQuery,
  isDateInRange,
  viewedUpdatedAt,
  type ContractListQuery,
  type ContractSummary,
} from '@docket/domain';
import { z } from 'zod';
import { decodeOpaque, encodeOpaque, keyText, MAX_STORED_INTEGER, pageSize } from './keyset';
import { InvalidCursorError, type Page, type PageRequest } from './page';

/**
 * The cursors of `ContractStore.listContracts`, the same on every adapter. A cursor holds the sort key of the last
 * item of a page — (time, id), (first submission or null, id) or (state, number, id) — and a fingerprint of the
 * query it was made for, so that a cursor sent with another query (another filter, sort or view) is refused
 * instead of answering a page that silently skips or repeats.
 */

/** The key of one contract in a list, in the order of its sort. */
export type ContractListKey =
  | { by: 'UPDATED'; updatedAt: string; id: string }
  | { by: 'SUBMITTED'; firstSubmittedAt: string | null; id: string }
  | { by: 'NAME'; stateCode: string; stateNumber: number; id: string };

/** The fingerprint of a query's canonical form: short, and equal only for queries that list the same way. */
export function contractListFingerprint(query: ContractListQuery): string {
  const canonical = JSON.stringify(canonicalContractListQuery(query));
  return createHash('sha256').update(canonical).digest('base64url').slice(0, 22);
}

/** The key of `summary` in a list of `query`. */
export function contractListKeyOf(query: ContractListQuery, summary: ContractSummary): ContractListKey {
  switch (query.sort.by) {
    case 'UPDATED':
      return { by: 'UPDATED', updatedAt: viewedUpdatedAt(query.view, summary), id: summary.id };
    case 'SUBMITTED':
      return { by: 'SUBMITTED', firstSubmittedAt: summary.firstSubmittedAt, id: summary.id };
    case 'NAME':
      return { by: 'NAME', stateCode: summary.stateCode, stateNumber: summary.stateNumber, id: summary.id };
  }
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The order of a list of `query` on its keys: the sort value, then the id, both in the query's direction; by first
 * submission, filings never submitted after all others in both directions. Times compare as the domain's ISO
 * strings (all of one length), ids in lower case. For an adapter that orders a small set itself.
 */
export function compareContractListKeys(
  query: ContractListQuery,
  a: ContractListKey,
  b: ContractListKey,
): number {
  const sign = query.sort.direction === 'ASC' ? 1 : -1;
  const byId = () => sign * compareText(a.id.toLowerCase(), b.id.toLowerCase());
  if (a.by === 'UPDATED' && b.by === 'UPDATED') return sign * compareText(a.updatedAt, b.updatedAt) || byId();
  if (a.by === 'SUBMITTED' && b.by === 'SUBMITTED') {
    const [x, y] = [a.firstSubmittedAt, b.firstSubmittedAt];
    if (x === null || y === null) return x === y ? byId() : x === null ? 1 : -1;
    return sign * compareText(x, y) || byId();
  }
  if (a.by === 'NAME' && b.by === 'NAME') {
    return sign * (compareText(a.stateCode, b.stateCode) || a.stateNumber - b.stateNumber) || byId();
  }
  throw new Error('Keys of two different sorts cannot be compared');
}

const keyTime = z.iso.datetime().refine((time) => isDateInRange(time.slice(0, 10)));
const keyId = z.uuid();

const KEY_SHAPES = {
  UPDATED: z.tuple([keyTime, keyId]),
  SUBMITTED: z.tuple([keyTime.nullable(), keyId]),
  NAME: z.tuple([keyText, z.number().int().min(1).max(MAX_STORED_INTEGER), keyId]),
} as const;

function keyTuple(key: ContractListKey): readonly (string | number | null)[] {
  switch (key.by) {
    case 'UPDATED':
      return [key.updatedAt, key.id];
    case 'SUBMITTED':
      return [key.firstSubmittedAt, key.id];
    case 'NAME':
      return [key.stateCode, key.stateNumber, key.id];
  }
}

export function encodeContractListCursor(query: ContractListQuery, key: ContractListKey): string {
  return encodeOpaque({ q: contractListFingerprint(query), k: keyTuple(key) });
}

/**
 * The key after which the next page of `query` starts; null for the first page.
 * @throws InvalidCursorError when the cursor is not one this list handed out for this query.
 */
export function decodeContractListCursor(
  query: ContractListQuery,
  cursor: string | null | undefined,
): ContractListKey | null {
  const by = query.sort.by;
  const shape = z.strictObject({ q: z.string().max(64), k: KEY_SHAPES[by] });
  const decoded = decodeOpaque(cursor, shape);
  if (decoded === null) return null;
  if (decoded.q !== contractListFingerprint(query)) throw new InvalidCursorError();
  const k = decoded.k;
  switch (by) {
    case 'UPDATED': {
      const [updatedAt, id] = k as z.infer<(typeof KEY_SHAPES)['UPDATED']>;
      return { by, updatedAt, id };
    }
    case 'SUBMITTED': {
      const [firstSubmittedAt, id] = k as z.infer<(typeof KEY_SHAPES)['SUBMITTED']>;
      return { by, firstSubmittedAt, id };
    }
    case 'NAME': {
      const [stateCode, stateNumber, id] = k as z.infer<(typeof KEY_SHAPES)['NAME']>;
      return { by, stateCode, stateNumber, id };
    }
  }
}

/**
 * A page of `query` from the rows an adapter fetched in order (`fetchSize` of them: one more than the page, to
 * know whether another follows): the extra row cut off, the next cursor made from the last row kept.
 */
export function cutContractListPage(
  query: ContractListQuery,
  rows: ContractSummary[],
  page: PageRequest,
): Page<ContractSummary> {
  const size = pageSize(page);
  const items = rows.slice(0, size);
  const last = items.at(-1);
  return {
    items,
    nextCursor:
      rows.length > size && last !== undefined
        ? encodeContractListCursor(query, contractListKeyOf(query, last))
        : null,
  };
}
