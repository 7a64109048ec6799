import {
  assignableReviewersViewSchema,
  assignReviewerRequestSchema,
  contractViewSchema,
  stateAnalystsViewSchema,
} from '@docket/domain';
import type { ContractStore, StateStore, UserStore } from '@docket/store';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { currentUser } from '../http/auth';
import { problemResponses, READ_SECURITY, WRITE_SECURITY } from '../http/openapi';
import {
  assignReviewer,
  listAssignableReviewers,
  listStateAnalysts,
  unassignReviewer,
} from '../use-cases/reviewers';
import { contractIdParams, contractReply, listQuery, stateCodeParams } from './schemas';

/** Reviewers assigned to filings, the reviewers that may be assigned, and each state's analysts. */
export const assignmentRoutes: FastifyPluginAsyncZod<{
  stores: { contracts: ContractStore; users: UserStore; states: StateStore };
}> = async (app, { stores }) => {
  app.post(
    '/api/contracts/:id/reviewers',
    {
      schema: {
        tags: ['review'],
        summary: 'Assign a reviewer to a filing',
        description:
          'For the roles that may assign reviewers (CMS users and approvers, admins, the help desk), on a filing ' +
          'the caller can read that has been submitted at least once. The reviewer is an enabled CMS user or ' +
          'approver (`GET /api/reviewers`). The contract’s version does not move: an assignment never conflicts ' +
          'with the state’s edits or a review action. Assigning a reviewer already assigned answers 409 ' +
          '`REVIEWER_ALREADY_ASSIGNED` and records nothing. Answers the filing as `GET` does.',
        security: WRITE_SECURITY,
        params: contractIdParams,
        body: assignReviewerRequestSchema,
        response: { 200: contractViewSchema, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const user = currentUser(request);
      const details = await assignReviewer(stores, user, request.params.id, request.body.userId);
      return contractReply(reply, details, user);
    },
  );

  app.delete(
    '/api/contracts/:id/reviewers/:userId',
    {
      schema: {
        tags: ['review'],
        summary: 'Take a reviewer off a filing',
        description:
          'As assigning. A reviewer who is not assigned to the filing answers 404. Answers the filing as `GET` does.',
        security: WRITE_SECURITY,
        params: contractIdParams.extend({
          userId: z.string().min(1).max(100).describe('The reviewer’s user id'),
        }),
        response: { 200: contractViewSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const user = currentUser(request);
      const details = await unassignReviewer(stores, user, request.params.id, request.params.userId);
      return contractReply(reply, details, user);
    },
  );

  app.get(
    '/api/reviewers',
    {
      schema: {
        tags: ['review'],
        summary: 'The reviewers that may be assigned to a filing',
        description:
          'Enabled CMS users and approvers, by email, a page at a time: name, email, role and division only. ' +
          'For the roles that may assign reviewers; anyone else is answered 403.',
        security: READ_SECURITY,
        querystring: listQuery,
        response: { 200: assignableReviewersViewSchema, ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => listAssignableReviewers(stores.users, currentUser(request), request.query),
  );

  app.get(
    '/api/states/:code/analysts',
    {
      schema: {
        tags: ['reference data'],
        summary: 'A state’s CMS analysts',
        description:
          'The enabled CMS users assigned to the state, by name: name, email and division. A state user may ask ' +
          'for its own state only (403 otherwise); every other role for any state.',
        security: READ_SECURITY,
        params: stateCodeParams,
        response: { 200: stateAnalystsViewSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => listStateAnalysts(stores, currentUser(request), request.params.code),
  );
};
