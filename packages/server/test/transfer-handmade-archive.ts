import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { TransferKind } from '@docket/store';
import { contentHashOf } from '../src/transfer';
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
