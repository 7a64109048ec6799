import { ValidationError } from '@docket/domain';
import { z } from 'zod';
import { MAX_PAGE_SIZE, type PageRequest } from '../page';
import { storedTime } from './errors';
import { timeAndId } from './keys';

/**
 * Pagination. A list cursor is the sort key of the last item of a page (the same values as the PostgreSQL
 * adapter's: a state number, a time and an id, an email), as base64url JSON: opaque to clients, stable while
 * items are added, and usable on every shard of a sharded list at once — which DynamoDB's own LastEvaluatedKey,
 * tied to one partition, is not. Bulk reads (one shard after another) keep the shard and its LastEvaluatedKey.
 */

function encode(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

function invalidCursor(): ValidationError {
  return new ValidationError(
    'The page cursor is not valid',
    [{ path: ['cursor'], message: 'Not a cursor from this list' }],
    'INVALID_CURSOR',
  );
}

function decode<T>(cursor: string, shape: z.ZodType<T>): T {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    json = undefined;
  }
  const parsed = shape.safeParse(json);
  if (!parsed.success) throw invalidCursor();
  return parsed.data;
}

export function encodeCursor(key: readonly (string | number)[]): string {
  return encode(key);
}

/** The key in a cursor, checked against the shape the list expects. @throws ValidationError on a bad cursor. */
export function decodeCursor<T>(cursor: string | null | undefined, shape: z.ZodType<T>): T | null {
  if (cursor === undefined || cursor === null || cursor === '') return null;
  return decode(cursor, shape);
}

export const timeAndIdKey = z.tuple([z.iso.datetime(), z.uuid()]);

/** A time-and-id cursor as the sort key value it stands for (null: from the start). */
export function timeAndIdSort(after: readonly [string, string] | null): string | null {
  return after === null ? null : timeAndId(storedTime(after[0]), after[1].toLowerCase());
}

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

/** Where a bulk read stands: which shard of the kind, and where in it (null: at its start). */
export interface ReadPosition {
  shard: number;
  startKey: Record<string, string> | null;
}

const positionShape: z.ZodType<ReadPosition> = z.object({
  shard: z.number().int().min(0),
  startKey: z.record(z.string(), z.string()).nullable(),
});

export function encodePosition(position: ReadPosition): string {
  return encode(position);
}

/** @throws ValidationError `INVALID_CURSOR` on anything but a position this adapter made. */
export function decodePosition(cursor: string | null | undefined): ReadPosition | null {
  if (cursor === undefined || cursor === null || cursor === '') return null;
  return decode(cursor, positionShape);
}
