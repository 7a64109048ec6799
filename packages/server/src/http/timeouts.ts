import { finished, PassThrough } from 'node:stream';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { RequestTimeoutError } from '../errors';
import { announcesBody } from './unread-body';

/**
 * How long the server waits on a client, all in one place (the ADR on the HTTP edge's limits explains them). A
 * client that sends slowly on purpose must not hold a connection for long, yet a 250 MB document sent over a slow
 * line must arrive: so nothing limits an upload's total time, only how long it may stall between two chunks.
 */
export interface HttpTimeouts {
  /** From a request's first byte until its headers have all arrived; a client trickling headers gets 408. */
  headersMs: number;
  /**
   * From a request's first byte until its body has all arrived, for every route whose body the server reads whole
   * (JSON, at most 1 MiB); a body trickled slower gets 408. Routes that stream their body (the upload) are exempt.
   */
  bodyMs: number;
  /**
   * The longest time without a byte either way before the connection is closed: while a request's headers or body
   * arrive, while its answer is sent, and while nothing happens. This is the limit a stalled upload meets.
   */
  idleMs: number;
  /** How long a kept-alive connection waits for its next request: longer than a load balancer's (60 s on AWS). */
  keepAliveMs: number;
}

export const HTTP_TIMEOUTS: HttpTimeouts = {
  headersMs: 20_000,
  bodyMs: 60_000,
  idleMs: 30_000,
  keepAliveMs: 65_000,
};

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route reads its body as a stream, for as long as it takes (an upload): no body deadline. */
    streamsBody?: boolean;
  }
}

/**
 * The Fastify and Node server options for these timeouts. Node's own total request timeout is off: it would cut an
 * upload however steadily it arrives. {@link registerBodyDeadline} sets one for the bodies that are read whole.
 */
export function timeoutOptions(timeouts: HttpTimeouts): Pick<
  FastifyServerOptions,
  'connectionTimeout' | 'keepAliveTimeout' | 'requestTimeout'
> & {
  http: { headersTimeout: number; connectionsCheckingInterval: number };
} {
  return {
    connectionTimeout: timeouts.idleMs,
    keepAliveTimeout: timeouts.keepAliveMs,
    requestTimeout: 0,
    http: {
      headersTimeout: timeouts.headersMs,
      // Node looks for expired headers this often (30 s by default, longer than the limit itself).
      connectionsCheckingInterval: Math.max(100, Math.floor(timeouts.headersMs / 4)),
    },
  };
}

/**
 * Gives the body of every request a deadline, `bodyMs` from the request's start, except on routes marked
 * `streamsBody`. The body is read through a pass-through that fails with {@link RequestTimeoutError} when the
 * deadline passes first: the route's parser reports it like any broken body (408), and the connection is closed
 * after the answer rather than left to trickle on.
 */
export function registerBodyDeadline(app: FastifyInstance, timeouts: HttpTimeouts): void {
  app.addHook('preParsing', async (request, reply, payload) => {
    if (request.routeOptions.config.streamsBody === true || !announcesBody(request.headers)) return payload;
    const body = new PassThrough();
    const timer = setTimeout(() => {
      if (reply.sent || request.raw.complete) return;
      reply.header('connection', 'close');
      // Only a stream someone reads can fail: an unread one (no parser for this body) is left to the idle limit.
      if (body.listenerCount('error') > 0) body.destroy(new RequestTimeoutError(timeouts.bodyMs));
    }, timeouts.bodyMs);
    timer.unref();
    const done = () => clearTimeout(timer);
    body.once('end', done);
    body.once('close', done);
    reply.raw.once('close', done);
    payload.pipe(body);
    // A client that goes away fails the body as it would have without this pass-through.
    finished(payload, (error) => {
      if (error) body.destroy(error);
    });
    return body;
  });
}
