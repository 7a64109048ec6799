import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Datastore } from '@docket/store';
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
  dispose(): Promise<void>;
}

export type Started = { engine: Engine; skipped: null } | { engine: null; skipped: string };

const DEFAULT_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export async function startPglite(name = 'PGlite'): Promise<Engine> {
  const folder = await mkdtemp(join(tmpdir(), 'docket-bench-pglite-'));
  const datastore = await createPostgresDatastore({ driver: 'pglite', dataDir: folder });
  await datastore.migrate();
  return {
    name,
    datastore,
    async dispose() {
      await datastore.close();
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
  return {
    skipped: null,
    engine: {
      name: 'DynamoDB Local',
      datastore,
      async dispose() {
        await datastore.close();
        await dropDynamoDbTable(local.endpoint, table);
        await local.stop();
      },
    },
  };
}

export async function startPostgres(): Promise<Started> {
  const adminUrl = process.env.DOCKET_TEST_POSTGRES_URL || DEFAULT_POSTGRES_URL;
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  try {
    database = await createTestDatabase(adminUrl);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      engine: null,
      skipped:
        `no PostgreSQL server answered at ${adminUrl.replace(/\/\/[^@/]*@/, '//')} (${reason}); ` +
        'set DOCKET_TEST_POSTGRES_URL',
    };
  }
  const datastore = await createPostgresDatastore({ driver: 'pg', url: database.url });
  try {
    await datastore.migrate();
  } catch (error) {
    await datastore.close();
    await database.drop();
    throw error;
  }
  return {
    skipped: null,
    engine: {
      name: 'PostgreSQL',
      datastore,
      async dispose() {
        await datastore.close();
        await database.drop();
      },
    },
  };
}
