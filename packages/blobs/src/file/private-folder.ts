import { chmod, lstat, mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';

/** Permission bits of group and others. */
const GROUP_AND_OTHERS = 0o077;

/** What the folder adapter creates: folders for the owner only, whatever the umask. */
export const PRIVATE_FOLDER_MODE = 0o700;
/** What the folder adapter creates: files for the owner only, whatever the umask. */
export const PRIVATE_FILE_MODE = 0o600;

/**
 * Makes the blob folder, and any folder missing above it, for the owner only. A blob folder that others may enter
 * was made by a release before this one, which also left the documents in it readable by everyone: then every
 * folder and file in it that this process owns loses what it granted group and others (once; a private folder is
 * not walked again, so that a large store starts quickly). Symbolic links are left alone, and not followed.
 */
export async function preparePrivateFolder(directory: string): Promise<void> {
  await mkdir(directory, { recursive: true, mode: PRIVATE_FOLDER_MODE });
  if (((await lstat(directory)).mode & GROUP_AND_OTHERS) !== 0) await tighten(directory);
}

async function tighten(path: string): Promise<void> {
  const stats = await lstat(path);
  if (stats.isSymbolicLink()) return;
  const ours = process.getuid === undefined || stats.uid === process.getuid();
  if (ours && (stats.mode & GROUP_AND_OTHERS) !== 0) await chmod(path, stats.mode & 0o700);
  if (stats.isDirectory()) {
    for (const name of await readdir(path)) await tighten(join(path, name));
  }
}
