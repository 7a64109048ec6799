import type { BlobStore } from '@docket/blobs';
import { DocketError, type Contract, type Rate } from '@docket/domain';
import { TRANSFER_KINDS, type Datastore, type TransferKind } from '@docket/store';
import {
  ArchiveError,
  BLOB_INDEX_FILE,
  MANIFEST_FILE,
  readRecordsPart,
  type Manifest,
  type RecordsPart,
} from './archive';
import type { BlobLine } from './archive-blobs';
import { sha256OfEntry } from './archive-entries';
import { openArchive, type ArchiveOpeningOptions } from './archive-opening';
import { contentHashOf } from './content-hash';
import { documentKeysOf } from './document-refs';
import type { EntryCodec } from './entry-codec';
import { ENCRYPTION_FILE } from './entry-sealing';
import { formatCount, KindProgress, type ProgressSink } from './progress';
import { checkBlobFiles, readBlobIndex, restoreBlobs, type BlobIndex } from './restore-blobs';
import type { TarEntry } from './tar-reader';
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
  /** How its entries hold their content: `codec.sealed` when it is encrypted and was authenticated by the key. */
  codec: EntryCodec;
  /** The parts the archive holds (a version 1 archive has none of rates), in restore order. */
  parts: { part: RecordsPart; entry: TarEntry }[];
  /** What the target must hold of every kind once restored (records brought up to today's shape). */
  expected: Record<TransferKind, KindMeasure>;
  /** Null for a version 1 archive, which holds no blobs. */
  blobs: { index: BlobIndex; files: Map<string, TarEntry> } | null;
}

/** Batch size for checking parts: records are parsed and hashed, not kept. */
const CHECK_BATCH = 1000;

function located(entries: ReadonlyMap<string, TarEntry>, file: string): TarEntry {
  const entry = entries.get(file);
  if (!entry) throw new ArchiveError(`It lacks ${file}, which its manifest lists: it was altered`);
  return entry;
}

/**
 * Checks a whole archive before anything is restored from it: its tar structure (a truncated file fails here),
 * for an encrypted archive the key against its header, the manifest (present, authenticated when encrypted, of a
 * version this build reads, listing one part of every kind the version holds), every part present and nothing
 * else, every part's bytes against its SHA-256, the blob index and every blob against its SHA-256, every line
 * parsed as a record of its kind, with the count and content hash of each part against the manifest, and every
 * document the records refer to listed in the blob index. Every encrypted entry is decrypted, and so
 * authenticated, whole. An archive in clear is refused unless `allowUnsigned`.
 * @throws ArchiveError saying what is wrong
 */
export async function verifyArchive(path: string, options: ArchiveOpeningOptions): Promise<VerifiedArchive> {
  const { progress } = options;
  progress(`Checking the archive ${path}…`);
  const { entries, codec, manifest } = await openArchive(path, options);
  const parts = manifest.parts.map((part) => ({ part, entry: located(entries, part.file) }));
  const indexEntry = manifest.version !== 1 ? located(entries, BLOB_INDEX_FILE) : null;

  // The bytes first: an altered part is reported as altered, not as whatever unzipping it then trips over.
  for (const { part, entry } of parts) {
    if ((await sha256OfEntry(path, entry)) !== part.sha256) {
      throw new ArchiveError(
        `${part.file} does not match its SHA-256 in the manifest: it was altered or damaged`,
      );
    }
  }
  let index: BlobIndex | null = null;
  if (manifest.version !== 1 && indexEntry) {
    if ((await sha256OfEntry(path, indexEntry)) !== manifest.blobs.sha256) {
      throw new ArchiveError(
        `${BLOB_INDEX_FILE} does not match its SHA-256 in the manifest: it was altered or damaged`,
      );
    }
    index = await readBlobIndex(path, indexEntry, manifest.blobs, codec);
  }

  const listed = new Set([MANIFEST_FILE, ...parts.map((p) => p.part.file)]);
  if (codec.sealed) listed.add(ENCRYPTION_FILE);
  if (index) {
    listed.add(BLOB_INDEX_FILE);
    for (const sha256 of index.files.keys()) listed.add(codec.blobFile(sha256));
  }
  const stray = [...entries.keys()].find((name) => !listed.has(name));
  if (stray) throw new ArchiveError(`It holds ${stray}, which its manifest does not list`);

  const files = index ? await checkBlobFiles(path, entries, index, codec, progress) : null;

  const expected = {} as Record<TransferKind, KindMeasure>;
  for (const kind of TRANSFER_KINDS) expected[kind] = { count: 0, read: 0, contentHash: contentHashOf([]) };
  for (const { part, entry } of parts) {
    const reading = await readRecordsPart(path, entry, part.kind, {
      version: manifest.version,
      codec,
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

  return { path, manifest, codec, parts, expected, blobs: index && files ? { index, files } : null };
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

/** The archive holds documents, and the restore was given nowhere to put them. */
export class NoBlobStoreError extends DocketError {
  readonly code = 'NO_BLOB_STORE';
  constructor() {
    super('The archive holds documents, but no blob store was given to restore them into');
  }
}

/**
 * Restores a verified archive into a migrated datastore, kind by kind in `TRANSFER_KINDS` order, and its blobs
 * into the blob store, then verifies the target's counts and content hashes against the manifest.
 * @returns the verification report; check `ok`.
 * @throws TargetNotEmptyError when the target holds records (or the blob store blobs) and `force` is not set;
 *   nothing is written then
 * @throws NoBlobStoreError when the archive holds documents and `blobs` is not given
 */
export async function restoreArchive(
  archive: VerifiedArchive,
  target: Datastore,
  options: RestoreOptions,
): Promise<VerificationReport> {
  const heldBlobs = archive.blobs !== null && archive.blobs.index.expected.count > 0;
  if (heldBlobs && !options.blobs) throw new NoBlobStoreError();
  if (!options.force) {
    await assertEmpty(target, 'restore into');
    if (heldBlobs && options.blobs) await assertNoBlobs(options.blobs, 'restore into');
  }
  for (const { part, entry } of archive.parts) {
    const kind = part.kind;
    const bar = new KindProgress(options.progress, 'Restoring', kind, part.records);
    const reading = await readRecordsPart(archive.path, entry, kind, {
      version: archive.manifest.version,
      codec: archive.codec,
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
          archive.codec,
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
