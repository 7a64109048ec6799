import { createHash } from 'node:crypto';
import { NotFoundError } from '@docket/domain';
import { describe, expect, it } from 'vitest';
import {
  describeEachBlobStore,
  freshPrefix,
  generatedStream,
  randomBody,
  readAll,
  streamOf,
} from './conformance';

const OPTIONS = { contentType: 'application/pdf', maxBytes: 250 * 1024 * 1024 };

describeEachBlobStore('put, get, head, delete', (t) => {
  it('stores a body and gives it back, with its size and SHA-256', async () => {
    const key = `${freshPrefix()}doc`;
    const { bytes, sha256 } = randomBody(100_000);
    const result = await t.store.put(key, streamOf(bytes), OPTIONS);
    expect(result).toEqual({ size: 100_000, sha256 });
    expect((await readAll(await t.store.get(key))).equals(bytes)).toBe(true);
    expect(await t.store.head(key)).toEqual({ size: 100_000 });
  });

  it('stores an empty body', async () => {
    const key = `${freshPrefix()}empty`;
    const result = await t.store.put(key, streamOf(Buffer.alloc(0)), OPTIONS);
    expect(result).toEqual({
      size: 0,
      sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    });
    expect(await t.store.head(key)).toEqual({ size: 0 });
    expect((await readAll(await t.store.get(key))).length).toBe(0);
  });

  it('streams a multi-megabyte body in and out (a multipart upload on S3)', async () => {
    const key = `${freshPrefix()}big`;
    const size = 12 * 1024 * 1024 + 123;
    const { stream, sha256 } = generatedStream(size);
    expect(await t.store.put(key, stream, OPTIONS)).toEqual({ size, sha256 });
    const back = await readAll(await t.store.get(key));
    expect(back.length).toBe(size);
    expect(createHash('sha256').update(back).digest('hex')).toBe(sha256);
  });

  it('accepts a body of exactly maxBytes', async () => {
    const key = `${freshPrefix()}exact`;
    const { bytes } = randomBody(1000);
    expect((await t.store.put(key, streamOf(bytes), { ...OPTIONS, maxBytes: 1000 })).size).toBe(1000);
  });

  it('replaces a blob put again under the same key', async () => {
    const key = `${freshPrefix()}again`;
    await t.store.put(key, streamOf(Buffer.from('first')), OPTIONS);
    await t.store.put(key, streamOf(Buffer.from('second!')), OPTIONS);
    expect((await readAll(await t.store.get(key))).toString()).toBe('second!');
  });

  it('answers a missing blob with NotFoundError on get and null on head', async () => {
    const key = `${freshPrefix()}missing`;
    await expect(t.store.get(key)).rejects.toBeInstanceOf(NotFoundError);
    await expect(t.store.get(key)).rejects.toMatchObject({ code: 'NOT_FOUND', entity: 'Blob', id: key });
    expect(await t.store.head(key)).toBeNull();
  });

  it('treats a key prefix of a stored blob as missing', async () => {
    const prefix = freshPrefix();
    await t.store.put(`${prefix}a/b`, streamOf(Buffer.from('x')), OPTIONS);
    expect(await t.store.head(`${prefix}a`)).toBeNull();
    await expect(t.store.get(`${prefix}a`)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('deletes idempotently', async () => {
    const key = `${freshPrefix()}gone`;
    await t.store.put(key, streamOf(Buffer.from('bye')), OPTIONS);
    await t.store.delete(key);
    expect(await t.store.head(key)).toBeNull();
    await expect(t.store.get(key)).rejects.toBeInstanceOf(NotFoundError);
    await expect(t.store.delete(key)).resolves.toBeUndefined();
    await expect(t.store.delete(`${freshPrefix()}never`)).resolves.toBeUndefined();
  });

  it('pings', async () => {
    await expect(t.store.ping()).resolves.toBeUndefined();
  });
});

describe('the harness', () => {
  it('runs over the folder and S3 adapters', async () => {
    const { ADAPTERS } = await import('./conformance');
    expect(ADAPTERS.map((adapter) => adapter.name)).toEqual(['file', 's3']);
  });
});
