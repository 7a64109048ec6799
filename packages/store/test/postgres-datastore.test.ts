import { execFile } from 'node:child_process';
import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, describe, expect, it } from 'vitest';
import { summaryFactsOf } from '@docket/domain';
import type { Datastore } from '../src/datastore';
import { createPostgresDatastore } from '../src/postgres';
import { applyChange, buildContractInput, reviewAction, submit, unlock } from './conformance';

/** Checks of the PostgreSQL adapter itself, beyond the port: its migrations and its embedded storage. */

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const scratch: string[] = [];

async function scratchDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'docket-store-'));
  scratch.push(dir);
  return dir;
}

afterAll(async () => {
  await Promise.all(scratch.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('PostgreSQL adapter', () => {
  it('has committed migrations that match the schema', async () => {
    // drizzle-kit compares the schema with the last migration's snapshot; a copy keeps the repository untouched.
    const out = join(await scratchDir(), 'drizzle');
    await cp(join(packageDir, 'drizzle'), out, { recursive: true });
    const before = await readdir(out);

    const { stdout } = await promisify(execFile)(
      'npx',
      [
        'drizzle-kit',
        'generate',
        '--dialect',
        'postgresql',
        '--schema',
        './src/postgres/schema.ts',
        '--out',
        out,
      ],
      { cwd: packageDir },
    );

    expect(await readdir(out), `drizzle-kit wrote a migration; run npm run db:generate\n${stdout}`).toEqual(
      before,
    );
  });

  it('keeps PGlite data in its data directory across close and reopen', async () => {
    const dataDir = join(await scratchDir(), 'db');
    const first = await createPostgresDatastore({ driver: 'pglite', dataDir });
    await first.migrate();
    await first.states.upsertStates([{ code: 'MN', name: 'Minnesota' }]);
    const contract = await first.contracts.create(buildContractInput('MN'));
    await first.close();

    const reopened = await createPostgresDatastore({ driver: 'pglite', dataDir });
    try {
      await reopened.migrate();
      expect(await reopened.contracts.get(contract.id)).toEqual(contract);
    } finally {
      await reopened.close();
    }
  });

  it('fills the summary facts of contracts an older release wrote, and lists them whole until then', async () => {
    const dataDir = join(await scratchDir(), 'db');
    const open = () => createPostgresDatastore({ driver: 'pglite', dataDir });
    const first = await open();
    await first.migrate();
    await first.states.upsertStates([{ code: 'MN', name: 'Minnesota' }]);
    const draft = await first.contracts.create(buildContractInput('MN'));
    let filed = await first.contracts.create(buildContractInput('MN'));
    filed = await applyChange(first, filed, submit(filed));
    filed = await applyChange(first, filed, reviewAction({ action: 'APPROVE' }));
    let reopened = await first.contracts.create(buildContractInput('MN'));
    reopened = await applyChange(first, reopened, submit(reopened));
    reopened = await applyChange(first, reopened, unlock(reopened));
    await first.close();

    // The columns as the migration adds them to rows an older release wrote; and one row changed since by an
    // older release, which moved the version but knew nothing of the facts.
    await rawQuery(
      dataDir,
      `update contracts set last_submitted_at = null, latest_slice = null, submitted_slice = null,
        submitted_count = 0, draft_open = true, last_review_action = null, shared_updated_at = null,
        summary_version = null where id <> '${filed.id}'`,
    );
    await rawQuery(
      dataDir,
      `update contracts set version = version + 1, mccrs_id = '0042' where id = '${filed.id}'`,
    );
    const behind = `select count(*)::int as n from contracts where summary_version is distinct from version`;

    const listsAsStored = async (datastore: Datastore, context: string) => {
      const stored = await Promise.all([reopened, filed, draft].map((c) => datastore.contracts.get(c.id)));
      const listed = await datastore.contracts.listByState('MN', { limit: 10 });
      expect(listed.items, context).toEqual(stored.map(summaryFactsOf));
    };

    const before = await open();
    try {
      await listsAsStored(before, 'read whole, before migrate()');
      // A change by this release to a row whose facts are behind leaves it marked as behind.
      const current = await before.contracts.get(filed.id);
      await applyChange(before, current, { kind: 'SET_MCCRS_ID', mccrsId: '0043' });
      await listsAsStored(before, 'read whole after a change');
    } finally {
      await before.close();
    }
    expect(await rawQuery(dataDir, behind)).toEqual([{ n: 3 }]);

    const migrated = await open();
    try {
      await migrated.migrate();
      await listsAsStored(migrated, 'read from the facts migrate() filled');
      await migrated.migrate();
      await listsAsStored(migrated, 'migrated twice');
    } finally {
      await migrated.close();
    }
    expect(await rawQuery(dataDir, behind)).toEqual([{ n: 0 }]);
    expect(
      await rawQuery(dataDir, `select mccrs_id, last_review_action from contracts where id = '${filed.id}'`),
    ).toEqual([{ mccrs_id: '0043', last_review_action: 'APPROVE' }]);
  });

  it('deletes forgotten failed-login counters as new ones arrive', async () => {
    const dataDir = join(await scratchDir(), 'db');
    const datastore = await createPostgresDatastore({ driver: 'pglite', dataDir });
    const policy = { freeFailures: 5, firstWaitMs: 1000, maxWaitMs: 1000, forgetAfterMs: 60_000 };
    try {
      await datastore.migrate();
      for (let i = 0; i < 30; i++) {
        await datastore.loginAttempts.claim(`old-${i}`, policy, '2030-01-01T00:00:00.000Z');
      }
      await datastore.loginAttempts.claim('alive', policy, '2030-01-01T00:00:59.999Z');
      // A minute on, the 30 old counters are forgotten (and `alive` is not): each new counter deletes up to 20.
      await datastore.loginAttempts.claim('new-1', policy, '2030-01-01T00:01:00.000Z');
      await datastore.loginAttempts.claim('new-2', policy, '2030-01-01T00:01:00.000Z');
    } finally {
      await datastore.close();
    }

    const raw = new PGlite(dataDir);
    try {
      const { rows } = await raw.query<{ key: string }>('select key from login_failures order by key');
      expect(rows.map((row) => row.key)).toEqual(['alive', 'new-1', 'new-2']);
    } finally {
      await raw.close();
    }
  });
});

/** Runs one statement on the PGlite folder of a closed datastore and returns its rows. */
async function rawQuery(dataDir: string, statement: string): Promise<unknown[]> {
  const raw = new PGlite(dataDir);
  try {
    return (await raw.query(statement)).rows;
  } finally {
    await raw.close();
  }
}
