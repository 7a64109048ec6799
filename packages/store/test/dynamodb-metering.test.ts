import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { meterRequests } from '../src/dynamodb/dynamodb-metering';
import { meterStatements } from '../src/statement-meter';
import { DYNAMODB_LOCAL_CREDENTIALS, DYNAMODB_LOCAL_REGION, dynamoDbLocalOfRun } from './conformance';

/** The DynamoDB client's meter counts each request that goes out: a retried command counts every attempt. */

const local = dynamoDbLocalOfRun();
const requireAll = process.env.DOCKET_TEST_REQUIRE_ALL === '1';
if (local.endpoint === null && !requireAll) {
  console.warn(`SKIPPED: DynamoDB request metering — ${local.unavailable}`);
}

describe.skipIf(local.endpoint === null && !requireAll)('DynamoDB request metering', () => {
  let client: DynamoDBClient;
  /** How many of the next attempts fail, as a throttled request does, before reaching DynamoDB Local. */
  let failNext = 0;

  beforeAll(() => {
    if (local.endpoint === null) throw new Error(`DynamoDB Local is not available: ${local.unavailable}`);
    client = new DynamoDBClient({
      endpoint: local.endpoint,
      region: DYNAMODB_LOCAL_REGION,
      credentials: DYNAMODB_LOCAL_CREDENTIALS,
      maxAttempts: 3,
    });
    meterRequests(client);
    // Inside the meter (a lower priority in the same step): the attempt is counted, then refused.
    client.middlewareStack.add(
      (next) => (args) => {
        if (failNext === 0) return next(args);
        failNext -= 1;
        const throttled = Object.assign(new Error('Rate exceeded'), {
          name: 'ThrottlingException',
          $metadata: { httpStatusCode: 400 },
        });
        return Promise.reject(throttled);
      },
      { step: 'deserialize', name: 'throttleForTest', priority: 'low' },
    );
  });

  afterAll(() => client?.destroy());

  it('counts one request per command that succeeds at once', async () => {
    const { count } = await meterStatements(() => client.send(new ListTablesCommand({})));
    expect(count).toMatchObject({ statements: 1, transactionControl: 0 });
  });

  it('counts every attempt of a retried command', async () => {
    failNext = 2;
    const { result, count } = await meterStatements(() => client.send(new ListTablesCommand({})));
    expect(result.TableNames).toBeInstanceOf(Array);
    expect(failNext).toBe(0);
    expect(count.statements).toBe(3);
  });
});
