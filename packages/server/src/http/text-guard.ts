import { printableText, unstorableTextReason, type FieldIssue } from '@docket/domain';
import type { FastifyInstance } from 'fastify';
import { UnstorableTextError } from '../errors';

/**
 * One rule for every string that comes from outside: a NUL character or a lone UTF-16 surrogate (see
 * `storable-text.ts` in the domain) is refused with 400 `VALIDATION_FAILED` and the path of the field, before any
 * schema, use case or datastore sees it.
 *
 * It is one generic pass over the parsed request rather than a check in each zod string schema: it covers every
 * string whatever schema a route declares (or forgets), object keys as well as values, at any depth, and the
 * query and path as well as the body; and no schema can be written later that lets such text through. Headers
 * need no pass: Node's parser refuses a NUL in them, and decodes them as Latin-1, which has no surrogates.
 * Multipart forms are parsed by their route, which applies the same rule to the file name and fields.
 */

/** Enough to show the sender what is wrong; the pass stops there. */
const MAX_ISSUES = 20;

/** A value met in the walk, with how it was reached: paths are built only for the rare value at fault. */
interface Visit {
  value: unknown;
  key: string | number | null;
  parent: Visit | null;
}

function pathOf(visit: Visit, base: readonly (string | number)[]): (string | number)[] {
  const keys: (string | number)[] = [];
  for (let at: Visit | null = visit; at !== null && at.key !== null; at = at.parent) keys.push(at.key);
  return [...base, ...keys.reverse()];
}

/**
 * An issue for every string (value or object key) at any depth of `value` that cannot be stored, at its path after
 * `base`. Iterative, so that a deeply nested body cannot exhaust the stack.
 */
export function unstorableTextIssues(value: unknown, base: readonly (string | number)[] = []): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const queue: Visit[] = [{ value, key: null, parent: null }];
  for (let next = 0; next < queue.length && issues.length < MAX_ISSUES; next++) {
    const visit = queue[next] as Visit;
    const current = visit.value;
    if (typeof current === 'string') {
      const reason = unstorableTextReason(current);
      if (reason !== null) issues.push({ path: pathOf(visit, base), message: reason });
    } else if (Array.isArray(current)) {
      current.forEach((item: unknown, index) => queue.push({ value: item, key: index, parent: visit }));
    } else if (typeof current === 'object' && current !== null) {
      for (const [key, item] of Object.entries(current)) {
        const reason = unstorableTextReason(key);
        if (reason !== null) {
          const path = [...pathOf(visit, base), printableText(key)];
          issues.push({ path, message: `The name of this field: ${reason}` });
        }
        queue.push({ value: item, key, parent: visit });
      }
    }
  }
  return issues;
}

/** @throws UnstorableTextError when any of the parts holds text that cannot be stored. */
export function refuseUnstorableText(parts: { value: unknown; base: readonly (string | number)[] }[]): void {
  const issues = parts.flatMap(({ value, base }) => unstorableTextIssues(value, base));
  if (issues.length > 0) throw new UnstorableTextError(issues.slice(0, MAX_ISSUES));
}

/**
 * Checks the path parameters, the query and the parsed body of every request, once parsed and before validation.
 * Issue paths follow the validation errors': `params.…`, `query.…`, and the body's own path.
 */
export function registerTextGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    refuseUnstorableText([
      { value: request.params, base: ['params'] },
      { value: request.query, base: ['query'] },
      { value: request.body, base: [] },
    ]);
  });
}
