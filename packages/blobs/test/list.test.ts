import { ValidationError } from '@docket/domain';
import { expect, it } from 'vitest';
import type { BlobListItem, BlobStore } from '../src/index';
import { describeEachBlobStore, freshPrefix, streamOf } from './conformance';

const OPTIONS = { contentType: 'text/plain', maxBytes: 1000 };

async function listAll(store: BlobStore, prefix: string, limit: number): Promise<BlobListItem[][]> {
  const pages: BlobListItem[][] = [];
  let cursor: string | null = null;
  do {
    const page = await store.list({ prefix, cursor, limit });
    pages.push(page.items);
    cursor = page.nextCursor;
  } while (cursor !== null);
  return pages;
}

describeEachBlobStore('list', (t) => {
  t.itWith('byte-order-listing', 'lists in key byte order, sizes and dates included', async () => {
    const prefix = freshPrefix();
    // Chosen so that a folder-by-folder walk would get the order wrong: '-' < '/' < digits < '_' < letters.
    const names = ['b', 'a/z', 'a-b', 'a0', 'a_c', '0', 'a/b/c', 'z9'];
    const before = Date.now() - 60_000;
    for (const [index, name] of names.entries()) {
      await t.store.put(`${prefix}${name}`, streamOf(Buffer.alloc(index + 1)), OPTIONS);
    }
    const page = await t.store.list({ prefix, limit: 100 });
    expect(page.items.map((item) => item.key.slice(prefix.length))).toEqual([
      '0',
      'a-b',
      'a/b/c',
      'a/z',
      'a0',
      'a_c',
      'b',
      'z9',
    ]);
    expect(page.nextCursor).toBeNull();
    const b = page.items.find((item) => item.key === `${prefix}b`);
    expect(b?.size).toBe(1);
    expect(b?.lastModified.getTime()).toBeGreaterThan(before);
  });

  t.itWith('paginated-listing', 'pages with a cursor, each blob once', async () => {
    const prefix = freshPrefix();
    const names = ['k-07', 'k-01', 'k-05', 'k-03', 'k-02', 'k-06', 'k-04'];
    for (const name of names) await t.store.put(`${prefix}${name}`, streamOf(Buffer.from(name)), OPTIONS);
    const pages = await listAll(t.store, prefix, 3);
    expect(pages.map((items) => items.map((item) => item.key.slice(prefix.length)))).toEqual([
      ['k-01', 'k-02', 'k-03'],
      ['k-04', 'k-05', 'k-06'],
      ['k-07'],
    ]);
  });

  it('says there is no next page when the last page is exactly full', async () => {
    const prefix = freshPrefix();
    for (const name of ['a', 'b'])
      await t.store.put(`${prefix}${name}`, streamOf(Buffer.from(name)), OPTIONS);
    const first = await t.store.list({ prefix, limit: 2 });
    expect(first.items).toHaveLength(2);
    if (first.nextCursor !== null) {
      expect(await t.store.list({ prefix, cursor: first.nextCursor, limit: 2 })).toEqual({
        items: [],
        nextCursor: null,
      });
    }
  });

  it('filters by a prefix that is not a whole segment', async () => {
    const prefix = freshPrefix();
    for (const name of ['doc-1', 'doc-2', 'other', 'docs/x']) {
      await t.store.put(`${prefix}${name}`, streamOf(Buffer.from(name)), OPTIONS);
    }
    const page = await t.store.list({ prefix: `${prefix}doc-`, limit: 10 });
    expect(page.items.map((item) => item.key.slice(prefix.length))).toEqual(['doc-1', 'doc-2']);
  });

  it('lists in the same order page after page', async () => {
    const prefix = freshPrefix();
    for (const name of ['c', 'a', 'b'])
      await t.store.put(`${prefix}${name}`, streamOf(Buffer.from(name)), OPTIONS);
    const first = await t.store.list({ prefix, limit: 10 });
    const second = await t.store.list({ prefix, limit: 10 });
    expect(first.items.map((item) => item.key).sort()).toEqual(
      ['a', 'b', 'c'].map((name) => `${prefix}${name}`),
    );
    expect(second.items).toEqual(first.items);
  });

  it('lists nothing under an unknown prefix and leaves deleted blobs out', async () => {
    expect(await t.store.list({ prefix: freshPrefix(), limit: 10 })).toEqual({ items: [], nextCursor: null });
    const prefix = freshPrefix();
    await t.store.put(`${prefix}kept`, streamOf(Buffer.from('k')), OPTIONS);
    await t.store.put(`${prefix}removed`, streamOf(Buffer.from('r')), OPTIONS);
    await t.store.delete(`${prefix}removed`);
    const page = await t.store.list({ prefix, limit: 10 });
    expect(page.items.map((item) => item.key)).toEqual([`${prefix}kept`]);
  });

  t.itWith('byte-order-listing', 'lists across the whole store without a prefix, in order', async () => {
    const prefix = freshPrefix();
    await t.store.put(`${prefix}one`, streamOf(Buffer.from('1')), OPTIONS);
    const keys = (await listAll(t.store, '', 50)).flat().map((item) => item.key);
    expect(keys).toContain(`${prefix}one`);
    expect(keys).toEqual([...keys].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0)));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it.each([
    { prefix: '../', limit: 10 },
    { prefix: 'Bad', limit: 10 },
    { prefix: '', limit: 0 },
    { prefix: '', limit: 1001 },
    { prefix: '', limit: 1.5 },
  ])('refuses bad list options %j', async (options) => {
    await expect(t.store.list(options)).rejects.toBeInstanceOf(ValidationError);
  });
});
