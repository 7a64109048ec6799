import { hkdfSync, randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { DocketError } from '@docket/domain';

/**
 * The operator's backup key: 32 random bytes, written as standard base64 (44 characters, as
 * `openssl rand -base64 32` prints them), given in `DOCKET_BACKUP_KEY` or a key file. Archives are encrypted and
 * authenticated with keys derived from it (docs/backup-format.md). The bytes never leave this object: it derives,
 * and it prints as `[BackupKey]` in logs, errors and JSON.
 */

export const BACKUP_KEY_BYTES = 32;

/** What a valid key looks like, for error messages (which never repeat the value given). */
export const BACKUP_KEY_SHAPE = `${BACKUP_KEY_BYTES} random bytes in base64, 44 characters ending in = (make one with: openssl rand -base64 32)`;

const BASE64_KEY = /^[A-Za-z0-9+/]{43}=$/;

/** A text that is not a backup key. The message says why, and never holds the text. */
export class BackupKeyError extends DocketError {
  readonly code = 'INVALID_BACKUP_KEY';
}

export class BackupKey {
  readonly #bytes: Buffer;

  private constructor(bytes: Buffer) {
    this.#bytes = bytes;
  }

  /**
   * Reads a key from its base64 text, strictly: exactly 32 bytes, standard alphabet, with its padding.
   * @throws BackupKeyError saying what is wrong, not what was given
   */
  static fromBase64(text: string): BackupKey {
    if (!BASE64_KEY.test(text)) {
      const hint = /^[0-9a-fA-F]{64}$/.test(text) ? ' (this looks like hex, not base64)' : '';
      throw new BackupKeyError(`must be ${BACKUP_KEY_SHAPE}${hint}`);
    }
    const bytes = Buffer.from(text, 'base64');
    // The last character carries 4 bits of padding, which must be zero for the text to be the key's only form.
    if (bytes.length !== BACKUP_KEY_BYTES || bytes.toString('base64') !== text) {
      throw new BackupKeyError(`must be ${BACKUP_KEY_SHAPE}`);
    }
    return new BackupKey(bytes);
  }

  /** A new random key: for tests and the benchmark; operators make theirs with openssl. */
  static generate(): BackupKey {
    return new BackupKey(randomBytes(BACKUP_KEY_BYTES));
  }

  /** HKDF-SHA256 of the key with this salt and info, `length` bytes. */
  derive(salt: Buffer, info: string, length = 32): Buffer {
    return Buffer.from(hkdfSync('sha256', this.#bytes, salt, info, length));
  }

  toString(): string {
    return '[BackupKey]';
  }

  toJSON(): string {
    return '[BackupKey]';
  }

  [inspect.custom](): string {
    return '[BackupKey]';
  }
}
