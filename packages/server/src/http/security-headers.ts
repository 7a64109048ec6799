import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * The security headers every answer carries (Content-Security-Policy, frame and referrer policies, HSTS over
 * HTTPS, …), as helmet sets them. They depend on the configuration alone, never on the request, so helmet runs
 * once, against a response that only records what it is told, and every request is given the recorded headers:
 * running helmet per request parsed its whole policy again on every answer.
 */
export function securityHeaders(options: HelmetOptions): Readonly<Record<string, string>> {
  const headers = new Map<string, string>();
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers.set(name.toLowerCase(), Array.isArray(value) ? value.join(', ') : String(value));
    },
    removeHeader(name: string) {
      headers.delete(name.toLowerCase());
    },
  };
  let failure: unknown = null;
  let finished = false;
  // Helmet's middleware is synchronous: it has run to its end (or failed) when the call returns.
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, (error?: unknown) => {
    failure = error ?? null;
    finished = true;
  });
  if (failure !== null) throw failure;
  if (!finished) throw new Error('The security headers could not be worked out');
  return Object.fromEntries(headers);
}

/** Sets `headers` on every answer, errors and 404s included. */
export function registerSecurityHeaders(
  app: FastifyInstance,
  headers: Readonly<Record<string, string>>,
): void {
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
}
