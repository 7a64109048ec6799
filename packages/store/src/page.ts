import { ValidationError } from '@docket/domain';

/** One page of a list. `nextCursor` is opaque; null when there is nothing after this page. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface PageRequest {
  /** 1 to 100. */
  limit: number;
  /**
   * A `nextCursor` from the previous page of the same list, or absent for the first page. Any other string is
   * refused with an {@link InvalidCursorError}, before the engine is asked anything.
   */
  cursor?: string | null;
}

export const MAX_PAGE_SIZE = 100;

/**
 * A list cursor the list did not hand out: not base64url JSON, too long, of another shape, or holding values the
 * store could not use (a number beyond its integers, a time outside the calendar range, a NUL). Raised before any
 * query, the same on every adapter.
 */
export class InvalidCursorError extends ValidationError {
  constructor() {
    super(
      'The page cursor is not valid',
      [{ path: ['cursor'], message: 'Not a cursor from this list' }],
      'INVALID_CURSOR',
    );
  }
}
