import { expect, it } from 'vitest';
import { describeEachBlobStore, freshPrefix, streamOf } from './conformance';

const OPTIONS = { contentType: 'application/pdf', maxBytes: 1024 };

describeEachBlobStore('removeStaleTemporaries', (t) => {
  it('never removes a blob, however old, and answers how many leftovers it removed', async () => {
    const key = `${freshPrefix()}kept`;
    await t.store.put(key, streamOf(Buffer.from('a blob')), OPTIONS);
    const everything = new Date(Date.now() + 24 * 60 * 60 * 1000);
    expect(await t.store.removeStaleTemporaries({ olderThan: everything, dryRun: true })).toBe(0);
    expect(await t.store.removeStaleTemporaries({ olderThan: everything })).toBe(0);
    expect(await t.store.head(key)).toEqual({ size: 6 });
  });
});
