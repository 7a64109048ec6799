import { contractListViewSchema, contractViewSchema, createContractRequestSchema } from '@docket/domain';
import { type ContractStore, type EventLog, type RateStore, type StateStore } from '@docket/store';
import type { UploadReceipts } from '../documents/upload-receipts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { currentUser } from '../http/auth';
import { sendCsv } from '../http/send-csv';
import { contractListCsv } from '../export/contract-list-csv';
import { documented, problemResponses, READ_SECURITY, WRITE_SECURITY } from '../http/openapi';
import { presentContractSummary } from '../presenters/contract.presenter';
import { createContract } from '../use-cases/create-contract';
import { getContract } from '../use-cases/get-contract';
import { listContracts } from '../use-cases/list-contracts';
import { contractListFilterParams, contractListParams, contractListRequestOf } from './contract-list-params';
import { contractIdParams, contractReply } from './schemas';

export interface ContractRoutesOptions {
  stores: { contracts: ContractStore; events: EventLog; states: StateStore; rates: RateStore };
  receipts: UploadReceipts;
}

/** Listing, starting and reading contract submissions. */
export const contractRoutes: FastifyPluginAsyncZod<ContractRoutesOptions> = async (
  app,
  { stores, receipts },
) => {
  app.get(
    '/api/contracts',
    {
      schema: {
        tags: ['contracts'],
        summary: 'One page of the contracts the caller may see, filtered and sorted',
        description:
          'A state user sees its own state, drafts included (asking for another state answers 403); CMS users ' +
          'every filing submitted at least once, as last submitted; admins, help desk and read-only users ' +
          'everything, drafts included. Filters and order are applied by the datastore; `nextCursor` pages ' +
          'through the same query only.',
        security: READ_SECURITY,
        querystring: contractListParams,
        response: { 200: contractListViewSchema, ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const user = currentUser(request);
      const { cursor, limit, ...filters } = request.query;
      const page = await listContracts(stores, user, contractListRequestOf(filters), { cursor, limit });
      return {
        items: page.items.map((c) =>
          presentContractSummary(c, page.programsByState.get(c.stateCode) ?? [], user),
        ),
        nextCursor: page.nextCursor,
      };
    },
  );

  app.get(
    '/api/contracts.csv',
    {
      schema: {
        tags: ['contracts'],
        summary: 'Every contract of a dashboard view, as CSV',
        description:
          'The same filters and order as `GET /api/contracts`, without paging: every contract the view holds, ' +
          'with the columns the dashboard shows, the id and the path of its page. UTF-8 with a byte order ' +
          'mark, RFC 4180 quoting, CRLF line ends; a cell starting with `=`, `+`, `-` or `@` is prefixed with ' +
          'an apostrophe so a spreadsheet never runs it. Streamed as it is read, whatever its size.',
        security: READ_SECURITY,
        querystring: contractListFilterParams,
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
      const csv = await contractListCsv(stores, user, contractListRequestOf(request.query));
      return sendCsv(reply, csv, 'submissions.csv');
    },
  );

  app.post(
    '/api/contracts',
    {
      schema: {
        tags: ['contracts'],
        summary: 'Start a contract submission for the caller’s state',
        security: WRITE_SECURITY,
        body: createContractRequestSchema,
        response: { 201: contractViewSchema, ...problemResponses(400, 401, 403, 413, 415, 422) },
      },
    },
    async (request, reply) => {
      const user = currentUser(request);
      const details = await createContract(stores, receipts, user, request.body.formData);
      reply.code(201).header('location', `/api/contracts/${details.contract.id}`);
      return contractReply(reply, details, user);
    },
  );

  app.get(
    '/api/contracts/:id',
    {
      schema: {
        tags: ['contracts'],
        summary: 'One contract with its revisions, history and the caller’s abilities',
        description: 'The `ETag` header carries the version, for `If-Match` on writes.',
        security: READ_SECURITY,
        params: contractIdParams,
        response: { 200: contractViewSchema, ...problemResponses(401, 404) },
      },
    },
    async (request, reply) => {
      const user = currentUser(request);
      return contractReply(reply, await getContract(stores, user, request.params.id), user);
    },
  );
};
