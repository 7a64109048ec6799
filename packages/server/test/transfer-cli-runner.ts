import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createFileBlobStore } from '@docket/blobs/file';
import { TRANSFER_KINDS, type Datastore, type TransferKind } from '@docket/store';
import { openDatastore } from '../src/composition-root';
import { blobContents } from './transfer-fixtures';

/**
 * The real `docket` command in a child process, for the tests of copy, backup and restore, and what they need
 * to look at PGlite folders and blob folders from the test process (only while no child has them open).
 */

const MAIN = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

export interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Starts `docket args` in `cwd` with only PATH and `env` in its environment. */
export function startDocket(
  cwd: string,
  args: string[],
  env: Record<string, string> = {},
): { child: ChildProcess; done: Promise<Run> } {
  const child = spawn(process.execPath, ['--import', TSX, MAIN, ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<Run>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, done };
}

/** The SHA-256 and size of every blob in a blob folder, by key. */
export async function blobsIn(dir: string) {
  const store = await createFileBlobStore({ dir });
  try {
    return await blobContents(store);
  } finally {
    await store.close();
  }
}

/** Opens a PGlite folder in this process for a look, and closes it. */
export async function inspect<T>(dir: string, look: (datastore: Datastore) => Promise<T>): Promise<T> {
  const datastore = await openDatastore({ kind: 'pglite', dataDir: dir });
  try {
    await datastore.migrate();
    return await look(datastore);
  } finally {
    await datastore.close();
  }
}

export async function countsOf(dir: string): Promise<Record<TransferKind, number>> {
  return inspect(dir, async (datastore) => {
    const counts: Partial<Record<TransferKind, number>> = {};
    for (const kind of TRANSFER_KINDS) counts[kind] = await datastore.transfer.count(kind);
    return counts as Record<TransferKind, number>;
  });
}

export const EMPTY = Object.fromEntries(TRANSFER_KINDS.map((kind) => [kind, 0]));
