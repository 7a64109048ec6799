import type { BlobStore } from '@docket/blobs';
import { contractFormDocuments, rateFormDocuments } from '@docket/domain';
import type { DataTransfer } from '@docket/store';
import { DOCUMENTS_PREFIX } from './document-keys';

export interface GarbageCollectionOptions {
  /** Unreferenced blobs younger than this are kept: an upload waits for a draft save to reference it. */
  graceMs: number;
  /** Count what would be deleted, delete nothing. */
  dryRun: boolean;
  /** Records per datastore read. */
  batchSize: number;
  now?: Date;
  progress?: (message: string) => void;
}

export interface GarbageCollectionResult {
  /** Document blobs some contract or rate revision references. */
  kept: number;
  /** Unreferenced blobs removed (or, in a dry run, that would have been). */
  deleted: number;
  /** Unreferenced blobs kept because they are younger than the grace period. */
  tooRecent: number;
}

const LIST_PAGE = 1000;

/** Every blob key any revision of any contract or rate references. */
async function referencedKeys(transfer: DataTransfer, batchSize: number): Promise<Set<string>> {
  const keys = new Set<string>();
  for await (const batch of transfer.read('contracts', { batchSize })) {
    for (const contract of batch.records) {
      for (const revision of contract.revisions) {
        for (const d of contractFormDocuments(revision.formData)) keys.add(d.blobKey);
      }
    }
  }
  for await (const batch of transfer.read('rates', { batchSize })) {
    for (const rate of batch.records) {
      for (const revision of rate.revisions) {
        for (const d of rateFormDocuments(revision.formData)) keys.add(d.blobKey);
      }
    }
  }
  return keys;
}

/**
 * Deletes the uploaded documents nothing refers to any more: blobs under `documents/` that no revision of any
 * contract or rate references and that are older than the grace period (an upload is unreferenced until the
 * draft that takes it is saved; an abandoned one stays so for ever). References are read before the blobs are
 * listed and read again before deleting; the grace period is what protects an upload that a draft takes while the
 * collector runs: keep it above the time an upload may wait for its draft to be saved (the receipt lifetime).
 */
export async function collectDocumentGarbage(
  stores: { transfer: DataTransfer; blobs: BlobStore },
  options: GarbageCollectionOptions,
): Promise<GarbageCollectionResult> {
  const progress = options.progress ?? (() => undefined);
  const cutoff = (options.now ?? new Date()).getTime() - options.graceMs;
  progress('Reading the documents contracts and rates refer to…');
  const referenced = await referencedKeys(stores.transfer, options.batchSize);
  progress(`${referenced.size} documents referenced; looking through the blob store…`);

  const result: GarbageCollectionResult = { kept: 0, deleted: 0, tooRecent: 0 };
  const candidates: string[] = [];
  let cursor: string | null = null;
  do {
    const page = await stores.blobs.list({ prefix: DOCUMENTS_PREFIX, cursor, limit: LIST_PAGE });
    for (const blob of page.items) {
      if (referenced.has(blob.key)) result.kept += 1;
      else if (blob.lastModified.getTime() > cutoff) result.tooRecent += 1;
      else candidates.push(blob.key);
    }
    cursor = page.nextCursor;
    if (cursor !== null) {
      progress(`${result.kept + result.tooRecent + candidates.length} blobs looked at…`);
    }
  } while (cursor !== null);
  if (candidates.length === 0) return result;

  // The first reading is not a snapshot: a document moved between a contract and a rate while it ran may have
  // been missed. A second reading, after the listing, keeps whatever is referenced by then.
  progress(`${candidates.length} unreferenced; reading the references again before deleting…`);
  const stillReferenced = await referencedKeys(stores.transfer, options.batchSize);
  for (const key of candidates) {
    if (stillReferenced.has(key)) {
      result.kept += 1;
      continue;
    }
    if (!options.dryRun) await stores.blobs.delete(key);
    result.deleted += 1;
  }
  return result;
}
