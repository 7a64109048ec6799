import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponses } from '../http/openapi';
import { problem, sendProblem } from '../http/problem';

const okSchema = z.object({ status: z.literal('ok') });

/** Liveness and readiness, for load balancers and orchestrators. */
export const healthRoutes: FastifyPluginAsyncZod<{ ping: () => Promise<void> }> = async (app, { ping }) => {
  app.get(
    '/healthz',
    {
      schema: {
        tags: ['operations'],
        summary: 'Liveness: the process answers',
        response: { 200: okSchema },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/readyz',
    {
      schema: {
        tags: ['operations'],
        summary: 'Readiness: the datastore answers',
        response: { 200: okSchema, ...problemResponses(503) },
      },
    },
    async (request, reply) => {
      try {
        await ping();
      } catch (error) {
        request.log.error({ err: error }, 'datastore ping failed');
        return sendProblem(reply, problem(503, 'NOT_READY', 'The datastore does not answer'));
      }
      return { status: 'ok' as const };
    },
  );
};
