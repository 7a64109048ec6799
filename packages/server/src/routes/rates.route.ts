import { linkableRateListViewSchema } from '@docket/domain';
import type { ContractStore, RateStore, StateStore } from '@docket/store';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { currentUser } from '../http/auth';
import { problemResponses, READ_SECURITY } from '../http/openapi';
import { presentLinkableRate } from '../presenters/contract.presenter';
import { listLinkableRates } from '../use-cases/list-linkable-rates';
import { listQuery } from './schemas';

const linkableQuery = listQuery.extend({
  stateCode: z
    .string()
    .regex(/^[A-Z]{2}$/, 'A two-letter state code')
    .describe('The state whose rates to list'),
});

/** Rate certifications, as contracts link them. */
export const rateRoutes: FastifyPluginAsyncZod<{
  stores: { rates: RateStore; contracts: ContractStore; states: StateStore };
}> = async (app, { stores }) => {
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
};
