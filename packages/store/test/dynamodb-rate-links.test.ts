import {
  DeleteItemCommand,
  DynamoDBClient,
  QueryCommand,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Datastore } from '../src/datastore';
import { createDynamoDatastore } from '../src/dynamodb';
import {
  filedWithRates,
  submittedLinking,
  DYNAMODB_LOCAL_CREDENTIALS,
  DYNAMODB_LOCAL_REGION,
  dropDynamoDbTable,
  dynamoDbLocalOfRun,
} from './conformance';

/**
 * The DynamoDB adapter's link items (docs/adr/0021-rate-links-read.md) on a table an older release made: the
 * items are missing until `migrate()` writes them, once.
 */

const local = dynamoDbLocalOfRun();
const requireAll = process.env.DOCKET_TEST_REQUIRE_ALL === '1';
if (local.endpoint === null && !requireAll) {
  console.warn(`SKIPPED: DynamoDB rate link checks — ${local.unavailable}`);
}

function endpointOf(): string {
  if (local.endpoint === null) {
    throw new Error(`DOCKET_TEST_REQUIRE_ALL=1 but DynamoDB Local is not available: ${local.unavailable}`);
  }
  return local.endpoint;
}

describe.skipIf(local.endpoint === null && !requireAll)('DynamoDB rate link items', () => {
  const table = `docket-links-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  let client: DynamoDBClient;
  let datastore: Datastore;

  beforeAll(async () => {
    client = new DynamoDBClient({
      endpoint: endpointOf(),
      region: DYNAMODB_LOCAL_REGION,
      credentials: DYNAMODB_LOCAL_CREDENTIALS,
    });
    datastore = createDynamoDatastore({
      table,
      region: DYNAMODB_LOCAL_REGION,
      endpoint: endpointOf(),
      credentials: DYNAMODB_LOCAL_CREDENTIALS,
    });
    await datastore.migrate();
    await datastore.states.upsertStates([{ code: 'MN', name: 'Minnesota' }]);
  });
  afterAll(async () => {
    await datastore?.close();
    await dropDynamoDbTable(endpointOf(), table);
    client?.destroy();
  });

  /** The keys of the link items in a rate's partition. */
  async function linkKeys(rateId: string): Promise<Record<string, AttributeValue>[]> {
    const { Items = [] } = await client.send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
        ExpressionAttributeValues: { ':pk': { S: `RATE#${rateId}` }, ':prefix': { S: 'LINKED_BY#' } },
        ProjectionExpression: 'PK, SK',
        ConsistentRead: true,
      }),
    );
    return Items;
  }

  async function removeLinks(rateId: string): Promise<void> {
    for (const key of await linkKeys(rateId)) {
      await client.send(new DeleteItemCommand({ TableName: table, Key: key }));
    }
  }

  it('writes the link items of a table made before them once, when migrated, and marks the table', async () => {
    const { rates } = await filedWithRates(datastore, 'MN', 1);
    const [rate] = rates;
    if (!rate) throw new Error('no rate');
    await submittedLinking(datastore, 'MN', rate);
    const written = await datastore.rates.listLinkers(rate.id);
    expect(written.map((l) => l.submissions.length)).toEqual([1, 1]);
    expect(await linkKeys(rate.id)).toHaveLength(2);

    // What an older release left: no link items, and no mark that they were ever written.
    await removeLinks(rate.id);
    await client.send(
      new DeleteItemCommand({ TableName: table, Key: { PK: { S: 'SCHEMA' }, SK: { S: 'RATE_LINKS' } } }),
    );
    expect(await datastore.rates.listLinkers(rate.id)).toEqual([{ ...written[0], submissions: [] }]);

    await datastore.migrate();
    expect(await datastore.rates.listLinkers(rate.id)).toEqual(written);

    // Once written, the table is marked: the next run does not look again.
    await removeLinks(rate.id);
    await datastore.migrate();
    expect(await linkKeys(rate.id)).toHaveLength(0);
  });
});
