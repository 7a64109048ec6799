import { access, rename, rm } from 'node:fs/promises';
import type { BlobStore } from '@docket/blobs';
import { DocketError } from '@docket/domain';
import { TRANSFER_KINDS, type Datastore, type TransferKind, type TransferRecords } from '@docket/store';
import {
  ARCHIVE_FORMAT,
  ARCHIVE_VERSION,
  CLEAR_ARCHIVE_VERSION,
  MANIFEST_FILE,
  serializeManifest,
  writeRecordsPart,
  type CurrentManifest,
  type RecordsPart,
} from './archive';
import { writeBlobs, type BlobProblem } from './backup-blobs';
import type { BackupKey } from './backup-key';
import { ReferencedBlobs } from './document-refs';
import { CLEAR_ENTRIES, type EntryCodec } from './entry-codec';
import { ENCRYPTION_FILE, SealedEntries } from './entry-sealing';
import { formatCount, KindProgress, type ProgressSink } from './progress';
import { TarFileWriter } from './tar-writer';

export interface BackupOptions {
  /**
   * The operator's key: the archive is encrypted and authenticated with it (format version 3). Null makes an
   * archive in clear (version 2), which a restore refuses unless told to accept it: never the default.
   */
  key: BackupKey | null;
  /** Records per read. */
  batchSize: number;
  /**
   * Where the documents' blobs are read from. May be left out only when no record refers to a document: the
   * backup then fails if one does.
   */
  blobs?: BlobStore;
  /** Back up past documents whose blob is missing or altered, listing them, instead of failing. */
  allowMissingDocuments?: boolean;
  progress: ProgressSink;
}

export interface BackupResult {
  manifest: CurrentManifest;
  /** Documents whose blob was missing or altered (only with `allowMissingDocuments`; otherwise the backup fails). */
  problems: BlobProblem[];
}

/** The backup could not be made where asked. */
export class BackupError extends DocketError {
  readonly code = 'BACKUP_FAILED';
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

async function* recordsOf<K extends TransferKind>(
  source: Datastore,
  kind: K,
  batchSize: number,
): AsyncGenerator<TransferRecords[K][]> {
  for await (const batch of source.transfer.read(kind, { batchSize })) yield batch.records;
}

/** Notes the documents of the contracts and rates going by. */
function noteDocuments(referenced: ReferencedBlobs, kind: TransferKind, records: readonly unknown[]): void {
  if (kind === 'contracts')
    for (const c of records as TransferRecords['contracts'][]) referenced.addContract(c);
  if (kind === 'rates') for (const r of records as TransferRecords['rates'][]) referenced.addRate(r);
}

/**
 * Writes every record of a datastore, and the blobs of the documents those records refer to, into a new archive
 * (docs/backup-format.md), streaming: with a key, first the encryption header; then one part per kind, the blobs
 * and their index, then the manifest, each encrypted with the key when there is one. The blobs
 * are exactly those the archived records refer to, read as the records go by. The archive is written under
 * `<file>.partial` and renamed when complete, so a file by the name asked for is always a whole archive.
 * @throws BackupError when the file exists
 * @throws DocumentBlobError when a document's blob is missing or altered, unless `allowMissingDocuments`
 */
export async function backupDatastore(
  source: Datastore,
  file: string,
  options: BackupOptions,
): Promise<BackupResult> {
  if (await exists(file)) {
    throw new BackupError(`${file} already exists: choose another name, or remove it first`);
  }
  const partial = `${file}.partial`;
  await rm(partial, { force: true });
  const createdAt = new Date();
  const writer = await TarFileWriter.create(partial, createdAt);
  let result: BackupResult;
  try {
    let codec: EntryCodec = CLEAR_ENTRIES;
    if (options.key) {
      const sealing = SealedEntries.create(options.key);
      await writer.addEntry(ENCRYPTION_FILE, [sealing.header]);
      codec = sealing.entries;
    }
    const parts: RecordsPart[] = [];
    const referenced = new ReferencedBlobs();
    for (const kind of TRANSFER_KINDS) {
      const expected = await source.transfer.count(kind);
      const bar = new KindProgress(options.progress, 'Backing up', kind, expected);
      const part = await writeRecordsPart(
        writer,
        codec,
        kind,
        recordsOf(source, kind, options.batchSize),
        (records) => {
          noteDocuments(referenced, kind, records);
          bar.add(records.length);
        },
      );
      bar.finish();
      if (part.records !== expected) {
        options.progress(
          `Warning: ${kind} went from ${formatCount(expected)} to ${formatCount(part.records)} records during ` +
            'the backup: the datastore was being written to. The archive holds what was read.',
        );
      }
      parts.push(part);
    }
    const blobs = await writeBlobs(writer, codec, options.blobs ?? null, referenced, {
      allowProblems: options.allowMissingDocuments === true,
      progress: options.progress,
    });
    const manifest: CurrentManifest = {
      format: ARCHIVE_FORMAT,
      version: codec.sealed ? ARCHIVE_VERSION : CLEAR_ARCHIVE_VERSION,
      createdAt: createdAt.toISOString(),
      source: { kind: source.kind, blobs: options.blobs?.kind ?? null },
      parts,
      blobs: blobs.section,
    };
    await writer.addEntry(MANIFEST_FILE, codec.encode(MANIFEST_FILE, [serializeManifest(manifest)]));
    await writer.finish();
    result = { manifest, problems: blobs.problems };
  } catch (error) {
    await writer.close().catch(() => {});
    await rm(partial, { force: true });
    throw error;
  }
  await rename(partial, file);
  return result;
}
