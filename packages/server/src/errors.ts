import { DocketError, waitPhrase, type FieldIssue } from '@docket/domain';

/**
 * The server's own typed errors, beside the domain's. Like those, they carry a stable `code` and know nothing of
 * HTTP; `http/problem.ts` maps every one of them to a status.
 */

/** The caller made the write conditional on a version (`If-Match`) that is no longer current; nothing was written. */
export class PreconditionFailedError extends DocketError {
  readonly code = 'PRECONDITION_FAILED';
  constructor(
    readonly entity: string,
    readonly id: string,
    readonly requiredVersion: number,
    readonly actualVersion: number | null,
  ) {
    super(
      `${entity} ${id} is no longer at version ${requiredVersion}` +
        (actualVersion === null ? '' : ` (it is now at version ${actualVersion})`) +
        '; reload it and try again',
    );
  }
}

/** A write came without the session's CSRF token, or with another one. */
export class CsrfError extends DocketError {
  readonly code = 'CSRF_FAILED';
  constructor() {
    super('This request must carry the x-csrf-token header of your session; reload the page and try again');
  }
}

/** Too many failed login attempts: the next one is admitted after `retryAfterSeconds`. */
export class RateLimitedError extends DocketError {
  readonly code = 'RATE_LIMITED';
  constructor(readonly retryAfterSeconds: number) {
    super(`Too many failed attempts; try again in ${waitPhrase(retryAfterSeconds)}`);
  }
}

/**
 * Text from outside that no datastore keeps as it was sent: a NUL character or a lone UTF-16 surrogate somewhere in
 * a body, a query, a path or a form field. The request is malformed, whatever its route (see `http/text-guard.ts`).
 */
export class UnstorableTextError extends DocketError {
  readonly code = 'VALIDATION_FAILED';
  constructor(readonly issues: FieldIssue[]) {
    const shown = issues.slice(0, 3).map((i) => `${i.path.join('.') || 'the value'}: ${i.message}`);
    const more = issues.length > 3 ? ` (and ${issues.length - 3} more)` : '';
    super(`The request holds text that cannot be stored: ${shown.join('; ')}${more}`);
  }
}

/** A request body did not arrive within its deadline (see `http/timeouts.ts`); nothing was read into a use case. */
export class RequestTimeoutError extends DocketError {
  readonly code = 'REQUEST_TIMEOUT';
  constructor(readonly afterMs: number) {
    const seconds = Math.round(afterMs / 1000);
    super(
      `The request body did not arrive within ${seconds} second${seconds === 1 ? '' : 's'}; send it again`,
    );
  }
}
