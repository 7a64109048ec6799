import { UniquenessError, ValidationError } from '@docket/domain';
import { z } from 'zod';

/** How a transaction's cancellation explains each of its items (`CancellationReasons`, in request order). */
export interface CancellationReason {
  code: string;
  /** The item as it was, when the request asked for it on a failed condition (raw attribute values). */
  item: Record<string, unknown> | undefined;
}

const cancellationSchema = z.object({
  name: z.literal('TransactionCanceledException'),
  CancellationReasons: z
    .array(z.object({ Code: z.string().optional(), Item: z.record(z.string(), z.unknown()).optional() }))
    .optional(),
});

/** The reasons of a cancelled TransactWriteItems, or null when `error` is something else. */
export function cancellationReasons(error: unknown): CancellationReason[] | null {
  const parsed = cancellationSchema.safeParse(error);
  if (!parsed.success) return null;
  return (parsed.data.CancellationReasons ?? []).map((reason) => ({
    code: reason.Code ?? 'None',
    item: reason.Item,
  }));
}

/** Whether a single conditional write (Put, Update, Delete) failed its condition. */
export function isConditionFailed(error: unknown): boolean {
  return error instanceof Error && error.name === 'ConditionalCheckFailedException';
}

/** Whether the service refused a request because it was too busy, or another transaction held an item. */
export function isTransient(error: unknown): boolean {
  return (
    error instanceof Error &&
    [
      'TransactionConflictException',
      'ProvisionedThroughputExceededException',
      'ThrottlingException',
      'RequestLimitExceeded',
    ].includes(error.name)
  );
}

/**
 * Work lost a race it may simply run again: another transaction held one of its items, the value a write was
 * based on (a counter) moved, or the parts of a snapshot read disagree. Never leaves this adapter: `retrying`
 * runs the work again, or gives up loudly.
 */
export class RetryableConflict extends Error {
  constructor(reason: string) {
    super(`DynamoDB work lost a race (${reason})`);
    this.name = 'RetryableConflict';
  }
}

/** A number attribute of an item from a cancellation reason, raw (`{ N: "3" }`) or already unmarshalled. */
export function numberAttribute(item: Record<string, unknown> | undefined, name: string): number | null {
  const value = item?.[name];
  if (typeof value === 'number') return value;
  const raw = z.object({ N: z.string() }).safeParse(value);
  return raw.success ? Number(raw.data.N) : null;
}

/** A string attribute of an item from a cancellation reason, raw (`{ S: "x" }`) or already unmarshalled. */
export function stringAttribute(item: Record<string, unknown> | undefined, name: string): string | null {
  const value = item?.[name];
  if (typeof value === 'string') return value;
  const raw = z.object({ S: z.string() }).safeParse(value);
  return raw.success ? raw.data.S : null;
}

export const eventExists = () => new UniquenessError('An event with this id already exists', 'EVENT_EXISTS');
export const emailTaken = () => new UniquenessError('A user with this email already exists', 'EMAIL_TAKEN');
export const alreadyExists = (what: string) => new UniquenessError(`A ${what} with this id already exists`);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `id` can name a record whose id is a UUID; anything else is simply not found. */
export function isUuid(id: string): boolean {
  return UUID.test(id);
}

/**
 * A UUID as stored: lower-cased, as PostgreSQL's uuid type gives it back, so that both adapters hold and return
 * the same ids. @throws ValidationError `INVALID_ID` when it is not a UUID, as the PostgreSQL adapter does.
 */
export function storedUuid(id: string): string {
  if (!isUuid(id)) {
    throw new ValidationError(
      'A value is not in the form the store expects (ids are UUIDs)',
      [{ path: ['id'], message: `${JSON.stringify(id)} is not a UUID` }],
      'INVALID_ID',
    );
  }
  return id.toLowerCase();
}

export function storedUuidOrNull(id: string | null): string | null {
  return id === null ? null : storedUuid(id);
}

/**
 * A point in time as stored: the normalized ISO form with milliseconds, in UTC, as the PostgreSQL adapter gives
 * times back. Sort keys rely on it (every time has the same length). @throws ValidationError `INVALID_TIME`.
 */
export function storedTime(value: string): string {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) {
    throw new ValidationError(
      'A time is not in the form the store expects (ISO 8601)',
      [{ path: ['at'], message: `${JSON.stringify(value)} is not a time` }],
      'INVALID_TIME',
    );
  }
  return new Date(ms).toISOString();
}
