import { randomBytes } from 'node:crypto';
import { chmod, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MIN_SECRET_LENGTH } from './config';
import { makePrivateFolder, PRIVATE_FILE_MODE } from './private-files';

/**
 * The session-signing secret of demo mode: generated once and kept in `<dir>/secret` (mode 0600, in a folder made
 * 0700), so that a restarted demo keeps its sessions. Outside demo mode the secret must come from `DOCKET_SECRET`.
 */
export async function readOrCreateDemoSecret(dir: string): Promise<string> {
  const file = join(dir, 'secret');
  await makePrivateFolder(dir);
  try {
    return await writeNewSecret(file);
  } catch (error) {
    if (!isAlreadyExists(error)) throw error;
  }
  const secret = (await readFile(file, 'utf8')).trim();
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new Error(`${file} holds no usable secret (fewer than ${MIN_SECRET_LENGTH} characters); delete it`);
  }
  if (((await stat(file)).mode & 0o077) !== 0) await chmod(file, PRIVATE_FILE_MODE);
  return secret;
}

async function writeNewSecret(file: string): Promise<string> {
  const secret = randomBytes(48).toString('base64url');
  await writeFile(file, `${secret}\n`, { mode: PRIVATE_FILE_MODE, flag: 'wx' });
  return secret;
}

function isAlreadyExists(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'EEXIST';
}
