import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  type AttributeDefinition,
  type DynamoDBClient,
  type GlobalSecondaryIndex,
  type TableDescription,
} from '@aws-sdk/client-dynamodb';
import { INDEXES, PARTITION_KEY, SORT_KEY, TTL_ATTRIBUTE, type IndexDefinition } from './keys';

/**
 * The table: its key, its global secondary indexes and its time to live, created or completed by `migrate()`.
 * Migrating is idempotent and safe from several server copies at once: each step first looks at what is there,
 * and a step another copy took first is waited for instead of failing.
 */

/** How long to wait for the table or an index to become ACTIVE (a new index on a big table takes a while). */
const ACTIVE_TIMEOUT_MS = 30 * 60 * 1000;

function attributeDefinitions(indexes: readonly IndexDefinition[]): AttributeDefinition[] {
  const names = [PARTITION_KEY, SORT_KEY, ...indexes.flatMap((index) => [index.partition, index.sort])];
  return names.map((name) => ({ AttributeName: name, AttributeType: 'S' }));
}

function indexSpecification(index: IndexDefinition): GlobalSecondaryIndex {
  return {
    IndexName: index.name,
    KeySchema: [
      { AttributeName: index.partition, KeyType: 'HASH' },
      { AttributeName: index.sort, KeyType: 'RANGE' },
    ],
    Projection: { ProjectionType: index.projection },
  };
}

function isNamed(error: unknown, name: string): boolean {
  return error instanceof Error && error.name === name;
}

async function describe(client: DynamoDBClient, table: string): Promise<TableDescription | null> {
  try {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: table }));
    return Table ?? null;
  } catch (error) {
    if (isNamed(error, 'ResourceNotFoundException')) return null;
    throw error;
  }
}

function isActive(table: TableDescription): boolean {
  return (
    table.TableStatus === 'ACTIVE' &&
    (table.GlobalSecondaryIndexes ?? []).every((index) => index.IndexStatus === 'ACTIVE')
  );
}

/** Waits until the table and all its indexes are ACTIVE, checking quickly at first, then less often. */
async function waitUntilActive(client: DynamoDBClient, table: string): Promise<TableDescription> {
  const deadline = Date.now() + ACTIVE_TIMEOUT_MS;
  for (let attempt = 0; ; attempt++) {
    const description = await describe(client, table);
    if (description && isActive(description)) return description;
    if (Date.now() > deadline) {
      throw new Error(
        `DynamoDB table ${table} did not become ACTIVE within ${ACTIVE_TIMEOUT_MS / 60_000} min`,
      );
    }
    await new Promise((resolveWait) => setTimeout(resolveWait, Math.min(5_000, 100 * 2 ** attempt)));
  }
}

async function createTable(client: DynamoDBClient, table: string): Promise<void> {
  try {
    await client.send(
      new CreateTableCommand({
        TableName: table,
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [
          { AttributeName: PARTITION_KEY, KeyType: 'HASH' },
          { AttributeName: SORT_KEY, KeyType: 'RANGE' },
        ],
        AttributeDefinitions: attributeDefinitions(INDEXES),
        GlobalSecondaryIndexes: INDEXES.map(indexSpecification),
      }),
    );
  } catch (error) {
    // Another copy is creating it.
    if (!isNamed(error, 'ResourceInUseException')) throw error;
  }
}

/** Adds the indexes a table made by an older release lacks, one at a time (DynamoDB builds one at a time). */
async function addMissingIndexes(client: DynamoDBClient, table: string, current: TableDescription) {
  let description = current;
  for (const index of INDEXES) {
    const present = (description.GlobalSecondaryIndexes ?? []).some((gsi) => gsi.IndexName === index.name);
    if (present) continue;
    try {
      await client.send(
        new UpdateTableCommand({
          TableName: table,
          AttributeDefinitions: attributeDefinitions([index]),
          GlobalSecondaryIndexUpdates: [{ Create: indexSpecification(index) }],
        }),
      );
    } catch (error) {
      // Another copy is adding it (or another index) right now: wait for it, then look again.
      if (!isNamed(error, 'ResourceInUseException') && !isNamed(error, 'LimitExceededException')) throw error;
    }
    description = await waitUntilActive(client, table);
    if (!(description.GlobalSecondaryIndexes ?? []).some((gsi) => gsi.IndexName === index.name)) {
      return addMissingIndexes(client, table, description);
    }
  }
}

async function enableTimeToLive(client: DynamoDBClient, table: string): Promise<void> {
  const { TimeToLiveDescription: ttl } = await client.send(
    new DescribeTimeToLiveCommand({ TableName: table }),
  );
  if (ttl?.TimeToLiveStatus === 'ENABLED' || ttl?.TimeToLiveStatus === 'ENABLING') {
    if (ttl.AttributeName === TTL_ATTRIBUTE) return;
    throw new Error(`DynamoDB table ${table} has time to live on ${ttl.AttributeName}, not ${TTL_ATTRIBUTE}`);
  }
  try {
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: table,
        TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true },
      }),
    );
  } catch (error) {
    // "Time to live has been modified multiple times within a fixed interval": another copy just enabled it.
    if (!isNamed(error, 'ValidationException')) throw error;
    const again = await client.send(new DescribeTimeToLiveCommand({ TableName: table }));
    if (again.TimeToLiveDescription?.AttributeName !== TTL_ATTRIBUTE) throw error;
  }
}

/** Creates the table, its indexes and its time to live where missing, and waits until all of it is ACTIVE. */
export async function ensureTable(client: DynamoDBClient, table: string): Promise<void> {
  if ((await describe(client, table)) === null) await createTable(client, table);
  const description = await waitUntilActive(client, table);
  await addMissingIndexes(client, table, description);
  await enableTimeToLive(client, table);
}

/** Resolves when the table answers. */
export async function describeTable(client: DynamoDBClient, table: string): Promise<void> {
  const description = await describe(client, table);
  if (description === null) throw new Error(`DynamoDB table ${table} does not exist: run docket migrate`);
}
