import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { TransferKind } from '@docket/store';
import { canonicalJson, contentHashOf } from '../src/transfer';
import { readTarIndex } from '../src/transfer/tar-reader';
import { TarFileWriter } from '../src/transfer/tar-writer';

/** One records part of an archive made by hand: its lines as written, and what the manifest says of them. */
export interface HandmadePart {
  kind: TransferKind;
  /** The part's lines, without their newlines. */
  lines: string[];
  /** By default, the number of lines. */
  records?: number;
  /** By default, the content hash of the lines' JSON. */
  contentHash?: string;
}

/**
 * Writes an archive the way an older (or a broken) writer would have: the parts given, gzip'd, and a manifest of
 * `version` listing them, with `manifest` merged over it.
 */
export async function writeArchiveByHand(
  file: string,
  options: { version: number; parts: HandmadePart[]; manifest?: Record<string, unknown> },
): Promise<void> {
  const writer = await TarFileWriter.create(file, new Date());
  const parts = [];
  for (const part of options.parts) {
    const text = part.lines.map((line) => `${line}\n`).join('');
    const bytes = gzipSync(Buffer.from(text, 'utf8'));
    const name = `records/${part.kind}.ndjson.gz`;
    await writer.addEntry(name, [bytes]);
    parts.push({
      type: 'records',
      kind: part.kind,
      file: name,
      records: part.records ?? part.lines.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      contentHash: part.contentHash ?? contentHashOf(part.lines.map((line): unknown => JSON.parse(line))),
    });
  }
  const manifest = {
    format: 'docket-backup',
    version: options.version,
    createdAt: new Date().toISOString(),
    source: { kind: 'pglite' },
    parts,
    ...options.manifest,
  };
  await writer.addEntry('manifest.json', [Buffer.from(JSON.stringify(manifest, null, 2))]);
  await writer.finish();
}

/** One entry of an archive, whole: for the small archives of tests. */
export interface WholeEntry {
  name: string;
  data: Buffer;
}

/** Every entry of an archive, in order, with its data. */
export async function readWholeEntries(file: string): Promise<WholeEntry[]> {
  const bytes = await readFile(file);
  return (await readTarIndex(file)).map((e) => ({
    name: e.name,
    data: bytes.subarray(e.offset, e.offset + e.size),
  }));
}

/** Writes entries as a new, well-formed archive, in the order given. */
export async function writeWholeEntries(file: string, entries: readonly WholeEntry[]): Promise<void> {
  const writer = await TarFileWriter.create(file, new Date());
  for (const entry of entries) await writer.addEntry(entry.name, [entry.data]);
  await writer.finish();
}

/**
 * The attack of a forger who holds an archive in clear: makes the first state user an ADMIN, then recomputes
 * every hash the manifest gives of the users part, so that every check of the archive's own consistency passes.
 * @returns the id of the user made ADMIN
 */
export async function forgeAdmin(from: string, to: string): Promise<string> {
  const entries = await readWholeEntries(from);
  const part = entries.find((e) => e.name === 'records/users.ndjson.gz');
  const manifestEntry = entries.find((e) => e.name === 'manifest.json');
  if (!part || !manifestEntry) throw new Error(`${from} is not an archive in clear`);
  const records = gunzipSync(part.data)
    .toString('utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as { user: { id: string; role: string; stateCode: string | null } });
  const victim = records.find((r) => r.user.role === 'STATE_USER');
  if (!victim) throw new Error('no state user to promote');
  victim.user.role = 'ADMIN';
  victim.user.stateCode = null;
  part.data = gzipSync(Buffer.from(records.map((r) => `${canonicalJson(r)}\n`).join(''), 'utf8'));
  const manifest = JSON.parse(manifestEntry.data.toString('utf8')) as {
    parts: { kind: string; sha256: string; contentHash: string }[];
  };
  const listed = manifest.parts.find((p) => p.kind === 'users');
  if (!listed) throw new Error('no users part in the manifest');
  listed.sha256 = createHash('sha256').update(part.data).digest('hex');
  listed.contentHash = contentHashOf(records);
  manifestEntry.data = Buffer.from(JSON.stringify(manifest, null, 2));
  await writeWholeEntries(to, entries);
  return victim.user.id;
}
