import { chmod, lstat, mkdir } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Docket's files hold every record and document, password hashes included: whatever the umask, every folder it
 * creates for them is 0700 and every file 0600 (the datastore and blob store adapters do the same for theirs).
 */

/** Folders Docket creates for data. */
export const PRIVATE_FOLDER_MODE = 0o700;
/** Files Docket creates for data. */
export const PRIVATE_FILE_MODE = 0o600;

/** The folder of the working directory where Docket keeps its data unless told otherwise (README). */
export const DOCKET_FOLDER = '.docket';

/** Whether a file or folder lets group or others in, and belongs to this process's user (who may change that). */
async function looseAndOurs(path: string): Promise<boolean> {
  const stats = await lstat(path);
  const ours = process.getuid === undefined || stats.uid === process.getuid();
  return ours && !stats.isSymbolicLink() && (stats.mode & 0o077) !== 0;
}

/**
 * Makes a folder of Docket's own (and any folder missing above it) for the owner only, and takes group and others
 * off it if an older release made it for them.
 */
export async function makePrivateFolder(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: PRIVATE_FOLDER_MODE });
  if (await looseAndOurs(dir)) await chmod(dir, PRIVATE_FOLDER_MODE);
}

/**
 * Takes group and others off the working directory's `.docket/` when it is there: releases before this one made it,
 * and the files in it, readable by everyone. (The database and document folders in it tighten themselves.)
 */
export async function tightenDocketFolder(cwd: string): Promise<void> {
  const dir = join(cwd, DOCKET_FOLDER);
  try {
    if (await looseAndOurs(dir)) await chmod(dir, PRIVATE_FOLDER_MODE);
  } catch (error) {
    // Not there, or not ours to look at: then not ours to change either.
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'EACCES') throw error;
  }
}
