import { TRANSFER_KINDS, type DatastoreKind, type TransferKind, type TransferRecords } from '@docket/store';
import { z } from 'zod';
import { ArchiveError, describeIssue, parseLine, readGzipLines, writeGzipEntry } from './archive-entries';
import { canonicalJson, ContentHash } from './content-hash';
import type { EntryCodec } from './entry-codec';
import { ENCRYPTION_FILE } from './entry-sealing';
import {
  ARCHIVE_VERSIONS,
  ARCHIVED_KINDS,
  KINDS_ADDED_SINCE,
  archivedRecordSchema,
  type ArchiveVersion,
} from './record-schemas';
import type { TarEntry } from './tar-reader';
import type { TarFileWriter } from './tar-writer';

export { ArchiveError } from './archive-entries';

/**
 * The backup archive (documented in docs/backup-format.md): a ustar file holding one gzip'd NDJSON part per kind
 * of record, since format version 2 the blobs of the filings' documents with their index, and, last,
 * `manifest.json`, which names every part with its record count, the SHA-256 of its bytes and the content hash
 * of its records. Version 3 is version 2 encrypted and authenticated (entry-sealing.ts): this build writes it,
 * or version 2 when told to make an archive without a key, and reads 1, 2 and 3.
 */

export const ARCHIVE_FORMAT = 'docket-backup';
/** What a backup with a key writes: encrypted and authenticated. */
export const ARCHIVE_VERSION = 3 satisfies ArchiveVersion;
/** What a backup without a key writes: the same, in clear. */
export const CLEAR_ARCHIVE_VERSION = 2 satisfies ArchiveVersion;
export const MANIFEST_FILE = 'manifest.json';
/** The index of the blobs in a version 2 or 3 archive: one line per blob the records refer to. */
export const BLOB_INDEX_FILE = 'blobs.ndjson.gz';

/** Far larger than any manifest; a bigger entry by that name is not one. */
export const MAX_MANIFEST_BYTES = 1024 * 1024;

export function recordsPartFile(kind: TransferKind): string {
  return `records/${kind}.ndjson.gz`;
}

export const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lower-case hex digits');
const count = z.number().int().nonnegative();

const recordsPartSchema = z.strictObject({
  type: z.literal('records'),
  kind: z.enum(TRANSFER_KINDS),
  file: z.string().min(1).max(100),
  records: count,
  sha256: sha256Hex,
  contentHash: sha256Hex,
});
export type RecordsPart = z.infer<typeof recordsPartSchema>;

/** What a version 2 manifest says of the blobs: their index, and what it holds in all. */
const blobsSectionSchema = z.strictObject({
  index: z.literal(BLOB_INDEX_FILE),
  /** SHA-256 of the index's bytes, as stored. */
  sha256: sha256Hex,
  /** Blobs held, one per key. */
  blobs: count,
  /** Entries under `blobs/`: blobs with the same bytes share one. */
  files: count,
  /** Bytes of the blobs held, summed over keys. */
  bytes: count,
  /** Content hash of the blobs held, as `{key, sha256, size}` records. */
  contentHash: sha256Hex,
  /** Documents the records refer to whose blob was missing, or did not match the reference, at backup time. */
  problems: count,
});
export type BlobsSection = z.infer<typeof blobsSectionSchema>;

const DATASTORE_KINDS = ['pglite', 'postgres', 'dynamodb'] as const satisfies readonly DatastoreKind[];

const manifestHead = {
  format: z.literal(ARCHIVE_FORMAT),
  createdAt: z.iso.datetime(),
  parts: z.array(recordsPartSchema),
};

const manifestV1Schema = z.strictObject({
  ...manifestHead,
  version: z.literal(1),
  source: z.strictObject({ kind: z.enum(DATASTORE_KINDS) }),
});

const manifestWithBlobs = {
  ...manifestHead,
  source: z.strictObject({ kind: z.enum(DATASTORE_KINDS), blobs: z.enum(['file', 's3']).nullable() }),
  blobs: blobsSectionSchema,
};

const manifestV2Schema = z.strictObject({ ...manifestWithBlobs, version: z.literal(2) });
/** The manifest of an encrypted archive: the same as version 2's, but for its version. */
const manifestV3Schema = z.strictObject({ ...manifestWithBlobs, version: z.literal(3) });

const manifestSchema = z.discriminatedUnion('version', [
  manifestV1Schema,
  manifestV2Schema,
  manifestV3Schema,
]);
export type ManifestV2 = z.infer<typeof manifestV2Schema>;
export type ManifestV3 = z.infer<typeof manifestV3Schema>;
/** What this build writes, in clear or encrypted. */
export type CurrentManifest = ManifestV2 | ManifestV3;
export type Manifest = z.infer<typeof manifestSchema>;

/** "1, 2 and 3" */
export function knownVersions(): string {
  const all = ARCHIVE_VERSIONS.map(String);
  return all.length === 1 ? (all[0] ?? '') : `${all.slice(0, -1).join(', ')} and ${all.at(-1) ?? ''}`;
}

/** Parses and checks a manifest's text. @throws ArchiveError */
export function parseManifest(bytes: Buffer): Manifest {
  if (bytes.length > MAX_MANIFEST_BYTES)
    throw new ArchiveError(`${MANIFEST_FILE} is too large to be a manifest`);
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new ArchiveError(`${MANIFEST_FILE} is not JSON: the archive was altered or damaged`);
  }
  const head = z.looseObject({ format: z.string(), version: z.number() }).safeParse(json);
  if (!head.success || head.data.format !== ARCHIVE_FORMAT) {
    throw new ArchiveError(`${MANIFEST_FILE} does not describe a ${ARCHIVE_FORMAT} archive`);
  }
  if (!(ARCHIVE_VERSIONS as readonly number[]).includes(head.data.version)) {
    throw new ArchiveError(
      `The archive is of format version ${head.data.version}; this build of docket reads versions ` +
        knownVersions(),
    );
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
    throw new ArchiveError(`${MANIFEST_FILE} is not valid${where}: ${issue?.message ?? 'unknown problem'}`);
  }
  const manifest = parsed.data;
  const kinds = ARCHIVED_KINDS[manifest.version];
  for (const kind of TRANSFER_KINDS) {
    const parts = manifest.parts.filter((p) => p.kind === kind);
    const expected = kinds.includes(kind) ? 1 : 0;
    const optional = expected === 1 && KINDS_ADDED_SINCE.includes(kind) && parts.length === 0;
    if (parts.length !== expected && !optional) {
      throw new ArchiveError(
        `${MANIFEST_FILE} lists ${parts.length} parts of ${kind}; a version ${manifest.version} archive holds ` +
          (expected === 1 ? 'exactly one' : 'none'),
      );
    }
  }
  const files = [...manifest.parts.map((p) => p.file), ...(manifest.version !== 1 ? [BLOB_INDEX_FILE] : [])];
  if (
    new Set(files).size !== files.length ||
    [MANIFEST_FILE, ENCRYPTION_FILE].some((f) => files.includes(f)) ||
    files.some(isBlobFile)
  ) {
    throw new ArchiveError(`${MANIFEST_FILE} names one file for two parts`);
  }
  return manifest;
}

export function serializeManifest(manifest: Manifest): Buffer {
  return Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
}

function isBlobFile(name: string): boolean {
  return name.startsWith('blobs/');
}

/**
 * Writes one kind's records as a part: canonical JSON, one record a line, gzip'd, encoded by `codec`, streamed
 * into the archive. `onRecords` sees every batch once it is in the part.
 * @returns the part's entry for the manifest.
 */
export async function writeRecordsPart<K extends TransferKind>(
  writer: TarFileWriter,
  codec: EntryCodec,
  kind: K,
  batches: AsyncIterable<readonly TransferRecords[K][]>,
  onRecords: (records: readonly TransferRecords[K][]) => void,
): Promise<RecordsPart> {
  const content = new ContentHash();
  async function* lines(): AsyncGenerator<Buffer> {
    for await (const records of batches) {
      let text = '';
      for (const record of records) {
        const json = canonicalJson(record);
        content.addCanonical(json);
        text += `${json}\n`;
      }
      onRecords(records);
      if (text !== '') yield Buffer.from(text, 'utf8');
    }
  }
  const file = recordsPartFile(kind);
  const sha256 = await writeGzipEntry(writer, file, lines(), codec);
  return { type: 'records', kind, file, records: content.count, sha256, contentHash: content.digest() };
}

/** What reading a part found. */
export interface PartReading {
  records: number;
  sha256: string;
  /** Of the records as the archive holds them: what the manifest's content hash is about. */
  contentHash: string;
  /** Of the records as today's datastore takes them (the same, but for parts of older format versions). */
  currentContentHash: string;
}

export interface ReadRecordsOptions<K extends TransferKind> {
  /** The format version of the archive, which says what shape its records have. */
  version: ArchiveVersion;
  /** How the archive's entries hold their content. */
  codec: EntryCodec;
  batchSize: number;
  /** Takes the records, brought up to today's shape, a batch at a time. */
  onBatch?: (records: TransferRecords[K][]) => Promise<void>;
  /** Sees each record, brought up to today's shape, as it is read. */
  onRecord?: (record: TransferRecords[K]) => void;
}

/**
 * Reads one part: unzips it, parses every line as JSON and then as a record of its kind, and hands the records
 * over in batches (when `onBatch` is given). Memory holds one batch.
 * @throws ArchiveError naming the part and line at fault
 */
export async function readRecordsPart<K extends TransferKind>(
  path: string,
  entry: TarEntry,
  kind: K,
  options: ReadRecordsOptions<K>,
): Promise<PartReading> {
  const schema = archivedRecordSchema(options.version, kind);
  const content = new ContentHash();
  const current = new ContentHash();
  let batch: TransferRecords[K][] = [];

  const sha256 = await readGzipLines(path, entry, options.codec, async (text, line) => {
    const parsed = schema.safeParse(parseLine(text, entry, line));
    if (!parsed.success) {
      throw new ArchiveError(
        `Line ${line} of ${entry.name} is not a valid record of ${kind} (${describeIssue(parsed.error)})`,
      );
    }
    const { archived, record } = parsed.data;
    const json = canonicalJson(archived);
    content.addCanonical(json);
    current.addCanonical(archived === record ? json : canonicalJson(record));
    options.onRecord?.(record);
    if (options.onBatch) {
      batch.push(record);
      if (batch.length >= options.batchSize) {
        await options.onBatch(batch);
        batch = [];
      }
    }
  });
  if (options.onBatch && batch.length > 0) await options.onBatch(batch);
  return {
    records: content.count,
    sha256,
    contentHash: content.digest(),
    currentContentHash: current.digest(),
  };
}
