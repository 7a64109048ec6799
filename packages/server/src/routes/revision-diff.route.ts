import { contractRevisionDiffSchema, rateRevisionDiffSchema } from '@docket/domain';
import type { ContractStore, RateStore, StateStore } from '@docket/store';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { currentUser } from '../http/auth';
import { problemResponses, READ_SECURITY } from '../http/openapi';
import { getContractDiff, getRateDiff } from '../use-cases/get-revision-diff';
import { contractIdParams } from './schemas';

const diffQuery = z.object({
  from: z
    .uuid({ error: 'A revision id (a UUID)' })
    .optional()
    .describe('The earlier submission: a submitted revision id; by default the submission before `to`'),
  to: z
    .uuid({ error: 'A revision id (a UUID)' })
    .optional()
    .describe('The later submission: a submitted revision id; by default the last submission'),
});

const rateIdParams = z.object({
  id: z.string().min(1).max(100).describe('The rate id (a UUID)'),
});

const DEFAULTS =
  'Any two submitted revisions the caller may see can be compared, in either order. With neither `from` nor ' +
  '`to`, the last submission is compared with the one before it; a filing submitted only once then answers 400 ' +
  '(`BAD_REQUEST`), as does a `to` that is the first submission without a `from`. A revision id that is not a ' +
  'submission of this record the caller may see answers 404.';

/** What changed between two submissions of a contract or of a rate. */
export const revisionDiffRoutes: FastifyPluginAsyncZod<{
  stores: { contracts: ContractStore; rates: RateStore; states: StateStore };
}> = async (app, { stores }) => {
  app.get(
    '/api/contracts/:id/diff',
    {
      schema: {
        tags: ['contracts'],
        summary: 'What changed between two submissions of a contract',
        description:
          'Answers that differ (labelled as the summary page labels them, values as display text), state ' +
          'contacts added, removed or changed, documents added, removed, replaced or renamed (matched by ' +
          `SHA-256), and rates added, removed or revised. ${DEFAULTS}`,
        security: READ_SECURITY,
        params: contractIdParams,
        querystring: diffQuery,
        response: { 200: contractRevisionDiffSchema, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => getContractDiff(stores, currentUser(request), request.params.id, request.query),
  );

  app.get(
    '/api/rates/:id/diff',
    {
      schema: {
        tags: ['rates'],
        summary: 'What changed between two submissions of a rate',
        description:
          'Answers that differ, actuaries added, removed or changed, and documents added, removed, replaced or ' +
          `renamed (matched by SHA-256). ${DEFAULTS}`,
        security: READ_SECURITY,
        params: rateIdParams,
        querystring: diffQuery,
        response: { 200: rateRevisionDiffSchema, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => getRateDiff(stores, currentUser(request), request.params.id, request.query),
  );
};
