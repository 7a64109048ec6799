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
   * refused with a `ValidationError` of code `INVALID_CURSOR`.
   */
  cursor?: string | null;
}

export const MAX_PAGE_SIZE = 100;
