/**
 * Document storage: the `BlobStore` port and its adapters (a local folder, S3). Only the composition root picks
 * an adapter; everything else takes a `BlobStore`.
 */
import type { BlobStore } from './blob-store';
import { openFileBlobStore, type FileBlobStoreOptions } from './file/file-blob-store';
import { openS3BlobStore, type S3BlobStoreOptions } from './s3/s3-blob-store';

export * from './blob-store';
export { assertBlobKey } from './blob-key';
export { BlobTooLargeError } from './errors';
export type { FileBlobStoreOptions } from './file/file-blob-store';
export type { S3BlobStoreOptions } from './s3/s3-blob-store';

/** A blob store in a local folder, created if missing. */
export function createFileBlobStore(options: FileBlobStoreOptions): Promise<BlobStore> {
  return openFileBlobStore(options);
}

/** A blob store over an existing S3 bucket (or an S3-compatible server at `endpoint`). */
export function createS3BlobStore(options: S3BlobStoreOptions): BlobStore {
  return openS3BlobStore(options);
}
