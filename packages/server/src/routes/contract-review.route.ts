import {
  approveRequestSchema,
  contractViewSchema,
  mccrsIdRequestSchema,
  reasonRequestSchema,
} from '@docket/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { currentUser } from '../http/auth';
import { problemResponses, WRITE_SECURITY } from '../http/openapi';
import { approveContract } from '../use-cases/approve-contract';
import type { ContractWriteStores } from '../use-cases/contract-write';
import { decideReview, type ReasonedReviewAction } from '../use-cases/review-decision';
import { setMccrsId } from '../use-cases/set-mccrs-id';
import { contractIdParams, contractReply, ifMatchHeaders, writeBasis } from './schemas';

const WRITE_PROBLEMS = problemResponses(400, 401, 403, 404, 409, 412, 413, 415, 422);

const REASONED: { path: string; action: ReasonedReviewAction; summary: string }[] = [
  { path: 'withdraw', action: 'WITHDRAW', summary: 'Withdraw a submission (CMS)' },
  { path: 'undo-withdraw', action: 'UNDO_WITHDRAW', summary: 'Undo a withdrawal (CMS)' },
  { path: 'undo-approval', action: 'UNDO_APPROVAL', summary: 'Undo an approval (admin)' },
];

/** CMS review decisions: approve, withdraw, their undoing, and the MC-CRS number. */
export const contractReviewRoutes: FastifyPluginAsyncZod<{ stores: ContractWriteStores }> = async (
  app,
  { stores },
) => {
  for (const { path, action, summary } of REASONED) {
    app.post(
      `/api/contracts/:id/${path}`,
      {
        schema: {
          tags: ['review'],
          summary,
          security: WRITE_SECURITY,
          params: contractIdParams,
          headers: ifMatchHeaders,
          body: reasonRequestSchema,
          response: { 200: contractViewSchema, ...WRITE_PROBLEMS },
        },
      },
      async (request, reply) => {
        const user = currentUser(request);
        const { version, reason } = request.body;
        const basis = writeBasis(request.params.id, version, request.headers['if-match']);
        return contractReply(reply, await decideReview(stores, user, action, basis, reason), user);
      },
    );
  }

  app.post(
    '/api/contracts/:id/approve',
    {
      schema: {
        tags: ['review'],
        summary: 'Approve: record the release to the state (CMS approver; admin with a reason)',
        description:
          '`dateApprovalReleasedToState` is a YYYY-MM-DD date from 1900-01-01, and not in the future (422 otherwise).',
        security: WRITE_SECURITY,
        params: contractIdParams,
        headers: ifMatchHeaders,
        body: approveRequestSchema,
        response: { 200: contractViewSchema, ...WRITE_PROBLEMS },
      },
    },
    async (request, reply) => {
      const user = currentUser(request);
      const { version, dateApprovalReleasedToState, reason } = request.body;
      const basis = writeBasis(request.params.id, version, request.headers['if-match']);
      const details = await approveContract(stores, user, basis, {
        dateApprovalReleasedToState,
        reason: reason ?? null,
      });
      return contractReply(reply, details, user);
    },
  );

  app.put(
    '/api/contracts/:id/mccrs-id',
    {
      schema: {
        tags: ['review'],
        summary: 'Set the four-digit MC-CRS number (CMS)',
        security: WRITE_SECURITY,
        params: contractIdParams,
        headers: ifMatchHeaders,
        body: mccrsIdRequestSchema,
        response: { 200: contractViewSchema, ...WRITE_PROBLEMS },
      },
    },
    async (request, reply) => {
      const user = currentUser(request);
      const { version, mccrsId } = request.body;
      const basis = writeBasis(request.params.id, version, request.headers['if-match']);
      return contractReply(reply, await setMccrsId(stores, user, basis, mccrsId), user);
    },
  );
};
