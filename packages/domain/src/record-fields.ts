import { z } from 'zod';

/**
 * The values every stored record is made of. Each record's schema (beside its type: `userSchema` in users.ts,
 * `contractSchema` in contract.ts, ...) is built from these, and every reader of stored records — the datastores,
 * the transfer archives — parses with that schema or a variant derived from it.
 */

/** An id: never empty. */
export const recordIdSchema = z.string().min(1);

/** A point in time: ISO 8601 in UTC, as `Date.prototype.toISOString` writes it. */
export const recordTimeSchema = z.iso.datetime();

/** A number counted from 1: a revision's number, a filing's number in its state, a version. */
export const ordinalSchema = z.number().int().positive();

/** How many of something there are: zero or more. */
export const countSchema = z.number().int().nonnegative();
