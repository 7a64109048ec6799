import { randomUUID } from 'node:crypto';
import { STATES } from '@docket/domain';
import pg from 'pg';
import { GENERATION_EPOCH, variantOf } from '../packages/server/src/generate/filing-plan';
import { stateOfFiling } from '../packages/server/src/generate/generate-filings';
import { contractForm, metadataOnlyDocuments } from '../packages/server/src/generate/generated-forms';

/**
 * The reference's database: one table of filings with the form as jsonb, the index its list needs, the states'
 * counters and an audit table, filled with as many filings as Docket holds, spread over the states the same way,
 * with forms of the same generator and size (a complete draft with its documents described, about 5 KB).
 */

const SCHEMA = `
CREATE TABLE filings (
  id uuid PRIMARY KEY,
  state_code text NOT NULL,
  state_number int NOT NULL,
  version int NOT NULL,
  form jsonb NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX filings_state_number ON filings (state_code, state_number DESC);
CREATE TABLE state_counters (state_code text PRIMARY KEY, last_number int NOT NULL);
CREATE TABLE filing_events (
  id uuid PRIMARY KEY,
  filing_id uuid NOT NULL REFERENCES filings (id),
  action text NOT NULL,
  at timestamptz NOT NULL,
  details jsonb NOT NULL
);
CREATE INDEX filing_events_filing ON filing_events (filing_id, at);
`;

const BATCH = 500;

/** Creates the reference's tables in an empty database and writes `filings` filings. @returns rows per second. */
export async function fillReference(
  url: string,
  filings: number,
  log: (message: string) => void,
): Promise<{ rowsPerSecond: number }> {
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  try {
    await pool.query(SCHEMA);
    const numbers = new Map<string, number>();
    const started = performance.now();
    const inFlight = new Set<Promise<void>>();
    let failure: unknown = null;
    let reported = started;
    for (let first = 0; first < filings; first += BATCH) {
      const columns = {
        id: [] as string[],
        state: [] as string[],
        number: [] as number[],
        form: [] as string[],
      };
      const at: string[] = [];
      for (let n = first; n < Math.min(first + BATCH, filings); n++) {
        const state = stateOfFiling(n);
        const number = (numbers.get(state) ?? 0) + 1;
        numbers.set(state, number);
        const when = new Date(GENERATION_EPOCH + n * 60_000).toISOString();
        const document = (name: string) => metadataOnlyDocuments(name, null, randomUUID(), when);
        const form = contractForm(state, variantOf(n, STATES.length), 'Complete.', {
          contract: [await document(`contract-${n}.pdf`)],
          supporting: [await document(`redline-${n}.pdf`), await document(`network-${n}.pdf`)],
        });
        columns.id.push(randomUUID());
        columns.state.push(state);
        columns.number.push(number);
        columns.form.push(JSON.stringify(form));
        at.push(when);
      }
      const insert = pool
        .query(
          'INSERT INTO filings (id, state_code, state_number, version, form, created_at, updated_at) ' +
            'SELECT id, state, number, 1, form, at, at FROM unnest($1::uuid[], $2::text[], $3::int[], ' +
            '$4::jsonb[], $5::timestamptz[]) AS t(id, state, number, form, at)',
          [columns.id, columns.state, columns.number, columns.form, at],
        )
        .then(
          () => undefined,
          (error: unknown) => {
            failure ??= error;
          },
        );
      inFlight.add(insert);
      void insert.finally(() => inFlight.delete(insert));
      if (inFlight.size >= 4) await Promise.race(inFlight);
      if (performance.now() - reported > 5000) {
        reported = performance.now();
        log(`  reference: ${first + BATCH} of ${filings} filings`);
      }
    }
    await Promise.all(inFlight);
    if (failure !== null) throw failure;
    await pool.query(
      'INSERT INTO state_counters (state_code, last_number) SELECT * FROM unnest($1::text[], $2::int[])',
      [[...numbers.keys()], [...numbers.values()]],
    );
    // Every state, so that a create in a state without filings works too.
    await pool.query(
      'INSERT INTO state_counters (state_code, last_number) SELECT s, 0 FROM unnest($1::text[]) AS s ON CONFLICT DO NOTHING',
      [STATES.map((state) => state.code)],
    );
    await pool.query('VACUUM ANALYZE filings');
    return { rowsPerSecond: filings / ((performance.now() - started) / 1000) };
  } finally {
    await pool.end();
  }
}
