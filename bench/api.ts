import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { STATES } from '@docket/domain';
import { generateFilings } from '../packages/server/src/generate/generate-filings';
import { formatCount } from '../packages/server/src/transfer';
import { createUser } from '../packages/server/src/use-cases/create-user';
import { OPS, prepareDocket, prepareReference, type BenchUser, type Op, type Target } from './api-targets';
import { listening, RssSampler, startBenchServer, type BenchServer } from './docket-server';
import {
  databaseOf,
  postgresDatabase,
  startDynamoDb,
  startPglite,
  startPostgres,
  type Engine,
} from './engines';
import { runLoad, type LoadResult } from './load';
import { cpuSpent, postgresBackends, processCpu, type CpuSnapshot } from './process-cpu';
import { fillReference } from './reference-data';

/**
 * The API leg of `npm run bench` (`--only api`): Docket against a minimal reference API (bench/reference-server.ts)
 * on the same machine, under the same load (bench/api-targets.ts, bench/load.ts), engine by engine. For each
 * engine a data set is generated through the datastore port (`docket seed --generate`'s generator, in bulk) and
 * the reference table is filled with as many filings; then, for each number of connections and each operation,
 * the reference and Docket are driven one after the other, and the table gives both sides' requests per second,
 * their ratio, latencies, CPU per request of the server and of the database, SQL statements per request and the
 * server's peak memory. The reference always runs on the PostgreSQL server: on PGlite and DynamoDB, Docket is
 * compared with what the same API costs on the server. On DynamoDB only reads and lists run.
 */

export type EngineName = 'postgres' | 'pglite' | 'dynamodb';
export const ENGINE_NAMES: readonly EngineName[] = ['postgres', 'pglite', 'dynamodb'];

export interface ApiBenchOptions {
  engines: readonly EngineName[];
  /** Filings generated for each engine, and in the reference table. */
  filings: number;
  /** Filings generated for DynamoDB Local, whose writes are much slower (default: `filings`). */
  dynamodbFilings?: number;
  connections: readonly number[];
  durationMs: number;
  warmupMs: number;
  /**
   * Unmeasured load on each side before the first leg, split over the operations: a server just started and a
   * database just written have cold caches and unoptimised code, which a long-running deployment does not.
   */
  primeMs: number;
  /** Bench users, one per state, that Docket's connections log in as in turn (default 8). */
  users?: number;
  log: (message: string) => void;
}

/** One side of one leg. */
export interface Side {
  load: LoadResult;
  /** CPU ms per request: the server's own, and the database's (null when not measured). */
  serverCpu: number | null;
  databaseCpu: number | null;
  rssPeak: number | null;
}

export interface ApiRow {
  engine: string;
  op: Op;
  connections: number;
  docket: Side;
  reference: Side | null;
}

export interface ApiBenchResult {
  rows: ApiRow[];
  /** Set-up facts worth printing: generation rates, skipped engines, what the CPU figures cover. */
  notes: string[];
  /** Every error or unexpected answer, of both sides, with samples. */
  errors: string[];
}

const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const REFERENCE_MAIN = fileURLToPath(new URL('./reference-server.ts', import.meta.url));

async function startReference(databaseUrl: string): Promise<BenchServer> {
  const child: ChildProcess = spawn(process.execPath, ['--import', TSX, REFERENCE_MAIN], {
    env: { PATH: process.env.PATH ?? '', REFERENCE_DATABASE_URL: databaseUrl, PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return listening(child, /Reference listening at (http:\/\/\S+)/, 'the reference');
}

/** How a side's database CPU is read: PostgreSQL backends of a database, a process, or not apart from the server. */
type DatabaseCpu = (() => CpuSnapshot) | null;

function databaseCpuOf(engine: Engine): DatabaseCpu {
  const database = engine.database;
  switch (database.kind) {
    case 'postgres':
      return () => postgresBackends([database.database]);
    case 'process':
      return () => processCpu(database.pid);
    case 'embedded':
      return null;
  }
}

async function measure(
  target: Target,
  op: Op,
  connections: number,
  server: { url: string; pid: number },
  database: DatabaseCpu,
  options: ApiBenchOptions,
): Promise<Side> {
  let serverBefore: CpuSnapshot = new Map();
  let serverAfter: CpuSnapshot = new Map();
  let databaseBefore: CpuSnapshot = new Map();
  let databaseAfter: CpuSnapshot = new Map();
  const rss = new RssSampler(server.pid, 100);
  const load = await runLoad({
    url: server.url,
    connections,
    warmupMs: options.warmupMs,
    durationMs: options.durationMs,
    worker: (index) => target.worker(op, index),
    onWindow: {
      open() {
        serverBefore = processCpu(server.pid);
        databaseBefore = database?.() ?? new Map();
      },
      close() {
        serverAfter = processCpu(server.pid);
        databaseAfter = database?.() ?? new Map();
      },
    },
  });
  const peak = rss.stop().peak;
  const perRequest = (ms: number) => (load.requests === 0 ? null : ms / load.requests);
  return {
    load,
    serverCpu: serverAfter.size === 0 ? null : perRequest(cpuSpent(serverBefore, serverAfter)),
    databaseCpu: database === null ? null : perRequest(cpuSpent(databaseBefore, databaseAfter)),
    rssPeak: peak === 0 ? null : peak,
  };
}

async function startEngine(name: EngineName): Promise<{ engine: Engine | null; skipped: string | null }> {
  switch (name) {
    case 'pglite':
      return { engine: await startPglite(), skipped: null };
    case 'postgres':
      return startPostgres();
    case 'dynamodb':
      return startDynamoDb();
  }
}

/** Makes `count` state users, one in each of the first states, with a password to log in with. */
async function benchUsers(engine: Engine, count: number): Promise<BenchUser[]> {
  const password = `bench-${randomBytes(12).toString('hex')}`;
  const users: BenchUser[] = [];
  for (const state of STATES.slice(0, count)) {
    const email = `bench.${state.code.toLowerCase()}.${randomBytes(4).toString('hex')}@bench.example.gov`;
    await createUser(
      { users: engine.datastore.users },
      {
        email,
        givenName: 'Bench',
        familyName: state.code,
        role: 'STATE_USER',
        stateCode: state.code,
        division: null,
        assignedStates: [],
      },
      password,
      null,
    );
    users.push({ email, password, stateCode: state.code });
  }
  return users;
}

function describe(load: LoadResult): string {
  return `${formatCount(Math.round(load.perSecond))} req/s, p50 ${load.p50.toFixed(1)} ms, p99 ${load.p99.toFixed(1)} ms`;
}

export async function runApiBench(options: ApiBenchOptions): Promise<ApiBenchResult> {
  const { log } = options;
  const rows: ApiRow[] = [];
  const notes: string[] = [
    `load average at the start: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(', ')}`,
  ];
  const errors: string[] = [];
  const slots = Math.max(...options.connections);
  const userCount = Math.min(
    options.users ?? 8,
    STATES.length,
    options.filings,
    options.dynamodbFilings ?? options.filings,
  );
  const states = STATES.slice(0, userCount).map((s) => s.code);
  const folder = await mkdtemp(join(tmpdir(), 'docket-bench-api-'));
  const cleanups: (() => Promise<void>)[] = [];

  try {
    // The reference: its own database on the PostgreSQL server, filled once, served by one child process.
    let reference: { server: BenchServer; database: string } | null = null;
    const found = await postgresDatabase();
    if (found.database === null) {
      notes.push(`no reference: ${found.skipped}`);
    } else {
      const { database } = found;
      cleanups.push(() => database.drop());
      log(`Filling the reference table with ${formatCount(options.filings)} filings…`);
      const filled = await fillReference(database.url, options.filings, log);
      notes.push(`reference table filled at ${formatCount(Math.round(filled.rowsPerSecond))} rows/s`);
      const server = await startReference(database.url);
      cleanups.push(() => server.stop());
      reference = { server, database: databaseOf(database.url) };
    }

    for (const name of options.engines) {
      const started = await startEngine(name);
      if (!started.engine) {
        notes.push(`${name} skipped: ${started.skipped}`);
        continue;
      }
      const engine = started.engine;
      const filings = name === 'dynamodb' ? (options.dynamodbFilings ?? options.filings) : options.filings;
      try {
        log(`${engine.name}: generating ${formatCount(filings)} filings…`);
        const began = performance.now();
        let reported = began;
        const generated = await generateFilings(engine.datastore, {
          filings,
          onProgress: (filed) => {
            if (performance.now() - reported < 5000) return;
            reported = performance.now();
            log(`  ${formatCount(filed)} of ${formatCount(filings)}`);
          },
        });
        const seconds = (performance.now() - began) / 1000;
        notes.push(
          `${engine.name}: generated ${formatCount(generated.filings)} filings (${formatCount(generated.revisions)} ` +
            `revisions, ${formatCount(generated.rates)} rates and rate revisions, ${formatCount(generated.events)} ` +
            `events) in ${seconds.toFixed(0)} s: ${formatCount(Math.round(generated.filings / seconds))} filings/s`,
        );
        const users = await benchUsers(engine, userCount);
        await engine.release();
        await engine.settle();

        const serverFolder = await mkdtemp(join(folder, 'server-'));
        const docket = await startBenchServer({
          cwd: serverFolder,
          command: 'serve',
          log,
          env: {
            DOCKET_STORE: engine.locator,
            DOCKET_BLOBS: `file:${join(serverFolder, 'blobs')}`,
            DOCKET_SECRET: randomBytes(32).toString('hex'),
            DOCKET_SERVER_TIMING: '1',
          },
        });
        try {
          const writes = name !== 'dynamodb';
          const ops = writes ? OPS : OPS.filter((op) => op === 'read' || op === 'list');
          log(`${engine.name}: logging in ${slots} sessions${writes ? ', making drafts' : ''}…`);
          const docketTarget = await prepareDocket(docket.url, users, slots, writes);
          const referenceTarget = reference
            ? await prepareReference(reference.server.url, states, slots, writes)
            : null;
          const docketDatabase = databaseCpuOf(engine);
          log(`${engine.name}: priming both sides for ${options.primeMs / 1000} s…`);
          for (const op of ops) {
            for (const [who, target, url] of [
              ['Docket', docketTarget, docket.url],
              ['reference', referenceTarget, reference?.server.url],
            ] as const) {
              if (!target || !url) continue;
              const primed = await runLoad({
                url,
                connections: Math.min(...options.connections),
                warmupMs: 0,
                durationMs: options.primeMs / ops.length,
                worker: (index) => target.worker(op, index),
              });
              if (primed.errors > 0) {
                errors.push(
                  `${engine.name} ${op} priming, ${who}: ${primed.errors} errors, e.g. ${primed.errorSamples.join(' | ')}`,
                );
              }
            }
          }
          for (const connections of options.connections) {
            for (const op of ops) {
              let referenceSide: Side | null = null;
              if (reference && referenceTarget) {
                const referenceDatabase = reference.database;
                referenceSide = await measure(
                  referenceTarget,
                  op,
                  connections,
                  reference.server,
                  () => postgresBackends([referenceDatabase]),
                  options,
                );
                log(`  reference ${op} ×${connections}: ${describe(referenceSide.load)}`);
              }
              const docketSide = await measure(
                docketTarget,
                op,
                connections,
                docket,
                docketDatabase,
                options,
              );
              log(`  ${engine.name} ${op} ×${connections}: ${describe(docketSide.load)}`);
              for (const [who, side] of [
                ['Docket', docketSide],
                ['reference', referenceSide],
              ] as const) {
                if (side && side.load.errors > 0) {
                  errors.push(
                    `${engine.name} ${op} ×${connections}, ${who}: ${side.load.errors} errors ` +
                      `(${side.load.non2xx} answers outside 2xx), e.g. ${side.load.errorSamples.join(' | ')}`,
                  );
                }
              }
              rows.push({
                engine: engine.name,
                op,
                connections,
                docket: docketSide,
                reference: referenceSide,
              });
            }
          }
        } finally {
          await docket.stop();
        }
        if (engine.database.kind === 'embedded') {
          notes.push(
            `${engine.name}: the database runs inside the server process, so its CPU is the server's`,
          );
        }
      } finally {
        await engine.dispose().catch((error: unknown) => log(`cleanup: ${String(error)}`));
      }
    }
  } finally {
    for (const cleanup of cleanups.reverse())
      await cleanup().catch((error: unknown) => log(`cleanup: ${String(error)}`));
    await rm(folder, { recursive: true, force: true });
  }
  notes.push(
    `load average at the end: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(', ')}`,
  );
  return { rows, notes, errors };
}
