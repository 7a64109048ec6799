import { NotFoundError, ValidationError } from '../errors';
import type { SubmitInfo } from '../contract';

/** Which two submissions a diff compares, as asked: either may be left out. */
export interface DiffQuery {
  from?: string | undefined;
  to?: string | undefined;
}

/**
 * Picks the two submitted revisions a diff compares, out of the submitted revisions the caller may see (oldest
 * first). `to` defaults to the last submission and `from` to the submission before `to`, so that no query at all
 * asks "what changed since the previous submission". Any two may be asked for, in either order, or the same one
 * twice (which changes nothing).
 * @throws NotFoundError for an id that is not one of those revisions (another filing's, a draft, a hidden one)
 * @throws ValidationError (BAD_REQUEST) when there is no submission before `to` to compare it with
 */
export function diffSides<R extends { id: string; number: number; submitted: SubmitInfo | null }>(
  submitted: readonly R[],
  query: DiffQuery,
): { from: R; to: R } {
  const find = (id: string) => {
    const found = submitted.find((r) => r.id === id && r.submitted !== null);
    if (!found) throw new NotFoundError('Submitted revision', id);
    return found;
  };
  const to = query.to === undefined ? submitted.at(-1) : find(query.to);
  if (to === undefined) {
    throw new ValidationError(
      'Nothing has been submitted yet, so there is nothing to compare',
      [],
      'BAD_REQUEST',
    );
  }
  if (query.from !== undefined) return { from: find(query.from), to };
  const from = submitted.filter((r) => r.number < to.number).at(-1);
  if (from === undefined) {
    throw new ValidationError(
      `Submission ${to.number} is the first submission: there is no earlier one to compare it with`,
      [],
      'BAD_REQUEST',
    );
  }
  return { from, to };
}
