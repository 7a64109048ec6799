import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Datastore } from '../src/datastore';
import { createPostgresDatastore } from '../src/postgres';
import { createTestDatabase, filedWithRates, submittedLinking } from './conformance';

/**
 * `RateStore.listLinkers` on a PostgreSQL server: the statement it sends finds the linking contracts through the
 * partial GIN index on submitted revisions' rate links (docs/adr/0021-rate-links-read.md), never by reading every
 * revision. The plan is asked with sequential scans off, so the check says that the index can serve the
 * statement's predicate whatever the table's size (on a table this small the planner would rightly scan).
 */

const adminUrl = process.env.DOCKET_TEST_POSTGRES_URL;
const requireAll = process.env.DOCKET_TEST_REQUIRE_ALL === '1';
if (!adminUrl && !requireAll) {
  console.warn('SKIPPED: rate links plan on a PostgreSQL server — set DOCKET_TEST_POSTGRES_URL');
}

describe.skipIf(!adminUrl && !requireAll)('PostgreSQL: the rate links read uses its index', () => {
  let database: { url: string; drop(): Promise<void> };
  let datastore: Datastore;

  beforeAll(async () => {
    if (!adminUrl) throw new Error('DOCKET_TEST_REQUIRE_ALL=1 but DOCKET_TEST_POSTGRES_URL is not set');
    database = await createTestDatabase(adminUrl);
    datastore = await createPostgresDatastore({ driver: 'pg', url: database.url });
    await datastore.migrate();
    await datastore.states.upsertStates([{ code: 'MN', name: 'Minnesota' }]);
  });
  afterAll(async () => {
    await datastore?.close();
    await database?.drop();
  });

  /** The statements the pool's clients are handed while `work` runs, with their values. */
  async function sentDuring(work: () => Promise<unknown>): Promise<{ text: string; values: unknown[] }[]> {
    const prototype = pg.Client.prototype as unknown as Record<string, unknown>;
    const own = Object.getOwnPropertyDescriptor(pg.Client.prototype, 'query');
    const original = prototype.query as (...args: unknown[]) => unknown;
    const sent: { text: string; values: unknown[] }[] = [];
    prototype.query = function (this: unknown, ...args: unknown[]) {
      const [first, second] = args;
      if (typeof first === 'string') sent.push({ text: first, values: (second as unknown[]) ?? [] });
      else if (typeof first === 'object' && first !== null && 'text' in first) {
        const config = first as { text: string; values?: unknown[] };
        sent.push({ text: config.text, values: config.values ?? (second as unknown[]) ?? [] });
      }
      return original.apply(this, args);
    };
    try {
      await work();
    } finally {
      if (own) Object.defineProperty(pg.Client.prototype, 'query', own);
    }
    return sent;
  }

  it('finds the contracts that link a rate through contract_revisions_submitted_rate_links_idx', async () => {
    const { rates } = await filedWithRates(datastore, 'MN', 1);
    const [rate] = rates;
    if (!rate) throw new Error('no rate');
    await submittedLinking(datastore, 'MN', rate);

    const sent = await sentDuring(() => datastore.rates.listLinkers(rate.id));
    expect(sent).toHaveLength(1);
    const [statement] = sent;
    if (!statement) throw new Error('nothing sent');

    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      await client.query('set enable_seqscan = off');
      const { rows } = await client.query<{ 'QUERY PLAN': string }>(
        `explain ${statement.text}`,
        statement.values,
      );
      const plan = rows.map((row) => row['QUERY PLAN']).join('\n');
      expect(plan).toContain('contract_revisions_submitted_rate_links_idx');
    } finally {
      await client.end();
    }
  });
});
