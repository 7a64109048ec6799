import { expect } from 'vitest';
import { InvalidCursorError } from '../../src/page';

/**
 * Cursors no list ever hands out, as a client may send them: each must be refused with `InvalidCursorError` before
 * the engine is asked anything — never answered with a page, never a driver error. `WzIxNDc0ODM2NDhd` is
 * `[2147483648]`, one past PostgreSQL's integers.
 */

function cursorOf(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

const ID = '01900000-0000-7000-8000-000000000000';
const TIME = '2026-01-02T03:04:05.678Z';

/** Refused by every list, whatever its key. */
const ANY_LIST: Record<string, string> = {
  'not base64url': '!!not a cursor!!',
  'base64url, not JSON': Buffer.from('not json').toString('base64url'),
  huge: cursorOf(['x'.repeat(10_000)]),
  'an object': cursorOf({ not: 'a cursor' }),
  'no key': cursorOf([]),
  null: cursorOf(null),
};

/** Refused by the lists keyed by a state's number. */
export const FORGED_NUMBER_CURSORS: Record<string, string> = {
  ...ANY_LIST,
  'one past the integers': 'WzIxNDc0ODM2NDhd',
  'a huge number': cursorOf([1e300]),
  zero: cursorOf([0]),
  'a negative number': cursorOf([-1]),
  'a fraction': cursorOf([1.5]),
  'a number as text': cursorOf(['7']),
  'two keys': cursorOf([7, 8]),
  'a time and an id': cursorOf([TIME, ID]),
};

/** Refused by the lists keyed by a time and an id. */
export const FORGED_TIME_CURSORS: Record<string, string> = {
  ...ANY_LIST,
  'year 0': cursorOf(['0000-01-01T00:00:00.000Z', ID]),
  'year 10000': cursorOf(['+010000-01-01T00:00:00.000Z', ID]),
  'an impossible day': cursorOf(['2025-02-30T00:00:00.000Z', ID]),
  'a time that is not one': cursorOf(['yesterday', ID]),
  'an id that is not a uuid': cursorOf([TIME, 'contract-1']),
  'a NUL in the id': cursorOf([TIME, `${ID}\u0000`]),
  'a time only': cursorOf([TIME]),
  'a number': cursorOf([2147483648]),
};

/** Asserts that `list` refuses every cursor with `InvalidCursorError` (INVALID_CURSOR). */
export async function expectEachCursorRefused(
  cursors: Record<string, string>,
  list: (cursor: string) => Promise<unknown>,
): Promise<void> {
  for (const [name, cursor] of Object.entries(cursors)) {
    const outcome = await list(cursor).then(
      (page) => ({ page }),
      (error: unknown) => ({ error }),
    );
    expect(outcome, name).toEqual({ error: expect.any(InvalidCursorError) });
    expect(outcome, name).toMatchObject({ error: { code: 'INVALID_CURSOR' } });
  }
}
