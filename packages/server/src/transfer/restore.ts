import { open } from 'node:fs/promises';
import { TRANSFER_KINDS, type Datastore, type TransferKind } from '@docket/store';
import {
  ArchiveError,
  MANIFEST_FILE,
  MAX_MANIFEST_BYTES,
  parseManifest,
  readRecordsPart,
  sha256OfEntry,
  type Manifest,
  type RecordsPart,
} from './archive';
import { formatCount, KindProgress, type ProgressSink } from './progress';
import { readTarIndex, TarFormatError, type TarEntry } from './tar-reader';
import { assertEmpty } from './target-guard';
import { compareKind, measureKind, reportOf, type VerificationReport } from './verification';

/** An archive that passed every check, with where each part is. */
export interface VerifiedArchive {
  path: string;
  manifest: Manifest;
  parts: Record<TransferKind, { part: RecordsPart; entry: TarEntry }>;
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

async function manifestOf(path: string, index: TarEntry[]): Promise<Manifest> {
  const entry = index.find((e) => e.name === MANIFEST_FILE);
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

/**
 * Checks a whole archive before anything is restored from it: its tar structure (a truncated file fails here),
 * the manifest (present, of a version this build reads, listing one part of every kind), every part present and
 * nothing else, every part's bytes against its SHA-256, and every line parsed as a record of its kind, with the
 * count and content hash of each part against the manifest.
 * @throws ArchiveError saying what is wrong
 */
export async function verifyArchive(path: string, progress: ProgressSink): Promise<VerifiedArchive> {
  progress(`Checking the archive ${path}…`);
  const index = await indexOf(path);
  const manifest = await manifestOf(path, index);

  const listed = new Set([MANIFEST_FILE, ...manifest.parts.map((p) => p.file)]);
  const stray = index.find((e) => !listed.has(e.name));
  if (stray) throw new ArchiveError(`It holds ${stray.name}, which its manifest does not list`);

  const located = manifest.parts.map((part) => {
    const entry = index.find((e) => e.name === part.file);
    if (!entry) throw new ArchiveError(`It lacks ${part.file}, which its manifest lists: it was altered`);
    return { part, entry };
  });

  // The bytes first: an altered part is reported as altered, not as whatever unzipping it then trips over.
  for (const { part, entry } of located) {
    if ((await sha256OfEntry(path, entry)) !== part.sha256) {
      throw new ArchiveError(
        `${part.file} does not match its SHA-256 in the manifest: it was altered or damaged`,
      );
    }
  }

  for (const { part, entry } of located) {
    const reading = await readRecordsPart(path, entry, part.kind, { batchSize: CHECK_BATCH });
    if (reading.records !== part.records) {
      throw new ArchiveError(
        `${part.file} holds ${formatCount(reading.records)} records; its manifest says ${formatCount(part.records)}`,
      );
    }
    if (reading.contentHash !== part.contentHash) {
      throw new ArchiveError(`The records of ${part.file} do not match their content hash in the manifest`);
    }
    progress(`Checked ${part.kind}: ${formatCount(part.records)} records`);
  }

  const parts = Object.fromEntries(located.map((l) => [l.part.kind, l])) as VerifiedArchive['parts'];
  return { path, manifest, parts };
}

export interface RestoreOptions {
  /** Records per write. */
  batchSize: number;
  /** Restore into a target that already holds records (same ids are replaced, the rest kept). */
  force: boolean;
  progress: ProgressSink;
}

/**
 * Restores a verified archive into a migrated datastore, kind by kind in `TRANSFER_KINDS` order, then verifies
 * the target's counts and content hashes against the manifest.
 * @returns the verification report; check `ok`.
 * @throws TargetNotEmptyError when the target holds records and `force` is not set; nothing is written then
 */
export async function restoreArchive(
  archive: VerifiedArchive,
  target: Datastore,
  options: RestoreOptions,
): Promise<VerificationReport> {
  if (!options.force) await assertEmpty(target, 'restore into');
  for (const kind of TRANSFER_KINDS) {
    const { part, entry } = archive.parts[kind];
    const bar = new KindProgress(options.progress, 'Restoring', kind, part.records);
    const reading = await readRecordsPart(archive.path, entry, kind, {
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

  const kinds = [];
  for (const kind of TRANSFER_KINDS) {
    options.progress(`Verifying ${kind}…`);
    const { part } = archive.parts[kind];
    const expected = { count: part.records, read: part.records, contentHash: part.contentHash };
    kinds.push(compareKind(kind, expected, await measureKind(target, kind, options.batchSize)));
  }
  return reportOf(['archive', 'target'], kinds);
}
