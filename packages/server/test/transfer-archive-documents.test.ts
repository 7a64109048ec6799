import { access, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { BlobStore } from '@docket/blobs';
import { createFileBlobStore } from '@docket/blobs/file';
import { newId, type Contract } from '@docket/domain';
import { TRANSFER_KINDS, type Datastore, type TransferKind } from '@docket/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatastore } from '../src/composition-root';
import {
  ArchiveError,
  archiveProblems,
  backupDatastore,
  BackupKey,
  canonicalJson,
  copyBlobs,
  DocumentBlobError,
  restoreArchive,
  TargetNotEmptyError,
  verifyArchive,
  type CurrentManifest,
} from '../src/transfer';
import { ARCHIVED_KINDS } from '../src/transfer/record-schemas';
import { readTarIndex } from '../src/transfer/tar-reader';
import { blobContents, generateFilings, measureAll } from './transfer-fixtures';
import { writeArchiveByHand } from './transfer-handmade-archive';

/**
 * Backups that carry documents: the blobs the contracts and rates refer to go into the archive and come back out
 * into another blob store, byte for byte. PGlite in this process (one in memory, one in a folder at a time) and
 * folder blob stores.
 */

let dir: string;
let source: Datastore;
let sourceBlobs: BlobStore;
let target: Datastore;
const stores: BlobStore[] = [];
const quiet = () => {};
const key = BackupKey.generate();
const opening = { key, allowUnsigned: false, progress: quiet };

async function folderStore(name: string): Promise<BlobStore> {
  const store = await createFileBlobStore({ dir: join(dir, name) });
  stores.push(store);
  return store;
}

async function counts(datastore: Datastore): Promise<Record<TransferKind, number>> {
  const out: Partial<Record<TransferKind, number>> = {};
  for (const kind of TRANSFER_KINDS) out[kind] = await datastore.transfer.count(kind);
  return out as Record<TransferKind, number>;
}

const EMPTY = Object.fromEntries(TRANSFER_KINDS.map((kind) => [kind, 0]));

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'docket-transfer-documents-'));
  source = await openDatastore({ kind: 'pglite', dataDir: null });
  await source.migrate();
  sourceBlobs = await folderStore('source-blobs');
  await generateFilings(source, { contracts: 24, documents: sourceBlobs });
  target = await openDatastore({ kind: 'pglite', dataDir: join(dir, 'target') });
  await target.migrate();
});

afterAll(async () => {
  await source?.close();
  await target?.close();
  for (const store of stores) await store.close();
  await rm(dir, { recursive: true, force: true });
});

describe('backup and restore with rates and documents', () => {
  const archive = () => join(dir, 'documents.tar');
  let manifest: CurrentManifest;

  it('backs up every blob the records refer to, each content once, with its size and SHA-256', async () => {
    const messages: string[] = [];
    ({ manifest } = await backupDatastore(source, archive(), {
      key,
      batchSize: 10,
      blobs: sourceBlobs,
      progress: (m) => messages.push(m),
    }));

    const stored = await blobContents(sourceBlobs);
    const distinct = new Set([...stored.values()].map((b) => b.sha256));
    expect(manifest.source).toEqual({ kind: 'pglite', blobs: 'file' });
    expect(manifest.parts.find((p) => p.kind === 'rates')?.records).toBeGreaterThan(5);
    expect(manifest.blobs).toMatchObject({
      blobs: stored.size,
      files: distinct.size,
      bytes: [...stored.values()].reduce((sum, b) => sum + b.size, 0),
      problems: 0,
    });
    expect(distinct.size).toBeLessThan(stored.size); // the shared attestation is in the archive once
    const names = (await readTarIndex(archive())).map((e) => e.name);
    const blobNames = names.filter((n) => n.startsWith('blobs/'));
    expect(blobNames).toHaveLength(distinct.size);
    // Named by a keyed MAC of their SHA-256: the archive does not say which documents it holds.
    for (const name of blobNames) expect(name).toMatch(/^blobs\/[0-9a-f]{64}$/);
    expect(blobNames.filter((n) => distinct.has(n.slice('blobs/'.length)))).toEqual([]);
    expect(names.slice(-2)).toEqual(['blobs.ndjson.gz', 'manifest.json']);
    expect(messages.some((m) => /^Backing up documents: \d+ of \d+ blobs/.test(m))).toBe(true);
  });

  it('refuses an archive with one byte of a blob changed, before writing anything', async () => {
    const bytes = await readFile(archive());
    const blob = (await readTarIndex(archive())).find((e) => e.name.startsWith('blobs/') && e.size > 100);
    if (!blob) throw new Error('no blob in the archive');
    bytes[blob.offset + 50] = (bytes[blob.offset + 50] ?? 0) ^ 0x01;
    const altered = join(dir, 'altered-blob.tar');
    await writeFile(altered, bytes);
    const blobsInto = await folderStore('refused-blobs');

    const attempt = verifyArchive(altered, opening).then((checked) =>
      restoreArchive(checked, target, { batchSize: 10, force: false, blobs: blobsInto, progress: quiet }),
    );

    await expect(attempt).rejects.toThrow(ArchiveError);
    await expect(attempt).rejects.toThrow(
      `${blob.name} cannot be decrypted: it was altered, damaged, cut short, or does not belong here`,
    );
    expect(await counts(target)).toEqual(EMPTY);
    expect((await blobsInto.list({ limit: 10 })).items).toEqual([]);
  });

  it('refuses an archive whose blob index was changed to match an altered blob', async () => {
    const bytes = await readFile(archive());
    const index = (await readTarIndex(archive())).find((e) => e.name === 'blobs.ndjson.gz');
    if (!index) throw new Error('no blob index');
    const at = index.offset + Math.floor(index.size / 2);
    bytes[at] = (bytes[at] ?? 0) ^ 0x01;
    const altered = join(dir, 'altered-index.tar');
    await writeFile(altered, bytes);

    await expect(verifyArchive(altered, opening)).rejects.toThrow(
      'blobs.ndjson.gz does not match its SHA-256 in the manifest',
    );
  });

  it('refuses to restore into a blob store that holds blobs, writing nothing, unless forced', async () => {
    const occupied = await folderStore('occupied-blobs');
    await occupied.put('documents/somebody-elses', Readable.from([Buffer.from('%PDF-1.7\n')]), {
      contentType: 'application/pdf',
      maxBytes: 100,
    });
    const checked = await verifyArchive(archive(), opening);

    await expect(
      restoreArchive(checked, target, { batchSize: 10, force: false, blobs: occupied, progress: quiet }),
    ).rejects.toThrow(TargetNotEmptyError);
    expect(await counts(target)).toEqual(EMPTY);
    expect((await occupied.list({ limit: 10 })).items.map((i) => i.key)).toEqual([
      'documents/somebody-elses',
    ]);
  });

  it('restores identical records and identical blob bytes into a fresh PGlite and a fresh folder', async () => {
    const targetBlobs = await folderStore('target-blobs');
    const messages: string[] = [];
    const checked = await verifyArchive(archive(), { ...opening, progress: (m) => messages.push(m) });
    const report = await restoreArchive(checked, target, {
      batchSize: 9,
      force: false,
      blobs: targetBlobs,
      progress: (m) => messages.push(m),
    });

    expect(report.ok).toBe(true);
    expect(report.blobs).toMatchObject({ same: true, actual: { count: manifest.blobs.blobs } });
    expect(await measureAll(target)).toEqual(await measureAll(source));
    expect(await blobContents(targetBlobs)).toEqual(await blobContents(sourceBlobs));
    expect(messages.some((m) => /^Checking documents: \d+ of \d+ blobs/.test(m))).toBe(true);
    expect(messages.some((m) => /^Restoring documents: \d+ of \d+ blobs/.test(m))).toBe(true);

    const again = await backupDatastore(target, join(dir, 'again.tar'), {
      key,
      batchSize: 50,
      blobs: targetBlobs,
      progress: quiet,
    });
    expect(again.manifest.parts).toEqual(
      manifest.parts.map((p) => ({ ...p, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown })),
    );
    expect({ ...again.manifest.blobs, sha256: null }).toEqual({ ...manifest.blobs, sha256: null });
  });

  it('fails a backup when a document is missing or altered, unless allowed, and then lists it', async () => {
    const partial = await folderStore('partial-blobs');
    const copied = await copyBlobs(sourceBlobs, partial, { prefix: 'documents/', progress: quiet });
    expect(copied.copied).toBe(manifest.blobs.blobs);
    const [missing, altered] = (await partial.list({ prefix: 'documents/', limit: 2 })).items;
    if (!missing || !altered) throw new Error('too few blobs');
    await partial.delete(missing.key);
    await partial.put(altered.key, Readable.from([Buffer.from('%PDF-1.7\nnot the same')]), {
      contentType: 'application/pdf',
      maxBytes: 1000,
    });
    const refused = join(dir, 'refused.tar');

    await expect(
      backupDatastore(source, refused, { key, batchSize: 10, blobs: partial, progress: quiet }),
    ).rejects.toThrow(DocumentBlobError);
    await expect(
      backupDatastore(source, refused, { key, batchSize: 10, blobs: partial, progress: quiet }),
    ).rejects.toThrow(
      / is missing from the blob store\. The backup was not made: .*--allow-missing-documents/,
    );
    await expect(access(refused)).rejects.toThrow(/ENOENT/);
    await expect(access(`${refused}.partial`)).rejects.toThrow(/ENOENT/);

    const allowed = join(dir, 'allowed.tar');
    const result = await backupDatastore(source, allowed, {
      key,
      batchSize: 10,
      blobs: partial,
      allowMissingDocuments: true,
      progress: quiet,
    });
    expect(result.problems.map((p) => [p.key, p.problem])).toEqual(
      expect.arrayContaining([
        [missing.key, 'is missing from the blob store'],
        [
          altered.key,
          expect.stringMatching(/^holds 21 B with SHA-256 [0-9a-f]{12}…, but the document is .* altered/),
        ],
      ]),
    );
    expect(result.problems).toHaveLength(2);
    expect(result.manifest.blobs).toMatchObject({ problems: 2, blobs: manifest.blobs.blobs - 1 });

    const checked = await verifyArchive(allowed, opening);
    expect(
      archiveProblems(checked)
        .map((l) => l.key)
        .sort(),
    ).toEqual([missing.key, altered.key].sort());
    const restoredBlobs = await folderStore('restored-partial-blobs');
    const report = await restoreArchive(checked, target, {
      batchSize: 50,
      force: true,
      blobs: restoredBlobs,
      progress: quiet,
    });
    expect(report.ok).toBe(true);
    expect(await blobContents(restoredBlobs)).toEqual(await blobContents(partial));
  });
});

describe('restoring a version 1 archive', () => {
  it('restores its records, with no rates and no blobs; contracts get empty rate links', async () => {
    await target.close();
    target = await openDatastore({ kind: 'pglite', dataDir: join(dir, 'from-v1') });
    await target.migrate();
    const at = '2025-03-04T05:06:07.890Z';
    const actor = { userId: newId(), email: 'ann@mn.gov', name: 'Ann Lee', role: 'STATE_USER' };
    const contractId = newId();
    const revisionId = newId();
    const contract = {
      id: contractId,
      stateCode: 'MN',
      stateNumber: 1,
      version: 3,
      createdAt: at,
      updatedAt: at,
      mccrsId: null,
      revisions: [
        {
          id: revisionId,
          contractId,
          number: 1,
          formData: {
            schemaVersion: 1,
            populationCovered: 'MEDICAID',
            programIDs: [],
            submissionType: 'CONTRACT_ONLY',
            submissionDescription: 'Filed before rates existed',
            stateContacts: [{ givenName: 'Ann', familyName: 'Lee', titleRole: 'Lead', email: 'ann@mn.gov' }],
          },
          createdAt: at,
          updatedAt: at,
          submitted: { at, by: actor, reason: null },
          unlocked: null,
        },
      ],
      reviewActions: [],
    };
    const records: Partial<Record<TransferKind, unknown[]>> = {
      states: [{ code: 'MN', name: 'Minnesota', lastContractNumber: 1, lastRateNumber: 0 }],
      contracts: [contract],
      events: [
        {
          id: newId(),
          at,
          actor,
          action: 'SUBMIT',
          reason: null,
          stateCode: 'MN',
          contractId,
          revisionId,
          details: {},
        },
      ],
    };
    const file = join(dir, 'version-1.tar');
    await writeArchiveByHand(file, {
      version: 1,
      parts: ARCHIVED_KINDS[1].map((kind) => ({
        kind,
        lines: (records[kind] ?? []).map(canonicalJson),
      })),
    });

    const messages: string[] = [];
    const refused = verifyArchive(file, { ...opening, progress: (m) => messages.push(m) });
    await expect(refused).rejects.toThrow(
      /It is not encrypted \(format version 1: .*Restore it only if you trust where it has been, with --allow-unsigned$/,
    );
    const checked = await verifyArchive(file, {
      ...opening,
      allowUnsigned: true,
      progress: (m) => messages.push(m),
    });
    expect(messages).toContain(
      'Warning: the archive is not encrypted, so nothing proves it was not altered since it was made; ' +
        'restoring it because --allow-unsigned was given.',
    );
    expect(checked.codec.sealed).toBe(false);
    expect(checked.blobs).toBeNull();
    const report = await restoreArchive(checked, target, { batchSize: 10, force: false, progress: quiet });

    expect(report.ok).toBe(true);
    expect(report.blobs).toBeNull();
    expect(await counts(target)).toMatchObject({ states: 1, contracts: 1, rates: 0, events: 1 });
    const restored: Contract = await target.contracts.get(contractId);
    expect(restored.revisions[0]?.rateLinks).toEqual([]);
    expect(restored.revisions[0]?.formData).toMatchObject({
      schemaVersion: 1,
      submissionDescription: 'Filed before rates existed',
    });

    const upgraded = await backupDatastore(target, join(dir, 'from-v1.tar'), {
      key,
      batchSize: 10,
      progress: quiet,
    });
    expect(upgraded.manifest.version).toBe(3);
  });

  it('refuses a version 1 archive that claims to hold rates', async () => {
    const file = join(dir, 'version-1-with-rates.tar');
    await writeArchiveByHand(file, {
      version: 1,
      parts: TRANSFER_KINDS.map((kind) => ({ kind, lines: [] })),
    });
    await expect(verifyArchive(file, { ...opening, allowUnsigned: true })).rejects.toThrow(
      'manifest.json lists 1 parts of rates; a version 1 archive holds none',
    );
  });
});
