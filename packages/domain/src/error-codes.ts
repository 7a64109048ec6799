/**
 * Every stable error code Docket raises, in one table: what the HTTP API answers for it (status and the problem's
 * title), or `status: null` for the codes only the `docket` commands raise (configuration, backup, restore, copy),
 * which never become an HTTP answer — one that reached the HTTP layer would be a bug, answered as `INTERNAL`.
 *
 * The server maps errors to problem+json from this table alone (`http/problem.ts`), and the web's `ApiError` is
 * typed by it. A code, once published, keeps its meaning: add rows, never repurpose one.
 */
export const ERROR_CODES = {
  // The request itself. VALIDATION_FAILED is 422 for a well-formed request whose content is not acceptable; a
  // request that fails its schema at the edge is malformed and answered 400 with the same code.
  VALIDATION_FAILED: { status: 422, title: 'Invalid input' },
  INVALID_ID: { status: 422, title: 'Invalid id' },
  INVALID_TIME: { status: 422, title: 'Invalid time' },
  INVALID_BLOB_KEY: { status: 422, title: 'Invalid document key' },
  INVALID_FILE_NAME: { status: 422, title: 'Unusable file name' },
  MALFORMED_JSON: { status: 400, title: 'Malformed JSON' },
  INVALID_CURSOR: { status: 400, title: 'Invalid page cursor' },
  MALFORMED_URL: { status: 400, title: 'Malformed URL' },
  URI_TOO_LONG: { status: 414, title: 'URL too long' },
  HEADERS_TOO_LARGE: { status: 431, title: 'Headers too large' },
  REQUEST_TIMEOUT: { status: 408, title: 'Request too slow' },
  NOT_IMPLEMENTED: { status: 501, title: 'Not implemented' },
  BAD_REQUEST: { status: 400, title: 'Bad request' },
  PAYLOAD_TOO_LARGE: { status: 413, title: 'Request too large' },
  METHOD_NOT_ALLOWED: { status: 405, title: 'Method not allowed' },
  NOT_ACCEPTABLE: { status: 406, title: 'Not acceptable' },
  RANGE_NOT_SATISFIABLE: { status: 416, title: 'Range not satisfiable' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'Unsupported media type' },
  // Who may do what.
  UNAUTHENTICATED: { status: 401, title: 'Not logged in' },
  // A session the browser still names, refused, and why: so the web app can say it.
  SESSION_ENDED: { status: 401, title: 'Session ended' },
  SESSION_EXPIRED: { status: 401, title: 'Session expired' },
  SESSION_IDLE: { status: 401, title: 'Session timed out' },
  ACCOUNT_DISABLED: { status: 401, title: 'Account disabled' },
  FORBIDDEN: { status: 403, title: 'Not allowed' },
  PASSWORD_CHANGE_REQUIRED: { status: 403, title: 'A new password is needed' },
  CSRF_FAILED: { status: 403, title: 'Missing or wrong CSRF token' },
  RATE_LIMITED: { status: 429, title: 'Too many requests' },
  // Records and their versions.
  NOT_FOUND: { status: 404, title: 'Not found' },
  VERSION_CONFLICT: { status: 409, title: 'Changed by someone else' },
  INVALID_TRANSITION: { status: 409, title: 'Not possible in this status' },
  LINKED_TO_APPROVED: { status: 409, title: 'Linked by an approved submission' },
  ALREADY_EXISTS: { status: 409, title: 'Already exists' },
  EMAIL_TAKEN: { status: 409, title: 'Email already in use' },
  LAST_ADMIN: { status: 409, title: 'The last enabled administrator' },
  REVIEWER_ALREADY_ASSIGNED: { status: 409, title: 'Reviewer already assigned' },
  EVENT_EXISTS: { status: 409, title: 'Event already recorded' },
  PRECONDITION_FAILED: { status: 412, title: 'Precondition failed' },
  // Uploads.
  MISSING_FILE: { status: 400, title: 'No file' },
  TOO_MANY_PARTS: { status: 400, title: 'More than one file' },
  MALFORMED_FORM: { status: 400, title: 'Malformed form' },
  INCOMPLETE_UPLOAD: { status: 400, title: 'Incomplete upload' },
  UNSUPPORTED_FILE_TYPE: { status: 415, title: 'Unsupported file type' },
  EMPTY_FILE: { status: 422, title: 'Empty file' },
  TOO_LARGE: { status: 413, title: 'File too large' },
  // The server itself.
  NOT_READY: { status: 503, title: 'Not ready' },
  INTERNAL: { status: 500, title: 'Internal error' },
  // The commands only.
  INVALID_CONFIGURATION: { status: null, title: 'Invalid configuration' },
  INVALID_USAGE: { status: null, title: 'Invalid command line' },
  CANCELLED: { status: null, title: 'Cancelled' },
  DATASTORE_UNREADABLE: { status: null, title: 'Datastore cannot be read' },
  TARGET_NOT_EMPTY: { status: null, title: 'Target not empty' },
  INVALID_BACKUP_KEY: { status: null, title: 'Invalid backup key' },
  BACKUP_FAILED: { status: null, title: 'Backup not possible' },
  DOCUMENT_BLOB_PROBLEM: { status: null, title: 'Document missing or altered' },
  MALFORMED_TAR: { status: null, title: 'Malformed tar file' },
  MALFORMED_TAR_HEADER: { status: null, title: 'Malformed tar header' },
  UNUSABLE_ARCHIVE: { status: null, title: 'Archive cannot be restored' },
  NO_BLOB_STORE: { status: null, title: 'No blob store' },
  UNUSABLE_CHECKPOINT: { status: null, title: 'Checkpoint cannot be used' },
  BLOB_COPY_MISMATCH: { status: null, title: 'Document copied wrongly' },
  VERIFICATION_FAILED: { status: null, title: 'Verification failed' },
} as const satisfies Record<string, { readonly status: number | null; readonly title: string }>;

/** A stable error code (see {@link ERROR_CODES}). */
export type ErrorCode = keyof typeof ERROR_CODES;

/** A code the HTTP API answers with: one with a status. */
export type ProblemCode = {
  [C in ErrorCode]: (typeof ERROR_CODES)[C]['status'] extends number ? C : never;
}[ErrorCode];

export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(ERROR_CODES, code);
}

export function isProblemCode(code: string): code is ProblemCode {
  return isErrorCode(code) && ERROR_CODES[code].status !== null;
}
