import { access, rename, rm } from 'node:fs/promises';
import { TRANSFER_KINDS, type Datastore, type TransferKind, type TransferRecords } from '@docket/store';
import {
  ARCHIVE_FORMAT,
  ARCHIVE_VERSION,
  MANIFEST_FILE,
  serializeManifest,
  writeRecordsPart,
  type Manifest,
  type RecordsPart,
} from './archive';
import { formatCount, KindProgress, type ProgressSink } from './progress';
import { TarFileWriter } from './tar-writer';

export interface BackupOptions {
  /** Records per read. */
  batchSize: number;
  progress: ProgressSink;
}

/** The backup could not be made where asked. */
export class BackupError extends Error {}

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

/**
 * Writes every record of a datastore into a new archive (docs/backup-format.md), streaming: one part per kind,
 * then the manifest. The archive is written under `<file>.partial` and renamed when complete, so a file by the
 * name asked for is always a whole archive.
 * @throws BackupError when the file exists
 */
export async function backupDatastore(
  source: Datastore,
  file: string,
  options: BackupOptions,
): Promise<Manifest> {
  if (await exists(file)) {
    throw new BackupError(`${file} already exists: choose another name, or remove it first`);
  }
  const partial = `${file}.partial`;
  await rm(partial, { force: true });
  const createdAt = new Date();
  const writer = await TarFileWriter.create(partial, createdAt);
  let manifest: Manifest;
  try {
    const parts: RecordsPart[] = [];
    for (const kind of TRANSFER_KINDS) {
      const expected = await source.transfer.count(kind);
      const bar = new KindProgress(options.progress, 'Backing up', kind, expected);
      const part = await writeRecordsPart(writer, kind, recordsOf(source, kind, options.batchSize), (n) =>
        bar.add(n),
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
    manifest = {
      format: ARCHIVE_FORMAT,
      version: ARCHIVE_VERSION,
      createdAt: createdAt.toISOString(),
      source: { kind: source.kind },
      parts,
    };
    await writer.addEntry(MANIFEST_FILE, [serializeManifest(manifest)]);
    await writer.finish();
  } catch (error) {
    await writer.close().catch(() => {});
    await rm(partial, { force: true });
    throw error;
  }
  await rename(partial, file);
  return manifest;
}
