import { ValidationError } from '@docket/domain';
import { expect, it } from 'vitest';
import { BlobTooLargeError } from '../src/index';
import {
  describeEachBlobStore,
  failingStream,
  freshPrefix,
  generatedStream,
  randomBody,
  streamOf,
} from './conformance';

const CONTENT_TYPE = 'application/octet-stream';

describeEachBlobStore('failed puts leave nothing', (t) => {
  async function expectNothingUnder(prefix: string, key: string): Promise<void> {
    expect(await t.store.head(key)).toBeNull();
    expect(await t.store.list({ prefix, limit: 10 })).toEqual({ items: [], nextCursor: null });
  }

  it('refuses a small body past maxBytes with BlobTooLargeError', async () => {
    const prefix = freshPrefix();
    const key = `${prefix}small`;
    const { bytes } = randomBody(1001);
    const put = t.store.put(key, streamOf(bytes, 100), { contentType: CONTENT_TYPE, maxBytes: 1000 });
    await expect(put).rejects.toBeInstanceOf(BlobTooLargeError);
    await expect(put).rejects.toMatchObject({ code: 'TOO_LARGE', maxBytes: 1000 });
    await expectNothingUnder(prefix, key);
  });

  it('refuses a multi-megabyte body past maxBytes after parts were sent', async () => {
    const prefix = freshPrefix();
    const key = `${prefix}large`;
    const { stream } = generatedStream(13 * 1024 * 1024);
    const maxBytes = 11 * 1024 * 1024;
    await expect(t.store.put(key, stream, { contentType: CONTENT_TYPE, maxBytes })).rejects.toBeInstanceOf(
      BlobTooLargeError,
    );
    await expectNothingUnder(prefix, key);
  });

  it('rejects a body that fails midway and keeps no blob', async () => {
    const prefix = freshPrefix();
    const key = `${prefix}broken`;
    const dropped = new Error('client went away');
    const put = t.store.put(key, failingStream(300_000, dropped), {
      contentType: CONTENT_TYPE,
      maxBytes: 10 ** 9,
    });
    await expect(put).rejects.toThrow('client went away');
    await expectNothingUnder(prefix, key);
  });

  it('rejects a multi-megabyte body that fails midway and keeps no blob', async () => {
    const prefix = freshPrefix();
    const key = `${prefix}broken-large`;
    const stream = failingStream(7 * 1024 * 1024, new Error('connection reset'));
    await expect(t.store.put(key, stream, { contentType: CONTENT_TYPE, maxBytes: 10 ** 9 })).rejects.toThrow(
      'connection reset',
    );
    await expectNothingUnder(prefix, key);
  });

  it('keeps the previous blob when a replacing put fails', async () => {
    const key = `${freshPrefix()}kept`;
    await t.store.put(key, streamOf(Buffer.from('original')), { contentType: CONTENT_TYPE, maxBytes: 100 });
    const { bytes } = randomBody(101);
    await expect(
      t.store.put(key, streamOf(bytes, 10), { contentType: CONTENT_TYPE, maxBytes: 100 }),
    ).rejects.toBeInstanceOf(BlobTooLargeError);
    expect(await t.store.head(key)).toEqual({ size: 8 });
  });

  it.each([
    '',
    '/leading',
    'trailing/',
    'double//slash',
    '../escape',
    'a/../b',
    'dot.pdf',
    'Upper',
    'space here',
    'back\\slash',
    'x'.repeat(513),
  ])('refuses the key %j on every method before touching storage', async (key) => {
    const options = { contentType: CONTENT_TYPE, maxBytes: 10 };
    for (const attempt of [
      () => t.store.put(key, streamOf(Buffer.from('x')), options),
      () => t.store.get(key),
      () => t.store.head(key),
      () => t.store.delete(key),
    ]) {
      await expect(attempt()).rejects.toSatisfy(
        (error) => error instanceof ValidationError && error.code === 'INVALID_BLOB_KEY',
      );
    }
  });

  it('accepts every character of the key alphabet', async () => {
    const key = `${freshPrefix()}abc-xyz_0189/deeper`;
    await t.store.put(key, streamOf(Buffer.from('ok')), { contentType: CONTENT_TYPE, maxBytes: 10 });
    expect(await t.store.head(key)).toEqual({ size: 2 });
  });
});
