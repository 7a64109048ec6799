import {
  auditLogQuerySchema,
  auditLogViewSchema,
  EVENT_ACTIONS,
  normalizeEmail,
  stateCodeSchema,
  ValidationError,
  type AuditLogQuery,
} from '@docket/domain';
import type { EventLog, UserStore } from '@docket/store';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { currentUser } from '../http/auth';
import { documented, problemResponses, READ_SECURITY } from '../http/openapi';
import { sendCsv } from '../http/send-csv';
import { auditLogCsv } from '../export/audit-log-csv';
import { queryAuditLog } from '../use-cases/audit-log';
import { authorizeAdmin } from '../use-cases/admin-access';
import { listOf, repeatable } from './contract-list-params';
import { listQuery } from './schemas';

/** The audit log's filters as the URL carries them, the same for a page and for the CSV of the whole view. */
const auditLogFilterParams = z.object({
  actor: z.uuid().optional().describe('The acting user’s id'),
  'actor-email': z
    .string()
    .max(254)
    .optional()
    .describe('The acting user’s email (any case); an email of no user matches nothing'),
  action: repeatable(z.enum(EVENT_ACTIONS), 'An action'),
  state: stateCodeSchema.optional().describe('A state code, such as MN'),
  filing: z.uuid().optional().describe('A filing’s (contract’s) id'),
  from: z.iso.datetime().optional().describe('Events at or after this time (ISO 8601, inclusive)'),
  to: z.iso.datetime().optional().describe('Events before this time (ISO 8601, exclusive)'),
});
type AuditLogFilterParams = z.infer<typeof auditLogFilterParams>;

/** A range that ends before it starts is bad input (400), like any other parameter. */
function withOrderedRange<T extends z.ZodType<{ from?: string | undefined; to?: string | undefined }>>(
  params: T,
) {
  return params.refine(
    (p) => p.from === undefined || p.to === undefined || Date.parse(p.from) < Date.parse(p.to),
    { message: 'Must be after `from`', path: ['to'] },
  );
}

const NOBODY = '00000000-0000-4000-8000-000000000000';

/** The query the parameters make; an actor named by an email that is no user's becomes an id nobody has. */
async function queryOf(
  users: Pick<UserStore, 'findByEmail'>,
  params: AuditLogFilterParams,
): Promise<AuditLogQuery> {
  let actorId = params.actor ?? null;
  const email = params['actor-email']?.trim();
  if (actorId === null && email)
    actorId = (await users.findByEmail(normalizeEmail(email)))?.user.id ?? NOBODY;
  const parsed = auditLogQuerySchema.safeParse({
    actorId,
    actions: listOf(params.action),
    stateCode: params.state ?? null,
    contractId: params.filing ?? null,
    from: params.from ?? null,
    to: params.to ?? null,
  });
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => ({
    path: issue.path.map((part) => (typeof part === 'number' ? part : String(part))),
    message: issue.message,
  }));
  throw new ValidationError('The audit log’s filters are not valid', issues);
}

/** The store-wide audit log, for those the back office's policy allows (VIEW_AUDIT_LOG). */
export const auditLogRoutes: FastifyPluginAsyncZod<{
  stores: { events: EventLog; users: UserStore };
}> = async (app, { stores }) => {
  app.get(
    '/api/events',
    {
      schema: {
        tags: ['administration'],
        summary: 'One page of the audit log, filtered',
        description:
          'Every event of the datastore that matches all the filters given, newest first (by time, then id). ' +
          '`from` is inclusive and `to` exclusive. `nextCursor` pages through the same filters only (400 ' +
          '`INVALID_CURSOR` otherwise). Administrators only (403).',
        security: READ_SECURITY,
        querystring: withOrderedRange(listQuery.extend(auditLogFilterParams.shape)),
        response: { 200: auditLogViewSchema, ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const { cursor, limit, ...filters } = request.query;
      // Asked first: the filters' look-up of an email must tell nothing to whoever may not read the log.
      authorizeAdmin(currentUser(request), 'VIEW_AUDIT_LOG');
      return queryAuditLog(stores, currentUser(request), await queryOf(stores.users, filters), {
        cursor,
        limit,
      });
    },
  );

  app.get(
    '/api/events.csv',
    {
      schema: {
        tags: ['administration'],
        summary: 'Every event of an audit log view, as CSV',
        description:
          'The same filters as `GET /api/events`, without paging, newest first. UTF-8 with a byte order mark, ' +
          'RFC 4180 quoting, CRLF line ends; a cell starting with `=`, `+`, `-` or `@` is prefixed with an ' +
          'apostrophe so a spreadsheet never runs it. Streamed as it is read, whatever its size.',
        security: READ_SECURITY,
        querystring: withOrderedRange(auditLogFilterParams),
        response: {
          200: {
            description: 'The CSV file, as an attachment',
            content: { 'text/csv': { schema: documented(z.string(), { format: 'binary' }) } },
          },
          ...problemResponses(400, 401, 403),
        },
      },
    },
    async (request, reply) => {
      authorizeAdmin(currentUser(request), 'VIEW_AUDIT_LOG');
      const csv = await auditLogCsv(stores, currentUser(request), await queryOf(stores.users, request.query));
      return sendCsv(reply, csv, 'audit-log.csv');
    },
  );
};
