import type { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import { attachmentDisposition } from '../documents/content-disposition';

/**
 * Sends a CSV export as a file to save: the browser is told not to guess its type or keep a copy. (The route's
 * 200 schema describes the bytes for the OpenAPI document; the stream goes out as it is.)
 */
export function sendCsv(reply: FastifyReply, body: Readable, name: string): FastifyReply {
  return reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', attachmentDisposition(name))
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .send(body);
}
