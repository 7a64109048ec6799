import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { BlobStore } from '@docket/blobs';
import { createFileBlobStore } from '@docket/blobs/file';
import { TRANSFER_KINDS, type Datastore } from '@docket/store';
import {
  backupDatastore,
  BackupKey,
  copyDatastore,
  formatCount,
  restoreArchive,
  verifyArchive,
  type ProgressSink,
  type VerificationReport,
} from '../packages/server/src/transfer';
import { generateFilings } from '../packages/server/src/generate/generate-filings';
import { ENGINE_NAMES, runApiBench } from './api';
import { runDashboardBench } from './dashboard';
import { apiReport } from './api-table';
import { runSealingBench } from './backup-sealing';
import { runDocumentsBench } from './documents';
import { startDynamoDb, startPglite, startPostgres, type Engine } from './engines';
import { cpuSpent, postgresBackends, processCpu, type CpuSnapshot } from './process-cpu';

/**
 * `npm run bench [-- --contracts N] [-- --batch-size N] [-- --size-mb N] [-- --only transfer|backup|documents|api|dashboard]`:
 *
 * 1. Transfer: generates N contracts (with their revisions, review actions, rates, events, users and sessions) in
 *    PGlite, copies them PGlite → DynamoDB Local → PostgreSQL server → a second database of that server (each
 *    hop's rate printed beside its goal), backs the last one up and restores the
 *    archive into a fresh PGlite. Reports entities per second for every leg, and each as a ratio to an anchor
 *    measured in the same run on the same records — serialising them to NDJSON in memory — so that figures from
 *    different machines can be compared. `--only backup` runs the backup and restore alone, on PGlite, with the
 *    filings' documents in a blob folder, so that the archive carries them too, then seals and opens one document
 *    of `--size-mb` as a backup does (bench/backup-sealing.ts), against a plain copy, with the memory it takes.
 * 2. Documents (bench/documents.ts): a PDF of `--size-mb` (default 1000) uploaded to and downloaded from a real
 *    server, with the server's memory growth and the throughput as ratios to a plain file copy.
 * 3. API (bench/api.ts, `--only api` only): Docket and a minimal reference API driven side by side with the same
 *    load, engine by engine, as ratios and per-request costs.
 * 4. Dashboard (bench/dashboard.ts, `--only dashboard` only): dashboard pages over generated filings on the
 *    PostgreSQL server and DynamoDB Local, beside the same query straight on the engine.
 *
 * Timings are printed, never asserted. An entity is one stored thing: a record of any kind, and each revision and
 * review action of a contract and each revision of a rate.
 */

const USAGE = `Usage: npm run bench [-- options]

  --contracts N    contracts to generate for the transfer legs (default 2000)
  --batch-size N   records per read and write (default 500)
  --size-mb N      size of the document sent through the server, or sealed by the backup leg, in MB
                   (default 1000)
  --only LEGS      transfer: copy PGlite → DynamoDB Local → PostgreSQL → PostgreSQL (a second database),
                   each hop's entities/s beside its goal, then backup and restore;
                   backup: backup and restore of PGlite alone, with the filings' documents, no other engine,
                   then one document of --size-mb sealed and opened as a backup does;
                   documents: one document up and down through a real server;
                   api: Docket and a minimal node:http + pg reference API under the same load (below);
                   dashboard: dashboard pages over generated filings, beside the engine straight (below).
                   Without --only, transfer then documents.
  --help           this text

The API leg (--only api): for each engine, generates --filings filings through the datastore port (and as
many rows in the reference's table on the PostgreSQL server), starts Docket (DOCKET_SERVER_TIMING=1) and the
reference as child processes, logs each connection in as one of 8 state users, then drives both with the same
load: read by id, list 25 of the state walking the cursor, draft save with its version, create (DynamoDB: read
and list only). Prints req/s, the ratio Docket / reference with the issue's goals, p50/p99, server and database
CPU per request, SQL statements per request and the servers' peak RSS. Exits with status 1 if any request failed.

  --engines LIST       postgres,pglite,dynamodb (default all three, postgres,dynamodb for the dashboard leg;
                       a missing engine is skipped and said so)
  --filings N          filings to generate for each engine and in the reference table (default 100000)
  --dynamodb-filings N filings to generate in DynamoDB Local, whose writes are slow (default 20000, at most
                       --filings)
  --connections LIST   kept-alive connections per leg (default 16,64)
  --duration S         measured seconds per leg (default 10), after --warmup S (default 2)
  --prime S            unmeasured load on each side, over the operations, before the first leg (default 20):
                       a server just started and a database just written have cold caches

The dashboard leg (--only dashboard): for each engine (--engines postgres,dynamodb, the default here), generates
--filings filings in a fresh database of the PostgreSQL server (dropped at the end) and --dynamodb-filings in
DynamoDB Local (default 20000: DynamoDB Local generates tens of filings a second, 100,000 take over 20 minutes;
the rate is printed), starts
Docket, and drives two dashboards with the load above: a CMS reviewer's (three states, SUBMITTED and RESUBMITTED,
newest update first) and a state user's (its state, drafts included), their first page and a deep page (pages
50–100, or the second half of a shorter list, by the cursors of one walk). Beside each, an anchor with the same
load: the same query straight on the engine (PostgreSQL: the store's SQL through pg; DynamoDB: the Queries of the
same index through the SDK). Prints req/s, p50 and p99, the ratios to the anchor and the goal (p99 ≤ 25 ms on
PostgreSQL); --connections defaults to 1,8 for it. Exits with status 1 if any request failed or the server and
the anchor disagreed on a page.
  --store URL          an existing PostgreSQL database (docket migrate, docket seed --generate N) instead of
                       generating one; PostgreSQL only
  PostgreSQL server: DOCKET_TEST_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/postgres).
`;

const { values: flags } = parseArgs({
  options: {
    contracts: { type: 'string', default: '2000' },
    'batch-size': { type: 'string', default: '500' },
    'size-mb': { type: 'string', default: '1000' },
    only: { type: 'string' },
    engines: { type: 'string' },
    filings: { type: 'string', default: '100000' },
    'dynamodb-filings': { type: 'string', default: '20000' },
    connections: { type: 'string' },
    store: { type: 'string' },
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '2' },
    prime: { type: 'string', default: '20' },
    help: { type: 'boolean', default: false },
  },
});
if (flags.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}

function wholeNumber(name: string, raw: string): number {
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < 1)
    throw new Error(`--${name} must be a whole number of at least 1, not ${raw}`);
  return n;
}

const CONTRACTS = wholeNumber('contracts', flags.contracts);
const BATCH = wholeNumber('batch-size', flags['batch-size']);
const SIZE_MB = wholeNumber('size-mb', flags['size-mb']);
/** A positive number of seconds, fractions allowed (for smoke runs). */
function seconds(name: string, raw: string): number {
  const n = Number(raw);
  if (!/^\d+(\.\d+)?$/.test(raw) || n <= 0)
    throw new Error(`--${name} must be a number of seconds above 0, not ${raw}`);
  return n;
}

const ONLY = flags.only;
if (ONLY !== undefined && !['transfer', 'backup', 'documents', 'api', 'dashboard'].includes(ONLY)) {
  throw new Error(`--only must be transfer, backup, documents, api or dashboard, not ${ONLY}`);
}
if (ONLY === 'dashboard' && flags.store !== undefined && !flags.store.startsWith('postgres')) {
  throw new Error(
    '--store must be a PostgreSQL URL (postgres://…), a database made by docket seed --generate N',
  );
}
const ENGINES = (flags.engines ?? (ONLY === 'dashboard' ? 'postgres,dynamodb' : ENGINE_NAMES.join(',')))
  .split(',')
  .map((name) => {
    const engine = ENGINE_NAMES.find((known) => known === name.trim());
    if (!engine) throw new Error(`--engines takes ${ENGINE_NAMES.join(', ')}, not ${name}`);
    return engine;
  });
const FILINGS = wholeNumber('filings', flags.filings);
const DYNAMODB_FILINGS = Math.min(FILINGS, wholeNumber('dynamodb-filings', flags['dynamodb-filings']));
const DASHBOARD_ENGINES = ENGINES.map((name) => {
  if (ONLY === 'dashboard' && name === 'pglite')
    throw new Error('--only dashboard runs on postgres and dynamodb, not pglite');
  return name === 'dynamodb' ? 'dynamodb' : 'postgres';
});
const CONNECTIONS = (flags.connections ?? (ONLY === 'dashboard' ? '1,8' : '16,64'))
  .split(',')
  .map((n) => wholeNumber('connections', n.trim()));
const DURATION_S = seconds('duration', flags.duration);
const WARMUP_S = seconds('warmup', flags.warmup);
const PRIME_S = seconds('prime', flags.prime);

const log: ProgressSink = (message) => process.stderr.write(`bench: ${message}\n`);
const quiet: ProgressSink = () => {};

interface Row {
  leg: string;
  entities: number;
  ms: number;
  note?: string;
}

/**
 * The throughput a copy hop must reach (issue 9), in entities per second: into DynamoDB, whose every item is a
 * request's worth of work, less than between PostgreSQL servers; the other hops have none.
 */
function copyGoal(from: Engine, to: Engine): number | null {
  if (to.name.startsWith('DynamoDB')) return 1_000;
  if (from.name.startsWith('PostgreSQL') && to.name.startsWith('PostgreSQL')) return 2_000;
  return null;
}

/** Records as a copy's progress counts them: a contract (with its revisions and review actions) is one. */
async function countRecords(datastore: Datastore): Promise<number> {
  let records = 0;
  for (const kind of TRANSFER_KINDS) records += await datastore.transfer.count(kind);
  return records;
}
const rows: Row[] = [];
const skipped: string[] = [];

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await work();
  return { result, ms: performance.now() - started };
}

/** Entities in a datastore: records of every kind, plus each contract's revisions and review actions. */
async function countEntities(datastore: Datastore): Promise<number> {
  let entities = 0;
  for (const kind of TRANSFER_KINDS) entities += await datastore.transfer.count(kind);
  for await (const batch of datastore.transfer.read('contracts', { batchSize: BATCH })) {
    for (const contract of batch.records)
      entities += contract.revisions.length + contract.reviewActions.length;
  }
  for await (const batch of datastore.transfer.read('rates', { batchSize: BATCH })) {
    for (const rate of batch.records) entities += rate.revisions.length;
  }
  return entities;
}

/** The anchor: the same records, read once into memory, serialised as NDJSON with JSON.stringify. */
async function anchor(datastore: Datastore, entities: number): Promise<Row> {
  const records: unknown[] = [];
  for (const kind of TRANSFER_KINDS) {
    for await (const batch of datastore.transfer.read(kind, { batchSize: BATCH }))
      records.push(...batch.records);
  }
  let rounds = 0;
  let bytes = 0;
  const started = performance.now();
  // Enough rounds for a stable figure, at least a quarter of a second.
  while (rounds < 3 || performance.now() - started < 250) {
    bytes = records.map((r) => JSON.stringify(r)).join('\n').length;
    rounds += 1;
  }
  const ms = (performance.now() - started) / rounds;
  return {
    leg: 'anchor: NDJSON in memory (JSON.stringify)',
    entities,
    ms,
    note: `${(bytes / 1e6).toFixed(1)} MB`,
  };
}

/**
 * Runs a copy or restore, timing the transfer and its verification apart (verification starts at its first
 * message, when `onVerifying` is called too).
 */
async function transferAndVerify(
  work: (progress: ProgressSink) => Promise<VerificationReport>,
  onVerifying: () => void = () => {},
): Promise<{ transferMs: number; verifyMs: number }> {
  const started = performance.now();
  let verifying: number | null = null;
  const report = await work((message) => {
    if (verifying === null && message.startsWith('Verifying')) {
      verifying = performance.now();
      onVerifying();
    }
  });
  const ended = performance.now();
  if (!report.ok)
    throw new Error(`Verification failed: ${report.kinds.filter((k) => !k.same).map((k) => k.kind)}`);
  const split = verifying ?? ended;
  return { transferMs: split - started, verifyMs: ended - split };
}

/** A copy hop's rate beside its goal, in entities and in records as the copy's progress counts them. */
interface GoalLine {
  hop: string;
  goal: number | null;
  entitiesPerSecond: number;
  recordsPerSecond: number;
  withVerification: number;
  /** CPU ms per 1,000 entities of the copy without its verification: this process, and the databases' own. */
  docketCpu: number;
  databaseCpu: number | null;
}
const goals: GoalLine[] = [];

/** CPU so far of the processes an engine runs in apart from this one; null for an embedded engine. */
function databaseCpu(engine: Engine): CpuSnapshot | null {
  const { database } = engine;
  if (database.kind === 'process') return processCpu(database.pid);
  if (database.kind === 'postgres') return postgresBackends([database.database]);
  return null;
}

/** CPU ms spent by the processes of both engines since `before`, or null when neither runs apart. */
function databasesCpuSince(engines: Engine[], before: (CpuSnapshot | null)[]): number | null {
  let spent: number | null = null;
  engines.forEach((engine, index) => {
    const start = before[index];
    const now = databaseCpu(engine);
    if (start && now) spent = (spent ?? 0) + cpuSpent(start, now);
  });
  return spent;
}

async function copyLeg(
  from: Engine,
  to: Engine,
  size: { entities: number; records: number },
  folder: string,
): Promise<void> {
  const { entities, records } = size;
  log(`Copying ${from.name} → ${to.name}…`);
  const engines = [from, to];
  const databasesBefore = engines.map(databaseCpu);
  const docketBefore = process.cpuUsage();
  let cpu: { docket: number; databases: number | null } | null = null;
  const { transferMs, verifyMs } = await transferAndVerify(
    (progress) =>
      copyDatastore(from.datastore, to.datastore, {
        sourceName: from.name,
        targetName: to.name,
        batchSize: BATCH,
        force: false,
        checkpointFile: join(folder, `${from.name}-${to.name}.checkpoint.json`.replace(/\s+/g, '-')),
        progress: (message) => {
          // Each kind's last line, with its time and rate.
          if (message.startsWith('Copying') && / in [\d.]+ s /.test(message)) log(`  ${message}`);
          progress(message);
        },
      }),
    () => {
      const used = process.cpuUsage(docketBefore);
      cpu = {
        docket: (used.user + used.system) / 1000,
        databases: databasesCpuSince(engines, databasesBefore),
      };
    },
  );
  const spent = cpu as { docket: number; databases: number | null } | null;
  rows.push({ leg: `copy ${from.name} → ${to.name}`, entities, ms: transferMs });
  rows.push({ leg: `  verify both sides (counts, content hashes)`, entities: entities * 2, ms: verifyMs });
  goals.push({
    hop: `${from.name} → ${to.name}`,
    goal: copyGoal(from, to),
    entitiesPerSecond: (entities * 1000) / transferMs,
    recordsPerSecond: (records * 1000) / transferMs,
    withVerification: (entities * 1000) / (transferMs + verifyMs),
    docketCpu: ((spent?.docket ?? 0) * 1000) / entities,
    databaseCpu: spent?.databases == null ? null : (spent.databases * 1000) / entities,
  });
}

/** Each copy hop's rate against its goal. */
function goalTable(): string {
  const cells = goals.map((g) => [
    g.hop,
    g.goal === null ? '—' : formatCount(g.goal),
    formatCount(Math.round(g.entitiesPerSecond)),
    formatCount(Math.round(g.recordsPerSecond)),
    formatCount(Math.round(g.withVerification)),
    formatCount(Math.round(g.docketCpu)),
    g.databaseCpu === null ? '—' : formatCount(Math.round(g.databaseCpu)),
    g.goal === null
      ? ''
      : g.entitiesPerSecond < g.goal
        ? 'NOT met'
        : g.recordsPerSecond < g.goal
          ? 'met in entities'
          : 'met',
  ]);
  const header = [
    'copy hop',
    'goal/s',
    'entities/s',
    'records/s',
    'with verify/s',
    'docket CPU ms/1k',
    'database CPU ms/1k',
    'goal',
  ];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  const line = (c: string[]) =>
    c
      .map((cell, i) => (i >= 1 && i <= 6 ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

function table(anchorRow: Row): string {
  const anchorRate = anchorRow.entities / anchorRow.ms;
  const cells = [anchorRow, ...rows].map((row) => {
    const rate = row.entities / row.ms;
    return [
      row.leg,
      formatCount(row.entities),
      (row.ms / 1000).toFixed(2),
      formatCount(Math.round(rate * 1000)),
      row === anchorRow ? '1' : (rate / anchorRate).toPrecision(3),
      row.note ?? '',
    ];
  });
  const header = ['leg', 'entities', 'seconds', 'entities/s', 'ratio to anchor', 'note'];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  const line = (c: string[]) =>
    c
      .map((cell, i) => (i >= 1 && i <= 4 ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

/** The transfer legs, printed as a table; with `backupOnly`, the backup and restore of PGlite with documents. */
async function transferBench(backupOnly: boolean): Promise<void> {
  const engines: Engine[] = [];
  const blobStores: BlobStore[] = [];
  const folder = await mkdtemp(join(tmpdir(), 'docket-bench-'));
  const blobFolder = async (name: string) => {
    const store = await createFileBlobStore({ dir: join(folder, name) });
    blobStores.push(store);
    return store;
  };
  try {
    const source = await startPglite();
    engines.push(source);
    const documents = backupOnly ? await blobFolder('documents') : undefined;
    log(`Generating ${formatCount(CONTRACTS)} contracts in PGlite…`);
    let reported = 0;
    const generation = await timed(() =>
      generateFilings(source.datastore, {
        filings: CONTRACTS,
        write: 'changes',
        documents: documents ?? 'none',
        onProgress: (filed) => {
          if (filed - reported >= Math.max(100, CONTRACTS / 10) || filed === CONTRACTS) {
            reported = filed;
            log(`  ${formatCount(filed)} of ${formatCount(CONTRACTS)} filed`);
          }
        },
      }),
    );
    const entities = await countEntities(source.datastore);
    const records = await countRecords(source.datastore);
    const anchorRow = await anchor(source.datastore, entities);
    rows.push({
      leg: 'generate in PGlite (through the port, one change at a time)',
      entities,
      ms: generation.ms,
    });

    let last = source;
    if (!backupOnly) last = await copyLegs(source, engines, { entities, records }, folder);

    const archive = join(folder, 'bench.tar');
    // A key of the run: the archive is encrypted as an operator's would be.
    const key = BackupKey.generate();
    log(`Backing up ${last.name}…`);
    const backup = await timed(() =>
      backupDatastore(last.datastore, archive, {
        key,
        batchSize: BATCH,
        ...(documents ? { blobs: documents } : {}),
        progress: quiet,
      }),
    );
    const size = (await stat(archive)).size;
    rows.push({
      leg: `backup ${last.name}${documents ? ' and its documents' : ''} → archive`,
      entities,
      ms: backup.ms,
      note: `${(size / 1e6).toFixed(1)} MB`,
    });

    // One PGlite at a time: the source is no longer needed.
    await source.dispose();
    engines.splice(engines.indexOf(source), 1);
    const restored = await startPglite('fresh PGlite');
    engines.push(restored);
    log('Checking the archive…');
    const check = await timed(() => verifyArchive(archive, { key, allowUnsigned: false, progress: quiet }));
    rows.push({ leg: '  check the archive whole (before any write)', entities, ms: check.ms });
    log('Restoring into a fresh PGlite…');
    const restoredDocuments = documents ? await blobFolder('restored-documents') : undefined;
    const { transferMs, verifyMs } = await transferAndVerify((progress) =>
      restoreArchive(check.result, restored.datastore, {
        batchSize: BATCH,
        force: false,
        ...(restoredDocuments ? { blobs: restoredDocuments } : {}),
        progress,
      }),
    );
    rows.push({ leg: 'restore archive → fresh PGlite', entities, ms: transferMs });
    rows.push({ leg: '  verify against the manifest', entities, ms: verifyMs });

    process.stdout.write(
      `\nDocket transfer benchmark: ${formatCount(CONTRACTS)} contracts, ${formatCount(entities)} entities, ` +
        `batches of ${BATCH}\n\n${table(anchorRow)}\n`,
    );
    for (const reason of skipped) process.stdout.write(`SKIPPED ${reason}\n`);
    process.stdout.write(
      "\nRatio to anchor: the leg's entities per second divided by the anchor's, measured in this run; compare " +
        'ratios, not raw rates, across machines.\n',
    );
    if (goals.length > 0) {
      process.stdout.write(
        `\n${goalTable()}\n\nCopy goals: entities (records, and each revision and review action) per second of ` +
          `the copy without its verification; records/s counts as the copy's progress does (a contract is one ` +
          `record); with verify/s includes the verification of both sides; CPU per 1,000 entities of the copy without its ` +
          `verification, of this process (with PGlite) and of the databases' processes (DynamoDB Local, the ` +
          `PostgreSQL backends), which a machine shared with other work slows less than the rates. ` +
          `${formatCount(records)} records.\n`,
      );
    }
  } finally {
    for (const store of blobStores) await store.close();
    for (const engine of engines.reverse())
      await engine.dispose().catch((error: unknown) => log(`cleanup: ${String(error)}`));
    await rm(folder, { recursive: true, force: true });
  }
}

/**
 * Copies PGlite → DynamoDB Local → PostgreSQL → a second PostgreSQL database on the same server, skipping an
 * engine that is missing. @returns the last engine.
 */
async function copyLegs(
  source: Engine,
  engines: Engine[],
  size: { entities: number; records: number },
  folder: string,
): Promise<Engine> {
  let last = source;
  const dynamo = await startDynamoDb();
  if (dynamo.engine) {
    engines.push(dynamo.engine);
    await copyLeg(last, dynamo.engine, size, folder);
    last = dynamo.engine;
  } else {
    skipped.push(`PGlite → DynamoDB Local: ${dynamo.skipped}`);
  }
  const postgres = await startPostgres({ databasePrefix: 'bench_copy_a' });
  if (postgres.engine) {
    engines.push(postgres.engine);
    await copyLeg(last, postgres.engine, size, folder);
    last = postgres.engine;
  } else {
    skipped.push(`${last.name} → PostgreSQL: ${postgres.skipped}`);
    return last;
  }
  // A copy between two databases of one server, as a move to another server would be, read from a database
  // that has settled as a running one would have.
  await last.settle();
  const second = await startPostgres({ name: 'PostgreSQL (2)', databasePrefix: 'bench_copy_b' });
  if (second.engine) {
    engines.push(second.engine);
    await copyLeg(last, second.engine, size, folder);
    last = second.engine;
  } else {
    skipped.push(`PostgreSQL → PostgreSQL: ${second.skipped}`);
  }
  return last;
}

if (ONLY === 'api') {
  const result = await runApiBench({
    engines: ENGINES,
    filings: FILINGS,
    dynamodbFilings: DYNAMODB_FILINGS,
    connections: CONNECTIONS,
    durationMs: DURATION_S * 1000,
    warmupMs: WARMUP_S * 1000,
    primeMs: PRIME_S * 1000,
    log,
  });
  process.stdout.write(
    `\n${apiReport(
      result,
      `Docket API benchmark: ${formatCount(FILINGS)} filings${
        ENGINES.includes('dynamodb') && DYNAMODB_FILINGS < FILINGS
          ? ` (${formatCount(DYNAMODB_FILINGS)} in DynamoDB Local)`
          : ''
      }, ${CONNECTIONS.join(' and ')} connections, ` +
        `${DURATION_S} s measured after ${WARMUP_S} s of warm-up, ${new Date().toISOString().slice(0, 10)}`,
    )}\n`,
  );
  if (result.errors.length > 0) process.exitCode = 1;
}
if (ONLY === 'dashboard') {
  const { report, failed } = await runDashboardBench({
    engines: DASHBOARD_ENGINES,
    store: flags.store ?? null,
    filings: FILINGS,
    dynamodbFilings: DYNAMODB_FILINGS,
    connections: CONNECTIONS,
    durationMs: DURATION_S * 1000,
    warmupMs: WARMUP_S * 1000,
    log,
  });
  process.stdout.write(`\n${report}`);
  if (failed) process.exitCode = 1;
}
if (ONLY === undefined || ONLY === 'transfer' || ONLY === 'backup') await transferBench(ONLY === 'backup');
if (ONLY === 'backup') {
  log(`Backup encryption: ${SIZE_MB} MB sealed and opened…`);
  process.stdout.write(`\n${await runSealingBench({ sizeMb: SIZE_MB, log })}`);
}
if (ONLY === undefined || ONLY === 'documents') {
  log(`Documents: ${SIZE_MB} MB through a real server…`);
  process.stdout.write(`\n${await runDocumentsBench({ sizeMb: SIZE_MB, log })}`);
}
