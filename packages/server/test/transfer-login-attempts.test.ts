import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BackoffPolicy } from '@docket/domain';
import type { Datastore } from '@docket/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatastore } from '../src/composition-root';
import { copyDatastore } from '../src/transfer';
import { generateFilings, measureAll } from './transfer-fixtures';

/**
 * Failed-login counters are not records (ADR 0005): a copy leaves them behind, and a target that holds nothing but
 * counters — a new server that has already answered some logins — still counts as empty.
 */

const POLICY: BackoffPolicy = {
  freeFailures: 5,
  firstWaitMs: 1000,
  maxWaitMs: 1000,
  forgetAfterMs: 3_600_000,
};

let dir: string;
let source: Datastore;
let target: Datastore;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'docket-transfer-counters-'));
  source = await openDatastore({ kind: 'pglite', dataDir: null });
  await source.migrate();
  await generateFilings(source, { contracts: 3 });
  target = await openDatastore({ kind: 'pglite', dataDir: join(dir, 'target') });
  await target.migrate();
});

afterAll(async () => {
  await source?.close();
  await target?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('failed-login counters in a copy', () => {
  it('are neither copied nor counted as records that make a target non-empty', async () => {
    const now = new Date().toISOString();
    for (let i = 0; i < 3; i++) await source.loginAttempts.claim('account:from-source', POLICY, now);
    await target.loginAttempts.claim('account:on-target', POLICY, now);

    const report = await copyDatastore(source, target, {
      sourceName: 'source',
      targetName: 'target',
      batchSize: 50,
      force: false,
      checkpointFile: join(dir, 'checkpoint.json'),
      progress: () => {},
    });

    expect(report.ok).toBe(true);
    expect(await measureAll(target)).toEqual(await measureAll(source));
    expect(await target.loginAttempts.clear('account:from-source', now)).toBe(0);
    expect(await target.loginAttempts.clear('account:on-target', now)).toBe(1);
    expect(await source.loginAttempts.clear('account:from-source', now)).toBe(3);
  });
});
