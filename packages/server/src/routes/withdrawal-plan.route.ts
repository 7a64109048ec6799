import { withdrawalPlanViewSchema } from '@docket/domain';
import type { ContractStore, RateStore, StateStore } from '@docket/store';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { currentUser } from '../http/auth';
import { problemResponses, READ_SECURITY } from '../http/openapi';
import { presentWithdrawalPlan } from '../presenters/withdrawal-plan.presenter';
import { previewWithdrawal } from '../use-cases/withdrawal-plan';
import { contractIdParams } from './schemas';

/** What withdrawing a contract would do to its rates, shown to the reviewer before they confirm it. */
export const withdrawalPlanRoutes: FastifyPluginAsyncZod<{
  stores: { contracts: ContractStore; rates: RateStore; states: StateStore };
}> = async (app, { stores }) => {
  app.get(
    '/api/contracts/:id/withdrawal-plan',
    {
      schema: {
        tags: ['review'],
        summary: 'What withdrawing the contract would do to each of its rates',
        description:
          'For each rate the contract is the parent of: the contract that would become its parent (another live ' +
          'contract whose latest revision links it: submitted, resubmitted or not subject to review first, then ' +
          'unlocked, then approved; then the earliest first submission, then the id), or null when the rate ' +
          'would be withdrawn with the contract. A contract the caller may not read answers 404.',
        security: READ_SECURITY,
        params: contractIdParams,
        response: { 200: withdrawalPlanViewSchema, ...problemResponses(401, 404) },
      },
    },
    async (request) => {
      const user = currentUser(request);
      return presentWithdrawalPlan(await previewWithdrawal(stores, user, request.params.id), user);
    },
  );
};
