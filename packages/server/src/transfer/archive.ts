import { createHash } from 'node:crypto';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip, createGzip } from 'node:zlib';
import { TRANSFER_KINDS, type DatastoreKind, type TransferKind, type TransferRecords } from '@docket/store';
import { z } from 'zod';
import { canonicalJson, ContentHash } from './content-hash';
import { RECORD_SCHEMAS } from './record-schemas';
import { entryStream, type TarEntry } from './tar-reader';
import type { TarFileWriter } from './tar-writer';

/**
 * The backup archive, format version 1 (documented in docs/backup-format.md): a ustar file holding one gzip'd
 * NDJSON part per kind of record and, last, `manifest.json`, which names every part with its record count, the
 * SHA-256 of its bytes and the content hash of its records.
 */

export const ARCHIVE_FORMAT = 'docket-backup';
export const ARCHIVE_VERSION = 1;
export const MANIFEST_FILE = 'manifest.json';

/** Far larger than any manifest; a bigger entry by that name is not one. */
export const MAX_MANIFEST_BYTES = 1024 * 1024;

export function recordsPartFile(kind: TransferKind): string {
  return `records/${kind}.ndjson.gz`;
}

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lower-case hex digits');

const recordsPartSchema = z.strictObject({
  /** Parts of other types (documents' blobs) come in a later version of the format. */
  type: z.literal('records'),
  kind: z.enum(TRANSFER_KINDS),
  file: z.string().min(1).max(100),
  records: z.number().int().nonnegative(),
  sha256: sha256Hex,
  contentHash: sha256Hex,
});
export type RecordsPart = z.infer<typeof recordsPartSchema>;

const DATASTORE_KINDS = ['pglite', 'postgres', 'dynamodb'] as const satisfies readonly DatastoreKind[];

const manifestSchema = z.strictObject({
  format: z.literal(ARCHIVE_FORMAT),
  version: z.literal(ARCHIVE_VERSION),
  createdAt: z.iso.datetime(),
  source: z.strictObject({ kind: z.enum(DATASTORE_KINDS) }),
  parts: z.array(recordsPartSchema),
});
export type Manifest = z.infer<typeof manifestSchema>;

/** An archive that cannot be restored: truncated, altered, or not a Docket backup of a version this build reads. */
export class ArchiveError extends Error {}

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
  if (head.data.version !== ARCHIVE_VERSION) {
    throw new ArchiveError(
      `The archive is of format version ${head.data.version}; this build of docket reads version ${ARCHIVE_VERSION}`,
    );
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
    throw new ArchiveError(`${MANIFEST_FILE} is not valid${where}: ${issue?.message ?? 'unknown problem'}`);
  }
  const manifest = parsed.data;
  for (const kind of TRANSFER_KINDS) {
    const parts = manifest.parts.filter((p) => p.kind === kind);
    if (parts.length !== 1) {
      throw new ArchiveError(
        `${MANIFEST_FILE} lists ${parts.length} parts of ${kind}; it must list exactly one`,
      );
    }
  }
  const files = manifest.parts.map((p) => p.file);
  if (new Set(files).size !== files.length || files.includes(MANIFEST_FILE)) {
    throw new ArchiveError(`${MANIFEST_FILE} names one file for two parts`);
  }
  return manifest;
}

export function serializeManifest(manifest: Manifest): Buffer {
  return Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
}

/** Passes bytes through unchanged, hashing them on the way. */
function sha256Tap(hash: ReturnType<typeof createHash>): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      done(null, chunk);
    },
  });
}

/**
 * Writes one kind's records as a part: canonical JSON, one record a line, gzip'd, streamed into the archive.
 * @returns the part's entry for the manifest.
 */
export async function writeRecordsPart<K extends TransferKind>(
  writer: TarFileWriter,
  kind: K,
  batches: AsyncIterable<readonly TransferRecords[K][]>,
  onRecords: (count: number) => void,
): Promise<RecordsPart> {
  const content = new ContentHash();
  const bytesHash = createHash('sha256');
  async function* lines(): AsyncGenerator<Buffer> {
    for await (const records of batches) {
      let text = '';
      for (const record of records) {
        const json = canonicalJson(record);
        content.addCanonical(json);
        text += `${json}\n`;
      }
      onRecords(records.length);
      if (text !== '') yield Buffer.from(text, 'utf8');
    }
  }
  const file = recordsPartFile(kind);
  await pipeline(
    Readable.from(lines()),
    createGzip(),
    sha256Tap(bytesHash),
    async (gzipped: AsyncIterable<Buffer>) => {
      await writer.addEntry(file, gzipped);
    },
  );
  return {
    type: 'records',
    kind,
    file,
    records: content.count,
    sha256: bytesHash.digest('hex'),
    contentHash: content.digest(),
  };
}

/** The SHA-256 of an entry's bytes, as stored. */
export async function sha256OfEntry(path: string, entry: TarEntry): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of entryStream(path, entry)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** What reading a part found. */
export interface PartReading {
  records: number;
  sha256: string;
  contentHash: string;
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
  options: { batchSize: number; onBatch?: (records: TransferRecords[K][]) => Promise<void> },
): Promise<PartReading> {
  const schema = RECORD_SCHEMAS[kind];
  const content = new ContentHash();
  const bytesHash = createHash('sha256');
  let line = 0;
  let batch: TransferRecords[K][] = [];

  const take = async (text: string): Promise<void> => {
    line += 1;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new ArchiveError(`Line ${line} of ${entry.name} is not JSON`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
      throw new ArchiveError(
        `Line ${line} of ${entry.name} is not a valid record of ${kind} (${where}${issue?.message ?? 'invalid'})`,
      );
    }
    content.addCanonical(canonicalJson(parsed.data));
    if (options.onBatch) {
      batch.push(parsed.data);
      if (batch.length >= options.batchSize) {
        await options.onBatch(batch);
        batch = [];
      }
    }
  };

  try {
    await pipeline(
      entryStream(path, entry),
      sha256Tap(bytesHash),
      createGunzip(),
      async (text: AsyncIterable<Buffer>) => {
        const decoder = new StringDecoder('utf8');
        let rest = '';
        for await (const chunk of text) {
          rest += decoder.write(chunk);
          let start = 0;
          for (let end = rest.indexOf('\n'); end !== -1; end = rest.indexOf('\n', start)) {
            await take(rest.slice(start, end));
            start = end + 1;
          }
          rest = rest.slice(start);
        }
        rest += decoder.end();
        if (rest !== '') throw new ArchiveError(`${entry.name} ends in the middle of a line`);
      },
    );
  } catch (error) {
    if (error instanceof ArchiveError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (code.startsWith('Z_') || code === 'ERR_ZLIB') {
      throw new ArchiveError(`${entry.name} is not valid gzip data (${(error as Error).message})`);
    }
    throw error;
  }
  if (options.onBatch && batch.length > 0) await options.onBatch(batch);
  return { records: content.count, sha256: bytesHash.digest('hex'), contentHash: content.digest() };
}
