import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponses } from '../http/openapi';
import { problem, sendProblem } from '../http/problem';

const okSchema = z.object({ status: z.literal('ok') });

/** Something the server needs to answer requests, and how to ask it whether it answers. */
export interface ReadinessCheck {
  /** For people: "the datastore", "the blob store". */
  name: string;
  ping: () => Promise<void>;
}

/** Liveness and readiness, for load balancers and orchestrators. */
export const healthRoutes: FastifyPluginAsyncZod<{ checks: ReadinessCheck[] }> = async (app, { checks }) => {
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
        summary: 'Readiness: the datastore and the blob store answer',
        response: { 200: okSchema, ...problemResponses(503) },
      },
    },
    async (request, reply) => {
      const results = await Promise.allSettled(checks.map((c) => c.ping()));
      const failed = checks.filter((check, index) => {
        const result = results[index];
        if (result?.status !== 'rejected') return false;
        request.log.error({ err: result.reason }, `${check.name} ping failed`);
        return true;
      });
      if (failed.length > 0) {
        const names = failed.map((c) => c.name).join(' and ');
        const detail = `${names.charAt(0).toUpperCase()}${names.slice(1)} ${failed.length > 1 ? 'do' : 'does'} not answer`;
        return sendProblem(reply, problem('NOT_READY', detail));
      }
      return { status: 'ok' as const };
    },
  );
};
