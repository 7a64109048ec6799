import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createFileBlobStore, type BlobStore } from '../src/index';

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
