import { open } from 'node:fs/promises';
import { resolve } from 'node:path';
import { backupKeyFromEnv } from '../config';
import { BACKUP_KEY_SHAPE, BackupKey, BackupKeyError } from '../transfer/backup-key';

/** A key file is one line; anything much longer is not one (and is not read whole). */
const MAX_KEY_FILE_BYTES = 1024;

/**
 * Reads a key file: the key's base64 text, with at most one line ending after it. The file must be a regular file
 * that only its owner can read or write (as ssh asks of a private key), except on Windows, which has no such
 * modes.
 * @throws BackupKeyError saying what is wrong, never what the file holds
 */
export async function readKeyFile(path: string): Promise<BackupKey> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new BackupKeyError(`--key-file ${path}: there is no such file`);
    if (code === 'EACCES') throw new BackupKeyError(`--key-file ${path}: this user may not read it`);
    throw error;
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new BackupKeyError(`--key-file ${path}: is not a file`);
    if (process.platform !== 'win32' && (info.mode & 0o077) !== 0) {
      const mode = (info.mode & 0o777).toString(8).padStart(4, '0');
      throw new BackupKeyError(
        `--key-file ${path}: other users of this machine may read or change it (mode ${mode}); make it ` +
          `private first: chmod 600 ${path}`,
      );
    }
    if (info.size > MAX_KEY_FILE_BYTES) {
      throw new BackupKeyError(
        `--key-file ${path}: is too large to hold a key, which is ${BACKUP_KEY_SHAPE}`,
      );
    }
    const text = (await handle.readFile('utf8')).replace(/\r?\n$/, '');
    try {
      return BackupKey.fromBase64(text);
    } catch (error) {
      if (!(error instanceof BackupKeyError)) throw error;
      throw new BackupKeyError(`--key-file ${path}: does not hold a key: it ${error.message}`);
    }
  } finally {
    await handle.close();
  }
}

/**
 * The backup key `--key-file` names, else `DOCKET_BACKUP_KEY`'s (a flag wins over the environment, as `--from`
 * does over `DOCKET_STORE`); null when neither is given.
 * @throws BackupKeyError or ConfigError when the one given is not a key
 */
export async function backupKeyOf(keyFile: string | undefined, cwd: string): Promise<BackupKey | null> {
  if (keyFile !== undefined) return readKeyFile(resolve(cwd, keyFile));
  return backupKeyFromEnv(process.env);
}
