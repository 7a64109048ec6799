import type { Readable } from 'node:stream';
import fastifyMultipart from '@fastify/multipart';
import type { BlobStore } from '@docket/blobs';
import { DOCUMENT_NAME_MAX, NotFoundError, problemSchema, uploadedDocumentViewSchema } from '@docket/domain';
import type { ContractStore, RateStore, StateStore } from '@docket/store';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { attachmentDisposition } from '../documents/content-disposition';
import { formatMegabytes } from '../documents/document-errors';
import { zipDocuments } from '../documents/documents-zip';
import { ALLOWED_TYPES_TEXT } from '../documents/file-types';
import { discardRestOfUpload, receiveMultipartFile } from '../documents/multipart-file';
import type { UploadReceipts } from '../documents/upload-receipts';
import { currentUser } from '../http/auth';
import { documented, problemResponses, READ_SECURITY, WRITE_SECURITY } from '../http/openapi';
import { PROBLEM_CONTENT_TYPE } from '../http/problem';
import { findDownloadableDocument, revisionArchive } from '../use-cases/document-access';
import { uploadDocument } from '../use-cases/upload-document';
import { contractIdParams } from './schemas';

export interface DocumentRoutesOptions {
  stores: { contracts: ContractStore; rates: RateStore; states: StateStore };
  blobs: BlobStore;
  receipts: UploadReceipts;
  /** The largest document accepted, in bytes. */
  maxUploadBytes: number;
}

/** The one form field that carries the file. */
const FILE_FIELD = 'file';

const documentParams = contractIdParams.extend({
  documentId: z
    .string()
    .min(1)
    .max(100)
    .describe('The document id: the uuid of its `blobKey` (`documents/{uuid}`)'),
});

/**
 * How long a link to the storage itself lives, when the blob store hands them out: the browser follows it at once,
 * and five minutes absorbs a skewed clock without leaving a usable link around for long.
 */
const DOWNLOAD_LINK_SECONDS = 300;

const revisionParams = contractIdParams.extend({
  revisionId: z.string().min(1).max(100).describe('The revision id'),
});

/**
 * The upload's form, as the OpenAPI document describes it. Only the document: the handler reads the form as a
 * stream (the multipart parser leaves the request's `body` empty) and checks what this describes itself — one
 * file, in this field, within the limits — with errors of its own (see the route's `validatorCompiler`).
 */
function uploadFormSchema(maxMegabytes: string) {
  const file = documented(z.string(), {
    format: 'binary',
    description: `The document (${ALLOWED_TYPES_TEXT}, at most ${maxMegabytes} MB), sent with its file name`,
  });
  return documented(z.object({ [FILE_FIELD]: file }), {
    description:
      `A multipart/form-data form with one file, in the field \`${FILE_FIELD}\`, whose file name (at most ` +
      `${DOCUMENT_NAME_MAX} characters) has the extension of its type: ${ALLOWED_TYPES_TEXT}, at most ` +
      `${maxMegabytes} MB. Up to 5 other small fields are tolerated and ignored; a second file is refused.`,
  });
}

function problemResponse(description: string) {
  return { description, content: { [PROBLEM_CONTENT_TYPE]: { schema: problemSchema } } };
}

function binaryResponse(description: string, mediaType: string) {
  return { description, content: { [mediaType]: { schema: documented(z.string(), { format: 'binary' }) } } };
}

/**
 * Streams a file to be saved, never shown: the browser is told not to guess its type or keep a copy. (The route's
 * 200 schema only describes bytes for the OpenAPI document; a stream goes out as it is.)
 */
function sendAttachment(
  reply: FastifyReply,
  body: Readable,
  name: string,
  contentType: string,
): FastifyReply {
  return reply
    .type(contentType)
    .header('content-disposition', attachmentDisposition(name))
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .send(body);
}

/** Uploading documents, and downloading them one by one or as one zip per revision. */
export const documentRoutes: FastifyPluginAsyncZod<DocumentRoutesOptions> = async (app, options) => {
  const { stores, blobs, maxUploadBytes } = options;
  // Multipart bodies are parsed for these routes only; elsewhere they stay refused.
  await app.register(fastifyMultipart, {
    limits: {
      files: 1,
      // One byte over the limit is read, so that storing it fails with TOO_LARGE instead of a silent cut.
      fileSize: maxUploadBytes + 1,
      fields: 5,
      fieldNameSize: 100,
      fieldSize: 1024,
      parts: 6,
      headerPairs: 20,
    },
  });
  // Any other body reaches the upload unread, to be refused there with a message about multipart forms.
  app.addContentTypeParser('*', (_request, _payload, done) => {
    done(null, undefined);
  });

  const maxMegabytes = formatMegabytes(maxUploadBytes);
  app.post(
    '/api/documents',
    {
      // The file streams in for as long as it takes; only a stall between chunks ends it (`http/timeouts.ts`).
      config: { streamsBody: true },
      // The body schema describes the form for the OpenAPI document; the handler reads and checks the form itself.
      validatorCompiler: () => (value) => ({ value }),
      schema: {
        tags: ['documents'],
        summary: 'Upload a document for the caller’s state',
        description:
          `A multipart/form-data body with one file in the field \`${FILE_FIELD}\`: ${ALLOWED_TYPES_TEXT}, checked ` +
          `by content and extension, at most ${maxMegabytes} MB. The answer's \`document\` (with its ` +
          '`uploadToken`) goes into a document list of a draft, which must be saved to keep it.',
        consumes: ['multipart/form-data'],
        body: uploadFormSchema(maxMegabytes),
        security: WRITE_SECURITY,
        response: {
          201: {
            description:
              'The document as stored, under a key the server made: its name, size, SHA-256 and content type ' +
              '(from its extension), and `uploadToken`, the receipt a draft of the caller’s state needs to take ' +
              'it. A document no draft takes is removed by `docket gc` after a grace period.',
            content: { 'application/json': { schema: uploadedDocumentViewSchema } },
          },
          ...problemResponses(401, 403),
          400: problemResponse(
            'No file in the field `file` (`MISSING_FILE`), more than one or more than 5 other fields ' +
              '(`TOO_MANY_PARTS`), not a multipart form (`MALFORMED_FORM`), the upload ended early ' +
              '(`INCOMPLETE_UPLOAD`), or a field, field name or file name with a NUL or a lone UTF-16 surrogate ' +
              '(`VALIDATION_FAILED`, naming it)',
          ),
          422: problemResponse(
            'The file is empty (`EMPTY_FILE`), or its name cannot be used: empty once trimmed, longer than ' +
              `${DOCUMENT_NAME_MAX} characters, or with control or bidirectional characters (\`INVALID_FILE_NAME\`, ` +
              'naming `file.name`)',
          ),
          413: problemResponse(
            `The file is larger than ${maxMegabytes} MB (\`TOO_LARGE\`), as it arrives or by the request's ` +
              'declared length, which is then refused before it is read',
          ),
          415: problemResponse(
            `Not a ${ALLOWED_TYPES_TEXT} file by content and extension: a program, a CSV that is HTML, SVG or ` +
              'XML, a zip that lacks the parts of the Office type its extension names (`UNSUPPORTED_FILE_TYPE`)',
          ),
        },
      },
    },
    async (request, reply) => {
      const user = currentUser(request);
      try {
        const document = await uploadDocument(
          { blobs, receipts: options.receipts, maxBytes: maxUploadBytes },
          user,
          () => receiveMultipartFile(request, FILE_FIELD, maxUploadBytes),
        );
        reply.code(201);
        return { document };
      } catch (error) {
        discardRestOfUpload(request);
        throw error;
      }
    },
  );

  app.get(
    '/api/contracts/:id/documents/:documentId',
    {
      schema: {
        tags: ['documents'],
        summary: 'Download one document of a filing',
        description:
          'Any document of any revision of the contract, or of a rate one of its revisions links, for whoever may ' +
          'read the contract.',
        security: READ_SECURITY,
        params: documentParams,
        response: {
          200: binaryResponse('The document, as an attachment', 'application/octet-stream'),
          302: z
            .undefined()
            .describe(
              'When documents are kept in S3 with `downloads=presigned`: the document is at `Location`, a link to ' +
                `the bucket that works for ${DOWNLOAD_LINK_SECONDS / 60} minutes and serves it as an attachment ` +
                '(the bucket cannot add `X-Content-Type-Options: nosniff`)',
            ),
          ...problemResponses(401, 404),
        },
      },
    },
    async (request, reply) => {
      const { id, documentId } = request.params;
      const document = await findDownloadableDocument(stores, currentUser(request), id, documentId);
      const missing = () => {
        request.log.error(
          { blobKey: document.blobKey },
          'a document of a filing is missing from the blob store',
        );
        return new NotFoundError('Document', documentId);
      };
      const link = await blobs.downloadLink(document.blobKey, {
        contentType: document.contentType,
        contentDisposition: attachmentDisposition(document.name),
        expiresInSeconds: DOWNLOAD_LINK_SECONDS,
      });
      if (link !== null) {
        // The bucket would answer a missing blob with a page of its own: look first, so it is logged and answered here.
        if ((await blobs.head(document.blobKey)) === null) throw missing();
        return reply.header('cache-control', 'private, no-store').redirect(link, 302);
      }
      let body;
      try {
        body = await blobs.get(document.blobKey);
      } catch (error) {
        if (!(error instanceof NotFoundError)) throw error;
        throw missing();
      }
      reply.header('content-length', String(document.size));
      return sendAttachment(reply, body, document.name, document.contentType);
    },
  );

  app.get(
    '/api/contracts/:id/revisions/:revisionId/documents.zip',
    {
      schema: {
        tags: ['documents'],
        summary: 'Download every document of one revision as a zip',
        description:
          'The contract documents and supporting documents, and for each rate the revision links, its documents ' +
          'in a folder named after the rate. Streamed as it is made: a document that cannot be read aborts the ' +
          'download.',
        security: READ_SECURITY,
        params: revisionParams,
        response: {
          200: binaryResponse('The zip', 'application/zip'),
          ...problemResponses(401, 404),
        },
      },
    },
    async (request, reply) => {
      const { id, revisionId } = request.params;
      const archive = await revisionArchive(stores, currentUser(request), id, revisionId);
      const zip = zipDocuments(blobs, archive.entries, (error) => {
        request.log.error({ err: error }, 'documents zip aborted: a document could not be read');
      });
      return sendAttachment(reply, zip, archive.fileName, 'application/zip');
    },
  );
};
