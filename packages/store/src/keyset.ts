import { isDateInRange, isStorableText } from '@docket/domain';
import { z } from 'zod';
import { InvalidCursorError, MAX_PAGE_SIZE, type PageRequest } from './page';

/**
 * Keyset pagination, the same on every adapter. A list cursor is the sort key of the last item of a page (a state
 * number, a time and an id, an email), as base64url JSON: opaque to clients, stable while items are added, and
 * served by an index whatever the page number.
 *
 * A cursor comes back from a client, so it is checked like any input before it reaches an engine: its length and
 * alphabet, then its JSON against the shape of the list's key, whose parts only take values every engine can use.
 */

/** Far longer than any cursor a list makes (a time and an id; a bulk read's position), far shorter than abuse. */
export const MAX_CURSOR_LENGTH = 2048;

const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** Any JSON value as an opaque cursor. */
export function encodeOpaque(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

/**
 * The value in an opaque cursor, checked against the shape expected (null for no cursor).
 * @throws InvalidCursorError on anything else.
 */
export function decodeOpaque<T>(cursor: string | null | undefined, shape: z.ZodType<T>): T | null {
  if (cursor === undefined || cursor === null || cursor === '') return null;
  if (cursor.length > MAX_CURSOR_LENGTH || !BASE64URL.test(cursor)) throw new InvalidCursorError();
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError();
  }
  const parsed = shape.safeParse(json);
  if (!parsed.success) throw new InvalidCursorError();
  return parsed.data;
}

/** The largest integer a state number (or any counter) can be: PostgreSQL's `integer`. */
export const MAX_STORED_INTEGER = 2_147_483_647;

/** Text in a key: what every engine stores as it is (no NUL, no lone surrogate), of a key's length. */
export const keyText = z.string().min(1).max(1000).refine(isStorableText);

/** A time in a key: ISO 8601 in UTC, on a day within the domain's calendar range. */
const keyTime = z.iso.datetime().refine((time) => isDateInRange(time.slice(0, 10)));

/** The key of lists ordered by a state's number (contracts and rates of one state). */
export const stateNumberKey = z.tuple([z.number().int().min(1).max(MAX_STORED_INTEGER)]);

/** The key of lists ordered by a time, ties broken by id (submitted or all contracts, the event log). */
export const timeAndIdKey = z.tuple([keyTime, z.uuid()]);

/** The key of lists ordered by a version (settings' versions). */
export const versionKey = z.tuple([z.number().int().min(1).max(MAX_STORED_INTEGER)]);

/**
 * The key of a filtered list ordered by time and id (the audit log's queries), with the fingerprint of the filters
 * it was made for: a cursor of one query is refused by another.
 */
export const timeIdAndFilterKey = z.tuple([keyTime, z.uuid(), z.string().regex(/^[0-9a-f]{16}$/)]);

/** The key of lists ordered by one text (users by email). */
export const textKey = z.tuple([keyText]);

export function encodeCursor(key: readonly (string | number)[]): string {
  return encodeOpaque(key);
}

/** The key in a cursor, checked against the shape the list expects. @throws InvalidCursorError on a bad cursor. */
export function decodeCursor<T>(cursor: string | null | undefined, shape: z.ZodType<T>): T | null {
  return decodeOpaque(cursor, shape);
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
