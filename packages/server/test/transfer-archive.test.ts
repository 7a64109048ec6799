import { ARCHIVED_KINDS } from '../src/transfer/record-schemas';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TRANSFER_KINDS, type Datastore } from '@docket/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatastore } from '../src/composition-root';
import {
  ArchiveError,
  backupDatastore,
  BackupError,
  BackupKey,
  contentHashOf,
  restoreArchive,
  TargetNotEmptyError,
  verifyArchive,
  type Manifest,
} from '../src/transfer';
import { readTarIndex } from '../src/transfer/tar-reader';
import { generateFilings, measureAll } from './transfer-fixtures';
import { writeArchiveByHand } from './transfer-handmade-archive';

/**
 * Backup and restore of records between two PGlite datastores in this process: one in memory, one in a scratch
 * folder. Documents are in transfer-archive-documents.test.ts.
 */

let dir: string;
let source: Datastore;
let target: Datastore;
const quiet = () => {};
const key = BackupKey.generate();
const opening = { key, allowUnsigned: false, progress: quiet };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'docket-transfer-archive-'));
  source = await openDatastore({ kind: 'pglite', dataDir: null });
  await source.migrate();
  await generateFilings(source, { contracts: 40 });
  target = await openDatastore({ kind: 'pglite', dataDir: join(dir, 'target') });
  await target.migrate();
});

afterAll(async () => {
  await source?.close();
  await target?.close();
  await rm(dir, { recursive: true, force: true });
});

function withByte(bytes: Buffer, at: number, value: number): Buffer {
  const copy = Buffer.from(bytes);
  copy[at] = value;
  return copy;
}

function hashesOf(manifest: Manifest): Record<string, [number, string]> {
  return Object.fromEntries(manifest.parts.map((p) => [p.kind, [p.records, p.contentHash]]));
}

describe('backup and restore', () => {
  let first: Manifest;
  const archive = () => join(dir, 'first.tar');

  it('backs up every kind: one part each, listed in the manifest with counts and hashes', async () => {
    ({ manifest: first } = await backupDatastore(source, archive(), { key, batchSize: 7, progress: quiet }));

    expect(first).toMatchObject({
      format: 'docket-backup',
      version: 3,
      source: { kind: 'pglite', blobs: null },
      blobs: { index: 'blobs.ndjson.gz', blobs: 0, files: 0, bytes: 0, problems: 0 },
    });
    expect(first.parts.map((p) => p.kind)).toEqual([...TRANSFER_KINDS]);
    const measured = await measureAll(source);
    for (const part of first.parts) {
      expect(part.records, part.kind).toBe(measured[part.kind].count);
      expect(part.contentHash, part.kind).toBe(measured[part.kind].contentHash);
    }
    const names = (await readTarIndex(archive())).map((e) => e.name);
    expect(names).toEqual([
      'encryption.json',
      ...TRANSFER_KINDS.map((k) => `records/${k}.ndjson.gz`),
      'blobs.ndjson.gz',
      'manifest.json',
    ]);
    expect(first.parts.find((p) => p.kind === 'rates')?.records).toBeGreaterThan(10);
  });

  it('never overwrites a file', async () => {
    await expect(backupDatastore(source, archive(), { key, batchSize: 7, progress: quiet })).rejects.toThrow(
      BackupError,
    );
  });

  it('restores into an empty datastore, verifies, and a backup of the result has the same content hashes', async () => {
    const checked = await verifyArchive(archive(), opening);
    const report = await restoreArchive(checked, target, { batchSize: 9, force: false, progress: quiet });

    expect(report.ok).toBe(true);
    expect(report.sides).toEqual(['archive', 'target']);
    expect(await measureAll(target)).toEqual(await measureAll(source));
    const second = await backupDatastore(target, join(dir, 'second.tar'), {
      key,
      batchSize: 50,
      progress: quiet,
    });
    expect(hashesOf(second.manifest)).toEqual(hashesOf(first));
  });

  it('refuses to restore into a datastore that holds records, writing nothing, unless forced', async () => {
    const before = await measureAll(target);
    const checked = await verifyArchive(archive(), opening);

    await expect(
      restoreArchive(checked, target, { batchSize: 50, force: false, progress: quiet }),
    ).rejects.toThrow(TargetNotEmptyError);
    const forced = await restoreArchive(checked, target, { batchSize: 50, force: true, progress: quiet });

    expect(forced.ok).toBe(true);
    expect(await measureAll(target)).toEqual(before);
  });

  it('refuses an archive whose records do not have the shape of their kind, though its hashes match', async () => {
    const file = join(dir, 'bad-record.tar');
    await writeArchiveByHand(file, {
      version: 1,
      parts: ARCHIVED_KINDS[1].map((kind) => ({
        kind,
        lines: kind === 'events' ? [JSON.stringify({ id: 'e1', at: 'yesterday' })] : [],
        contentHash: contentHashOf([]),
      })),
    });

    const refusal = verifyArchive(file, { ...opening, allowUnsigned: true });
    await expect(refusal).rejects.toThrow(ArchiveError);
    await expect(refusal).rejects.toThrow(
      /Line 1 of records\/events\.ndjson\.gz is not a valid record of events/,
    );
  });

  it('refuses a byte changed outside the entries: padding, end marker, a checksum spelt otherwise', async () => {
    const bytes = await readFile(archive());
    const [first] = await readTarIndex(archive());
    if (!first || first.size % 512 === 0) throw new Error('expected a first entry with padding');
    const checksumAt = first.offset - 512 + 148;
    expect(String.fromCharCode(bytes[checksumAt] ?? 0)).toBe('0');
    const variants: [string, Buffer, RegExp][] = [
      ['padding', withByte(bytes, first.offset + first.size, 1), /the padding after entry encryption\.json/],
      ['after the end', Buffer.concat([bytes, Buffer.from('x')]), /holds data after its end marker/],
      ['end marker', withByte(bytes, bytes.length - 1, 1), /holds data after its end marker/],
      ['half the end marker', bytes.subarray(0, bytes.length - 512), /ends in the middle of its end marker/],
      // ' 11610' is read as the same number as '011610' by lenient readers: the byte would go unchecked.
      ['checksum', withByte(bytes, checksumAt, 0x20), /header at the start is unreadable \(its checksum/],
    ];
    for (const [what, variant, message] of variants) {
      const file = join(dir, `outside-${what.replace(/ /g, '-')}.tar`);
      await writeFile(file, variant);
      await expect(verifyArchive(file, opening), what).rejects.toThrow(message);
    }
  });

  it('refuses a file that is not a tar archive at all', async () => {
    const file = join(dir, 'not-an-archive.tar');
    await writeFile(file, 'hello\n'.repeat(200));
    await expect(verifyArchive(file, opening)).rejects.toThrow(
      /damaged: the header at the start is unreadable/,
    );
  });
});
