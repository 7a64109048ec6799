import { InvalidArgumentError } from 'commander';
import { ConfigError, loadConfig, type BlobsLocator } from '../config';

/**
 * A blob store named on the command line, in the syntax of `DOCKET_BLOBS`, read by the configuration's own parser.
 * @throws InvalidArgumentError
 */
export function parseBlobsOption(flag: string, raw: string, cwd: string): BlobsLocator {
  try {
    return loadConfig({ DOCKET_BLOBS: raw }, { cwd, requireSecret: false }).blobs;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const problem =
      error.problems.find((p) => p.startsWith('DOCKET_BLOBS: ')) ?? 'DOCKET_BLOBS: is not a blob store';
    throw new InvalidArgumentError(`${flag} ${problem.slice('DOCKET_BLOBS: '.length)}`);
  }
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
