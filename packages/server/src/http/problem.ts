import {
  DocketError,
  ForbiddenError,
  NotFoundError,
  TransitionError,
  UnauthenticatedError,
  UniquenessError,
  ValidationError,
  VersionConflictError,
  type FieldIssue,
  type Problem,
} from '@docket/domain';
import { InvalidCursorError } from '@docket/store';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import {
  EmptyFileError,
  FileTooLargeError,
  IncompleteUploadError,
  UnsupportedFileTypeError,
  UploadFormError,
} from '../documents/document-errors';
import {
  CsrfError,
  PreconditionFailedError,
  RateLimitedError,
  RequestTimeoutError,
  UnstorableTextError,
} from '../errors';

/**
 * RFC 9457 problem details: the one place where errors become HTTP. Every domain and server error class has its
 * status here; Fastify's own request errors get a stable code; anything else is a 500 with a generic message and
 * the details in the log.
 */

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

const TITLES: Record<string, string> = {
  VALIDATION_FAILED: 'Invalid input',
  MALFORMED_JSON: 'Malformed JSON',
  INVALID_CURSOR: 'Invalid page cursor',
  MALFORMED_URL: 'Malformed URL',
  URI_TOO_LONG: 'URL too long',
  HEADERS_TOO_LARGE: 'Headers too large',
  REQUEST_TIMEOUT: 'Request too slow',
  NOT_IMPLEMENTED: 'Not implemented',
  BAD_REQUEST: 'Bad request',
  UNAUTHENTICATED: 'Not logged in',
  FORBIDDEN: 'Not allowed',
  CSRF_FAILED: 'Missing or wrong CSRF token',
  NOT_FOUND: 'Not found',
  VERSION_CONFLICT: 'Changed by someone else',
  INVALID_TRANSITION: 'Not possible in this status',
  ALREADY_EXISTS: 'Already exists',
  PRECONDITION_FAILED: 'Precondition failed',
  PAYLOAD_TOO_LARGE: 'Request too large',
  METHOD_NOT_ALLOWED: 'Method not allowed',
  NOT_ACCEPTABLE: 'Not acceptable',
  RANGE_NOT_SATISFIABLE: 'Range not satisfiable',
  UNSUPPORTED_MEDIA_TYPE: 'Unsupported media type',
  RATE_LIMITED: 'Too many requests',
  NOT_READY: 'Not ready',
  MISSING_FILE: 'No file',
  TOO_MANY_PARTS: 'More than one file',
  MALFORMED_FORM: 'Malformed form',
  INVALID_FILE_NAME: 'Unusable file name',
  UNSUPPORTED_FILE_TYPE: 'Unsupported file type',
  EMPTY_FILE: 'Empty file',
  TOO_LARGE: 'File too large',
  INCOMPLETE_UPLOAD: 'Incomplete upload',
  INTERNAL: 'Internal error',
};

/** Builds a problem document. `type` is a stable URN per code. */
export function problem(status: number, code: string, detail: string, issues?: FieldIssue[]): Problem {
  return {
    type: `urn:docket:problem:${code.toLowerCase().replaceAll('_', '-')}`,
    title: TITLES[code] ?? `Error ${status}`,
    status,
    detail,
    code,
    ...(issues && issues.length > 0 ? { issues } : {}),
  };
}

/** Sends a problem, bypassing the route's response serializer (problems have their own shape). */
export function sendProblem(reply: FastifyReply, body: Problem): FastifyReply {
  return reply.code(body.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
}

function statusOfDocketError(error: DocketError): number | null {
  if (error instanceof UnstorableTextError) return 400;
  if (error instanceof InvalidCursorError) return 400;
  if (error instanceof ValidationError) return 422;
  if (error instanceof NotFoundError) return 404;
  if (error instanceof VersionConflictError) return 409;
  if (error instanceof UniquenessError) return 409;
  if (error instanceof TransitionError) return 409;
  if (error instanceof ForbiddenError) return 403;
  if (error instanceof CsrfError) return 403;
  if (error instanceof UnauthenticatedError) return 401;
  if (error instanceof PreconditionFailedError) return 412;
  if (error instanceof RateLimitedError) return 429;
  if (error instanceof RequestTimeoutError) return 408;
  if (error instanceof UploadFormError || error instanceof IncompleteUploadError) return 400;
  if (error instanceof UnsupportedFileTypeError) return 415;
  if (error instanceof FileTooLargeError) return 413;
  if (error instanceof EmptyFileError) return 422;
  return null;
}

/** Codes for the 4xx errors Fastify and its plugins raise themselves (bad URLs, static files...). */
const GENERIC_CODES: Record<number, string> = {
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  416: 'RANGE_NOT_SATISFIABLE',
};

const PLACES: Record<string, string> = {
  body: 'request body',
  querystring: 'query string',
  params: 'URL',
  headers: 'request headers',
};

const VALIDATION_CONTEXTS: Record<string, string> = {
  querystring: 'query',
  params: 'params',
  headers: 'headers',
};

/** `/formData/programIDs/0` → `['formData', 'programIDs', 0]`; query, params and headers get their place first. */
function issuePath(instancePath: string, context: string | undefined): (string | number)[] {
  const parts = instancePath
    .split('/')
    .filter((p) => p !== '')
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  const place = context ? VALIDATION_CONTEXTS[context] : undefined;
  return place ? [place, ...parts] : parts;
}

function describeIssues(issues: FieldIssue[]): string {
  const shown = issues
    .slice(0, 5)
    .map((i) => (i.path.length > 0 ? `${i.path.join('.')}: ${i.message}` : i.message));
  const more = issues.length > 5 ? ` (and ${issues.length - 5} more)` : '';
  return `${shown.join('; ')}${more}`;
}

function fastifyErrorProblem(error: FastifyError): Problem | null {
  if (hasZodFastifySchemaValidationErrors(error)) {
    const issues = error.validation.map((v) => ({
      path: issuePath(v.instancePath, error.validationContext),
      message: v.message ?? 'Invalid value',
    }));
    const where = PLACES[error.validationContext ?? 'body'] ?? 'request';
    return problem(400, 'VALIDATION_FAILED', `The ${where} is not valid: ${describeIssues(issues)}`, issues);
  }
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return problem(400, 'MALFORMED_JSON', 'The request body is not valid JSON');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return problem(400, 'MALFORMED_JSON', 'The request body is empty but its Content-Type says JSON');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return problem(
        413,
        'PAYLOAD_TOO_LARGE',
        'The request body is larger than this endpoint accepts (1 MiB)',
      );
    case 'FST_ERR_BAD_URL':
      return problem(
        400,
        'MALFORMED_URL',
        'The URL is not valid: a % in its path is not followed by two hex digits, or encodes no character',
      );
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return problem(414, 'URI_TOO_LONG', 'A part of the URL path is longer than 100 characters');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return problem(
        415,
        'UNSUPPORTED_MEDIA_TYPE',
        'Send the request body as JSON (Content-Type: application/json)',
      );
  }
  const status = error.statusCode;
  if (status !== undefined && status >= 400 && status < 500) {
    if (error.validation) return problem(400, 'VALIDATION_FAILED', error.message);
    return problem(status, GENERIC_CODES[status] ?? 'BAD_REQUEST', error.message);
  }
  return null;
}

/** The fields a typed error names, as the request has them: a list cursor only ever comes in the query. */
function issuesOf(error: DocketError): FieldIssue[] | undefined {
  if (error instanceof InvalidCursorError)
    return error.issues.map((i) => ({ ...i, path: ['query', ...i.path] }));
  if (error instanceof ValidationError || error instanceof UnstorableTextError) return error.issues;
  return undefined;
}

/** The problem for any error, and whether it was unexpected (then it is logged as an error). */
export function problemFor(error: unknown, requestId: string): { body: Problem; unexpected: boolean } {
  if (error instanceof DocketError) {
    const status = statusOfDocketError(error);
    if (status !== null) {
      return { body: problem(status, error.code, error.message, issuesOf(error)), unexpected: false };
    }
  } else if (error instanceof Error) {
    const known = fastifyErrorProblem(error as FastifyError);
    if (known) return { body: known, unexpected: false };
  }
  return {
    body: problem(
      500,
      'INTERNAL',
      `Something went wrong on our side; it has been logged as request ${requestId}`,
    ),
    unexpected: true,
  };
}

/** Fastify's error handler: every error of every route and hook ends here. */
export function handleError(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const { body, unexpected } = problemFor(error, request.id);
  if (unexpected) request.log.error({ err: error }, 'unexpected error');
  else request.log.info({ code: body.code, status: body.status }, body.detail);
  if (error instanceof RateLimitedError) reply.header('retry-after', String(error.retryAfterSeconds));
  return sendProblem(reply, body);
}

/** The answer for a route that does not exist. */
export function routeNotFound(request: FastifyRequest): Problem {
  const path = request.url.split('?', 1)[0] ?? '';
  return problem(404, 'NOT_FOUND', `There is no ${request.method} ${path.slice(0, 200)}`);
}

/** The answer for a path that exists, asked with a method it does not have; `allowed` goes in the `Allow` header. */
export function methodNotAllowed(request: FastifyRequest, allowed: readonly string[]): Problem {
  const path = (request.url.split('?', 1)[0] ?? '').slice(0, 200);
  return problem(
    405,
    'METHOD_NOT_ALLOWED',
    `${path} does not take ${request.method}; it takes ${allowed.join(', ')}`,
  );
}
