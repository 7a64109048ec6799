/**
 * Document storage: the `BlobStore` port, its key rules and its errors. The adapters are subpath exports
 * (`@docket/blobs/file`, `@docket/blobs/s3`), as the datastore's are, so that importing the port loads no SDK; only
 * the composition root picks one, and everything else takes a `BlobStore`.
 */
export * from './blob-store';
export { assertBlobKey } from './blob-key';
export { BlobTooLargeError } from './errors';
