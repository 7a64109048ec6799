import type { BlobStore } from '@docket/blobs';

/**
 * How long the temporary file of an upload must have been left untouched before it is taken for the leftover of
 * an upload that will never finish (the server was killed mid-upload). An upload still running writes to its file
 * as its bytes arrive; a day is far beyond any upload that is still alive.
 */
export const STALE_UPLOAD_HOURS = 24;

/**
 * Removes what uploads cut short by a crash left in the blob store (see `BlobStore.removeStaleTemporaries`),
 * untouched for {@link STALE_UPLOAD_HOURS}, and answers how many; a dry run only counts them.
 */
export function removeStaleUploads(
  blobs: BlobStore,
  now: Date = new Date(),
  dryRun = false,
): Promise<number> {
  const olderThan = new Date(now.getTime() - STALE_UPLOAD_HOURS * 60 * 60 * 1000);
  return blobs.removeStaleTemporaries({ olderThan, dryRun });
}
