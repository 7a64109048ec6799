import { createTestDatabase, dropDynamoDbTable, dynamoDbLocalOfRun } from '@docket/store/testing';
import { available } from './requirements';

/** A datastore made for one journey: its `DOCKET_STORE` value, and how to remove it once the journey is over. */
export interface JourneyDatastore {
  store: string;
  dispose(): Promise<void>;
}

/** A kind of datastore the journeys can run on. */
export interface JourneyStore {
  /** Short name, used in test titles and screenshot names: `pglite`, `postgres`, `dynamodb`. */
  name: string;
  label: string;
  /** Whether this machine has it (a skip is announced, or fails the run under DOCKET_TEST_REQUIRE_ALL=1). */
  runs: boolean;
  create(): Promise<JourneyDatastore>;
}

const POSTGRES_URL = process.env.DOCKET_TEST_POSTGRES_URL ?? '';
const dynamodb = dynamoDbLocalOfRun();

/** An in-process PGlite in memory: always there, gone when the server closes it. */
export const PGLITE: JourneyStore = {
  name: 'pglite',
  label: 'PGlite',
  runs: true,
  create: async () => ({ store: 'pglite:memory', dispose: async () => {} }),
};

/** A database of its own on the PostgreSQL server of `DOCKET_TEST_POSTGRES_URL`, dropped afterwards. */
export function postgresStore(journey: string): JourneyStore {
  return {
    name: 'postgres',
    label: 'PostgreSQL server',
    runs: available(
      `A PostgreSQL server (${journey} on PostgreSQL)`,
      POSTGRES_URL !== '',
      'set DOCKET_TEST_POSTGRES_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres)',
    ),
    async create() {
      const database = await createTestDatabase(POSTGRES_URL);
      return { store: database.url, dispose: () => database.drop() };
    },
  };
}

/** A table of its own in the run's DynamoDB Local, dropped afterwards. */
export function dynamoDbStore(journey: string): JourneyStore {
  return {
    name: 'dynamodb',
    label: 'DynamoDB Local',
    runs: available(
      `DynamoDB Local (${journey} on DynamoDB)`,
      dynamodb.endpoint !== null,
      dynamodb.unavailable ?? '',
    ),
    async create() {
      const { endpoint } = dynamodb;
      if (endpoint === null) throw new Error('DynamoDB Local is not running');
      const table = `docket-e2e-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
      return {
        store: `dynamodb://${table}?region=us-east-1&endpoint=${endpoint}`,
        dispose: () => dropDynamoDbTable(endpoint, table),
      };
    },
  };
}
