/**
 * The folder adapter of the `BlobStore` port (`@docket/blobs/file`). Importing it loads no S3 SDK.
 */
import type { BlobStore } from '../blob-store';
import { openFileBlobStore, type FileBlobStoreOptions } from './file-blob-store';

export type { FileBlobStoreOptions } from './file-blob-store';

/** A blob store in a local folder, created if missing. */
export function createFileBlobStore(options: FileBlobStoreOptions): Promise<BlobStore> {
  return openFileBlobStore(options);
}
