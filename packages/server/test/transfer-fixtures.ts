import { createHash } from 'node:crypto';
import type { BlobStore } from '@docket/blobs';
import { TRANSFER_KINDS, type Datastore, type TransferKind } from '@docket/store';
import { generateFilings as generate } from '../src/generate/generate-filings';
import { measureKind, type KindMeasure } from '../src/transfer';

/**
 * Realistic data for the transfer tests: users of several roles with their events and sessions, and filings that
 * go through their lifecycle — drafts saved, submitted, some unlocked and resubmitted, some approved — written
 * change by change through the contract store as the use cases write them (src/generate/). Given a blob store,
 * filings also get documents, whose bytes are stored in it as an upload would (some with the same bytes under two
 * keys); without one, they have none.
 */
export async function generateFilings(
  datastore: Datastore,
  options: { contracts: number; documents?: BlobStore },
): Promise<void> {
  await generate(datastore, {
    filings: options.contracts,
    write: 'changes',
    documents: options.documents ?? 'none',
  });
}

/** Count and content hash of every kind in a datastore. */
export async function measureAll(datastore: Datastore): Promise<Record<TransferKind, KindMeasure>> {
  const out: Partial<Record<TransferKind, KindMeasure>> = {};
  for (const kind of TRANSFER_KINDS) out[kind] = await measureKind(datastore, kind, 500);
  return out as Record<TransferKind, KindMeasure>;
}

/** The SHA-256 and size of every blob in a blob store, by key. */
export async function blobContents(blobs: BlobStore): Promise<Map<string, { size: number; sha256: string }>> {
  const contents = new Map<string, { size: number; sha256: string }>();
  let cursor: string | null = null;
  do {
    const page = await blobs.list({ cursor, limit: 1000 });
    for (const item of page.items) {
      const hash = createHash('sha256');
      let size = 0;
      for await (const chunk of (await blobs.get(item.key)) as AsyncIterable<Buffer>) {
        hash.update(chunk);
        size += chunk.length;
      }
      contents.set(item.key, { size, sha256: hash.digest('hex') });
    }
    cursor = page.nextCursor;
  } while (cursor !== null);
  return contents;
}
