import type { Datastore } from '../../src/datastore';
import { createPostgresDatastore } from '../../src/postgres';
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

/** Replaces a datastore's `close()` with one that also cleans up after it. */
function closingWith(datastore: Datastore, cleanup: () => Promise<void>): Datastore {
  return {
    kind: datastore.kind,
    states: datastore.states,
    users: datastore.users,
    sessions: datastore.sessions,
    contracts: datastore.contracts,
    events: datastore.events,
    migrate: () => datastore.migrate(),
    ping: () => datastore.ping(),
    close: async () => {
      try {
        await datastore.close();
      } finally {
        await cleanup();
      }
    },
  };
}

const POSTGRES_URL_VARIABLE = 'DOCKET_TEST_POSTGRES_URL';

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
];
