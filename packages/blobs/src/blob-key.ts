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

/** Whether `value` holds a control character other than tab (which no header value may). */
function hasControlCharacter(value: string): boolean {
  for (let i = 0; i < value.length; i += 1) {
    const code = value.charCodeAt(i);
    if ((code < 0x20 && code !== 0x09) || code === 0x7f) return true;
  }
  return false;
}

/**
 * Checks what `downloadLink` is asked for: a lifetime of 1 to 3600 whole seconds, and header values that are not
 * blank and hold no control character but tab.
 */
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
    if (options[field].trim() === '' || hasControlCharacter(options[field])) {
      throw new ValidationError(`a download link's ${field} must be one non-empty line`, [
        { path: [field], message: 'invalid' },
      ]);
    }
  }
}
