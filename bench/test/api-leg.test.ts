import { describe, expect, it } from 'vitest';
import { runBench } from './run-bench';

/**
 * A smoke run of the API leg of `npm run bench`, as a person runs it, with tiny numbers: 50 filings on PGlite,
 * two connections, a second per leg. It must print a row for every operation with no error on either side,
 * and the reference's statement counts. Nothing about speed is asserted.
 */

/** The reference needs a PostgreSQL server; CI has one and forbids going without. */
const WITH_REFERENCE =
  Boolean(process.env.DOCKET_TEST_POSTGRES_URL) || process.env.DOCKET_TEST_REQUIRE_ALL === '1';

function bench(args: string[]) {
  return runBench(
    args,
    process.env.DOCKET_TEST_POSTGRES_URL
      ? { DOCKET_TEST_POSTGRES_URL: process.env.DOCKET_TEST_POSTGRES_URL }
      : // Nowhere: without a server the leg runs Docket alone and says so.
        { DOCKET_TEST_POSTGRES_URL: 'postgres://postgres@127.0.0.1:1/postgres' },
  );
}

describe('npm run bench -- --only api', () => {
  it(
    'prints every operation on PGlite, against the reference, with no errors',
    { timeout: 120_000 },
    async () => {
      const run = await bench([
        '--only',
        'api',
        '--engines',
        'pglite',
        '--filings',
        '50',
        '--connections',
        '2',
        '--duration',
        '0.5',
        '--warmup',
        '0.3',
      ]);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).not.toContain('ERRORS');
      const rows = run.stdout
        .split('\n')
        .filter((line) => line.startsWith('PGlite '))
        .map((line) => line.split('|').map((cell) => cell.trim()));
      expect(rows.map((cells) => cells[1])).toEqual(['read', 'list', 'save', 'create']);
      for (const cells of rows) {
        expect(cells[2]).toBe('2');
        // errors, Docket / reference
        expect(cells.at(-1)).toBe(WITH_REFERENCE ? '0 / 0' : '0');
      }
      if (WITH_REFERENCE) {
        // statements per request, Docket / reference: the reference runs 1 per read and list, 2 per save, 3 per create
        expect(rows.map((cells) => cells[12]?.split(' / ')[1])).toEqual(['1.0', '1.0', '2.0', '3.0']);
      } else {
        expect(run.stdout).toContain('no reference:');
      }
    },
  );
});
