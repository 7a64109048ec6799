import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { STATES } from '@docket/domain';
import { createPostgresDatastore } from '@docket/store/postgres';
import { generateFilings } from '../packages/server/src/generate/generate-filings';
import { formatCount } from '../packages/server/src/transfer';
import { createUser } from '../packages/server/src/use-cases/create-user';
import { dynamoAnchor, PAGE, postgresAnchor, type Anchor, type AnchorView } from './dashboard-anchors';
import { startBenchServer } from './docket-server';
import { startDynamoDb, startPostgres, type Engine } from './engines';
import { runCalls, runLoad, type LoadResult, type LoadWorker } from './load';

/**
 * The dashboard leg of `npm run bench` (`--only dashboard`): the first page and a deep page of two dashboards — a
 * CMS reviewer's filtered, sorted view (three states, SUBMITTED and RESUBMITTED, newest first) and a state user's
 * view of its state, drafts included — served by Docket's HTTP server over filings it generates in a fresh
 * database of each engine (the PostgreSQL server, DynamoDB Local), or over an existing PostgreSQL database
 * (`--store`). Beside each, an anchor measured in the same run with the same load: the same query straight on the
 * engine (bench/dashboard-anchors.ts), as a ratio. Deep pages are reached by cursors collected by walking the
 * list once, through the server and through the anchor, which must find the same contracts on every page.
 * The goal is a p99 of at most 25 ms on PostgreSQL.
 */

export type DashboardEngine = 'postgres' | 'dynamodb';

export interface DashboardBenchOptions {
  engines: readonly DashboardEngine[];
  /** A PostgreSQL URL of a migrated, generated Docket database to use instead of generating one; null: generate. */
  store: string | null;
  /** Filings generated on the PostgreSQL server. */
  filings: number;
  /** Filings generated in DynamoDB Local, whose writes are much slower. */
  dynamodbFilings: number;
  connections: readonly number[];
  durationMs: number;
  warmupMs: number;
  log: (message: string) => void;
}

export const GOAL_P99_MS = 25;
/** Deep pages: the cursors of pages `DEEP_FROM` to `DEEP_TO`, or the second half of a shorter list. */
const DEEP_FROM = 50;
const DEEP_TO = 100;

interface Viewer {
  label: string;
  email: string;
  password: string;
  /** The query string of the view, as the web app sends it. */
  params: string;
  anchor: AnchorView;
}

export interface DashboardRow {
  engine: string;
  viewer: string;
  page: string;
  connections: number;
  docket: LoadResult;
  anchor: LoadResult;
}

/** One page of the walk: the cursor it is asked for by and the contracts it holds. */
interface WalkedPage {
  cursor: string | null;
  anchorKey: string | null;
  ids: string[];
}

/** The reviewer's three states and the state user's: the first states, which generation fills first. */
function viewersOf(): Omit<Viewer, 'email' | 'password'>[] {
  const [first, second, third] = STATES.map((s) => s.code);
  if (!first || !second || !third) throw new Error('Fewer than three reference states');
  const reviewed = [first, second, third];
  const statuses = ['SUBMITTED', 'RESUBMITTED'];
  return [
    {
      label: `CMS reviewer: ${reviewed.join('+')}, submitted+resubmitted, by update`,
      params:
        reviewed.map((code) => `state=${code}`).join('&') +
        `&${statuses.map((status) => `status=${status}`).join('&')}&sort=updated&order=desc`,
      anchor: { view: 'SUBMITTED', states: reviewed, statuses },
    },
    {
      label: `state user: ${first}, drafts included, by update`,
      params: 'sort=updated&order=desc',
      anchor: { view: 'LATEST', states: [first], statuses: null },
    },
  ];
}

async function makeViewers(engine: Engine): Promise<Viewer[]> {
  const password = `bench-${randomBytes(12).toString('hex')}`;
  const tag = randomBytes(4).toString('hex');
  const views = viewersOf();
  const roles = [
    { role: 'CMS_USER', stateCode: null },
    { role: 'STATE_USER', stateCode: views[1]?.anchor.states[0] ?? null },
  ] as const;
  const viewers: Viewer[] = [];
  for (const [i, view] of views.entries()) {
    const { role, stateCode } = roles[i] ?? roles[0];
    const email = `bench.dashboard.${role.toLowerCase()}.${tag}@bench.example.gov`;
    await createUser(
      { users: engine.datastore.users },
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
    viewers.push({ ...view, email, password });
  }
  return viewers;
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

const listPath = (params: string, cursor: string | null) =>
  `/api/contracts?${params}&limit=${PAGE}${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`;

/**
 * Pages 1 to `DEEP_TO` of a view (fewer when it ends sooner), through the server and through the anchor side by
 * side; a page on which they disagree is an error.
 */
async function walk(
  base: string,
  headers: Record<string, string>,
  viewer: Viewer,
  anchor: Anchor,
): Promise<{ pages: WalkedPage[]; errors: string[] }> {
  const pages: WalkedPage[] = [];
  const errors: string[] = [];
  let cursor: string | null = null;
  let anchorKey: string | null = null;
  for (let page = 1; page <= DEEP_TO; page++) {
    const response = await fetch(`${base}${listPath(viewer.params, cursor)}`, { headers });
    if (!response.ok) throw new Error(`${viewer.label}: page ${page} answered ${response.status}`);
    const body = (await response.json()) as { items: { id: string }[]; nextCursor: string | null };
    const ids = body.items.map((item) => item.id.toLowerCase());
    const straight = await anchor.page(anchorKey);
    if (straight.ids.map((id) => id.toLowerCase()).join() !== ids.join()) {
      errors.push(`${viewer.label}: page ${page} holds other contracts through the server than straight`);
    }
    pages.push({ cursor, anchorKey, ids });
    if (body.nextCursor === null || straight.next === null) break;
    cursor = body.nextCursor;
    anchorKey = straight.next;
  }
  return { pages, errors };
}

/** The pages measured: the first, and the deep ones (pages `DEEP_FROM`–`DEEP_TO`, or the second half). */
function pagesOf(walked: readonly WalkedPage[]): { label: string; pages: WalkedPage[] }[] {
  const [first] = walked;
  if (first === undefined) return [];
  const from = walked.length >= DEEP_FROM ? DEEP_FROM : Math.max(2, Math.ceil(walked.length / 2));
  const deep = walked.slice(from - 1);
  return [
    { label: 'first', pages: [first] },
    ...(deep.length > 0 ? [{ label: `${from}–${from + deep.length - 1}`, pages: deep }] : []),
  ];
}

function worker(
  params: string,
  headers: Record<string, string>,
  pages: readonly WalkedPage[],
  index: number,
): LoadWorker {
  let next = (index * 7919) % pages.length;
  let asked: WalkedPage | undefined;
  return {
    next: () => {
      asked = pages[next++ % pages.length];
      return { method: 'GET', path: listPath(params, asked?.cursor ?? null), headers };
    },
    done(response) {
      if (response.status !== 200) return `expected 200, got ${response.status}`;
      const body = JSON.parse(response.body) as { items?: unknown[] };
      const expected = asked?.ids.length ?? 0;
      return Array.isArray(body.items) && body.items.length === expected
        ? null
        : `${body.items?.length} items where the walk found ${expected}`;
    },
  };
}

/** The engine the leg runs on: started and generated, or the existing database of `--store`. */
async function startEngine(
  name: DashboardEngine,
  options: DashboardBenchOptions,
  notes: string[],
): Promise<Engine | null> {
  if (options.store !== null) {
    const datastore = await createPostgresDatastore({ driver: 'pg', url: options.store });
    let closed: Promise<void> | null = null;
    const release = () => (closed ??= datastore.close());
    return {
      name: 'PostgreSQL (--store)',
      datastore,
      locator: options.store,
      database: { kind: 'embedded' },
      release,
      settle: async () => {},
      dispose: release,
    };
  }
  const started =
    name === 'postgres' ? await startPostgres({ databasePrefix: 'bench_dashboard' }) : await startDynamoDb();
  if (started.engine === null) {
    notes.push(`${name} skipped: ${started.skipped}`);
    return null;
  }
  const engine = started.engine;
  const filings = name === 'dynamodb' ? options.dynamodbFilings : options.filings;
  try {
    options.log(`${engine.name}: generating ${formatCount(filings)} filings…`);
    const began = performance.now();
    let reported = began;
    const generated = await generateFilings(engine.datastore, {
      filings,
      onProgress: (filed) => {
        if (performance.now() - reported < 10_000) return;
        reported = performance.now();
        options.log(`  ${formatCount(filed)} of ${formatCount(filings)}`);
      },
    });
    const seconds = (performance.now() - began) / 1000;
    const rate = generated.filings / seconds;
    notes.push(
      `${engine.name}: generated ${formatCount(generated.filings)} filings in ${seconds.toFixed(0)} s: ` +
        `${formatCount(Math.round(rate))} filings/s (100,000 would take ${(100_000 / rate / 60).toFixed(1)} min)`,
    );
  } catch (error) {
    await engine.dispose();
    throw error;
  }
  return engine;
}

/** Runs the leg engine by engine; returns the printed report and whether any request or walk went wrong. */
export async function runDashboardBench(
  options: DashboardBenchOptions,
): Promise<{ report: string; failed: boolean }> {
  const { log } = options;
  const rows: DashboardRow[] = [];
  const errors: string[] = [];
  const notes: string[] = [
    `load average at the start: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(', ')}`,
  ];
  const engines: readonly DashboardEngine[] = options.store === null ? options.engines : ['postgres'];
  for (const name of engines) {
    const engine = await startEngine(name, options, notes);
    if (engine === null) continue;
    const folder = await mkdtemp(join(tmpdir(), 'docket-bench-dashboard-'));
    try {
      const viewers = await makeViewers(engine);
      const contracts = await engine.datastore.transfer.count('contracts');
      notes.push(`${engine.name}: ${formatCount(contracts)} filings in the database`);
      await engine.release();
      await engine.settle();
      const server = await startBenchServer({
        cwd: folder,
        command: 'serve',
        log,
        env: {
          DOCKET_STORE: engine.locator,
          DOCKET_BLOBS: `file:${join(folder, 'blobs')}`,
          DOCKET_SECRET: randomBytes(32).toString('hex'),
        },
      });
      try {
        for (const viewer of viewers) {
          const headers = await logIn(server.url, viewer);
          const slots = Math.max(...options.connections);
          const anchor =
            name === 'postgres'
              ? postgresAnchor(engine.locator, viewer.anchor, slots)
              : dynamoAnchor(engine.locator, viewer.anchor);
          try {
            const walked = await walk(server.url, headers, viewer, anchor);
            errors.push(...walked.errors);
            log(`${engine.name}, ${viewer.label}: ${walked.pages.length} pages walked`);
            for (const { label, pages } of pagesOf(walked.pages)) {
              for (const connections of options.connections) {
                const docket = await runLoad({
                  url: server.url,
                  connections,
                  warmupMs: options.warmupMs,
                  durationMs: options.durationMs,
                  worker: (index) => worker(viewer.params, headers, pages, index),
                });
                const straight = await runCalls({
                  connections,
                  warmupMs: options.warmupMs,
                  durationMs: options.durationMs,
                  call: (index) => {
                    let next = (index * 7919) % pages.length;
                    return async () => {
                      await anchor.page(pages[next++ % pages.length]?.anchorKey ?? null);
                    };
                  },
                });
                log(
                  `  page ${label} ×${connections}: p50 ${docket.p50.toFixed(1)} ms, p99 ${docket.p99.toFixed(1)} ms; ` +
                    `anchor p50 ${straight.p50.toFixed(1)} ms, p99 ${straight.p99.toFixed(1)} ms`,
                );
                for (const [who, load] of [
                  ['Docket', docket],
                  ['anchor', straight],
                ] as const) {
                  if (load.errors > 0) {
                    errors.push(
                      `${engine.name}, ${viewer.label}, page ${label} ×${connections}, ${who}: ${load.errors} ` +
                        `errors, e.g. ${load.errorSamples.join(' | ')}`,
                    );
                  }
                }
                rows.push({
                  engine: engine.name,
                  viewer: viewer.label,
                  page: label,
                  connections,
                  docket,
                  anchor: straight,
                });
              }
            }
          } finally {
            await anchor.close();
          }
        }
      } finally {
        await server.stop();
      }
    } finally {
      await engine.dispose().catch((error: unknown) => log(`cleanup: ${String(error)}`));
      await rm(folder, { recursive: true, force: true });
    }
  }
  notes.push(
    `load average at the end: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(', ')}`,
  );
  const header =
    `Dashboards (${PAGE} a page; deep pages by cursor), ${options.connections.join(', ')} connections, ` +
    `${options.durationMs / 1000} s measured after ${options.warmupMs / 1000} s of warm-up, ` +
    new Date().toISOString().slice(0, 10);
  return { report: dashboardReport(header, rows, notes, errors), failed: errors.length > 0 };
}

/** Whether a row is held to the goal: the goal is set on PostgreSQL. */
const heldToGoal = (row: DashboardRow) => row.engine.startsWith('PostgreSQL');

export function dashboardReport(
  title: string,
  rows: readonly DashboardRow[],
  notes: readonly string[],
  errors: readonly string[],
): string {
  const ms = (value: number) => (Number.isNaN(value) ? '—' : value.toFixed(1));
  const ratio = (docket: number, anchor: number) =>
    Number.isNaN(docket) || Number.isNaN(anchor) || anchor === 0 ? '—' : `×${(docket / anchor).toFixed(1)}`;
  const header = [
    'engine',
    'view',
    'page',
    'conns',
    'req/s',
    'p50 ms',
    'p99 ms',
    'anchor p50',
    'anchor p99',
    'p50 ratio',
    'p99 ratio',
    `p99 ≤ ${GOAL_P99_MS} ms`,
  ];
  const cells = rows.map((row) => [
    row.engine,
    row.viewer,
    row.page,
    String(row.connections),
    formatCount(Math.round(row.docket.perSecond)),
    ms(row.docket.p50),
    ms(row.docket.p99),
    ms(row.anchor.p50),
    ms(row.anchor.p99),
    ratio(row.docket.p50, row.anchor.p50),
    ratio(row.docket.p99, row.anchor.p99),
    heldToGoal(row) ? (row.docket.p99 <= GOAL_P99_MS ? 'met' : 'MISSED') : '—',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  const line = (c: string[]) =>
    c
      .map((cell, i) => (i >= 3 && i <= 10 ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
      .join(' | ')
      .trimEnd();
  const held = rows.filter(heldToGoal);
  const missed = held.filter((row) => !(row.docket.p99 <= GOAL_P99_MS));
  const goal =
    held.length === 0
      ? `Goal: p99 ≤ ${GOAL_P99_MS} ms on PostgreSQL — not measured (no PostgreSQL rows).`
      : `Goal: p99 ≤ ${GOAL_P99_MS} ms on PostgreSQL — ${
          missed.length === 0
            ? `met on all ${held.length} rows`
            : `MISSED on ${missed.length} of ${held.length} rows`
        }.`;
  return [
    ...(errors.length > 0 ? ['ERRORS:', ...errors.map((e) => `- ${e}`), ''] : []),
    title,
    '',
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...cells.map(line),
    '',
    goal,
    "Anchor: the same query straight on the engine in this run, with the same load (PostgreSQL: the store's SQL " +
      'through pg; DynamoDB: one Query per state partition of the same index, merged); ratio = Docket / anchor.',
    ...notes.map((note) => `- ${note}`),
    ...(errors.length > 0 ? ['', 'ERRORS:', ...errors.map((e) => `- ${e}`)] : []),
    '',
  ].join('\n');
}
