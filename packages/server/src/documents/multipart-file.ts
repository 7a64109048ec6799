import { DocketError } from '@docket/domain';
import type { Multipart } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { refuseUnstorableText } from '../http/text-guard';
import { FileTooLargeError, IncompleteUploadError, UploadFormError } from './document-errors';
import type { IncomingFile } from '../use-cases/upload-document';

/**
 * Reading an upload out of a multipart/form-data request (with @fastify/multipart, registered by the documents
 * routes): exactly one file, in one field; other fields are ignored within the plugin's limits.
 */

/**
 * What a form may add to its file: the boundaries, each part's headers, the few small fields tolerated. A browser's
 * form adds a few hundred bytes; a body whose declared length exceeds the file limit by more is refused unread.
 */
export const FORM_OVERHEAD_BYTES = 64 * 1024;

/** The errors @fastify/multipart raises when a form has more parts than its limits allow. */
const LIMIT_CODES = new Set(['FST_PARTS_LIMIT', 'FST_FILES_LIMIT', 'FST_FIELDS_LIMIT']);
/** What the multipart parser says when the body stops before the form's end. */
const CUT_SHORT = /unexpected end|terminated early/i;

function codeOf(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
}

/**
 * A failure of the multipart parser as one of the upload's own errors. A body that ends too soon is an incomplete
 * upload once the file has begun; before that nothing tells it from one that was never a form.
 */
function formError(error: unknown, field: string, fileBegun: boolean): Error {
  if (error instanceof DocketError) return error;
  const message = error instanceof Error ? error.message : '';
  const closed = codeOf(error) === 'FST_MP_PREMATURE_CLOSE';
  if (closed || (fileBegun && CUT_SHORT.test(message))) return new IncompleteUploadError({ cause: error });
  if (LIMIT_CODES.has(codeOf(error))) {
    return new UploadFormError('TOO_MANY_PARTS', `Send one file, in the field "${field}", and nothing else`);
  }
  return new UploadFormError(
    'MALFORMED_FORM',
    `The request is not a valid multipart form: send one file in the field "${field}"`,
  );
}

/**
 * The form's own text — a field's name and value, the file's field name and file name — held to the rule every
 * other request is held to (`http/text-guard.ts`).
 * @throws UnstorableTextError
 */
function checkPartText(part: Multipart): void {
  if (part.type === 'file') {
    refuseUnstorableText([
      { value: part.fieldname, base: ['file', 'field'] },
      { value: part.filename, base: ['file', 'name'] },
    ]);
  } else {
    refuseUnstorableText([{ value: { [part.fieldname]: part.value }, base: [] }]);
  }
}

function missingFile(field: string): UploadFormError {
  return new UploadFormError(
    'MISSING_FILE',
    `Send the document as multipart/form-data, in the field "${field}"`,
  );
}

/**
 * The file of a multipart request, to be read by the caller, with `finish` to call once it has been read: it reads
 * the rest of the form and rejects when the form holds another file or breaks off. A request whose declared length
 * cannot hold a file of at most `maxBytes` and its form is refused before a byte of it is read.
 * @throws FileTooLargeError, UploadFormError, IncompleteUploadError
 */
export async function receiveMultipartFile(
  request: FastifyRequest,
  field: string,
  maxBytes: number,
): Promise<IncomingFile> {
  const declared = Number(request.headers['content-length']);
  if (declared > maxBytes + FORM_OVERHEAD_BYTES) throw new FileTooLargeError(maxBytes);
  if (!request.isMultipart()) throw missingFile(field);
  const parts = request.parts();
  let part: Multipart | undefined;
  try {
    do {
      const next = await parts.next();
      part = next.done ? undefined : next.value;
      if (part?.type === 'field') checkPartText(part);
    } while (part !== undefined && part.type !== 'file');
  } catch (error) {
    throw formError(error, field, false);
  }
  if (part === undefined) throw missingFile(field);
  try {
    checkPartText(part);
  } catch (error) {
    part.file.destroy();
    throw error;
  }
  if (part.fieldname !== field) {
    part.file.destroy();
    throw missingFile(field);
  }

  const finish = async () => {
    try {
      for await (const rest of parts) {
        if (rest.type === 'file') {
          rest.file.resume();
          throw new UploadFormError('TOO_MANY_PARTS', `Send one file only, in the field "${field}"`);
        }
        checkPartText(rest);
      }
    } catch (error) {
      throw formError(error, field, true);
    }
  };
  // Browsers send a quote in a file name as %22 (HTML's multipart encoding); line breaks, the other two escaped
  // characters, are left encoded: a name may not hold them anyway.
  return { filename: part.filename.replaceAll('%22', '"'), stream: part.file, finish };
}

/**
 * After a refused upload, the rest of the request is read and thrown away while the answer goes out (so that the
 * client gets to read it); the answer closes the connection (`http/unread-body.ts`).
 */
export function discardRestOfUpload(request: FastifyRequest): void {
  if (request.raw.complete || request.raw.destroyed) return;
  request.raw.resume();
}
