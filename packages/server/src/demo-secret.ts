import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MIN_SECRET_LENGTH } from './config';

/**
 * The session-signing secret of demo mode: generated once and kept in `<dir>/secret` (mode 0600), so that a
 * restarted demo keeps its sessions. Outside demo mode the secret must come from `DOCKET_SECRET`.
 */
export async function readOrCreateDemoSecret(dir: string): Promise<string> {
  const file = join(dir, 'secret');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  try {
    return await writeNewSecret(file);
  } catch (error) {
    if (!isAlreadyExists(error)) throw error;
  }
  const secret = (await readFile(file, 'utf8')).trim();
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new Error(`${file} holds no usable secret (fewer than ${MIN_SECRET_LENGTH} characters); delete it`);
  }
  if (((await stat(file)).mode & 0o077) !== 0) await chmod(file, 0o600);
  return secret;
}

async function writeNewSecret(file: string): Promise<string> {
  const secret = randomBytes(48).toString('base64url');
  await writeFile(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  return secret;
}

function isAlreadyExists(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'EEXIST';
}
