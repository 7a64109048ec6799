import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Datastore, TransferKind, TransferRecords } from '@docket/store';
import { ADAPTERS, datastoreLike } from '@docket/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatastore } from '../src/composition-root';
import { copyDatastore, readCheckpoint, type CopyOptions } from '../src/transfer';
import { generateFilings, measureAll } from './transfer-fixtures';

/**
 * A copy cut short in the middle of a kind, while batches are written at once, resumes from its checkpoint and
 * verifies: into a PostgreSQL server (a transaction per batch) and into DynamoDB (batch writes, not atomic).
 * Without those engines the tests are skipped loudly, and fail under DOCKET_TEST_REQUIRE_ALL=1.
 */

const REQUIRE_ALL = process.env.DOCKET_TEST_REQUIRE_ALL === '1';
const TARGETS = ADAPTERS.filter((adapter) => adapter.name !== 'pglite');

let dir: string;
let source: Datastore;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'docket-transfer-resume-'));
  source = await openDatastore({ kind: 'pglite', dataDir: null });
  await source.migrate();
  await generateFilings(source, { contracts: 40 });
}, 120_000);

afterAll(async () => {
  await source?.close();
  await rm(dir, { recursive: true, force: true });
});

/**
 * The target, but its `failAt`-th write of `kind` (counted from 1) fails after half of the batch is written, as a
 * lost connection or a killed process leaves a batch.
 */
function failingAt(target: Datastore, kind: TransferKind, failAt: number): Datastore {
  let writes = 0;
  return datastoreLike(target, {
    transfer: {
      read: (k, options) => target.transfer.read(k, options),
      count: (k) => target.transfer.count(k),
      async write<K extends TransferKind>(k: K, records: readonly TransferRecords[K][]): Promise<void> {
        if (k === kind && ++writes === failAt) {
          await target.transfer.write(k, records.slice(0, Math.ceil(records.length / 2)));
          throw new Error('The connection was lost');
        }
        await target.transfer.write(k, records);
      },
    },
  });
}

for (const adapter of TARGETS) {
  const unavailable = adapter.unavailableReason();
  if (unavailable !== null && !REQUIRE_ALL) {
    console.warn(`SKIPPED: copy resumed into ${adapter.label} — ${unavailable}`);
  }

  describe.skipIf(unavailable !== null && !REQUIRE_ALL)(`copy cut short mid-kind [${adapter.name}]`, () => {
    it(
      'resumes from the checkpoint, writes every record once and verifies',
      { timeout: 180_000 },
      async () => {
        const target = await adapter.create();
        try {
          const messages: string[] = [];
          const options: CopyOptions = {
            sourceName: 'source',
            targetName: adapter.name,
            batchSize: 7,
            force: false,
            checkpointFile: join(dir, `${adapter.name}.checkpoint.json`),
            progress: (message) => messages.push(message),
          };

          await expect(copyDatastore(source, failingAt(target, 'contracts', 4), options)).rejects.toThrow(
            'The connection was lost',
          );
          const checkpoint = await readCheckpoint(options.checkpointFile);
          expect(checkpoint?.done).toEqual(['states', 'programs', 'users', 'sessions']);
          // The batches before the failed one are recorded, in the source's order; none after it.
          expect(checkpoint?.current?.kind).toBe('contracts');
          expect(checkpoint?.current?.cursor).not.toBeNull();
          expect(checkpoint?.copied.contracts).toBe(21);

          const report = await copyDatastore(source, target, options);

          expect(messages.some((m) => m.startsWith('Resuming the copy from'))).toBe(true);
          expect(messages.some((m) => /^Copying contracts: 40 of 40 in /.test(m))).toBe(true);
          expect(report.ok).toBe(true);
          expect(await measureAll(target)).toEqual(await measureAll(source));
          expect(await readCheckpoint(options.checkpointFile)).toBeNull();
        } finally {
          await target.close();
        }
      },
    );
  });
}
