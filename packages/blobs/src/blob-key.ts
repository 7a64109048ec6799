import { ValidationError } from '@docket/domain';
import { MAX_DOWNLOAD_LINK_SECONDS, type DownloadLinkOptions } from './blob-store';

const KEY = /^[a-z0-9_-]+(?:\/[a-z0-9_-]+)*$/;
const PREFIX = /^(?:[a-z0-9_-]+\/?)*$/;
const MAX_KEY_LENGTH = 512;
export const MAX_LIST_LIMIT = 1000;

/** Throws `ValidationError` `INVALID_BLOB_KEY` unless `key` is a server-made key (see `BlobStore`). */
export function assertBlobKey(key: string): void {
  if (key.length > MAX_KEY_LENGTH || !KEY.test(key)) {
    throw new ValidationError(
      `not a valid blob key: ${JSON.stringify(key)}`,
      [{ path: ['key'], message: 'invalid' }],
      'INVALID_BLOB_KEY',
    );
  }
}

/** Checks a `list` prefix (a key's start: segments, optionally ending with `/`) and limit. */
export function assertListOptions(prefix: string, limit: number): void {
  if (prefix.length > MAX_KEY_LENGTH || !PREFIX.test(prefix)) {
    throw new ValidationError(
      `not a valid blob key prefix: ${JSON.stringify(prefix)}`,
      [{ path: ['prefix'], message: 'invalid' }],
      'INVALID_BLOB_KEY',
    );
  }
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIST_LIMIT) {
    throw new ValidationError(`list limit must be an integer from 1 to ${MAX_LIST_LIMIT}`, [
      { path: ['limit'], message: 'invalid' },
    ]);
  }
}

/** Checks what `downloadLink` is asked for: a lifetime of 1 to 3600 whole seconds, header values on one line. */
export function assertDownloadLinkOptions(options: DownloadLinkOptions): void {
  const { expiresInSeconds } = options;
  if (
    !Number.isInteger(expiresInSeconds) ||
    expiresInSeconds < 1 ||
    expiresInSeconds > MAX_DOWNLOAD_LINK_SECONDS
  ) {
    throw new ValidationError(
      `a download link lives from 1 to ${MAX_DOWNLOAD_LINK_SECONDS} whole seconds, not ${expiresInSeconds}`,
      [{ path: ['expiresInSeconds'], message: 'invalid' }],
    );
  }
  for (const field of ['contentType', 'contentDisposition'] as const) {
    if (options[field] === '' || /[\r\n\0]/.test(options[field])) {
      throw new ValidationError(`a download link's ${field} must be one non-empty line`, [
        { path: [field], message: 'invalid' },
      ]);
    }
  }
}
