import { once } from 'node:events';
import { pipeline, type Readable } from 'node:stream';
import { BlobTooLargeError, type BlobStore } from '@docket/blobs';
import { canUpload, DocketError, ForbiddenError, type DocumentRef, type User } from '@docket/domain';
import {
  EmptyFileError,
  FileTooLargeError,
  IncompleteUploadError,
  UnsupportedFileTypeError,
} from '../documents/document-errors';
import { newDocumentKey } from '../documents/document-keys';
import { documentName } from '../documents/file-name';
import { ALLOWED_TYPES_TEXT, typeOfName, type AllowedType } from '../documents/file-types';
import { TypeGate } from '../documents/type-gate';
import type { UploadReceipts } from '../documents/upload-receipts';

export interface UploadDocumentDeps {
  blobs: BlobStore;
  receipts: UploadReceipts;
  /** The largest file accepted, in bytes. */
  maxBytes: number;
}

/** A file as it arrives: the name the client gave and its bytes, not yet read. */
export interface IncomingFile {
  filename: string;
  stream: Readable;
  /** Reads whatever of the request follows the file; rejects when that makes the upload unacceptable. */
  finish?: () => Promise<void>;
}

/** Starts receiving the file; called only once the user may upload, so nobody else's bytes are read. */
export type ReceiveFile = () => Promise<IncomingFile>;

/** Only state users upload: documents go into their state's filings. */
function assertMayUpload(user: User): asserts user is User & { stateCode: string } {
  if (!canUpload(user)) {
    throw new ForbiddenError('Only state users upload documents');
  }
}

/** The name to store and the type it claims. */
function checkName(filename: string): { name: string; type: AllowedType } {
  const name = documentName(filename);
  const type = typeOfName(name);
  if (!type) {
    throw new UnsupportedFileTypeError(`${name} does not have the extension of a ${ALLOWED_TYPES_TEXT} file`);
  }
  return { name, type };
}

/**
 * Stores one uploaded file under a fresh key and answers its document reference, with the receipt a draft needs
 * to take it (see `upload-receipts.ts`). The file's bytes stream straight into the blob store, measured and hashed
 * on the way; its type is checked by name and by content before anything is stored.
 *
 * Nothing is left behind when it fails: refused by name before a byte is read, or by content, size or a broken
 * upload while streaming (the blob store's `put` is all or nothing). The caller must still deal with whatever of
 * the request was not read.
 * @throws ForbiddenError for a user who is not a state user
 * @throws ValidationError `INVALID_FILE_NAME`, UnsupportedFileTypeError, EmptyFileError, FileTooLargeError,
 * IncompleteUploadError, and whatever the file's `finish` throws
 */
export async function uploadDocument(
  deps: UploadDocumentDeps,
  user: User,
  receive: ReceiveFile,
  now: Date = new Date(),
): Promise<DocumentRef> {
  assertMayUpload(user);
  const file = await receive();
  let name: string;
  let type: AllowedType;
  try {
    ({ name, type } = checkName(file.filename));
  } catch (error) {
    file.stream.destroy();
    throw error;
  }

  const key = newDocumentKey();
  const gate = new TypeGate(type, name);
  // When the upload itself breaks (the client went away, the body ended mid-file), its stream fails with that
  // error first, and `pipeline` hands the very same error through the gate to `put`.
  let uploadError: unknown = file.stream.errored;
  file.stream.once('error', (error) => {
    uploadError ??= error;
  });
  pipeline(file.stream, gate, () => undefined);
  let stored: { size: number; sha256: string };
  try {
    // Refused and empty files are known before the blob store is asked to store anything.
    await once(gate, 'accepted');
    stored = await deps.blobs.put(key, gate, { contentType: type.contentType, maxBytes: deps.maxBytes });
  } catch (error) {
    if (error instanceof BlobTooLargeError) throw new FileTooLargeError(deps.maxBytes);
    if (error instanceof DocketError) throw error;
    if (error === uploadError) throw new IncompleteUploadError({ cause: error });
    throw error;
  }
  try {
    if (stored.size === 0) throw new EmptyFileError(name);
    await file.finish?.();
  } catch (error) {
    await deps.blobs.delete(key);
    throw error;
  }

  const document: Omit<DocumentRef, 'uploadToken'> = {
    blobKey: key,
    name,
    sha256: stored.sha256,
    size: stored.size,
    contentType: type.contentType,
    uploadedBy: user.id,
    uploadedAt: now.toISOString(),
  };
  return { ...document, uploadToken: deps.receipts.issue(document, user.stateCode) };
}
