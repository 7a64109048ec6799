import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { BlobStore } from '@docket/blobs';
import { DocketError, NotFoundError, ValidationError } from '@docket/domain';
import { BLOB_INDEX_FILE, type BlobsSection } from './archive';
import { writeGzipEntry } from './archive-entries';
import { BlobMeasurer, problemText, type BlobLine } from './archive-blobs';
import type { ReferencedBlob, ReferencedBlobs } from './document-refs';
import { BLOB_ROLE, type EntryCodec } from './entry-codec';
import { BlobProgress, formatBytes, type ProgressSink } from './progress';
import type { TarFileWriter } from './tar-writer';

/** A document the records refer to whose blob is missing or does not match the reference. */
export interface BlobProblem {
  key: string;
  /** The document's file name. */
  name: string;
  referencedBy: string;
  problem: string;
}

/** A document's blob is missing or altered, and the backup was not told to go on without it. */
export class DocumentBlobError extends DocketError {
  readonly code = 'DOCUMENT_BLOB_PROBLEM';
}

export interface WriteBlobsOptions {
  /** Go on past a missing or altered blob, listing it as a problem, instead of failing. */
  allowProblems: boolean;
  progress: ProgressSink;
}

export interface BlobsWritten {
  section: BlobsSection;
  problems: BlobProblem[];
}

function shortSha(sha256: string): string {
  return `${sha256.slice(0, 12)}…`;
}

/** The blob's bytes, or null when the store has no such blob (or the reference names no valid key). */
async function open(store: BlobStore, key: string): Promise<Readable | null> {
  try {
    return await store.get(key);
  } catch (error) {
    if (error instanceof NotFoundError) return null;
    if (error instanceof ValidationError && error.code === 'INVALID_BLOB_KEY') return null;
    throw error;
  }
}

/** Passes a blob's bytes on, hashing and counting them. */
function measured(body: Readable, progress: BlobProgress) {
  const hash = createHash('sha256');
  let size = 0;
  let sha256: string | null = null;
  async function* bytes(): AsyncGenerator<Buffer> {
    for await (const chunk of body as AsyncIterable<Buffer>) {
      hash.update(chunk);
      size += chunk.length;
      progress.addBytes(chunk.length);
      yield chunk;
    }
  }
  return {
    bytes: bytes(),
    /** Size and SHA-256, once every byte went by. */
    result: () => {
      sha256 ??= hash.digest('hex');
      return { size, sha256 };
    },
  };
}

/**
 * Writes the blobs the records refer to into the archive, streaming each from the blob store, then their index,
 * encoded by `codec`; each distinct content is written once, under the name the codec gives it. A blob missing from the store, or whose bytes do not
 * match the document's size and SHA-256, fails the backup unless `allowProblems` (then it is listed in the index
 * and returned as a problem; an altered blob is kept as found).
 * @throws DocumentBlobError on the first problem when problems are not allowed
 */
export async function writeBlobs(
  writer: TarFileWriter,
  codec: EntryCodec,
  store: BlobStore | null,
  referenced: ReferencedBlobs,
  options: WriteBlobsOptions,
): Promise<BlobsWritten> {
  if (store === null && referenced.count > 0) {
    throw new DocumentBlobError(
      `The records refer to ${referenced.count} documents, but no blob store was given to read them from`,
    );
  }
  const progress = new BlobProgress(options.progress, 'Backing up documents', {
    blobs: referenced.count,
    bytes: referenced.bytes,
  });
  const files = new Set<string>();
  const lines: BlobLine[] = [];
  const problems: BlobProblem[] = [];
  const measure = new BlobMeasurer();

  const problem = (blob: ReferencedBlob, text: string, advice: string): void => {
    if (!options.allowProblems) {
      throw new DocumentBlobError(
        `The document "${blob.name}" (blob ${blob.key}, in ${blob.referencedBy}) ${text}. ${advice}`,
      );
    }
    problems.push({ key: blob.key, name: blob.name, referencedBy: blob.referencedBy, problem: text });
  };

  /** Writes a blob's bytes as an entry unless one with the same content is there. */
  const archive = async (body: Readable) => {
    const bytes = measured(body, progress);
    await writer.addEntryNamedAfter(codec.encode(BLOB_ROLE, bytes.bytes), () => {
      const { sha256 } = bytes.result();
      return files.has(sha256) ? null : codec.blobFile(sha256);
    });
    const result = bytes.result();
    files.add(result.sha256);
    return result;
  };

  const backUp = async (blob: ReferencedBlob): Promise<void> => {
    const missing = 'is missing from the blob store';
    const advice =
      'The backup was not made: put the blob back, back up from the blob store that holds it (--blobs), ' +
      'or pass --allow-missing-documents to back up without it.';
    let body = store ? await open(store, blob.key) : null;
    if (!body || !store) {
      problem(blob, missing, advice);
      lines.push({ key: blob.key, contentType: blob.contentType, problem: problemText(missing) });
      progress.addBlob();
      return;
    }
    let found: { size: number; sha256: string };
    if (files.has(blob.sha256)) {
      // The same content is in the archive already: check these bytes are it, without writing them again.
      const check = measured(body, progress);
      for await (const _ of check.bytes);
      found = check.result();
      if (found.sha256 !== blob.sha256) {
        body = await open(store, blob.key);
        if (!body) throw new DocumentBlobError(`The blob ${blob.key} vanished while it was being backed up`);
        found = await archive(body);
      }
    } else {
      found = await archive(body);
    }
    const line: BlobLine = {
      key: blob.key,
      contentType: blob.contentType,
      size: found.size,
      sha256: found.sha256,
    };
    if (found.sha256 !== blob.sha256 || found.size !== blob.size) {
      const text =
        `holds ${formatBytes(found.size)} with SHA-256 ${shortSha(found.sha256)}, but the document is ` +
        `${formatBytes(blob.size)} with SHA-256 ${shortSha(blob.sha256)}: the blob was altered or damaged`;
      problem(blob, text, advice.replace('without it', 'with the blob as it is'));
      line.problem = problemText(text);
    }
    lines.push(line);
    measure.add({ key: blob.key, size: found.size, sha256: found.sha256 });
    progress.addBlob();
  };

  for (const blob of referenced.values()) {
    try {
      await backUp(blob);
    } catch (error) {
      if (error instanceof DocumentBlobError) throw error;
      throw new Error(`Backing up the document blob ${blob.key} failed`, { cause: error });
    }
  }
  if (referenced.count > 0) progress.finish();

  function* index(): Generator<Buffer> {
    for (const line of lines) yield Buffer.from(`${canonicalLine(line)}\n`, 'utf8');
  }
  const sha256 = await writeGzipEntry(writer, BLOB_INDEX_FILE, index(), codec);
  const held = measure.result();
  return {
    section: {
      index: BLOB_INDEX_FILE,
      sha256,
      blobs: held.count,
      files: files.size,
      bytes: held.bytes,
      contentHash: held.contentHash,
      problems: problems.length,
    },
    problems,
  };
}

function canonicalLine(line: BlobLine): string {
  // Keys in a fixed order, so that two backups of the same blobs have the same index.
  return JSON.stringify({
    key: line.key,
    contentType: line.contentType,
    size: line.size,
    sha256: line.sha256,
    problem: line.problem,
  });
}
