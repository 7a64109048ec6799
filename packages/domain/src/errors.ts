import type { ErrorCode } from './error-codes';

/**
 * Typed domain errors. Every error carries a stable machine-readable `code` from the one table of codes
 * (`error-codes.ts`), from which the server maps it to an HTTP status in exactly one place. Nothing here knows
 * about HTTP.
 */
export abstract class DocketError extends Error {
  abstract readonly code: ErrorCode;
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** One problem with one input field, addressed by its path (e.g. `['stateContacts', 0, 'email']`). */
export interface FieldIssue {
  path: (string | number)[];
  message: string;
}

/** Input was well-formed but not acceptable; `issues` lists every field at fault. */
export class ValidationError extends DocketError {
  readonly code: ErrorCode;
  constructor(
    message: string,
    readonly issues: FieldIssue[] = [],
    code: ErrorCode = 'VALIDATION_FAILED',
  ) {
    super(message);
    this.code = code;
  }
}

/** The record does not exist, or the caller may not know it exists: the two are deliberately the same. */
export class NotFoundError extends DocketError {
  readonly code = 'NOT_FOUND';
  constructor(
    readonly entity: string,
    readonly id: string,
  ) {
    super(`${entity} ${id} was not found`);
  }
}

/** A write was based on a version that is no longer current; nothing was written. */
export class VersionConflictError extends DocketError {
  readonly code = 'VERSION_CONFLICT';
  constructor(
    readonly entity: string,
    readonly id: string,
    readonly expectedVersion: number,
    readonly actualVersion: number | null,
  ) {
    super(
      `${entity} ${id} has changed since version ${expectedVersion}` +
        (actualVersion === null ? '' : ` (it is now at version ${actualVersion})`) +
        '; reload it and try again',
    );
  }
}

/** A unique value (an email, a number) is already taken. */
export class UniquenessError extends DocketError {
  readonly code: ErrorCode;
  constructor(message: string, code: ErrorCode = 'ALREADY_EXISTS') {
    super(message);
    this.code = code;
  }
}

/** The action is not possible from the record's current status. */
export class TransitionError extends DocketError {
  readonly code = 'INVALID_TRANSITION';
  constructor(
    readonly action: string,
    readonly from: string,
    message?: string,
  ) {
    super(
      message ?? `Cannot ${action.toLowerCase().replaceAll('_', ' ')} a filing that is ${from.toLowerCase()}`,
    );
  }
}

/** The caller is known but may not do this to a record it may see. */
export class ForbiddenError extends DocketError {
  readonly code = 'FORBIDDEN';
}

/** The caller is not logged in, or the credentials are wrong. */
export class UnauthenticatedError extends DocketError {
  readonly code = 'UNAUTHENTICATED';
}

/** The change would leave no enabled administrator: nothing was written. */
export class LastAdminError extends DocketError {
  readonly code = 'LAST_ADMIN';
  constructor() {
    super('Docket needs at least one enabled administrator: enable or make another one first');
  }
}

/** The session's user must choose a new password (after a reset) before doing anything else. */
export class PasswordChangeRequiredError extends DocketError {
  readonly code = 'PASSWORD_CHANGE_REQUIRED';
  constructor() {
    super('Choose a new password to continue');
  }
}

/** Why the session a browser names is not served: ended elsewhere, past its lifetime, idle, or its user disabled. */
export type SessionEndReason = 'SESSION_ENDED' | 'SESSION_EXPIRED' | 'SESSION_IDLE' | 'ACCOUNT_DISABLED';

const SESSION_END_MESSAGES: Record<SessionEndReason, string> = {
  SESSION_ENDED: 'Your session has ended. Log in again to continue',
  SESSION_EXPIRED: 'Your session reached its time limit. Log in again to continue',
  SESSION_IDLE: 'Your session ended after a period without activity. Log in again to continue',
  ACCOUNT_DISABLED: 'Your account is disabled; ask an administrator to enable it',
};

/** The browser names a session that may not be served, and this says why (`code`). */
export class SessionEndedError extends DocketError {
  readonly code: SessionEndReason;
  constructor(reason: SessionEndReason) {
    super(SESSION_END_MESSAGES[reason]);
    this.code = reason;
  }
}
