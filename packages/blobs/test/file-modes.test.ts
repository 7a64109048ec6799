import { chmod, lstat, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, afterEach, beforeEach, expect, it } from 'vitest';
import { createFileBlobStore } from '../src/file';
import { streamOf } from './conformance';

/** Documents are for Docket's eyes only: whatever the umask, the folder store's folders are 0700, its files 0600. */

const scratch: string[] = [];
let umask: number;
beforeEach(() => {
  umask = process.umask(0);
});
afterEach(() => {
  process.umask(umask);
});
afterAll(async () => {
  await Promise.all(scratch.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function scratchDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'docket-blob-modes-'));
  scratch.push(dir);
  return dir;
}

/** Every folder and file under `root` (itself included) with its mode, as `path mode`. */
async function modes(root: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (path: string): Promise<void> => {
    const stats = await lstat(path);
    found.push(`${relative(root, path) || '.'} ${(stats.mode & 0o777).toString(8)}`);
    if (stats.isDirectory()) for (const name of await readdir(path)) await walk(join(path, name));
  };
  await walk(root);
  return found.sort();
}

const OPTIONS = { contentType: 'application/pdf', maxBytes: 1000 };

it('makes its folders 0700 and its files 0600, however permissive the umask', async () => {
  const root = join(await scratchDir(), 'docket');
  const store = await createFileBlobStore({ dir: join(root, 'blobs') });
  await store.put('documents/one', streamOf(Buffer.from('a document')), OPTIONS);
  await store.put('other/deeper/two', streamOf(Buffer.from('another')), OPTIONS);
  await store.close();
  expect(await modes(root)).toEqual([
    '. 700',
    'blobs 700',
    'blobs/documents 700',
    'blobs/documents/one 600',
    'blobs/other 700',
    'blobs/other/deeper 700',
    'blobs/other/deeper/two 600',
  ]);
});

it('tightens, at start, a folder an older release left open and the documents in it', async () => {
  const dir = await scratchDir();
  await mkdir(join(dir, 'documents'), { mode: 0o777 });
  await writeFile(join(dir, 'documents', 'old'), 'readable by all', { mode: 0o644 });
  await writeFile(join(dir, 'documents', 'writable'), 'writable by all', { mode: 0o666 });
  await chmod(dir, 0o755);
  const store = await createFileBlobStore({ dir });
  await store.close();
  expect(await modes(dir)).toEqual(['. 700', 'documents 700', 'documents/old 600', 'documents/writable 600']);
});
