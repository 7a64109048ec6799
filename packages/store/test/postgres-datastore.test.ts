import { execFile } from 'node:child_process';
import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, describe, expect, it } from 'vitest';
import { createPostgresDatastore } from '../src/postgres';
import { buildContractInput } from './conformance';

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
