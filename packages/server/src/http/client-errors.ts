import { maxHeaderSize, STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { Problem } from '@docket/domain';
import type { FastifyBaseLogger } from 'fastify';
import { problem, PROBLEM_CONTENT_TYPE } from './problem';

/**
 * Requests Node's HTTP parser refuses before any request object exists — headers too large, headers too slow, a
 * request line it cannot read — still get a problem+json answer, written straight to the socket, which is then
 * closed (what follows on it cannot be trusted to be a request).
 */

/** The problem for an error Node's HTTP server reports on a connection (its `clientError` event). */
export function clientErrorProblem(code: string | undefined): Problem {
  switch (code) {
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return problem('REQUEST_TIMEOUT', 'The request did not arrive in time; send it again');
    case 'HPE_HEADER_OVERFLOW':
      return problem(
        'HEADERS_TOO_LARGE',
        `The request line and headers are larger than ${maxHeaderSize / 1024} KiB; send a shorter URL or fewer headers`,
      );
    case 'HPE_INVALID_METHOD':
      return problem('NOT_IMPLEMENTED', 'The request method is not one Docket knows');
    default:
      return problem('BAD_REQUEST', 'The request is not valid HTTP');
  }
}

/** Whether an answer of the server has begun on this socket: writing another would corrupt it. */
function answering(socket: Socket): boolean {
  const current = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  return current?.headersSent === true;
}

/** Fastify's `clientErrorHandler`: answers with a problem when the socket can still take one, then closes it. */
export function answerClientError(
  log: FastifyBaseLogger,
  error: Error & { code?: string },
  socket: Socket,
): void {
  // A reset connection has nobody left to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const body = clientErrorProblem(error.code);
  // Not the error itself: it carries the raw bytes received (`rawPacket`), up to the whole oversized headers.
  log.info({ code: body.code, status: body.status, cause: error.code }, 'refused before routing');
  if (!socket.writable || answering(socket)) {
    socket.destroy();
    return;
  }
  const json = JSON.stringify(body);
  const head = [
    `HTTP/1.1 ${body.status} ${STATUS_CODES[body.status] ?? ''}`,
    `Content-Type: ${PROBLEM_CONTENT_TYPE}`,
    `Content-Length: ${Buffer.byteLength(json)}`,
    'Cache-Control: no-store',
    'X-Content-Type-Options: nosniff',
    'Connection: close',
  ];
  socket.end(`${head.join('\r\n')}\r\n\r\n${json}`, () => socket.destroy());
}
