import { open } from 'node:fs/promises';
import { ArchiveError, MANIFEST_FILE, MAX_MANIFEST_BYTES, parseManifest, type Manifest } from './archive';
import type { BackupKey } from './backup-key';
import { CLEAR_ENTRIES, type EntryCodec } from './entry-codec';
import { ENCRYPTION_FILE, SEALED_VERSION, SealedEntries } from './entry-sealing';
import type { ProgressSink } from './progress';
import { readTarIndex, TarFormatError, type TarEntry } from './tar-reader';

/**
 * The first steps of reading an archive, before any part is: its entries, how they hold their content (in clear,
 * or encrypted with the operator's key, which must be the one it was made with), and its manifest. An archive in
 * clear proves nothing about where it has been, so it is opened only when the caller accepts that.
 */

export interface ArchiveOpeningOptions {
  /** The operator's key. Needed for an encrypted archive; not used for one in clear. */
  key: BackupKey | null;
  /** Accept an archive in clear (format version 1 or 2), with a warning, instead of refusing it. */
  allowUnsigned: boolean;
  progress: ProgressSink;
}

export interface OpenedArchive {
  entries: Map<string, TarEntry>;
  codec: EntryCodec;
  manifest: Manifest;
}

/** Far larger than any encryption header. */
const MAX_HEADER_BYTES = 4096;

async function indexOf(path: string): Promise<Map<string, TarEntry>> {
  try {
    return new Map((await readTarIndex(path)).map((e) => [e.name, e]));
  } catch (error) {
    if (error instanceof TarFormatError) throw new ArchiveError(error.message);
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new ArchiveError('there is no such file');
    throw error;
  }
}

async function bytesOf(path: string, entry: TarEntry): Promise<Buffer> {
  const bytes = Buffer.alloc(entry.size);
  const handle = await open(path, 'r');
  try {
    await handle.read(bytes, 0, entry.size, entry.offset);
  } finally {
    await handle.close();
  }
  return bytes;
}

async function manifestOf(
  path: string,
  entries: Map<string, TarEntry>,
  codec: EntryCodec,
): Promise<Manifest> {
  const entry = entries.get(MANIFEST_FILE);
  if (!entry) {
    throw new ArchiveError(`It has no ${MANIFEST_FILE}: it is truncated, or not a docket backup`);
  }
  if (entry.size > codec.storedSize(MAX_MANIFEST_BYTES)) {
    throw new ArchiveError(`Its ${MANIFEST_FILE} is too large to be a manifest`);
  }
  const content: Buffer[] = [];
  for await (const chunk of codec.decode(MANIFEST_FILE, [await bytesOf(path, entry)], MANIFEST_FILE)) {
    content.push(chunk);
  }
  return parseManifest(Buffer.concat(content));
}

async function sealingOf(path: string, header: TarEntry, key: BackupKey | null): Promise<SealedEntries> {
  if (key === null) {
    throw new ArchiveError(
      'It is encrypted: give the key it was made with, in DOCKET_BACKUP_KEY or with --key-file',
    );
  }
  if (header.size > MAX_HEADER_BYTES) {
    throw new ArchiveError(`Its ${ENCRYPTION_FILE} is too large to be an encryption header`);
  }
  return SealedEntries.open(key, await bytesOf(path, header));
}

/**
 * Lists an archive's entries (a truncated or damaged tar fails here), works out how its entries are held and,
 * for an encrypted archive, checks the key against its header; then reads and checks its manifest. Writes
 * nothing anywhere.
 * @throws ArchiveError when the archive is damaged, altered, encrypted with another key (or no key is given),
 *   or in clear and `allowUnsigned` is not set
 */
export async function openArchive(path: string, options: ArchiveOpeningOptions): Promise<OpenedArchive> {
  const entries = await indexOf(path);
  const header = entries.get(ENCRYPTION_FILE);
  const codec = header ? await sealingOf(path, header, options.key) : CLEAR_ENTRIES;
  const manifest = await manifestOf(path, entries, codec);
  if (codec.sealed) {
    if (manifest.version !== SEALED_VERSION) {
      throw new ArchiveError(
        `Its encrypted ${MANIFEST_FILE} is of format version ${manifest.version}: it was altered`,
      );
    }
    return { entries, codec, manifest };
  }
  if (manifest.version === SEALED_VERSION) {
    throw new ArchiveError(
      `Its ${MANIFEST_FILE} is of format version ${SEALED_VERSION}, which is always encrypted, but it has no ` +
        `${ENCRYPTION_FILE}: it was altered`,
    );
  }
  if (!options.allowUnsigned) {
    const made =
      manifest.version === 1 ? 'made by an older docket' : 'made by an older docket, or with --unencrypted';
    throw new ArchiveError(
      `It is not encrypted (format version ${manifest.version}: ${made}), so nothing proves that it is what ` +
        'docket wrote: whoever could reach the file could have changed any record and its hashes. Restore it ' +
        'only if you trust where it has been, with --allow-unsigned',
    );
  }
  options.progress(
    'Warning: the archive is not encrypted, so nothing proves it was not altered since it was made; ' +
      'restoring it because --allow-unsigned was given.',
  );
  return { entries, codec, manifest };
}
