import type { FastifyInstance } from 'fastify';

/** Whether a request's headers announce a body (a length above zero, or chunks). */
export function announcesBody(headers: Record<string, string | string[] | undefined>): boolean {
  const length = headers['content-length'];
  return headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/**
 * An answer sent before the request's body has all arrived — a refusal by the session or CSRF check, a body too
 * large by its declared length, a file refused by its first bytes — says `Connection: close`, and the connection
 * is closed once the answer is out. What the client was still sending is read and dropped meanwhile, never taken
 * for the next request, and the server does not go on reading a large body nobody wants; a client that had
 * pipelined another request after the body sends it again on a new connection, as the header tells it to.
 */
export function registerUnreadBodyClose(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    if (announcesBody(request.headers) && !request.raw.complete) reply.header('connection', 'close');
    return payload;
  });
}
