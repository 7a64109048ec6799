import { InvalidArgumentError } from 'commander';
import { blobsLocatorSchema, DEFAULT_BLOBS, loadConfig, type BlobsLocator } from '../config';

/**
 * A blob store named on the command line, in the syntax of `DOCKET_BLOBS`, read by the configuration's own parser;
 * empty, as in the environment, means the default folder.
 * @throws InvalidArgumentError
 */
export function parseBlobsOption(flag: string, raw: string, cwd: string): BlobsLocator {
  const parsed = blobsLocatorSchema(cwd).safeParse(raw === '' ? DEFAULT_BLOBS : raw);
  if (parsed.success) return parsed.data;
  throw new InvalidArgumentError(`${flag} ${parsed.error.issues[0]?.message ?? 'is not a blob store'}`);
}

/** `flag`'s blob store when given, else the configured `DOCKET_BLOBS`. */
export function blobsLocator(flag: string, raw: string | undefined, cwd: string): BlobsLocator {
  if (raw !== undefined) return parseBlobsOption(flag, raw, cwd);
  return loadConfig(process.env, { cwd, requireSecret: false }).blobs;
}

/** Whether two locators name the same blob store. */
export function sameBlobs(a: BlobsLocator, b: BlobsLocator): boolean {
  if (a.kind === 'file' && b.kind === 'file') return a.dir === b.dir;
  if (a.kind === 's3' && b.kind === 's3') return a.bucket === b.bucket && a.endpoint === b.endpoint;
  return false;
}
