/**
 * The S3 adapter of the `BlobStore` port (`@docket/blobs/s3`): the only entry that loads the AWS SDK.
 */
import type { BlobStore } from '../blob-store';
import { openS3BlobStore, type S3BlobStoreOptions } from './s3-blob-store';

export type { S3BlobStoreOptions } from './s3-blob-store';

/** A blob store over an existing S3 bucket (or an S3-compatible server at `endpoint`). */
export function createS3BlobStore(options: S3BlobStoreOptions): BlobStore {
  return openS3BlobStore(options);
}
