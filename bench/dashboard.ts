import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPostgresDatastore } from '@docket/store/postgres';
import { formatCount } from '../packages/server/src/transfer';
import { createUser } from '../packages/server/src/use-cases/create-user';
import { startBenchServer } from './docket-server';
import { runLoad, type LoadResult, type LoadWorker } from './load';

/**
 * The dashboard leg of `npm run bench` (`--only dashboard --store <url>`): the first page and a deep page of the
 * two dashboards — a CMS reviewer's list of every submitted filing and a state user's list of its state's filings —
 * served by Docket over a PostgreSQL database that already holds a large data set (`docket seed --generate
 * 1000000`: generating a million filings takes the better part of an hour, so the leg does not make its own).
 * Deep pages are reached by their cursors, collected once by walking pages 100 to 400; each request of the load
 * asks for one of them. The goal is a p99 of at most 25 ms.
 */

export interface DashboardBenchOptions {
  /** A PostgreSQL URL of a migrated, generated Docket database. */
  store: string;
  connections: readonly number[];
  durationMs: number;
  warmupMs: number;
  log: (message: string) => void;
}

const GOAL_P99_MS = 25;
const PAGE = 25;
const DEEP_FROM = 100;
const DEEP_TO = 400;

interface Viewer {
  label: string;
  email: string;
  password: string;
}

interface Row {
  viewer: string;
  page: 'first' | `${number}–${number}`;
  connections: number;
  load: LoadResult;
}

async function makeViewers(store: string): Promise<{ viewers: Viewer[]; filings: number }> {
  const datastore = await createPostgresDatastore({ driver: 'pg', url: store });
  try {
    const password = `bench-${randomBytes(12).toString('hex')}`;
    const tag = randomBytes(4).toString('hex');
    const viewers: Viewer[] = [];
    for (const [label, role, stateCode] of [
      ['CMS reviewer (every submitted filing)', 'CMS_USER', null],
      ['state user (MN, drafts included)', 'STATE_USER', 'MN'],
    ] as const) {
      const email = `bench.dashboard.${role.toLowerCase()}.${tag}@bench.example.gov`;
      await createUser(
        { users: datastore.users },
        {
          email,
          givenName: 'Bench',
          familyName: 'Dashboard',
          role,
          stateCode,
          division: null,
          assignedStates: [],
        },
        password,
        null,
      );
      viewers.push({ label, email, password });
    }
    const counted = await datastore.transfer.count('contracts');
    return { viewers, filings: counted };
  } finally {
    await datastore.close();
  }
}

async function logIn(base: string, viewer: Viewer): Promise<Record<string, string>> {
  const response = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: viewer.email, password: viewer.password }),
  });
  if (!response.ok) throw new Error(`Logging in ${viewer.email} answered ${response.status}`);
  return {
    cookie: response.headers
      .getSetCookie()
      .map((cookie) => cookie.split(';')[0])
      .join('; '),
  };
}

const listPath = (cursor: string | null) =>
  `/api/contracts?limit=${PAGE}${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`;

/** The cursors of pages `DEEP_FROM` to `DEEP_TO` (fewer when the list ends sooner). */
async function deepCursors(base: string, headers: Record<string, string>): Promise<string[]> {
  const cursors: string[] = [];
  let cursor: string | null = null;
  for (let page = 1; page < DEEP_TO; page++) {
    const response = await fetch(`${base}${listPath(cursor)}`, { headers });
    if (!response.ok) throw new Error(`A dashboard page answered ${response.status}`);
    const body = (await response.json()) as { nextCursor: string | null };
    if (body.nextCursor === null) break;
    cursor = body.nextCursor;
    if (page + 1 >= DEEP_FROM) cursors.push(cursor);
  }
  return cursors;
}

function worker(
  headers: Record<string, string>,
  cursors: readonly (string | null)[],
  index: number,
): LoadWorker {
  let next = (index * 7919) % cursors.length;
  return {
    next: () => ({ method: 'GET', path: listPath(cursors[next++ % cursors.length] ?? null), headers }),
    done(response) {
      if (response.status !== 200) return `expected 200, got ${response.status}`;
      const body = JSON.parse(response.body) as { items?: unknown[] };
      return Array.isArray(body.items) && body.items.length === PAGE ? null : 'a short page';
    },
  };
}

export async function runDashboardBench(options: DashboardBenchOptions): Promise<string> {
  const { log } = options;
  log('Dashboard: making a CMS reviewer and a state user in the database…');
  const { viewers, filings } = await makeViewers(options.store);
  const folder = await mkdtemp(join(tmpdir(), 'docket-bench-dashboard-'));
  const server = await startBenchServer({
    cwd: folder,
    command: 'serve',
    log,
    env: {
      DOCKET_STORE: options.store,
      DOCKET_BLOBS: `file:${join(folder, 'blobs')}`,
      DOCKET_SECRET: randomBytes(32).toString('hex'),
    },
  });
  const rows: Row[] = [];
  const errors: string[] = [];
  try {
    for (const viewer of viewers) {
      const headers = await logIn(server.url, viewer);
      const deep = await deepCursors(server.url, headers);
      const pages = [
        { page: 'first' as const, cursors: [null] },
        ...(deep.length > 0
          ? [{ page: `${DEEP_FROM}–${DEEP_FROM + deep.length - 1}` as const, cursors: deep }]
          : []),
      ];
      for (const { page, cursors } of pages) {
        for (const connections of options.connections) {
          const load = await runLoad({
            url: server.url,
            connections,
            warmupMs: options.warmupMs,
            durationMs: options.durationMs,
            worker: (index) => worker(headers, cursors, index),
          });
          log(
            `  ${viewer.label}, page ${page}, ×${connections}: ${formatCount(Math.round(load.perSecond))} req/s, ` +
              `p99 ${load.p99.toFixed(1)} ms`,
          );
          if (load.errors > 0)
            errors.push(`${viewer.label} ${page} ×${connections}: ${load.errorSamples.join('; ')}`);
          rows.push({ viewer: viewer.label, page, connections, load });
        }
      }
    }
  } finally {
    await server.stop();
    await rm(folder, { recursive: true, force: true });
  }
  const lines = [
    `Dashboards over ${formatCount(filings)} filings on PostgreSQL (${PAGE} a page; deep pages by cursor), ` +
      `${options.durationMs / 1000} s measured after ${options.warmupMs / 1000} s of warm-up, ` +
      new Date().toISOString().slice(0, 10),
    '',
    'viewer                                 | page    | conns | req/s | p50 ms | p99 ms | p99 goal',
    '-------------------------------------- | ------- | ----- | ----- | ------ | ------ | --------',
    ...rows.map(
      (row) =>
        `${row.viewer.padEnd(38)} | ${row.page.padEnd(7)} | ${String(row.connections).padStart(5)} | ` +
        `${String(Math.round(row.load.perSecond)).padStart(5)} | ${row.load.p50.toFixed(1).padStart(6)} | ` +
        `${row.load.p99.toFixed(1).padStart(6)} | ≤${GOAL_P99_MS} ${row.load.p99 <= GOAL_P99_MS ? 'met' : 'MISSED'}`,
    ),
    ...errors.map((error) => `- errors: ${error}`),
  ];
  return `${lines.join('\n')}\n`;
}
