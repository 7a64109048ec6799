import { chmod, lstat, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPostgresDatastore } from '../src/postgres';

/**
 * The embedded database's files hold every record, password hashes included: whatever the process umask, PGlite's
 * data folder is 0700 and every folder and file in it 0700 and 0600, while it runs and after.
 */

const scratch: string[] = [];
let umask: number;
beforeEach(() => {
  // The most permissive umask there is: whatever comes out private, Docket made private.
  umask = process.umask(0);
});
afterEach(() => {
  process.umask(umask);
});
afterAll(async () => {
  await Promise.all(scratch.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function scratchDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'docket-modes-'));
  scratch.push(dir);
  return dir;
}

/** Every folder and file under `root` (itself included) whose mode is not 0700 or 0600, with that mode. */
async function openToOthers(root: string): Promise<{ count: number; loose: string[] }> {
  const loose: string[] = [];
  let count = 0;
  const walk = async (path: string): Promise<void> => {
    const stats = await lstat(path);
    count += 1;
    const mode = stats.mode & 0o777;
    if (mode !== (stats.isDirectory() ? 0o700 : 0o600))
      loose.push(`${relative(root, path) || '.'} ${mode.toString(8)}`);
    if (stats.isDirectory()) for (const name of await readdir(path)) await walk(join(path, name));
  };
  await walk(root);
  return { count, loose };
}

describe('PGlite data folder modes', () => {
  it('are 0700 for folders and 0600 for files, from the first start, while open and once closed', async () => {
    const parent = join(await scratchDir(), 'docket');
    const datastore = await createPostgresDatastore({ driver: 'pglite', dataDir: join(parent, 'db') });
    try {
      await datastore.migrate();
      await datastore.states.upsertStates([{ code: 'MN', name: 'Minnesota' }]);
      const open = await openToOthers(parent);
      expect(open.count).toBeGreaterThan(500);
      expect(open.loose).toEqual([]);
    } finally {
      await datastore.close();
    }
    expect((await openToOthers(parent)).loose).toEqual([]);
  });

  it('are tightened at start in a data folder an older release left open to everyone', async () => {
    const dataDir = join(await scratchDir(), 'db');
    // As before: PGlite on its own file system, under this umask, then everything opened up.
    const old = new PGlite(dataDir);
    await old.waitReady;
    await old.close();
    const chmodAll = async (path: string): Promise<void> => {
      const stats = await lstat(path);
      await chmod(path, stats.isDirectory() ? 0o777 : 0o666);
      if (stats.isDirectory()) for (const name of await readdir(path)) await chmodAll(join(path, name));
    };
    await chmodAll(dataDir);
    expect((await openToOthers(dataDir)).loose.length).toBeGreaterThan(500);

    const datastore = await createPostgresDatastore({ driver: 'pglite', dataDir });
    try {
      await datastore.migrate();
      expect((await openToOthers(dataDir)).loose).toEqual([]);
    } finally {
      await datastore.close();
    }
    expect((await openToOthers(dataDir)).loose).toEqual([]);
  });
});
