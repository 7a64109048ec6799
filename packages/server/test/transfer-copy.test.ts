import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newId } from '@docket/domain';
import { TRANSFER_KINDS, type Datastore } from '@docket/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatastore } from '../src/composition-root';
import {
  CheckpointError,
  copyDatastore,
  formatReport,
  TargetNotEmptyError,
  verifyDatastores,
  type CopyOptions,
} from '../src/transfer';
import { generateFilings, measureAll } from './transfer-fixtures';

/** Copy between two PGlite datastores in this process: one in memory, one in a scratch folder. */

let dir: string;
let source: Datastore;
let target: Datastore;
const messages: string[] = [];

function options(overrides: Partial<CopyOptions> = {}): CopyOptions {
  return {
    sourceName: 'source',
    targetName: 'target',
    batchSize: 25,
    force: false,
    checkpointFile: join(dir, 'checkpoint.json'),
    progress: (message) => messages.push(message),
    ...overrides,
  };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'docket-transfer-copy-'));
  source = await openDatastore({ kind: 'pglite', dataDir: null });
  await source.migrate();
  await generateFilings(source, { contracts: 60 });
  target = await openDatastore({ kind: 'pglite', dataDir: join(dir, 'target') });
  await target.migrate();
});

afterAll(async () => {
  await source?.close();
  await target?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('copyDatastore', () => {
  it('copies every kind into an empty datastore and verifies counts and content hashes', async () => {
    const report = await copyDatastore(source, target, options());

    expect(report.ok).toBe(true);
    expect(report.kinds.map((k) => k.kind)).toEqual([...TRANSFER_KINDS]);
    expect(report.kinds.find((k) => k.kind === 'contracts')?.actual.count).toBe(60);
    expect(report.kinds.find((k) => k.kind === 'rates')?.actual.count).toBeGreaterThan(30);
    expect(report.blobs).toBeNull();
    expect(await measureAll(target)).toEqual(await measureAll(source));
    expect(messages).toContain('Verifying events…');
    expect(messages.some((m) => /^Copying contracts: 60 of 60 in [\d.]+ s/.test(m))).toBe(true);

    const table = formatReport(report);
    expect(table.split('\n')[0]).toMatch(
      /^kind +source count +target count +source hash +target hash +result$/,
    );
    expect(table).toMatch(/^contracts +60 +60 +[0-9a-f]{16}… +[0-9a-f]{16}… +same$/m);
    expect(table).toMatch(/^Verified: [\d,]+ records in 9 kinds, same/m);
  });

  it('refuses a target that holds records, writing nothing, unless forced', async () => {
    const before = await measureAll(target);
    const extra = { id: newId(), at: new Date().toISOString(), actor: null, action: 'LOGIN' as const };
    await source.events.append({
      ...extra,
      reason: null,
      stateCode: null,
      contractId: null,
      revisionId: null,
      details: {},
    });

    await expect(copyDatastore(source, target, options())).rejects.toThrow(TargetNotEmptyError);
    expect(await measureAll(target)).toEqual(before);

    const forced = await copyDatastore(source, target, options({ force: true }));
    expect(forced.ok).toBe(true);
    expect(forced.kinds.find((k) => k.kind === 'events')?.actual.count).toBe(before.events.count + 1);
  });

  it('reports, and does not hide, a difference between the two sides', async () => {
    await target.events.append({
      id: newId(),
      at: new Date().toISOString(),
      actor: null,
      action: 'LOGOUT',
      reason: null,
      stateCode: null,
      contractId: null,
      revisionId: null,
      details: {},
    });

    const report = await verifyDatastores(source, target, { batchSize: 100, progress: () => {} });

    expect(report.ok).toBe(false);
    expect(report.kinds.filter((k) => !k.same).map((k) => k.kind)).toEqual(['events']);
    expect(formatReport(report)).toMatch(/^events .* DIFFERENT$/m);
    expect(formatReport(report)).toContain('NOT verified: 1 kind differs.');
  });

  it('refuses a checkpoint left by a copy between two other stores', async () => {
    const checkpointFile = join(dir, 'other.json');
    const copyOptions = options({ checkpointFile, force: true });
    await writeFile(
      checkpointFile,
      JSON.stringify({
        format: 'docket-copy-checkpoint',
        version: 1,
        source: 'elsewhere',
        target: 'target',
        done: ['states'],
        current: null,
        copied: { states: 56 },
        updatedAt: new Date().toISOString(),
      }),
    );
    await expect(copyDatastore(source, target, copyOptions)).rejects.toThrow(CheckpointError);

    await writeFile(checkpointFile, 'not json');
    await expect(copyDatastore(source, target, copyOptions)).rejects.toThrow(
      /is not a docket copy checkpoint/,
    );
  });
});
