import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { BlobStore } from '@docket/blobs';
import { createFileBlobStore } from '@docket/blobs/file';
import { alike, s3rverStore, startS3rver } from '@docket/blobs/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlobCopyError, copyBlobs, formatBlobCopyReport } from '../src/transfer';
import { blobContents } from './transfer-fixtures';

/** `docket copy --blobs-from --blobs-to`: blobs between two folder stores, and from a folder into S3 (s3rver). */

let dir: string;
let source: BlobStore;
const cleanups: (() => Promise<void>)[] = [];
const quiet = () => {};
const SIZES = [1, 900, 70_000, 300_000, 2_000_000];

async function folder(name: string): Promise<BlobStore> {
  const store = await createFileBlobStore({ dir: join(dir, name) });
  cleanups.push(() => store.close());
  return store;
}

async function put(store: BlobStore, key: string, bytes: Buffer): Promise<void> {
  await store.put(key, Readable.from([bytes]), { contentType: 'application/pdf', maxBytes: bytes.length });
}

/** The contents of the store's blobs under documents/. */
async function documentsOf(store: BlobStore) {
  const all = await blobContents(store);
  return new Map([...all].filter(([key]) => key.startsWith('documents/')));
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'docket-blob-copy-'));
  source = await folder('source');
  for (const [i, size] of SIZES.entries()) {
    await put(
      source,
      `documents/0000000${i}-aaaa-4aaa-8aaa-aaaaaaaaaaaa`,
      Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(size)]),
    );
  }
  await put(source, 'elsewhere/not-a-document', Buffer.from('left behind'));
});

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  await rm(dir, { recursive: true, force: true });
});

const documentBytes = SIZES.reduce((sum, size) => sum + size + 9, 0);

describe('copyBlobs', () => {
  it('copies every blob under documents/ between two folders, then skips them all when run again', async () => {
    const target = await folder('target');
    const messages: string[] = [];

    const first = await copyBlobs(source, target, {
      prefix: 'documents/',
      progress: (m) => messages.push(m),
    });

    expect(first).toEqual({
      prefix: 'documents/',
      listed: 5,
      copied: 5,
      bytesCopied: documentBytes,
      skipped: 0,
      bytesSkipped: 0,
    });
    expect(await blobContents(target)).toEqual(await documentsOf(source));
    expect(messages.at(-1)).toMatch(/^Copying blobs: 5 blobs, 2\.37 MB in [\d.]+ s/);
    expect(formatBlobCopyReport(first)).toBe(
      'Blobs under documents/: 5 in the source; 5 copied (2.37 MB), each read back from the target with the ' +
        "source's SHA-256; 0 already in the target with the same size (0 B), left as they were.\n",
    );

    const again = await copyBlobs(source, target, { prefix: 'documents/', progress: quiet });
    expect(again).toMatchObject({ listed: 5, copied: 0, skipped: 5, bytesSkipped: documentBytes });
  });

  it('resumes after an interruption: what is there is skipped, the rest copied, a blob of another size replaced', async () => {
    const target = await folder('interrupted');
    let puts = 0;
    const failing = alike(target, {
      put: (key, body, options) => {
        puts += 1;
        if (puts === 3) return Promise.reject(new Error('connection reset'));
        return target.put(key, body, options);
      },
    });
    await expect(copyBlobs(source, failing, { prefix: 'documents/', progress: quiet })).rejects.toThrow(
      'connection reset',
    );
    const [first] = (await target.list({ limit: 1 })).items;
    if (!first) throw new Error('nothing was copied before the interruption');
    await put(target, first.key, Buffer.from('%PDF-1.7\ntruncated'));

    const resumed = await copyBlobs(source, target, { prefix: 'documents/', progress: quiet });

    expect(resumed).toMatchObject({ listed: 5, copied: 4, skipped: 1 });
    expect(await blobContents(target)).toEqual(await documentsOf(source));
  });

  it('reads each copy back, and removes and reports one that is not the source bytes', async () => {
    const target = await folder('garbling');
    const garbling = alike(target, {
      get: async (key) =>
        key.startsWith('documents/00000003') ? Readable.from([Buffer.from('garbled')]) : target.get(key),
    });

    const copy = copyBlobs(source, garbling, { prefix: 'documents/', progress: quiet });

    await expect(copy).rejects.toThrow(BlobCopyError);
    await expect(copy).rejects.toThrow(
      /^The blob documents\/00000003-\S+ did not arrive whole: .*of other bytes\. Its copy was removed/,
    );
    expect(await target.head('documents/00000003-aaaa-4aaa-8aaa-aaaaaaaaaaaa')).toBeNull();
  });

  it('copies from a folder into S3 (s3rver), verified', async () => {
    const server = await startS3rver();
    cleanups.push(() => server.stop());
    const s3 = s3rverStore(server);
    cleanups.push(() => s3.close());

    const report = await copyBlobs(source, s3, { prefix: 'documents/', progress: quiet });

    expect(report).toMatchObject({ listed: 5, copied: 5, bytesCopied: documentBytes });
    expect(await blobContents(s3)).toEqual(await documentsOf(source));
    expect(await copyBlobs(source, s3, { prefix: 'documents/', progress: quiet })).toMatchObject({
      skipped: 5,
    });
  });
});
