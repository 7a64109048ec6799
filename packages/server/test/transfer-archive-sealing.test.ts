import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { BlobStore } from '@docket/blobs';
import { createFileBlobStore } from '@docket/blobs/file';
import { TRANSFER_KINDS, type Datastore, type TransferKind } from '@docket/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatastore } from '../src/composition-root';
import {
  ArchiveError,
  backupDatastore,
  BackupKey,
  restoreArchive,
  verifyArchive,
  type ArchiveOpeningOptions,
} from '../src/transfer';
import { BLOB_ROLE } from '../src/transfer/entry-codec';
import { SealedEntries } from '../src/transfer/entry-sealing';
import { readTarIndex } from '../src/transfer/tar-reader';
import { blobContents, generateFilings, measureAll } from './transfer-fixtures';
import {
  forgeAdmin,
  readWholeEntries,
  writeWholeEntries,
  type WholeEntry,
} from './transfer-handmade-archive';

/**
 * Encrypted archives (format version 3) as a whole: what an operator's key makes of a backup, and every way of
 * forging, damaging or mixing archives that a restore must refuse before it writes anything. PGlite in this
 * process (the source in memory, the target in a folder) and folder blob stores.
 */

let dir: string;
let source: Datastore;
let documents: BlobStore;
let target: Datastore;
let targetBlobs: BlobStore;
const key = BackupKey.generate();
const quiet = () => {};
const opening: ArchiveOpeningOptions = { key, allowUnsigned: false, progress: quiet };
/** An encrypted archive of the source, and another of the same source with the same key. */
let sealed: string;
let sibling: string;
/** An archive of the source in clear, as `--unencrypted` makes it. */
let clear: string;

const EMPTY = Object.fromEntries(TRANSFER_KINDS.map((kind) => [kind, 0]));

async function counts(datastore: Datastore): Promise<Record<TransferKind, number>> {
  const out: Partial<Record<TransferKind, number>> = {};
  for (const kind of TRANSFER_KINDS) out[kind] = await datastore.transfer.count(kind);
  return out as Record<TransferKind, number>;
}

async function backUp(name: string, withKey: BackupKey | null): Promise<string> {
  const file = join(dir, name);
  await backupDatastore(source, file, { key: withKey, batchSize: 10, blobs: documents, progress: quiet });
  return file;
}

/** Verifies, then restores: the attempt must fail with `message`, leaving the target and its blobs empty. */
async function expectRefused(
  file: string,
  message: string | RegExp,
  options: Partial<ArchiveOpeningOptions> = {},
): Promise<void> {
  const attempt = verifyArchive(file, { ...opening, ...options }).then((checked) =>
    restoreArchive(checked, target, { batchSize: 10, force: false, blobs: targetBlobs, progress: quiet }),
  );
  await expect(attempt).rejects.toThrow(ArchiveError);
  await expect(attempt).rejects.toThrow(message);
  expect(await counts(target)).toEqual(EMPTY);
  expect((await targetBlobs.list({ limit: 1 })).items).toEqual([]);
}

/** A copy of `from` whose entries `change` replaced, written as a well-formed archive. */
async function rewritten(
  from: string,
  name: string,
  change: (entries: WholeEntry[]) => WholeEntry[] | Promise<WholeEntry[]>,
): Promise<string> {
  const file = join(dir, name);
  await writeWholeEntries(file, await change(await readWholeEntries(from)));
  return file;
}

function entryNamed(entries: readonly WholeEntry[], name: string): WholeEntry {
  const entry = entries.find((e) => e.name === name);
  if (!entry) throw new Error(`no ${name}`);
  return entry;
}

async function collect(chunks: AsyncIterable<Buffer>): Promise<Buffer> {
  const out: Buffer[] = [];
  for await (const chunk of chunks) out.push(chunk);
  return Buffer.concat(out);
}

/**
 * Encrypts an archive in clear as a version 3 archive with `withKey`, as whoever holds a key could: every entry
 * sealed, blobs renamed, the manifest's hashes of the stored bytes recomputed.
 */
async function sealByHand(from: string, name: string, withKey: BackupKey): Promise<string> {
  const { entries: codec, header } = SealedEntries.create(withKey);
  return rewritten(from, name, async (entries) => {
    const manifestEntry = entryNamed(entries, 'manifest.json');
    const manifest = JSON.parse(manifestEntry.data.toString('utf8')) as {
      version: number;
      parts: { file: string; sha256: string }[];
      blobs: { index: string; sha256: string };
    };
    const out: WholeEntry[] = [{ name: 'encryption.json', data: header }];
    for (const entry of entries.filter((e) => e !== manifestEntry)) {
      const blob = entry.name.startsWith(BLOB_ROLE);
      const data = await collect(codec.encode(blob ? BLOB_ROLE : entry.name, [entry.data]));
      const sha256 = createHash('sha256').update(data).digest('hex');
      const part = manifest.parts.find((p) => p.file === entry.name);
      if (part) part.sha256 = sha256;
      if (entry.name === manifest.blobs.index) manifest.blobs.sha256 = sha256;
      out.push({ name: blob ? codec.blobFile(entry.name.slice(BLOB_ROLE.length)) : entry.name, data });
    }
    manifest.version = 3;
    const text = Buffer.from(JSON.stringify(manifest, null, 2));
    return [...out, { name: 'manifest.json', data: await collect(codec.encode('manifest.json', [text])) }];
  });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'docket-transfer-sealing-'));
  source = await openDatastore({ kind: 'pglite', dataDir: null });
  await source.migrate();
  documents = await createFileBlobStore({ dir: join(dir, 'documents') });
  await generateFilings(source, { contracts: 6, documents });
  target = await openDatastore({ kind: 'pglite', dataDir: join(dir, 'target') });
  await target.migrate();
  targetBlobs = await createFileBlobStore({ dir: join(dir, 'target-documents') });
  sealed = await backUp('sealed.tar', key);
  sibling = await backUp('sibling.tar', key);
  clear = await backUp('clear.tar', null);
});

afterAll(async () => {
  await source?.close();
  await target?.close();
  await documents?.close();
  await targetBlobs?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('an encrypted archive', () => {
  it('holds no record and no document in clear', async () => {
    const bytes = await readFile(sealed);
    const users = [];
    for await (const batch of source.transfer.read('users', { batchSize: 100 })) users.push(...batch.records);
    const secrets = [
      '$argon2id$',
      'STATE_USER',
      '%PDF-1.7',
      ...users.map((u) => u.user.email),
      ...[...(await blobContents(documents)).values()].map((b) => b.sha256),
    ];
    for (const secret of secrets) expect(bytes.includes(Buffer.from(secret)), secret).toBe(false);
    // The same search finds them in an archive in clear.
    const clearUsers = gunzipSync(entryNamed(await readWholeEntries(clear), 'records/users.ndjson.gz').data);
    for (const user of users) expect(clearUsers.includes(Buffer.from(user.user.email))).toBe(true);
    expect(clearUsers.includes(Buffer.from('$argon2id$'))).toBe(true);
  });

  it('is refused without a key, or with another key', async () => {
    await expectRefused(
      sealed,
      'It is encrypted: give the key it was made with, in DOCKET_BACKUP_KEY or with --key-file',
      { key: null },
    );
    await expectRefused(
      sealed,
      'It was encrypted with another key, or its encryption.json was altered: give the key it was made with',
      { key: BackupKey.generate() },
    );
  });

  it('is refused with one byte flipped in any header, entry, padding or end marker', async () => {
    const bytes = await readFile(sealed);
    const positions = new Set<number>([bytes.length - 1024, bytes.length - 512, bytes.length - 1]);
    for (const entry of await readTarIndex(sealed)) {
      for (const at of [entry.offset - 512, entry.offset - 512 + 148, entry.offset - 512 + 345])
        positions.add(at);
      for (const at of [0, Math.floor(entry.size / 2), entry.size - 1]) positions.add(entry.offset + at);
      if (entry.size % 512 !== 0) positions.add(entry.offset + entry.size);
    }
    const file = join(dir, 'flipped.tar');
    for (const at of [...positions].sort((a, b) => a - b)) {
      const flipped = Buffer.from(bytes);
      flipped[at] = (flipped[at] ?? 0) ^ 0x10;
      await writeFile(file, flipped);
      await expect(verifyArchive(file, opening), `byte ${at}`).rejects.toThrow(ArchiveError);
    }
    expect(positions.size).toBeGreaterThan(60);
  });

  it('is refused cut short anywhere', async () => {
    const bytes = await readFile(sealed);
    const manifest = (await readTarIndex(sealed)).find((e) => e.name === 'manifest.json');
    if (!manifest) throw new Error('no manifest');
    const file = join(dir, 'cut.tar');
    for (const length of [
      manifest.offset - 512,
      manifest.offset + manifest.size - 20,
      bytes.length - 1024,
      bytes.length - 512,
      Math.floor(bytes.length / 3),
    ]) {
      await writeFile(file, bytes.subarray(0, length));
      await expectRefused(file, /truncated|end marker|no manifest\.json/);
    }
  });

  it('is refused with two parts swapped, or a part, a blob or the manifest of another archive', async () => {
    const swapped = await rewritten(sealed, 'swapped.tar', (entries) => {
      const users = entryNamed(entries, 'records/users.ndjson.gz');
      const sessions = entryNamed(entries, 'records/sessions.ndjson.gz');
      [users.data, sessions.data] = [sessions.data, users.data];
      return entries;
    });
    await expectRefused(swapped, 'records/users.ndjson.gz does not match its SHA-256 in the manifest');

    const others = await readWholeEntries(sibling);
    const borrow = (from: string) =>
      rewritten(sealed, `borrowed-${from.replace(/\W/g, '-')}.tar`, (entries) => {
        entryNamed(entries, from).data = entryNamed(others, from).data;
        return entries;
      });
    await expectRefused(
      await borrow('records/users.ndjson.gz'),
      'records/users.ndjson.gz does not match its SHA-256 in the manifest',
    );
    await expectRefused(await borrow('manifest.json'), 'manifest.json cannot be decrypted');
    await expectRefused(await borrow('encryption.json'), 'manifest.json cannot be decrypted');

    // A blob of the sibling under this archive's name for the same content: same size, other keys.
    const mixed = await rewritten(sealed, 'borrowed-blob.tar', (entries) => {
      const mine = entries
        .filter((e) => e.name.startsWith('blobs/'))
        .sort((a, b) => a.name.localeCompare(b.name));
      const theirs = others
        .filter((e) => e.name.startsWith('blobs/'))
        .find((e) => e.data.length === mine[0]?.data.length);
      if (!mine[0] || !theirs) throw new Error('no blob of the same size');
      mine[0].data = theirs.data;
      return entries;
    });
    await expectRefused(mixed, /blobs\/[0-9a-f]{64} cannot be decrypted/);
  });

  it('is refused with a manifest written in clear by a forger, hashes and all', async () => {
    const clearManifest = entryNamed(await readWholeEntries(clear), 'manifest.json').data;
    const forged = await rewritten(sealed, 'clear-manifest.tar', (entries) => {
      entryNamed(entries, 'manifest.json').data = clearManifest;
      return entries;
    });
    await expectRefused(forged, 'manifest.json cannot be decrypted');
  });
});

describe('the forgery of the issue: a state user made ADMIN, every hash recomputed', () => {
  it("is refused in clear unless allowed, and encrypted with any key but the operator's", async () => {
    const forged = join(dir, 'forged.tar');
    await forgeAdmin(clear, forged);
    await expectRefused(forged, /^It is not encrypted \(format version 2: .* with --allow-unsigned$/);
    // Every check of the archive's own consistency passes: only its lack of a key gives it away.
    await expect(verifyArchive(forged, { ...opening, allowUnsigned: true })).resolves.toBeDefined();

    const forgerKey = BackupKey.generate();
    const resealed = await sealByHand(forged, 'forged-sealed.tar', forgerKey);
    await expectRefused(resealed, 'It was encrypted with another key');
    await expect(verifyArchive(resealed, { ...opening, key: forgerKey })).resolves.toBeDefined();

    // The operator's own header, over entries the forger sealed.
    const header = entryNamed(await readWholeEntries(sealed), 'encryption.json').data;
    const grafted = await rewritten(resealed, 'forged-grafted.tar', (entries) => {
      entryNamed(entries, 'encryption.json').data = header;
      return entries;
    });
    await expectRefused(grafted, 'manifest.json cannot be decrypted');
  });

  it('is refused claiming format version 3 without being encrypted', async () => {
    const forged = join(dir, 'forged-v3.tar');
    await forgeAdmin(clear, forged);
    const claimed = await rewritten(forged, 'forged-claims-v3.tar', (entries) => {
      const manifest = entryNamed(entries, 'manifest.json');
      manifest.data = Buffer.from(manifest.data.toString('utf8').replace('"version": 2', '"version": 3'));
      return entries;
    });
    await expectRefused(
      claimed,
      'Its manifest.json is of format version 3, which is always encrypted, but it has no encryption.json',
      { allowUnsigned: true },
    );
  });
});

describe('an encrypted archive, with its key', () => {
  it('restores into an empty datastore and blob store, identical, once verified with the key', async () => {
    const checked = await verifyArchive(sealed, opening);
    expect(checked.codec.sealed).toBe(true);
    expect(checked.manifest.version).toBe(3);
    const report = await restoreArchive(checked, target, {
      batchSize: 10,
      force: false,
      blobs: targetBlobs,
      progress: quiet,
    });
    expect(report.ok).toBe(true);
    expect(await measureAll(target)).toEqual(await measureAll(source));
    expect(await blobContents(targetBlobs)).toEqual(await blobContents(documents));
  });
});
