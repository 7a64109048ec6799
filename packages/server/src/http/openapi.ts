import {
  abilitiesSchema,
  contractFormDraftSchema,
  contractListViewSchema,
  contractRevisionDiffSchema,
  contractSummaryViewSchema,
  contractViewSchema,
  eventViewSchema,
  problemSchema,
  programViewSchema,
  rateRevisionDiffSchema,
  revisionViewSchema,
  sessionViewSchema,
  stateViewSchema,
  userViewSchema,
} from '@docket/domain';
import type { SwaggerOptions } from '@fastify/swagger';
import { createJsonSchemaTransform, createJsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CSRF_HEADER, SESSION_COOKIE } from './auth';
import { PROBLEM_CONTENT_TYPE } from './problem';

/**
 * The OpenAPI document, generated from the routes' zod schemas. Shared shapes are registered here under a name so
 * that the document references them as components instead of repeating them.
 */

export const OPENAPI_PATH = '/api/openapi.json';

/** What the document takes from this registry: a component's name, or how to describe one schema. */
// A type, not an interface: the generator's registry wants metadata with an index signature.
type OpenApiMeta = {
  id?: string;
  description?: string;
  format?: string;
};

const components = z.registry<OpenApiMeta>();
const NAMED: [z.ZodType, string][] = [
  [problemSchema, 'Problem'],
  [userViewSchema, 'User'],
  [sessionViewSchema, 'Session'],
  [stateViewSchema, 'State'],
  [programViewSchema, 'Program'],
  [contractFormDraftSchema, 'ContractForm'],
  [revisionViewSchema, 'Revision'],
  [eventViewSchema, 'Event'],
  [abilitiesSchema, 'Abilities'],
  [contractViewSchema, 'Contract'],
  [contractSummaryViewSchema, 'ContractSummary'],
  [contractListViewSchema, 'ContractList'],
  [contractRevisionDiffSchema, 'ContractRevisionDiff'],
  [rateRevisionDiffSchema, 'RateRevisionDiff'],
];
for (const [schema, id] of NAMED) components.add(schema, { id });

/**
 * Gives a schema a description or a format in the OpenAPI document. The document reads such metadata from this
 * registry only: zod's own `.describe()` and `.meta()` do not reach it.
 */
export function documented<T extends z.ZodType>(schema: T, meta: Omit<OpenApiMeta, 'id'>): T {
  components.add(schema, meta);
  return schema;
}

/** A read: needs the session cookie. */
export const READ_SECURITY = [{ sessionCookie: [] }];
/** A write: needs the session cookie and the session's CSRF token in a header. */
export const WRITE_SECURITY = [{ sessionCookie: [], csrfToken: [] }];

const DESCRIPTIONS: Record<number, string> = {
  400:
    'The request is malformed or fails validation (`VALIDATION_FAILED`, `MALFORMED_JSON`; a text with a NUL or ' +
    'a lone UTF-16 surrogate is refused so, naming its field), or a list `cursor` is not one the list gave ' +
    '(`INVALID_CURSOR`)',
  401:
    'Not logged in (`UNAUTHENTICATED`), or the session the cookie names is over: ended elsewhere ' +
    '(`SESSION_ENDED`), past its lifetime (`SESSION_EXPIRED`), idle too long (`SESSION_IDLE`), or its user ' +
    'disabled (`ACCOUNT_DISABLED`)',
  403:
    'Not allowed (`FORBIDDEN`), the CSRF token is missing or wrong (`CSRF_FAILED`), or the user must first ' +
    'replace a temporary password (`PASSWORD_CHANGE_REQUIRED`)',
  404: 'No such record, or one the caller may not see: the two answer alike (`NOT_FOUND`)',
  409:
    'Stale `version` (`VERSION_CONFLICT`), not possible in this status (`INVALID_TRANSITION`), an email in use ' +
    '(`EMAIL_TAKEN`), or a change that would leave no enabled administrator (`LAST_ADMIN`)',
  412: 'The `If-Match` version is no longer current (`PRECONDITION_FAILED`)',
  413: 'The body is larger than 1 MiB (`PAYLOAD_TOO_LARGE`)',
  415: 'The body is not JSON (`UNSUPPORTED_MEDIA_TYPE`)',
  422:
    'Well-formed but not acceptable, such as a date outside 1900-01-01 to 2999-12-31; `issues` lists every field ' +
    'at fault (`VALIDATION_FAILED`)',
  429: 'Too many attempts (`RATE_LIMITED`)',
  503: 'Not ready: the datastore does not answer (`NOT_READY`)',
};

/** Problem-details responses for the given statuses, as the route's `response` schema entries. */
export function problemResponses<S extends number>(
  ...statuses: S[]
): Record<S, { description: string; content: Record<string, { schema: typeof problemSchema }> }> {
  const responses = {} as Record<
    S,
    { description: string; content: Record<string, { schema: typeof problemSchema }> }
  >;
  for (const status of statuses) {
    responses[status] = {
      description: DESCRIPTIONS[status] ?? 'Problem',
      content: { [PROBLEM_CONTENT_TYPE]: { schema: problemSchema } },
    };
  }
  return responses;
}

export const swaggerOptions: SwaggerOptions = {
  openapi: {
    openapi: '3.1.0',
    info: {
      title: 'Docket API',
      version: '0.1.0',
      description:
        'Managed-care contract filings between US states and CMS. Errors are RFC 9457 problem details with a ' +
        'stable `code`. Writes need the session cookie and the `x-csrf-token` header from `POST /api/auth/login` ' +
        'or `GET /api/me`; contract writes carry the `version` they were based on and may also send ' +
        '`If-Match: "<version>"`.',
    },
    tags: [
      { name: 'auth', description: 'Login, logout and the current user' },
      { name: 'reference data', description: 'States and their managed-care programs' },
      { name: 'contracts', description: 'Contract submissions: list, create, read, edit' },
      { name: 'lifecycle', description: 'Submit, unlock, resubmit and their undoing' },
      { name: 'review', description: 'CMS review decisions' },
      { name: 'documents', description: 'Uploading documents; downloading them one by one or as a zip' },
      {
        name: 'users',
        description: 'The administration of users: search, create, change, disable, reset passwords',
      },
      { name: 'operations', description: 'Health and readiness' },
      { name: 'administration', description: 'The email settings and the audit log' },
    ],
    components: {
      securitySchemes: {
        sessionCookie: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
        csrfToken: { type: 'apiKey', in: 'header', name: CSRF_HEADER },
      },
    },
  },
  transform: createJsonSchemaTransform({ schemaRegistry: components }),
  transformObject: createJsonSchemaTransformObject({ schemaRegistry: components }),
};
