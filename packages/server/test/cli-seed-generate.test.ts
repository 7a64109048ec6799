import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newId } from '@docket/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blobsIn, countsOf, inspect, startDocket } from './transfer-cli-runner';

/** `docket seed --generate N`: made-up filings through the port, with progress, never mixed with real users unforced. */

let cwd: string;
let db: string;
const run = (args: string[]) => startDocket(cwd, args, { DOCKET_STORE: `pglite:${db}` }).done;

beforeAll(async () => {
  cwd = await mkdtemp(join(tmpdir(), 'docket-seed-generate-'));
  db = join(cwd, 'db');
});
afterAll(async () => {
  await rm(cwd, { recursive: true, force: true });
});

describe('docket seed --generate', () => {
  it('refuses a datastore that was never migrated, with the hint', async () => {
    const refused = await run(['seed', '--generate', '3']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('has it been migrated (docket migrate)?');
  });

  it('writes N filings in every state, with users and their events, and says how fast', async () => {
    expect((await run(['migrate'])).code).toBe(0);
    const generated = await run(['seed', '--generate', '30', '--batch-size', '7', '--concurrency', '2']);
    expect(generated.code, generated.stderr).toBe(0);
    expect(generated.stderr).toContain(
      'Generating 30 filings in every state, 7 a batch, 2 batches at a time, documents described, not stored',
    );
    expect(generated.stderr).toContain('30 of 30 filings');
    expect(generated.stdout).toMatch(
      /^Generated 30 filings \([\d,]+ revisions, [\d,]+ rates and rate revisions, [\d,]+ events\) and 35 users in [\d.]+ s: [\d,]+ filings\/s\n$/,
    );
    const counts = await countsOf(db);
    expect(counts.contracts).toBe(30);
    expect(counts.users).toBe(35);
    expect(counts.states).toBe(56);
    const states = await inspect(db, async (datastore) => {
      const seen = new Set<string>();
      for await (const batch of datastore.transfer.read('contracts', { batchSize: 100 })) {
        for (const contract of batch.records) seen.add(contract.stateCode);
      }
      return seen.size;
    });
    expect(states).toBe(30);
  });

  it('refuses to mix generated filings with real users unless forced', async () => {
    const email = `real.person.${newId().slice(-6)}@agency.example.gov`;
    await inspect(db, (datastore) =>
      datastore.users.create({
        user: {
          id: newId(),
          email,
          givenName: 'Real',
          familyName: 'Person',
          role: 'ADMIN',
          stateCode: null,
          division: null,
          assignedStates: [],
          disabled: false,
          createdAt: new Date().toISOString(),
          version: 1,
          mustChangePassword: false,
        },
        passwordHash: null,
        event: {
          id: newId(),
          at: new Date().toISOString(),
          actor: null,
          action: 'CREATE_USER',
          reason: null,
          stateCode: null,
          contractId: null,
          revisionId: null,
          details: {},
        },
      }),
    );
    const refused = await run(['seed', '--generate', '5']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`The datastore holds users that were not generated (${email})`);
    expect((await countsOf(db)).contracts).toBe(30);

    const forced = await run(['seed', '--generate', '5', '--force', '--documents', 'stored']);
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stderr).toContain('documents stored in DOCKET_BLOBS');
    expect((await countsOf(db)).contracts).toBe(35);
    // The default DOCKET_BLOBS, in the folder docket ran in: each stored document is a blob there.
    const stored = await blobsIn(join(cwd, '.docket', 'blobs'));
    expect(stored.size).toBeGreaterThanOrEqual(10);
  });

  it('refuses a count that is not a whole number of at least 1, and documents of another kind', async () => {
    const refused = await run(['seed', '--generate', '0']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('must be a whole number from 1 to 10,000,000');
    const unknown = await run(['seed', '--generate', '3', '--documents', 'some']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('Allowed choices are described, stored, none');
  });
});
