// PGlite's published types use the WebAssembly (DOM lib) and Emscripten globals without declaring them. These
// references let every program that imports this adapter type-check its dependencies in full (no skipLibCheck).
/// <reference lib="dom" />
/// <reference types="emscripten" />
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import type { Datastore, DatastoreKind } from '../datastore';
import type { Database } from './database';
import { PostgresContractStore } from './postgres-contract-store';
import { fillSummaries } from './postgres-contract-summaries';
import { fillRateSummaries } from './postgres-rate-summaries';
import { PostgresDataTransfer } from './postgres-data-transfer';
import { PostgresEventLog } from './postgres-event-log';
import { PostgresLoginAttemptStore } from './postgres-login-attempt-store';
import { meteredPool, meterPglite } from './postgres-metering';
import { PostgresRateStore } from './postgres-rate-store';
import { PostgresSessionStore } from './postgres-session-store';
import { PostgresSettingsStore } from './postgres-settings-store';
import { PostgresStateStore } from './postgres-state-store';
import { PostgresUserStore } from './postgres-user-store';
import { preparePrivateFolder } from './private-folder';
import { PrivateNodeFS } from './private-node-fs';

export type PostgresDatastoreOptions =
  /**
   * Embedded PostgreSQL (WASM) in this process. `dataDir: null` keeps everything in memory. A data folder is made
   * (or, left open by an older release, tightened) 0700, with every file in it 0600, whatever the umask.
   */
  | { driver: 'pglite'; dataDir: string | null }
  /** A PostgreSQL server, e.g. `postgres://user:password@host:5432/docket`. */
  | { driver: 'pg'; url: string };

/** The one migrations folder, written by drizzle-kit and applied by both drivers. */
const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../drizzle', import.meta.url));

/** Any number of server copies may start at once; this lock lets exactly one of them migrate at a time. */
const MIGRATION_LOCK = 4_242_001;

/** The connection-specific half of a datastore: how to migrate it and how to let it go. */
interface Connection {
  kind: DatastoreKind;
  db: Database;
  migrate(): Promise<void>;
  close(): Promise<void>;
}

/** Drizzle's migrators answer instead of throwing only in `init` mode, which is not used here; never ignore it. */
function failOnInitResponse(result: void | { exitCode: string }): void {
  if (result) throw new Error(`The database migration did not run (${result.exitCode})`);
}

class PostgresDatastore implements Datastore {
  readonly kind: DatastoreKind;
  readonly states: PostgresStateStore;
  readonly users: PostgresUserStore;
  readonly sessions: PostgresSessionStore;
  readonly loginAttempts: PostgresLoginAttemptStore;
  readonly contracts: PostgresContractStore;
  readonly rates: PostgresRateStore;
  readonly events: PostgresEventLog;
  readonly settings: PostgresSettingsStore;
  readonly transfer: PostgresDataTransfer;

  constructor(private readonly connection: Connection) {
    const { db } = connection;
    this.kind = connection.kind;
    this.states = new PostgresStateStore(db);
    this.users = new PostgresUserStore(db);
    this.sessions = new PostgresSessionStore(db);
    this.loginAttempts = new PostgresLoginAttemptStore(db);
    this.contracts = new PostgresContractStore(db);
    this.rates = new PostgresRateStore(db);
    this.events = new PostgresEventLog(db);
    this.settings = new PostgresSettingsStore(db);
    this.transfer = new PostgresDataTransfer(db);
  }

  migrate(): Promise<void> {
    return this.connection.migrate();
  }

  async ping(): Promise<void> {
    await this.connection.db.execute(sql`select 1`);
  }

  close(): Promise<void> {
    return this.connection.close();
  }
}

/** Data directories open in this process: two PGlite instances on one directory would corrupt it. */
const openDataDirs = new Set<string>();

async function openPglite(dataDir: string | null): Promise<Connection> {
  const directory = dataDir === null ? null : resolve(dataDir);
  if (directory !== null) {
    if (openDataDirs.has(directory))
      throw new Error(`The PGlite data directory ${directory} is already open`);
    await preparePrivateFolder(directory);
  }
  // PGlite is a whole PostgreSQL in WASM and takes a lot of memory: open one per process and share it. Its files
  // hold every record, password hashes included: none of them is for anyone but the owner.
  const client = directory === null ? new PGlite() : new PGlite({ fs: new PrivateNodeFS(directory) });
  await client.waitReady;
  if (directory !== null) openDataDirs.add(directory);
  meterPglite(client);
  const db = drizzlePglite({ client });
  return {
    kind: 'pglite',
    db,
    migrate: async () => {
      failOnInitResponse(await migratePglite(db, { migrationsFolder: MIGRATIONS_FOLDER }));
      await fillSummaries(db);
      await fillRateSummaries(db);
    },
    close: async () => {
      await client.close();
      if (directory !== null) openDataDirs.delete(directory);
    },
  };
}

function openPg(url: string): Connection {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle client that loses its server emits 'error' on the pool, which would otherwise crash the process;
  // the pool drops that client and the next query reports the problem to its caller.
  pool.on('error', () => {});
  const db = drizzlePg({ client: meteredPool(pool) });
  return {
    kind: 'postgres',
    db,
    async migrate() {
      // A session-level advisory lock needs one connection for the lock, the migration and the unlock.
      const client = await pool.connect();
      try {
        await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
        try {
          const locked = drizzlePg({ client });
          failOnInitResponse(await migratePg(locked, { migrationsFolder: MIGRATIONS_FOLDER }));
          // Under the same lock: the copies that start meanwhile wait instead of filling the same rows.
          await fillSummaries(locked);
          await fillRateSummaries(locked);
        } finally {
          await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]);
        }
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

/**
 * Opens a PostgreSQL datastore on either driver. The schema is not touched until `migrate()` is called.
 * Call `close()` when done: it ends the pool or shuts the embedded database down.
 */
export async function createPostgresDatastore(options: PostgresDatastoreOptions): Promise<Datastore> {
  const connection = options.driver === 'pglite' ? await openPglite(options.dataDir) : openPg(options.url);
  return new PostgresDatastore(connection);
}
