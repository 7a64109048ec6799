import { ValidationError } from '@docket/domain';
import { z } from 'zod';
import { MAX_PAGE_SIZE, type PageRequest } from './page';

/**
 * Keyset pagination, the same on every adapter. A list cursor is the sort key of the last item of a page (a state
 * number, a time and an id, an email), as base64url JSON: opaque to clients, stable while items are added, and
 * served by an index whatever the page number.
 */

/** Any JSON value as an opaque cursor. */
export function encodeOpaque(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

/**
 * The value in an opaque cursor, checked against the shape expected (null for no cursor).
 * @throws ValidationError `INVALID_CURSOR` on anything else.
 */
export function decodeOpaque<T>(cursor: string | null | undefined, shape: z.ZodType<T>): T | null {
  if (cursor === undefined || cursor === null || cursor === '') return null;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    json = undefined;
  }
  const parsed = shape.safeParse(json);
  if (!parsed.success) {
    throw new ValidationError(
      'The page cursor is not valid',
      [{ path: ['cursor'], message: 'Not a cursor from this list' }],
      'INVALID_CURSOR',
    );
  }
  return parsed.data;
}

export function encodeCursor(key: readonly (string | number)[]): string {
  return encodeOpaque(key);
}

/** The key in a cursor, checked against the shape the list expects. @throws ValidationError on a bad cursor. */
export function decodeCursor<T>(cursor: string | null | undefined, shape: z.ZodType<T>): T | null {
  return decodeOpaque(cursor, shape);
}

export const timeAndIdKey = z.tuple([z.iso.datetime(), z.uuid()]);

/** The port asks callers for 1 to 100; anything else is brought into that range rather than refused. */
export function pageSize(page: PageRequest): number {
  if (!Number.isFinite(page.limit)) return MAX_PAGE_SIZE;
  return Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(page.limit)));
}

/** How many items to fetch: one more than the page, to know whether another page follows. */
export function fetchSize(page: PageRequest): number {
  return pageSize(page) + 1;
}

/** Cuts the extra item off and makes the next cursor from the last item kept. */
export function cutPage<Item>(
  items: Item[],
  page: PageRequest,
  keyOf: (item: Item) => readonly (string | number)[],
): { items: Item[]; nextCursor: string | null } {
  const size = pageSize(page);
  const kept = items.slice(0, size);
  const last = kept.at(-1);
  return {
    items: kept,
    nextCursor: items.length > size && last !== undefined ? encodeCursor(keyOf(last)) : null,
  };
}
