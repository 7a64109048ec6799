import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Datastore } from '@docket/store';
import pg from 'pg';
import { createDynamoDatastore } from '@docket/store/dynamodb';
import { createPostgresDatastore } from '@docket/store/postgres';
import {
  createTestDatabase,
  DYNAMODB_LOCAL_CREDENTIALS,
  DYNAMODB_LOCAL_REGION,
  dropDynamoDbTable,
  dynamoDbLocalUnavailableReason,
  startDynamoDbLocal,
} from '@docket/store/testing';

/**
 * The engines the benchmark runs on, each started (or found) for the run and disposed of afterwards: PGlite in a
 * scratch folder, DynamoDB Local (needs Java 17), a throwaway database on a PostgreSQL server. An engine that is
 * missing is reported with the reason, and the legs that need it are skipped.
 */

export interface Engine {
  /** For people: "PGlite", "DynamoDB Local", "PostgreSQL". */
  name: string;
  datastore: Datastore;
  /** The datastore in the syntax of `DOCKET_STORE`, for a server started on it. */
  locator: string;
  /** Where the database does its work, to measure its CPU: a PostgreSQL database, a process, or the server's own. */
  database: DatabaseProcess;
  /**
   * Closes the datastore opened here and keeps its data, so that a server can open it (an embedded PGlite takes
   * one process at a time). Safe to call more than once; `dispose` calls it too.
   */
  release(): Promise<void>;
  /**
   * Brings a freshly written database to the state a running one is in: on a PostgreSQL server, VACUUM ANALYZE, as
   * autovacuum would in time. PGlite has no autovacuum and DynamoDB nothing of the kind: they are left as they are.
   */
  settle(): Promise<void>;
  dispose(): Promise<void>;
}

export type DatabaseProcess =
  { kind: 'postgres'; database: string } | { kind: 'process'; pid: number } | { kind: 'embedded' };

/** A `release` that closes the datastore once. */
function releaseOnce(datastore: Datastore): () => Promise<void> {
  let closed: Promise<void> | null = null;
  return () => (closed ??= datastore.close());
}

/**
 * A URL that reaches a server by its Unix socket with no host (`postgres://user@/db?host=/var/run/…`) given a
 * placeholder host, which the socket in `host=` overrides: `docket` describes its datastore from the host and
 * stops with "Invalid URL" on one without.
 */
function withSocketHost(url: string): string {
  return url.replace(/^(postgres(?:ql)?:\/\/(?:[^@/]*@)?)\//, '$1localhost/');
}

/** The database a PostgreSQL URL names (the last path segment). */
export function databaseOf(url: string): string {
  const name = /^postgres(?:ql)?:\/\/[^/?#]*\/([^?#]+)/.exec(url)?.[1];
  if (!name) throw new Error(`No database in ${url}`);
  return decodeURIComponent(name);
}

export type Started = { engine: Engine; skipped: null } | { engine: null; skipped: string };

const DEFAULT_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export async function startPglite(name = 'PGlite'): Promise<Engine> {
  const folder = await mkdtemp(join(tmpdir(), 'docket-bench-pglite-'));
  const datastore = await createPostgresDatastore({ driver: 'pglite', dataDir: folder });
  await datastore.migrate();
  const release = releaseOnce(datastore);
  return {
    name,
    datastore,
    locator: `pglite:${folder}`,
    database: { kind: 'embedded' },
    release,
    settle: async () => {},
    async dispose() {
      await release();
      await rm(folder, { recursive: true, force: true });
    },
  };
}

export async function startDynamoDb(): Promise<Started> {
  const unavailable = dynamoDbLocalUnavailableReason();
  if (unavailable !== null) return { engine: null, skipped: unavailable };
  const local = await startDynamoDbLocal();
  const table = `docket-bench-${Date.now().toString(36)}`;
  const datastore = createDynamoDatastore({
    table,
    region: DYNAMODB_LOCAL_REGION,
    endpoint: local.endpoint,
    credentials: DYNAMODB_LOCAL_CREDENTIALS,
  });
  try {
    await datastore.migrate();
  } catch (error) {
    await datastore.close();
    await local.stop();
    throw error;
  }
  const release = releaseOnce(datastore);
  return {
    skipped: null,
    engine: {
      name: 'DynamoDB Local',
      datastore,
      locator: `dynamodb://${table}?region=${DYNAMODB_LOCAL_REGION}&endpoint=${local.endpoint}`,
      database: { kind: 'process', pid: local.pid },
      release,
      settle: async () => {},
      async dispose() {
        await release();
        await dropDynamoDbTable(local.endpoint, table);
        await local.stop();
      },
    },
  };
}

/** A throwaway database on the PostgreSQL server, its name starting with `prefix`, or why there is none. */
export async function postgresDatabase(
  prefix?: string,
): Promise<
  { database: { url: string; drop(): Promise<void> }; skipped: null } | { database: null; skipped: string }
> {
  const adminUrl = process.env.DOCKET_TEST_POSTGRES_URL || DEFAULT_POSTGRES_URL;
  try {
    return { database: await createTestDatabase(adminUrl, prefix), skipped: null };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      database: null,
      skipped:
        `no PostgreSQL server answered at ${adminUrl.replace(/\/\/[^@/]*@/, '//')} (${reason}); ` +
        'set DOCKET_TEST_POSTGRES_URL',
    };
  }
}

export async function startPostgres(
  options: { name?: string; databasePrefix?: string } = {},
): Promise<Started> {
  const found = await postgresDatabase(options.databasePrefix);
  if (found.database === null) return { engine: null, skipped: found.skipped };
  const { database } = found;
  const datastore = await createPostgresDatastore({ driver: 'pg', url: database.url });
  try {
    await datastore.migrate();
  } catch (error) {
    await datastore.close();
    await database.drop();
    throw error;
  }
  const release = releaseOnce(datastore);
  return {
    skipped: null,
    engine: {
      name: options.name ?? 'PostgreSQL',
      datastore,
      locator: withSocketHost(database.url),
      database: { kind: 'postgres', database: databaseOf(database.url) },
      release,
      async settle() {
        const client = new pg.Client({ connectionString: database.url });
        await client.connect();
        try {
          await client.query('VACUUM ANALYZE');
        } finally {
          await client.end();
        }
      },
      async dispose() {
        await release();
        await database.drop();
      },
    },
  };
}
