import { StatementMeter, withStatementMeter } from '@docket/store';
import type { FastifyInstance } from 'fastify';

/**
 * `Server-Timing` on every /api response (`DOCKET_SERVER_TIMING=1`; off by default, and never on in production
 * unless asked: it tells any caller how much work its request cost):
 *
 *     Server-Timing: db;desc="<n> statements";dur=<ms in the datastore>, app;dur=<ms in all>
 *
 * `n` counts every SQL statement (BEGIN and COMMIT included) or DynamoDB request the request sent, from the moment
 * it arrived (its session lookup included) to its answer; `dur` of `db` is the time at least one of them was in
 * flight, and `dur` of `app` the time since the request arrived. Load tools read these, with the statement
 * budgets (`statement-budgets.ts`).
 */

export const SERVER_TIMING_HEADER = 'server-timing';

/** What a request has cost so far, from its first hook on. */
interface RequestCost {
  meter: StatementMeter;
  startedAt: number;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** What this request has cost so far, when Server-Timing is on. */
    cost: RequestCost | null;
  }
}

/** The header's value. */
export function serverTimingValue(statements: number, datastoreMs: number, totalMs: number): string {
  return `db;desc="${statements} statements";dur=${milliseconds(datastoreMs)}, app;dur=${milliseconds(totalMs)}`;
}

function milliseconds(value: number): string {
  return String(Math.round(value * 100) / 100);
}

/**
 * Meters each /api request from its first hook on. Register it before any hook that reads the datastore. The
 * meter follows the request's async flow; reading a body resumes in the socket's flow instead, so the request is
 * put back under its meter once the body is in.
 */
export function registerServerTiming(app: FastifyInstance, isApiPath: (url: string) => boolean): void {
  app.decorateRequest('cost', null);
  app.addHook('onRequest', (request, _reply, done) => {
    if (!isApiPath(request.url)) return done();
    const cost = { meter: new StatementMeter(), startedAt: performance.now() };
    request.cost = cost;
    withStatementMeter(cost.meter, done);
  });
  app.addHook('preValidation', (request, _reply, done) => {
    if (request.cost === null) return done();
    withStatementMeter(request.cost.meter, done);
  });
  app.addHook('onSend', async (request, reply) => {
    if (!isApiPath(request.url)) return;
    const count = request.cost?.meter.count() ?? { statements: 0, datastoreMs: 0 };
    const totalMs = request.cost === null ? 0 : performance.now() - request.cost.startedAt;
    reply.header(SERVER_TIMING_HEADER, serverTimingValue(count.statements, count.datastoreMs, totalMs));
  });
}
