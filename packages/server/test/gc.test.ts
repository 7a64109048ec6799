import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { access, mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ContractView, DocumentRef } from '@docket/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatastore } from '../src/composition-root';
import { collectDocumentGarbage } from '../src/documents/garbage-collector';
import { seedReferenceData } from '../src/use-cases/seed-reference-data';
import { CSV, PDF, upload } from './document-fixtures';
import {
  completeForm,
  completeRateForm,
  createContract,
  openTestBlobStore,
  startTestApp,
  type TestApp,
  type UserClient,
} from './helpers';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Makes a blob of the folder store look `ageMs` old. */
async function age(blobDir: string, key: string, ageMs: number): Promise<void> {
  const then = new Date(Date.now() - ageMs);
  await utimes(join(blobDir, ...key.split('/')), then, then);
}

/** Leaves in the folder store what a put killed mid-way leaves, a temporary file, last written `ageMs` ago. */
async function plantTemporary(blobDir: string, ageMs: number): Promise<string> {
  const path = `documents/.${randomUUID()}.tmp`;
  await mkdir(join(blobDir, 'documents'), { recursive: true });
  await writeFile(join(blobDir, path), 'the first bytes of an upload');
  await age(blobDir, path, ageMs);
  return path;
}

async function exists(blobDir: string, key: string): Promise<boolean> {
  try {
    await access(join(blobDir, ...key.split('/')));
    return true;
  } catch {
    return false;
  }
}

/** Saves a draft holding these contract documents and one new rate with this certification. */
async function draftWith(user: UserClient, contractDocument: DocumentRef, rateDocument: DocumentRef) {
  const created = await createContract(user);
  const form = completeForm('MN', { submissionType: 'CONTRACT_AND_RATES' });
  const response = await user.put(`/api/contracts/${created.id}/draft`, {
    version: created.version,
    formData: {
      ...form,
      contractDetails: { ...form.contractDetails, contractDocuments: [contractDocument] },
    },
    rates: [
      { kind: 'NEW', rateId: null, formData: completeRateForm('MN', { rateDocuments: [rateDocument] }) },
    ],
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<ContractView>();
}

describe('garbage in the blob store', () => {
  let t: TestApp;
  let mn: UserClient;
  beforeAll(async () => {
    t = await startTestApp();
    mn = await t.loginAs('STATE_USER', { state: 'MN' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('collectDocumentGarbage keeps what filings reference and recent uploads, deletes old unreferenced ones', async () => {
    const blobDir = t.blobDir ?? '';
    const inContract = await upload(mn, 'contract.pdf', PDF);
    const inRate = await upload(mn, 'rate.pdf', PDF);
    const abandoned = await upload(mn, 'abandoned.csv', CSV);
    const recent = await upload(mn, 'recent.csv', CSV);
    await draftWith(mn, inContract, inRate);
    for (const d of [inContract, inRate, abandoned]) await age(blobDir, d.blobKey, 3 * DAY_MS);
    await age(blobDir, recent.blobKey, DAY_MS / 2);
    // Not a document: not the collector's business, however old.
    await t.blobs.put('other/kept', Readable.from([Buffer.from('x')]), {
      contentType: 'text/plain',
      maxBytes: 10,
    });
    await age(blobDir, 'other/kept', 30 * DAY_MS);

    const stores = { transfer: t.datastore.transfer, blobs: t.blobs };
    const options = { graceMs: DAY_MS, batchSize: 1 };
    const dry = await collectDocumentGarbage(stores, { ...options, dryRun: true });
    expect(dry).toEqual({ kept: 2, deleted: 1, tooRecent: 1 });
    expect(await exists(blobDir, abandoned.blobKey)).toBe(true);

    const run = await collectDocumentGarbage(stores, { ...options, dryRun: false });
    expect(run).toEqual({ kept: 2, deleted: 1, tooRecent: 1 });
    expect(await exists(blobDir, abandoned.blobKey)).toBe(false);
    for (const d of [inContract, inRate, recent]) expect(await exists(blobDir, d.blobKey)).toBe(true);
    expect(await exists(blobDir, 'other/kept')).toBe(true);

    // A grace of zero takes the recent upload too; referenced documents stay whatever their age.
    const eager = await collectDocumentGarbage(stores, { graceMs: 0, batchSize: 500, dryRun: false });
    expect(eager).toEqual({ kept: 2, deleted: 1, tooRecent: 0 });
  });

  it('a server starting removes the temporary files of uploads cut short a day ago, not of uploads under way', async () => {
    const { blobs, dir } = await openTestBlobStore();
    try {
      const stale = [await plantTemporary(dir, 25 * 60 * 60 * 1000), await plantTemporary(dir, 9 * DAY_MS)];
      const fresh = await plantTemporary(dir, 23 * 60 * 60 * 1000);
      const restarted = await startTestApp({ datastore: t.datastore, blobs });
      await restarted.close();
      for (const path of stale) expect(await exists(dir, path)).toBe(false);
      expect(await exists(dir, fresh)).toBe(true);
    } finally {
      await blobs.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('docket gc', () => {
  const MAIN = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));
  const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  let cwd: string;
  let blobDir: string;
  let referenced: DocumentRef;
  let abandoned: DocumentRef;

  beforeAll(async () => {
    cwd = await mkdtemp(join(tmpdir(), 'docket-gc-'));
    const datastore = await openDatastore({ kind: 'pglite', dataDir: join(cwd, 'db') });
    const { blobs, dir } = await openTestBlobStore();
    blobDir = dir;
    try {
      await datastore.migrate();
      await seedReferenceData(datastore.states);
      const t = await startTestApp({ datastore, blobs });
      const mn = await t.loginAs('STATE_USER', { state: 'MN' });
      referenced = await upload(mn, 'contract.pdf', PDF);
      const rate = await upload(mn, 'rate.pdf', PDF);
      abandoned = await upload(mn, 'abandoned.csv', CSV);
      await draftWith(mn, referenced, rate);
      await t.close();
      for (const d of [referenced, rate, abandoned]) await age(blobDir, d.blobKey, 2 * DAY_MS);
    } finally {
      await blobs.close();
      await datastore.close();
    }
  });
  afterAll(async () => {
    await rm(cwd, { recursive: true, force: true });
    await rm(blobDir, { recursive: true, force: true });
  });

  function docket(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', TSX, MAIN, ...args], {
        cwd,
        env: {
          PATH: process.env.PATH ?? '',
          DOCKET_STORE: `pglite:${join(cwd, 'db')}`,
          DOCKET_BLOBS: `file:${blobDir}`,
        },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
      child.stdin.end();
    });
  }

  it('counts without deleting on --dry-run, then deletes, printing the counts and exiting 0', async () => {
    const stale = await plantTemporary(blobDir, 25 * 60 * 60 * 1000);
    const fresh = await plantTemporary(blobDir, 60 * 1000);
    const dry = await docket(['gc', '--dry-run']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toBe(
      'kept (referenced): 2\nwould delete (unreferenced): 1\ntoo recent (unreferenced, under 24 h): 0\n' +
        'would delete (temporary files of uploads cut short, untouched for 24 h): 1\n',
    );
    expect(await exists(blobDir, abandoned.blobKey)).toBe(true);
    expect(await exists(blobDir, stale)).toBe(true);

    const run = await docket(['gc', '--grace-hours', '1.5']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('deleted (unreferenced): 1\ntoo recent (unreferenced, under 1.5 h): 0');
    expect(run.stdout).toContain('deleted (temporary files of uploads cut short, untouched for 24 h): 1\n');
    expect(await exists(blobDir, abandoned.blobKey)).toBe(false);
    expect(await exists(blobDir, referenced.blobKey)).toBe(true);
    // The upload of the fresh one may still be running, however short the grace period for documents.
    expect(await exists(blobDir, stale)).toBe(false);
    expect(await exists(blobDir, fresh)).toBe(true);
  });

  it('refuses a bad --grace-hours', async () => {
    const run = await docket(['gc', '--grace-hours', 'soon']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('must be a number of hours');
  });
});
