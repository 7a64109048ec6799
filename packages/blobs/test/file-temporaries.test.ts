import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { BlobStore } from '../src/index';
import { createFileBlobStore } from '../src/file';

const HOUR_MS = 60 * 60 * 1000;

let root: string;
let store: BlobStore;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'docket-blob-tmp-'));
  store = await createFileBlobStore({ dir: root });
});
afterAll(async () => {
  await store.close();
  await rm(root, { recursive: true, force: true });
});

/** Every file under the store's folder, relative to it, sorted. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

/** Writes a file `ageMs` old under the store's folder, making its folders. */
async function plant(path: string, ageMs: number): Promise<string> {
  const full = join(root, path);
  await mkdir(join(full, '..'), { recursive: true });
  await writeFile(full, 'left over');
  const then = new Date(Date.now() - ageMs);
  await utimes(full, then, then);
  return path;
}

it('leaves no temporary file behind when bodies fail at once, however many run together', async () => {
  const failures = Array.from({ length: 50 }, (_, i) => {
    const body = new Readable({
      read() {
        this.destroy(new Error(`gone ${i}`));
      },
    });
    return store.put(`folder/blob-${i}`, body, { contentType: 'application/pdf', maxBytes: 1000 });
  });
  const results = await Promise.allSettled(failures);
  expect(results.every((r) => r.status === 'rejected')).toBe(true);
  const left = await readdir(root, { recursive: true, withFileTypes: true });
  expect(left.filter((entry) => entry.isFile()).map((entry) => entry.name)).toEqual([]);
});

it('removes the stale temporary files of interrupted puts, and nothing else', async () => {
  const stale = [
    await plant(`.${randomUUID()}.tmp`, 25 * HOUR_MS),
    await plant(`documents/.${randomUUID()}.tmp`, 3 * 24 * HOUR_MS),
    await plant(`documents/deep/er/.${randomUUID()}.tmp`, 2 * 24 * HOUR_MS),
  ];
  const kept = [
    await plant(`documents/.${randomUUID()}.tmp`, HOUR_MS / 2),
    await plant('documents/.DS_Store', 30 * 24 * HOUR_MS),
    await plant('documents/.not-a-uuid.tmp', 30 * 24 * HOUR_MS),
    await plant(`.hidden/.${randomUUID()}.tmp`, 30 * 24 * HOUR_MS),
    await plant(`documents/${randomUUID()}`, 30 * 24 * HOUR_MS),
  ];
  await mkdir(join(root, `documents/.${randomUUID()}.tmp`));
  // A put under way, its body stalled before the end: its temporary file is being written to.
  const body = new PassThrough();
  const running = store.put('documents/in-progress', body, { contentType: 'text/csv', maxBytes: 1000 });
  body.write('a,b\n');
  while ((await filesUnder(root)).length < stale.length + kept.length + 1) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const before = await filesUnder(root);

  const olderThan = new Date(Date.now() - 24 * HOUR_MS);
  expect(await store.removeStaleTemporaries({ olderThan, dryRun: true })).toBe(3);
  expect(await filesUnder(root)).toEqual(before);
  expect(await store.removeStaleTemporaries({ olderThan })).toBe(3);
  const after = await filesUnder(root);
  expect(after).toEqual(before.filter((path) => !stale.includes(path)));
  for (const path of kept) expect(after).toContain(path);
  expect(await store.removeStaleTemporaries({ olderThan })).toBe(0);

  body.end('1,2\n');
  expect((await running).size).toBe(8);
  expect(await store.head('documents/in-progress')).toEqual({ size: 8 });
});
