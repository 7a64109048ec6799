import { pipeline, Readable, Transform } from 'node:stream';
import type { BlobStore } from '@docket/blobs';
import type { BlobsSection } from './archive';
import {
  ArchiveError,
  contentSha256OfEntry,
  describeIssue,
  parseLine,
  readGzipLines,
} from './archive-entries';
import { BlobMeasurer, blobLineSchema, isHeld, type BlobLine, type BlobMeasure } from './archive-blobs';
import { BLOB_ROLE, type EntryCodec } from './entry-codec';
import { BlobProgress, formatBytes, formatCount, type ProgressSink } from './progress';
import { entryStream, type TarEntry } from './tar-reader';

/** A version 2 or 3 archive's blobs, as its index lists them. */
export interface BlobIndex {
  section: BlobsSection;
  entry: TarEntry;
  /** The size of each distinct content the index names, by SHA-256; the codec names its entry. */
  files: Map<string, number>;
  /** Every key the index lists, held or not. */
  keys: Set<string>;
  /** The lines with a problem: documents missing or altered when the backup was made. */
  problems: BlobLine[];
  /** What the held blobs measure, as the index lists them. */
  expected: BlobMeasure;
}

/**
 * Reads the blob index whole: every line a valid blob line, no key twice, one size per content, and the counts,
 * bytes and content hash the manifest gives. The index's own SHA-256 is checked by the caller beforehand.
 * @throws ArchiveError
 */
export async function readBlobIndex(
  path: string,
  entry: TarEntry,
  section: BlobsSection,
  codec: EntryCodec,
): Promise<BlobIndex> {
  const files = new Map<string, number>();
  const keys = new Set<string>();
  const problems: BlobLine[] = [];
  const measure = new BlobMeasurer();
  await readGzipLines(path, entry, codec, (text, number) => {
    const parsed = blobLineSchema.safeParse(parseLine(text, entry, number));
    if (!parsed.success) {
      throw new ArchiveError(
        `Line ${number} of ${entry.name} is not a valid blob (${describeIssue(parsed.error)})`,
      );
    }
    const line = parsed.data;
    if (keys.has(line.key)) throw new ArchiveError(`${entry.name} lists the blob ${line.key} twice`);
    keys.add(line.key);
    if (line.problem !== undefined) problems.push(line);
    if (!isHeld(line)) return;
    const size = files.get(line.sha256);
    if (size !== undefined && size !== line.size) {
      throw new ArchiveError(`${entry.name} gives two sizes for the content of SHA-256 ${line.sha256}`);
    }
    files.set(line.sha256, line.size);
    measure.add(line);
  });
  const expected = measure.result();
  const listed = {
    blobs: expected.count,
    files: files.size,
    bytes: expected.bytes,
    problems: problems.length,
  };
  for (const [what, found] of Object.entries(listed)) {
    const said = section[what as keyof typeof listed];
    if (found !== said) {
      throw new ArchiveError(
        `${entry.name} lists ${formatCount(found)} ${what}; the manifest says ${formatCount(said)}`,
      );
    }
  }
  if (expected.contentHash !== section.contentHash) {
    throw new ArchiveError(`The blobs of ${entry.name} do not match their content hash in the manifest`);
  }
  return { section, entry, files, keys, problems, expected };
}

/**
 * Checks every blob entry the index names: there, of its size as stored, and holding content of the SHA-256 the
 * index gives (an encrypted blob is decrypted, and so authenticated, whole).
 * @returns the entry of each content, by SHA-256
 * @throws ArchiveError
 */
export async function checkBlobFiles(
  path: string,
  entries: ReadonlyMap<string, TarEntry>,
  index: BlobIndex,
  codec: EntryCodec,
  progress: ProgressSink,
): Promise<Map<string, TarEntry>> {
  let bytes = 0;
  for (const size of index.files.values()) bytes += size;
  const bar = new BlobProgress(progress, 'Checking documents', { blobs: index.files.size, bytes });
  const located = new Map<string, TarEntry>();
  for (const [sha256, size] of index.files) {
    const name = codec.blobFile(sha256);
    const entry = entries.get(name);
    if (!entry) throw new ArchiveError(`It lacks ${name}, which its blob index lists: it was altered`);
    const stored = codec.storedSize(size);
    if (entry.size !== stored) {
      throw new ArchiveError(
        `${name} holds ${formatCount(entry.size)} bytes; its index says ${formatCount(stored)}`,
      );
    }
    const found = await contentSha256OfEntry(path, entry, codec, BLOB_ROLE, (n) => bar.addBytes(n));
    if (found !== sha256) {
      throw new ArchiveError(`${name} does not match its SHA-256: it was altered or damaged`);
    }
    bar.addBlob();
    located.set(sha256, entry);
  }
  if (index.files.size > 0) bar.finish();
  return located;
}

/** The bytes of a stream, counted for progress on the way; an error of the source ends it too. */
function counted(source: Readable, bar: BlobProgress): Readable {
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bar.addBytes(chunk.length);
      done(null, chunk);
    },
  });
  return pipeline(source, counter, () => {});
}

/**
 * Puts every blob the archive holds into the blob store, streaming each from its entry, and checks what the
 * store says it stored against the index.
 * @returns what the store holds of them, as measured by the store
 * @throws ArchiveError when a blob's bytes changed since the archive was checked
 */
export async function restoreBlobs(
  path: string,
  index: BlobIndex,
  files: ReadonlyMap<string, TarEntry>,
  codec: EntryCodec,
  target: BlobStore,
  progress: ProgressSink,
): Promise<BlobMeasure> {
  const bar = new BlobProgress(progress, 'Restoring documents', {
    blobs: index.expected.count,
    bytes: index.expected.bytes,
  });
  const measure = new BlobMeasurer();
  const sha256 = await readGzipLines(path, index.entry, codec, async (text) => {
    const line = blobLineSchema.parse(JSON.parse(text));
    if (!isHeld(line)) return;
    const entry = files.get(line.sha256);
    if (!entry) throw new ArchiveError(`${codec.blobFile(line.sha256)} was not checked: the archive changed`);
    const content = Readable.from(codec.decode(BLOB_ROLE, entryStream(path, entry), entry.name));
    const stored = await target.put(line.key, counted(content, bar), {
      contentType: line.contentType,
      maxBytes: line.size,
    });
    if (stored.sha256 !== line.sha256 || stored.size !== line.size) {
      throw new ArchiveError(
        `${entry.name} changed while it was being restored (the blob store received ` +
          `${formatBytes(stored.size)} of other bytes): the restore is incomplete`,
      );
    }
    const head = await target.head(line.key);
    measure.add({ key: line.key, size: head?.size ?? -1, sha256: stored.sha256 });
    bar.addBlob();
  });
  if (sha256 !== index.section.sha256) {
    throw new ArchiveError(
      `${index.entry.name} changed while it was being restored: the restore is incomplete`,
    );
  }
  if (index.expected.count > 0) bar.finish();
  return measure.result();
}
