import { z } from 'zod';
import { decodeOpaque, encodeOpaque, keyText } from '../keyset';
import { storedTime } from './errors';
import { timeAndId } from './keys';

/**
 * What DynamoDB adds to the shared keyset pagination (`../keyset`): list cursors hold the sort key of the last
 * item, usable on every shard of a sharded list at once — which DynamoDB's own LastEvaluatedKey, tied to one
 * partition, is not. Bulk reads (one shard after another) keep the shard and its LastEvaluatedKey.
 */

/** A time-and-id cursor as the sort key value it stands for (null: from the start). */
export function timeAndIdSort(after: readonly [string, string] | null): string | null {
  return after === null ? null : timeAndId(storedTime(after[0]), after[1].toLowerCase());
}

/** Where a bulk read stands: which shard of the kind, and where in it (null: at its start). */
export interface ReadPosition {
  shard: number;
  startKey: Record<string, string> | null;
}

/** A kind is spread over a handful of shards; a position beyond a thousand was never made here. */
const MAX_SHARD = 1000;

const positionShape: z.ZodType<ReadPosition> = z.object({
  shard: z.number().int().min(0).max(MAX_SHARD),
  startKey: z.record(keyText, keyText).nullable(),
});

export function encodePosition(position: ReadPosition): string {
  return encodeOpaque(position);
}

/** @throws InvalidCursorError on anything but a position this adapter made. */
export function decodePosition(cursor: string | null | undefined): ReadPosition | null {
  return decodeOpaque(cursor, positionShape);
}
