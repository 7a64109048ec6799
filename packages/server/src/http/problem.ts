import {
  DocketError,
  ERROR_CODES,
  isProblemCode,
  type FieldIssue,
  type Problem,
  type ProblemCode,
  ValidationError,
} from '@docket/domain';
import { InvalidCursorError } from '@docket/store';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { RateLimitedError, UnstorableTextError } from '../errors';

/**
 * RFC 9457 problem details: the one place where errors become HTTP. A typed error's code gives its status and
 * title, from the domain's one table of codes (`ERROR_CODES`, which the web reads too); Fastify's own request
 * errors get a stable code; anything else is a 500 with a generic message and the details in the log.
 */

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Builds a problem document: its status and title are the code's in `ERROR_CODES`; `type` is a stable URN. */
export function problem(code: ProblemCode, detail: string, issues?: FieldIssue[]): Problem;
/**
 * The same, for callers that still name the status: it can only be the code's own (the compiler checks it).
 * @deprecated name the code alone
 */
export function problem<C extends ProblemCode>(
  status: (typeof ERROR_CODES)[C]['status'],
  code: C,
  detail: string,
  issues?: FieldIssue[],
): Problem;
export function problem(
  codeOrStatus: ProblemCode | number,
  detailOrCode: string,
  issuesOrDetail?: FieldIssue[] | string,
  issues?: FieldIssue[],
): Problem {
  if (typeof codeOrStatus === 'number') {
    // The deprecated form, whose status the overload has checked to be the code's.
    return problem(detailOrCode as ProblemCode, issuesOrDetail as string, issues);
  }
  const code = codeOrStatus;
  return problemWithStatus(
    ERROR_CODES[code].status,
    code,
    detailOrCode,
    issuesOrDetail as FieldIssue[] | undefined,
  );
}

function problemWithStatus(
  status: number,
  code: ProblemCode,
  detail: string,
  issues?: FieldIssue[],
): Problem {
  return {
    type: `urn:docket:problem:${code.toLowerCase().replaceAll('_', '-')}`,
    title: ERROR_CODES[code].title,
    status,
    detail,
    code,
    ...(issues && issues.length > 0 ? { issues } : {}),
  };
}

/**
 * A request that fails its schema, or holds text no datastore keeps, is malformed: `VALIDATION_FAILED` with 400
 * rather than the 422 of a well-formed request whose content a use case refuses.
 */
function malformedRequest(detail: string, issues?: FieldIssue[]): Problem {
  return problemWithStatus(400, 'VALIDATION_FAILED', detail, issues);
}

/** Sends a problem, bypassing the route's response serializer (problems have their own shape). */
export function sendProblem(reply: FastifyReply, body: Problem): FastifyReply {
  return reply.code(body.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
}

/** Codes for the 4xx errors Fastify and its plugins raise themselves (bad URLs, static files...). */
const GENERIC_CODES: Record<number, ProblemCode> = {
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
    return malformedRequest(`The ${where} is not valid: ${describeIssues(issues)}`, issues);
  }
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return problem('MALFORMED_JSON', 'The request body is not valid JSON');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return problem('MALFORMED_JSON', 'The request body is empty but its Content-Type says JSON');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return problem('PAYLOAD_TOO_LARGE', 'The request body is larger than this endpoint accepts (1 MiB)');
    case 'FST_ERR_BAD_URL':
      return problem(
        'MALFORMED_URL',
        'The URL is not valid: a % in its path is not followed by two hex digits, or encodes no character',
      );
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return problem('URI_TOO_LONG', 'A part of the URL path is longer than 100 characters');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return problem(
        'UNSUPPORTED_MEDIA_TYPE',
        'Send the request body as JSON (Content-Type: application/json)',
      );
  }
  const status = error.statusCode;
  if (status !== undefined && status >= 400 && status < 500) {
    if (error.validation) return malformedRequest(error.message);
    const code = GENERIC_CODES[status];
    // Another 4xx of a plugin keeps its status, with the generic code.
    return code ? problem(code, error.message) : problemWithStatus(status, 'BAD_REQUEST', error.message);
  }
  return null;
}

/** The fields a typed error names, as the request has them: a list cursor only ever comes in the query. */
function issuesOf(error: DocketError): FieldIssue[] | undefined {
  if (error instanceof InvalidCursorError)
    return error.issues.map((i) => ({ ...i, path: ['query', ...i.path] }));
  if (error instanceof ValidationError) return error.issues;
  return undefined;
}

/** The problem for any error, and whether it was unexpected (then it is logged as an error). */
export function problemFor(error: unknown, requestId: string): { body: Problem; unexpected: boolean } {
  if (error instanceof UnstorableTextError) {
    return { body: malformedRequest(error.message, error.issues), unexpected: false };
  }
  if (error instanceof DocketError) {
    // A command's code (no status) reaching here is a bug: it falls through to INTERNAL.
    if (isProblemCode(error.code)) {
      return { body: problem(error.code, error.message, issuesOf(error)), unexpected: false };
    }
  } else if (error instanceof Error) {
    const known = fastifyErrorProblem(error as FastifyError);
    if (known) return { body: known, unexpected: false };
  }
  return {
    body: problem('INTERNAL', `Something went wrong on our side; it has been logged as request ${requestId}`),
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
  return problem('NOT_FOUND', `There is no ${request.method} ${path.slice(0, 200)}`);
}

/** The answer for a path that exists, asked with a method it does not have; `allowed` goes in the `Allow` header. */
export function methodNotAllowed(request: FastifyRequest, allowed: readonly string[]): Problem {
  const path = (request.url.split('?', 1)[0] ?? '').slice(0, 200);
  return problem(
    'METHOD_NOT_ALLOWED',
    `${path} does not take ${request.method}; it takes ${allowed.join(', ')}`,
  );
}
