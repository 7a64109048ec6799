import { chmod, lstat, mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';

/** Permission bits of group and others. */
const GROUP_AND_OTHERS = 0o077;

/**
 * Makes the PGlite data folder, and any folder missing above it, for the owner only (0700, whatever the umask),
 * then takes group and others off every folder and file in it that this process owns: releases before this one
 * left PGlite's files readable and writable by everyone. Symbolic links are left alone, and not followed.
 */
export async function preparePrivateFolder(directory: string): Promise<void> {
  await mkdir(directory, { recursive: true, mode: 0o700 });
  await tighten(directory);
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
