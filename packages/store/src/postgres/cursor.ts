import { ValidationError } from '@docket/domain';
import { z } from 'zod';
import { MAX_PAGE_SIZE, type PageRequest } from '../page';

/**
 * Keyset pagination. A cursor is the sort key of the last row of a page, as base64url JSON: opaque to clients,
 * stable while rows are inserted, and served by an index whatever the page number.
 */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/** The key in a cursor, checked against the shape the list expects. @throws ValidationError on a bad cursor. */
export function decodeCursor<T>(cursor: string | null | undefined, shape: z.ZodType<T>): T | null {
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

export const timeAndIdKey = z.tuple([z.iso.datetime(), z.uuid()]);

/** How many rows to fetch: one more than the page, to know whether another page follows. */
export function fetchSize(page: PageRequest): number {
  return pageSize(page) + 1;
}

/** The port asks callers for 1 to 100; anything else is brought into that range rather than refused. */
function pageSize(page: PageRequest): number {
  if (!Number.isFinite(page.limit)) return MAX_PAGE_SIZE;
  return Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(page.limit)));
}

/** Cuts the extra row off and makes the next cursor from the last row kept. */
export function cutPage<Row>(
  rows: Row[],
  page: PageRequest,
  keyOf: (row: Row) => readonly (string | number)[],
): { rows: Row[]; nextCursor: string | null } {
  const size = pageSize(page);
  const kept = rows.slice(0, size);
  const last = kept.at(-1);
  return {
    rows: kept,
    nextCursor: rows.length > size && last !== undefined ? encodeCursor(keyOf(last)) : null,
  };
}
