import { describe, expect, it } from 'vitest';
import { runBench } from './run-bench';

/**
 * A smoke run of the dashboard leg of `npm run bench`, as a person runs it, with tiny numbers: 1,500 filings on the
 * PostgreSQL server (enough for a state user's list to have a second page, the "deep" one here) and 200 in
 * DynamoDB Local, two connections, half a second per row. Every engine prints its rows (or says why it was
 * skipped, which a run that requires every engine forbids), the server and the anchor agree on every page walked,
 * and no request fails. Nothing about speed is asserted.
 */

const REQUIRE_ALL = process.env.DOCKET_TEST_REQUIRE_ALL === '1';

function bench(args: string[]) {
  return runBench(args, {
    ...(process.env.DOCKET_TEST_JAVA ? { DOCKET_TEST_JAVA: process.env.DOCKET_TEST_JAVA } : {}),
    DOCKET_TEST_POSTGRES_URL:
      process.env.DOCKET_TEST_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/postgres',
  });
}

describe('npm run bench -- --only dashboard', () => {
  it(
    'prints the first and a deep page of both views on each engine, beside the anchor, with no errors',
    { timeout: 300_000 },
    async () => {
      const run = await bench([
        '--only',
        'dashboard',
        '--filings',
        '1500',
        '--dynamodb-filings',
        '200',
        '--connections',
        '2',
        '--duration',
        '0.5',
        '--warmup',
        '0.2',
      ]);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).not.toContain('ERRORS');
      const rows = run.stdout
        .split('\n')
        .map((line) => line.split(' | ').map((cell) => cell.trim()))
        .filter((cells) => cells.length === 12 && /^(PostgreSQL|DynamoDB Local)$/.test(cells[0] ?? ''));
      const cellsOf = (engine: string) => rows.filter((cells) => cells[0] === engine);
      for (const [engine, name] of [
        ['PostgreSQL', 'postgres'],
        ['DynamoDB Local', 'dynamodb'],
      ] as const) {
        const printed = cellsOf(engine);
        if (printed.length === 0 && !REQUIRE_ALL) {
          expect(run.stdout).toContain(`${name} skipped:`);
          continue;
        }
        // Both views' first pages, in order.
        const firsts = printed.filter((cells) => cells[2] === 'first').map((cells) => cells[1]);
        expect(firsts).toHaveLength(2);
        expect(firsts[0]).toMatch(/^CMS reviewer: /);
        expect(firsts[1]).toMatch(/^state user: /);
        // With 1,500 filings the state user's list has a second page, measured as the deep one.
        if (engine === 'PostgreSQL') {
          expect(
            printed.filter((cells) => cells[1]?.startsWith('state user') && /^\d+–\d+$/.test(cells[2] ?? '')),
          ).toHaveLength(1);
        }
        for (const cells of printed) {
          expect(cells[3]).toBe('2');
          // p50 and p99 of Docket and of the anchor are numbers; the ratios and the goal column are filled.
          for (const at of [5, 6, 7, 8]) expect(Number(cells[at])).toBeGreaterThan(0);
          expect(cells[10]).toMatch(/^×\d/);
          expect(cells[11]).toMatch(engine === 'PostgreSQL' ? /^(met|MISSED)$/ : /^—$/);
        }
      }
      expect(run.stdout).toMatch(/Goal: p99 ≤ 25 ms on PostgreSQL — (met|MISSED)/);
    },
  );
});
