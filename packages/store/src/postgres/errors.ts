import { DocketError, UniquenessError, ValidationError, type ErrorCode } from '@docket/domain';

/** The fields of a PostgreSQL error that matter here, whichever driver raised it. */
interface PostgresErrorFields {
  code: string;
  constraint: string | undefined;
}

/**
 * Finds the PostgreSQL error in a chain: Drizzle wraps the driver's error (`DrizzleQueryError`, original on
 * `cause`), pg and PGlite put the SQLSTATE on `code`.
 */
function postgresError(error: unknown): PostgresErrorFields | null {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth++) {
    const candidate = current as { code?: unknown; constraint?: unknown; cause?: unknown };
    if (typeof candidate.code === 'string' && /^[0-9A-Z]{5}$/.test(candidate.code)) {
      return {
        code: candidate.code,
        constraint: typeof candidate.constraint === 'string' ? candidate.constraint : undefined,
      };
    }
    current = candidate.cause;
  }
  return null;
}

const UNIQUE_VIOLATION = '23505';
const INVALID_TEXT_REPRESENTATION = '22P02';

/** Which unique constraint means what to a caller. Others are reported as `ALREADY_EXISTS`. */
const UNIQUENESS_CODES: Record<string, { code: ErrorCode; message: string }> = {
  users_email_lower_unique: { code: 'EMAIL_TAKEN', message: 'A user with this email already exists' },
  events_pkey: { code: 'EVENT_EXISTS', message: 'An event with this id already exists' },
};

/**
 * Turns a database error raised by a write into the domain's typed error when it has a meaning for callers
 * (a taken unique value, an id that is not a UUID); returns anything else unchanged.
 */
export function translateWriteError(error: unknown): unknown {
  // Already typed, e.g. a NotFoundError thrown inside a transaction.
  if (error instanceof DocketError) return error;
  const pg = postgresError(error);
  if (!pg) return error;
  if (pg.code === UNIQUE_VIOLATION) {
    const known = pg.constraint ? UNIQUENESS_CODES[pg.constraint] : undefined;
    if (known) return new UniquenessError(known.message, known.code);
    return new UniquenessError(`A record with the same ${pg.constraint ?? 'key'} already exists`);
  }
  if (pg.code === INVALID_TEXT_REPRESENTATION) {
    return new ValidationError(
      'A value is not in the form the store expects (ids are UUIDs)',
      [],
      'INVALID_ID',
    );
  }
  return error;
}

/** Runs a write, translating database errors with `translateWriteError`. */
export async function translatingErrors<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    throw translateWriteError(error);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `id` can be looked up in a uuid column; anything else is simply not found. */
export function isUuid(id: string): boolean {
  return UUID.test(id);
}
