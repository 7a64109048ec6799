import { createHash } from 'node:crypto';
import { pipeline, Transform, type Readable } from 'node:stream';
import { BlobTooLargeError, type BlobListItem, type BlobStore } from '@docket/blobs';
import { BlobProgress, formatBytes, formatCount, type ProgressSink } from './progress';
import { DocketError } from '@docket/domain';

/**
 * The content type given to copied blobs. The port does not read a blob's type back, and Docket serves documents
 * with the type their record holds, so the copy does not need it.
 */
const COPIED_CONTENT_TYPE = 'application/octet-stream';
const PAGE_SIZE = 1000;

export interface BlobCopyOptions {
  /** Only blobs whose key starts with this (Docket's documents are under `documents/`). */
  prefix: string;
  progress: ProgressSink;
}

export interface BlobCopyReport {
  prefix: string;
  /** Blobs listed in the source. */
  listed: number;
  /** Blobs copied, each read back from the target and found to be the source's bytes. */
  copied: number;
  bytesCopied: number;
  /** Blobs already in the target with the same size, left as they were. */
  skipped: number;
  bytesSkipped: number;
}

/** A blob arrived in the target other than it left the source; the target's copy was removed. */
export class BlobCopyError extends DocketError {
  readonly code = 'BLOB_COPY_MISMATCH';
}

/** Hashes and counts the bytes of a stream on the way, for progress too. */
function hashed(source: Readable, bar: BlobProgress) {
  const hash = createHash('sha256');
  let size = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      size += chunk.length;
      bar.addBytes(chunk.length);
      done(null, chunk);
    },
  });
  return { stream: pipeline(source, tap, () => {}), result: () => ({ size, sha256: hash.digest('hex') }) };
}

async function sha256Of(store: BlobStore, key: string): Promise<{ size: number; sha256: string }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of (await store.get(key)) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    size += chunk.length;
  }
  return { size, sha256: hash.digest('hex') };
}

/**
 * Copies every blob under `prefix` from one blob store to another, a blob at a time, streamed. Idempotent, and so
 * resumable by running it again: a blob already in the target with the same size is skipped (a put is all or
 * nothing, so a blob of the right size is a whole one). Each blob copied is read back from the target and its
 * SHA-256 compared with the source's bytes; on a difference its copy is removed and the copy stops.
 * @throws BlobCopyError
 */
export async function copyBlobs(
  source: BlobStore,
  target: BlobStore,
  options: BlobCopyOptions,
): Promise<BlobCopyReport> {
  const report: BlobCopyReport = {
    prefix: options.prefix,
    listed: 0,
    copied: 0,
    bytesCopied: 0,
    skipped: 0,
    bytesSkipped: 0,
  };
  const bar = new BlobProgress(options.progress, 'Copying blobs', null);
  let cursor: string | null = null;
  do {
    const page = await source.list({ prefix: options.prefix, cursor, limit: PAGE_SIZE });
    for (const item of page.items) {
      report.listed += 1;
      if ((await target.head(item.key))?.size === item.size) {
        report.skipped += 1;
        report.bytesSkipped += item.size;
      } else {
        await copyOne(source, target, item, bar);
        report.copied += 1;
        report.bytesCopied += item.size;
      }
      bar.addBlob();
    }
    cursor = page.nextCursor;
  } while (cursor !== null);
  bar.finish();
  return report;
}

async function copyOne(source: BlobStore, target: BlobStore, item: BlobListItem, bar: BlobProgress) {
  const read = hashed(await source.get(item.key), bar);
  let stored;
  try {
    stored = await target.put(item.key, read.stream, {
      contentType: COPIED_CONTENT_TYPE,
      maxBytes: item.size,
    });
  } catch (error) {
    read.stream.destroy();
    if (!(error instanceof BlobTooLargeError)) throw error;
    throw new BlobCopyError(
      `The blob ${item.key} grew past the ${formatBytes(item.size)} listed while it was being copied: is something ` +
        'writing to the source? Nothing was stored for it; run the copy again.',
    );
  }
  const sent = read.result();
  const back = await sha256Of(target, item.key);
  if (
    sent.size !== item.size ||
    back.size !== sent.size ||
    back.sha256 !== sent.sha256 ||
    stored.sha256 !== sent.sha256
  ) {
    await target.delete(item.key);
    throw new BlobCopyError(
      `The blob ${item.key} did not arrive whole: the source listed ${formatBytes(item.size)}, ` +
        `${formatBytes(sent.size)} were read from it, and the target holds ${formatBytes(back.size)} ` +
        `${back.sha256 === sent.sha256 ? 'of the same bytes' : 'of other bytes'}. Its copy was removed; run the ` +
        'copy again (blobs already copied are skipped).',
    );
  }
}

/** The report for people, in one paragraph. */
export function formatBlobCopyReport(report: BlobCopyReport): string {
  return (
    `Blobs under ${report.prefix}: ${formatCount(report.listed)} in the source; ` +
    `${formatCount(report.copied)} copied (${formatBytes(report.bytesCopied)}), each read back from the target ` +
    `with the source's SHA-256; ${formatCount(report.skipped)} already in the target with the same size ` +
    `(${formatBytes(report.bytesSkipped)}), left as they were.\n`
  );
}
