import { inject } from 'vitest';
import type { Datastore } from '../../src/datastore';
import { createDynamoDatastore } from '../../src/dynamodb';
import { createPostgresDatastore } from '../../src/postgres';
import { DYNAMODB_LOCAL_CREDENTIALS, DYNAMODB_LOCAL_REGION, dropDynamoDbTable } from './dynamodb-local';
import { createTestDatabase } from './postgres-server';

/**
 * Behaviours the suite checks that an adapter may declare it lacks. Everything the port's JSDoc promises (and so
 * everything the filing lifecycle needs) is required of every adapter and can never appear here.
 */
export const OPTIONAL_CAPABILITIES = [
  /** Refuses a write whose record id is not a UUID, with `ValidationError` code `INVALID_ID`. */
  'uuid-ids-enforced',
] as const;
export type OptionalCapability = (typeof OPTIONAL_CAPABILITIES)[number];

/** One datastore adapter the conformance suite runs over. */
export interface DatastoreAdapter {
  /** Short name, shown in test titles: `pglite`, `postgres`, `dynamodb`. */
  readonly name: string;
  /** What it is, for people: shown when it is skipped. */
  readonly label: string;
  /** Why the adapter cannot run on this machine (e.g. a missing environment variable), or null when it can. */
  unavailableReason(): string | null;
  /** Optional capabilities this adapter does not offer; the tests that need them say so instead of running. */
  readonly unsupported: readonly OptionalCapability[];
  /**
   * A fresh, migrated, empty datastore. Its `close()` also disposes of whatever was created for it (a server
   * database is dropped).
   */
  create(): Promise<Datastore>;
}

/**
 * A datastore that is `datastore` but for the members in `changes`: for tests that count or hold the calls of one
 * store, or clean up after a datastore when it closes.
 */
export function datastoreLike(datastore: Datastore, changes: Partial<Datastore>): Datastore {
  return {
    kind: datastore.kind,
    states: datastore.states,
    users: datastore.users,
    sessions: datastore.sessions,
    loginAttempts: datastore.loginAttempts,
    contracts: datastore.contracts,
    rates: datastore.rates,
    events: datastore.events,
    settings: datastore.settings,
    transfer: datastore.transfer,
    migrate: () => datastore.migrate(),
    ping: () => datastore.ping(),
    close: () => datastore.close(),
    ...changes,
  };
}

/** Replaces a datastore's `close()` with one that also cleans up after it. */
function closingWith(datastore: Datastore, cleanup: () => Promise<void>): Datastore {
  return datastoreLike(datastore, {
    close: async () => {
      try {
        await datastore.close();
      } finally {
        await cleanup();
      }
    },
  });
}

const POSTGRES_URL_VARIABLE = 'DOCKET_TEST_POSTGRES_URL';

/** Where the run's DynamoDB Local answers, or why there is none. */
export type DynamoDbLocalOfRun =
  { endpoint: string; unavailable: null } | { endpoint: null; unavailable: string };

declare module 'vitest' {
  export interface ProvidedContext {
    /** Provided by `dynamodb-local-setup.ts`, the vitest global setup that starts DynamoDB Local. */
    dynamodbLocal: DynamoDbLocalOfRun;
  }
}

/** The DynamoDB Local the test run started (see `dynamodb-local-setup.ts`), or why there is none. */
export function dynamoDbLocalOfRun(): DynamoDbLocalOfRun {
  return (
    inject('dynamodbLocal') ?? {
      endpoint: null,
      unavailable: "no DynamoDB Local was started: run the tests with the repository's vitest.config.ts",
    }
  );
}

/** How a client reaches the run's DynamoDB Local. */
export interface DynamoDbLocalOptions {
  region: string;
  endpoint: string;
  credentials: typeof DYNAMODB_LOCAL_CREDENTIALS;
}

/**
 * What a suite of DynamoDB Local alone needs of the run: whether to skip it (when no DynamoDB Local was started,
 * with a loud warning; never under `DOCKET_TEST_REQUIRE_ALL=1`, where the suite then fails), and the options of a
 * client of it, which throw when there is none.
 */
export function dynamoDbLocalSuite(title: string): { skip: boolean; options: () => DynamoDbLocalOptions } {
  const local = dynamoDbLocalOfRun();
  const skip = local.endpoint === null && process.env.DOCKET_TEST_REQUIRE_ALL !== '1';
  if (skip) console.warn(`SKIPPED: ${title} — ${local.unavailable}`);
  return {
    skip,
    options: () => {
      if (local.endpoint === null) throw new Error(`DynamoDB Local is not available: ${local.unavailable}`);
      return {
        region: DYNAMODB_LOCAL_REGION,
        endpoint: local.endpoint,
        credentials: DYNAMODB_LOCAL_CREDENTIALS,
      };
    },
  };
}

/** A table name of its own for each datastore a test makes. */
function testTableName(): string {
  return `docket-test-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

/** Every adapter, in the order they run. A new adapter is one more entry here; the tests do not change. */
export const ADAPTERS: readonly DatastoreAdapter[] = [
  {
    name: 'pglite',
    label: 'PGlite (embedded PostgreSQL)',
    unavailableReason: () => null,
    unsupported: [],
    async create() {
      const datastore = await createPostgresDatastore({ driver: 'pglite', dataDir: null });
      await datastore.migrate();
      return datastore;
    },
  },
  {
    name: 'postgres',
    label: 'PostgreSQL server',
    unavailableReason: () =>
      process.env[POSTGRES_URL_VARIABLE]
        ? null
        : `set ${POSTGRES_URL_VARIABLE} (e.g. postgres://postgres@127.0.0.1:5432/postgres)`,
    unsupported: [],
    async create() {
      const adminUrl = process.env[POSTGRES_URL_VARIABLE];
      if (!adminUrl) throw new Error(`${POSTGRES_URL_VARIABLE} is not set`);
      const database = await createTestDatabase(adminUrl);
      try {
        const datastore = await createPostgresDatastore({ driver: 'pg', url: database.url });
        await datastore.migrate();
        return closingWith(datastore, database.drop);
      } catch (error) {
        await database.drop();
        throw error;
      }
    },
  },
  {
    name: 'dynamodb',
    label: 'DynamoDB Local (Java)',
    unavailableReason: () => dynamoDbLocalOfRun().unavailable,
    unsupported: [],
    async create() {
      const { endpoint } = dynamoDbLocalOfRun();
      if (endpoint === null) throw new Error('DynamoDB Local is not running');
      const table = testTableName();
      const datastore = createDynamoDatastore({
        table,
        region: DYNAMODB_LOCAL_REGION,
        endpoint,
        credentials: DYNAMODB_LOCAL_CREDENTIALS,
      });
      const drop = () => dropDynamoDbTable(endpoint, table);
      try {
        await datastore.migrate();
        return closingWith(datastore, drop);
      } catch (error) {
        await datastore.close();
        await drop();
        throw error;
      }
    },
  },
];
