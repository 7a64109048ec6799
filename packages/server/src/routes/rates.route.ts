import {
  linkableRateListViewSchema,
  RATE_ACTION_NAMES,
  RATE_ACTIONS,
  rateActionRequestSchema,
  rateDetailViewSchema,
  rateListViewSchema,
} from '@docket/domain';
import type { ContractStore, RateStore, StateStore } from '@docket/store';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { currentUser } from '../http/auth';
import { documented, problemResponses, READ_SECURITY, WRITE_SECURITY } from '../http/openapi';
import { sendCsv } from '../http/send-csv';
import { rateListCsv } from '../export/rate-list-csv';
import { presentLinkableRate } from '../presenters/contract.presenter';
import { presentRateDetail, presentRateSummary } from '../presenters/rate.presenter';
import { getRate } from '../use-cases/get-rate';
import { writeRate } from '../use-cases/rate-write';
import { listLinkableRates } from '../use-cases/list-linkable-rates';
import { listRates } from '../use-cases/list-rates';
import { rateListFilterParams, rateListParams, rateListQueryOf } from './rate-list-params';
import { listQuery } from './schemas';

const rateIdParams = z.object({ id: z.string().min(1).max(100).describe('The rate id (a UUID)') });

const linkableQuery = listQuery.extend({
  stateCode: z
    .string()
    .regex(/^[A-Z]{2}$/, 'A two-letter state code')
    .describe('The state whose rates to list'),
});

/** Rate certifications: one rate's page, and the ones a contract may link. */
export const rateRoutes: FastifyPluginAsyncZod<{
  stores: { rates: RateStore; contracts: ContractStore; states: StateStore };
}> = async (app, { stores }) => {
  app.get(
    '/api/rates',
    {
      schema: {
        tags: ['rates'],
        summary: 'One page of the CMS rate reviews dashboard, filtered and sorted',
        description:
          'Every rate certification submitted at least once, as last submitted, with its consolidated status ' +
          '(WITHDRAWN while it is withdrawn, otherwise its submission status). CMS users and the read-everything ' +
          'roles only: a state user gets 403 (its rates are on its own submissions). Filters and order are ' +
          'applied by the datastore; `nextCursor` pages through the same query only.',
        security: READ_SECURITY,
        querystring: rateListParams,
        response: { 200: rateListViewSchema, ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const user = currentUser(request);
      const { cursor, limit, ...filters } = request.query;
      const page = await listRates(stores, user, rateListQueryOf(filters), { cursor, limit });
      return {
        items: page.items.map((item) =>
          presentRateSummary(item, page.programsByState.get(item.summary.stateCode) ?? []),
        ),
        nextCursor: page.nextCursor,
      };
    },
  );

  app.get(
    '/api/rates.csv',
    {
      schema: {
        tags: ['rates'],
        summary: 'Every rate of a rate reviews view, as CSV',
        description:
          'The same filters and order as `GET /api/rates`, without paging: every rate the view holds, with the ' +
          'columns the dashboard shows, the ids and paths of the rate and of its parent submission. UTF-8 with a ' +
          'byte order mark, RFC 4180 quoting, CRLF line ends; a cell starting with `=`, `+`, `-` or `@` is ' +
          'prefixed with an apostrophe so a spreadsheet never runs it. Streamed as it is read, whatever its size.',
        security: READ_SECURITY,
        querystring: rateListFilterParams,
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
      const user = currentUser(request);
      const csv = await rateListCsv(stores, user, rateListQueryOf(request.query));
      return sendCsv(reply, csv, 'rate-reviews.csv');
    },
  );

  app.get(
    '/api/rates/linkable',
    {
      schema: {
        tags: ['rates'],
        summary: 'A state’s submitted rates, which its contracts may link',
        description:
          'Newest first by the state’s rate number. A state user may only ask for its own state (403).',
        security: READ_SECURITY,
        querystring: linkableQuery,
        response: { 200: linkableRateListViewSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { stateCode, cursor, limit } = request.query;
      const user = currentUser(request);
      const page = await listLinkableRates(stores, user, stateCode, { cursor, limit });
      return {
        items: page.items.map((r) =>
          presentLinkableRate(r, page.parents.get(r.parentContractId), page.programs, user),
        ),
        nextCursor: page.nextCursor,
      };
    },
  );

  app.get(
    '/api/rates/:id',
    {
      schema: {
        tags: ['rates'],
        summary: 'One rate certification with its revisions, the contracts that link it and its history',
        description:
          'The revisions the caller may see (a reviewer: the submitted ones), the parent contract, every contract ' +
          'whose submissions linked the rate that the caller may read (with its status, and the rate revision its ' +
          'latest submission went with), and the history derived from those submissions and the rate’s own ' +
          'revisions. Documents are downloaded through the parent contract ' +
          '(`GET /api/contracts/{parentContract.id}/documents/{documentId}`). A rate the caller may not read ' +
          'answers 404, as a missing one does.',
        security: READ_SECURITY,
        params: rateIdParams,
        response: { 200: rateDetailViewSchema, ...problemResponses(401, 404) },
      },
    },
    async (request) => {
      const user = currentUser(request);
      return presentRateDetail(await getRate(stores, user, request.params.id), user);
    },
  );

  // The rate's own review actions, one operation per row of the domain's `RATE_ACTIONS`.
  for (const action of RATE_ACTION_NAMES) {
    const { path, summary, description } = RATE_ACTIONS[action].http;
    app.post(
      `/api/rates/:id/${path}`,
      {
        schema: {
          tags: ['rates'],
          summary,
          description,
          security: WRITE_SECURITY,
          params: rateIdParams,
          body: rateActionRequestSchema,
          response: { 200: rateDetailViewSchema, ...problemResponses(400, 401, 403, 404, 409, 415, 422) },
        },
      },
      async (request) => {
        const user = currentUser(request);
        return presentRateDetail(
          await writeRate(stores, user, action, request.params.id, request.body),
          user,
        );
      },
    );
  }
};
