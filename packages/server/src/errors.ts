import { DocketError, waitPhrase } from '@docket/domain';

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
