import { open } from 'node:fs/promises';
import type { BlobStore } from '@docket/blobs';
import type { Contract, Rate } from '@docket/domain';
import { TRANSFER_KINDS, type Datastore, type TransferKind } from '@docket/store';
import {
  ArchiveError,
  BLOB_INDEX_FILE,
  blobFile,
  MANIFEST_FILE,
  MAX_MANIFEST_BYTES,
  parseManifest,
  readRecordsPart,
  type Manifest,
  type RecordsPart,
} from './archive';
import type { BlobLine } from './archive-blobs';
import { sha256OfEntry } from './archive-entries';
import { contentHashOf } from './content-hash';
import { documentKeysOf } from './document-refs';
import { formatCount, KindProgress, type ProgressSink } from './progress';
import { checkBlobFiles, readBlobIndex, restoreBlobs, type BlobIndex } from './restore-blobs';
import { readTarIndex, TarFormatError, type TarEntry } from './tar-reader';
import { assertEmpty, assertNoBlobs } from './target-guard';
import {
  compareBlobs,
  compareKind,
  measureKind,
  reportOf,
  type KindMeasure,
  type VerificationReport,
} from './verification';

/** An archive that passed every check, with where each part is. */
export interface VerifiedArchive {
  path: string;
  manifest: Manifest;
  /** The parts the archive holds (a version 1 archive has none of rates), in restore order. */
  parts: { part: RecordsPart; entry: TarEntry }[];
  /** What the target must hold of every kind once restored (records brought up to today's shape). */
  expected: Record<TransferKind, KindMeasure>;
  /** Null for a version 1 archive, which holds no blobs. */
  blobs: { index: BlobIndex; files: Map<string, TarEntry> } | null;
}

/** Batch size for checking parts: records are parsed and hashed, not kept. */
const CHECK_BATCH = 1000;

async function indexOf(path: string): Promise<TarEntry[]> {
  try {
    return await readTarIndex(path);
  } catch (error) {
    if (error instanceof TarFormatError) throw new ArchiveError(error.message);
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new ArchiveError('there is no such file');
    throw error;
  }
}

async function manifestOf(path: string, entries: ReadonlyMap<string, TarEntry>): Promise<Manifest> {
  const entry = entries.get(MANIFEST_FILE);
  if (!entry) {
    throw new ArchiveError(`It has no ${MANIFEST_FILE}: it is truncated, or not a docket backup`);
  }
  if (entry.size > MAX_MANIFEST_BYTES)
    throw new ArchiveError(`Its ${MANIFEST_FILE} is too large to be a manifest`);
  const bytes = Buffer.alloc(entry.size);
  const handle = await open(path, 'r');
  try {
    await handle.read(bytes, 0, entry.size, entry.offset);
  } finally {
    await handle.close();
  }
  return parseManifest(bytes);
}

function located(entries: ReadonlyMap<string, TarEntry>, file: string): TarEntry {
  const entry = entries.get(file);
  if (!entry) throw new ArchiveError(`It lacks ${file}, which its manifest lists: it was altered`);
  return entry;
}

/**
 * Checks a whole archive before anything is restored from it: its tar structure (a truncated file fails here),
 * the manifest (present, of a version this build reads, listing one part of every kind the version holds), every
 * part present and nothing else, every part's bytes against its SHA-256, the blob index and every blob against
 * the SHA-256 it is named by, every line parsed as a record of its kind, with the count and content hash of each
 * part against the manifest, and every document the records refer to listed in the blob index.
 * @throws ArchiveError saying what is wrong
 */
export async function verifyArchive(path: string, progress: ProgressSink): Promise<VerifiedArchive> {
  progress(`Checking the archive ${path}…`);
  const entries = new Map((await indexOf(path)).map((e) => [e.name, e]));
  const manifest = await manifestOf(path, entries);
  const parts = manifest.parts.map((part) => ({ part, entry: located(entries, part.file) }));
  const indexEntry = manifest.version === 2 ? located(entries, BLOB_INDEX_FILE) : null;

  // The bytes first: an altered part is reported as altered, not as whatever unzipping it then trips over.
  for (const { part, entry } of parts) {
    if ((await sha256OfEntry(path, entry)) !== part.sha256) {
      throw new ArchiveError(
        `${part.file} does not match its SHA-256 in the manifest: it was altered or damaged`,
      );
    }
  }
  let index: BlobIndex | null = null;
  if (manifest.version === 2 && indexEntry) {
    if ((await sha256OfEntry(path, indexEntry)) !== manifest.blobs.sha256) {
      throw new ArchiveError(
        `${BLOB_INDEX_FILE} does not match its SHA-256 in the manifest: it was altered or damaged`,
      );
    }
    index = await readBlobIndex(path, indexEntry, manifest.blobs);
  }

  const listed = new Set([MANIFEST_FILE, ...parts.map((p) => p.part.file)]);
  if (index) {
    listed.add(BLOB_INDEX_FILE);
    for (const sha256 of index.files.keys()) listed.add(blobFile(sha256));
  }
  const stray = [...entries.keys()].find((name) => !listed.has(name));
  if (stray) throw new ArchiveError(`It holds ${stray}, which its manifest does not list`);

  const files = index ? await checkBlobFiles(path, entries, index, progress) : null;

  const expected = {} as Record<TransferKind, KindMeasure>;
  for (const kind of TRANSFER_KINDS) expected[kind] = { count: 0, read: 0, contentHash: contentHashOf([]) };
  for (const { part, entry } of parts) {
    const reading = await readRecordsPart(path, entry, part.kind, {
      version: manifest.version,
      batchSize: CHECK_BATCH,
      onRecord: (record) => {
        if (part.kind !== 'contracts' && part.kind !== 'rates') return;
        const key = documentKeysOf(record as Contract | Rate).find((k) => !index?.keys.has(k));
        if (key !== undefined) {
          throw new ArchiveError(
            `A record of ${part.file} refers to the document blob ${key}, which the archive neither holds nor ` +
              'lists as missing',
          );
        }
      },
    });
    if (reading.records !== part.records) {
      throw new ArchiveError(
        `${part.file} holds ${formatCount(reading.records)} records; its manifest says ${formatCount(part.records)}`,
      );
    }
    if (reading.contentHash !== part.contentHash) {
      throw new ArchiveError(`The records of ${part.file} do not match their content hash in the manifest`);
    }
    expected[part.kind] = {
      count: part.records,
      read: part.records,
      contentHash: reading.currentContentHash,
    };
    progress(`Checked ${part.kind}: ${formatCount(part.records)} records`);
  }

  return { path, manifest, parts, expected, blobs: index && files ? { index, files } : null };
}

/** The documents that were missing or altered when an archive was made, as the archive lists them. */
export function archiveProblems(archive: VerifiedArchive): BlobLine[] {
  return archive.blobs?.index.problems ?? [];
}

export interface RestoreOptions {
  /** Records per write. */
  batchSize: number;
  /** Restore into a target that already holds records or blobs (same ids and keys are replaced, the rest kept). */
  force: boolean;
  /** Where the archive's blobs go. Needed only when it holds some. */
  blobs?: BlobStore;
  progress: ProgressSink;
}

/**
 * Restores a verified archive into a migrated datastore, kind by kind in `TRANSFER_KINDS` order, and its blobs
 * into the blob store, then verifies the target's counts and content hashes against the manifest.
 * @returns the verification report; check `ok`.
 * @throws TargetNotEmptyError when the target holds records (or the blob store blobs) and `force` is not set;
 *   nothing is written then
 */
export async function restoreArchive(
  archive: VerifiedArchive,
  target: Datastore,
  options: RestoreOptions,
): Promise<VerificationReport> {
  const heldBlobs = archive.blobs !== null && archive.blobs.index.expected.count > 0;
  if (heldBlobs && !options.blobs) {
    throw new Error('The archive holds documents, but no blob store was given to restore them into');
  }
  if (!options.force) {
    await assertEmpty(target, 'restore into');
    if (heldBlobs && options.blobs) await assertNoBlobs(options.blobs, 'restore into');
  }
  for (const { part, entry } of archive.parts) {
    const kind = part.kind;
    const bar = new KindProgress(options.progress, 'Restoring', kind, part.records);
    const reading = await readRecordsPart(archive.path, entry, kind, {
      version: archive.manifest.version,
      batchSize: options.batchSize,
      onBatch: async (records) => {
        await target.transfer.write(kind, records);
        bar.add(records.length);
      },
    });
    if (reading.sha256 !== part.sha256) {
      throw new ArchiveError(`${part.file} changed while it was being restored: the restore is incomplete`);
    }
    bar.finish();
  }
  const restoredBlobs =
    archive.blobs && options.blobs
      ? await restoreBlobs(
          archive.path,
          archive.blobs.index,
          archive.blobs.files,
          options.blobs,
          options.progress,
        )
      : null;

  const kinds = [];
  for (const kind of TRANSFER_KINDS) {
    options.progress(`Verifying ${kind}…`);
    kinds.push(compareKind(kind, archive.expected[kind], await measureKind(target, kind, options.batchSize)));
  }
  const blobs =
    archive.blobs && restoredBlobs ? compareBlobs(archive.blobs.index.expected, restoredBlobs) : null;
  return reportOf(['archive', 'target'], kinds, blobs);
}
