import {
  CreateTableCommand,
  DeleteItemCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { contractFormV1Schema, STATES, summaryFactsOf, type Contract } from '@docket/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Datastore } from '../src/datastore';
import { createDynamoDatastore } from '../src/dynamodb';
import {
  addNewRates,
  allPages,
  applyChange,
  buildContractInput,
  buildSession,
  discardRate,
  draftLinks,
  draftOf,
  newRate,
  reviewAction,
  saveDraft,
  submit,
  unlock,
  DYNAMODB_LOCAL_CREDENTIALS,
  DYNAMODB_LOCAL_REGION,
  dropDynamoDbTable,
  dynamoDbLocalOfRun,
  freshState,
} from './conformance';

/** Checks of the DynamoDB adapter itself, beyond the port: its table, its indexes and its races across servers. */

const local = dynamoDbLocalOfRun();
const requireAll = process.env.DOCKET_TEST_REQUIRE_ALL === '1';
if (local.endpoint === null && !requireAll) {
  console.warn(`SKIPPED: DynamoDB adapter checks — ${local.unavailable}`);
}

function endpointOf(): string {
  if (local.endpoint === null) {
    throw new Error(`DOCKET_TEST_REQUIRE_ALL=1 but DynamoDB Local is not available: ${local.unavailable}`);
  }
  return local.endpoint;
}

describe.skipIf(local.endpoint === null && !requireAll)('DynamoDB adapter', () => {
  const tables: string[] = [];
  const opened: Datastore[] = [];
  let client: DynamoDBClient;

  function tableName(): string {
    const table = `docket-adapter-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
    tables.push(table);
    return table;
  }

  function open(table: string): Datastore {
    const datastore = createDynamoDatastore({
      table,
      region: DYNAMODB_LOCAL_REGION,
      endpoint: endpointOf(),
      credentials: DYNAMODB_LOCAL_CREDENTIALS,
    });
    opened.push(datastore);
    return datastore;
  }

  beforeAll(() => {
    client = new DynamoDBClient({
      endpoint: endpointOf(),
      region: DYNAMODB_LOCAL_REGION,
      credentials: DYNAMODB_LOCAL_CREDENTIALS,
    });
  });

  afterAll(async () => {
    await Promise.all(opened.map((datastore) => datastore.close()));
    await Promise.all(tables.map((table) => dropDynamoDbTable(endpointOf(), table)));
    client?.destroy();
  });

  async function describeTable(table: string) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: table }));
    const { TimeToLiveDescription } = await client.send(new DescribeTimeToLiveCommand({ TableName: table }));
    return {
      status: Table?.TableStatus,
      indexes: (Table?.GlobalSecondaryIndexes ?? [])
        .map((index) => `${index.IndexName}:${index.IndexStatus}:${index.Projection?.ProjectionType}`)
        .sort(),
      timeToLive: `${TimeToLiveDescription?.AttributeName}:${TimeToLiveDescription?.TimeToLiveStatus}`,
    };
  }

  const COMPLETE = {
    status: 'ACTIVE',
    indexes: [
      'global:ACTIVE:ALL',
      'owner:ACTIVE:ALL',
      'ratePeriod:ACTIVE:ALL',
      'rateStateName:ACTIVE:ALL',
      'rateStatePeriod:ACTIVE:ALL',
      'shared:ACTIVE:ALL',
      'stateShared:ACTIVE:ALL',
      'stateSubmitted:ACTIVE:ALL',
      'stateUpdated:ACTIVE:ALL',
      'submitted:ACTIVE:KEYS_ONLY',
      'submittedContracts:ACTIVE:ALL',
      'updated:ACTIVE:ALL',
    ],
    timeToLive: 'expiresAtEpochSeconds:ENABLED',
  };

  it('migrates: creates the table, its indexes and its time to live, then finds them there', async () => {
    const table = tableName();
    const datastore = open(table);
    await expect(datastore.ping()).rejects.toThrow(/does not exist: run docket migrate/);

    await datastore.migrate();
    expect(await describeTable(table)).toEqual(COMPLETE);
    await Promise.all([datastore.migrate(), open(table).migrate()]);
    expect(await describeTable(table)).toEqual(COMPLETE);
    await expect(datastore.ping()).resolves.toBeUndefined();
  });

  it('completes a table an older release made: adds the indexes it lacks and keeps its items', async () => {
    const table = tableName();
    await client.send(
      new CreateTableCommand({
        TableName: table,
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [
          { AttributeName: 'PK', KeyType: 'HASH' },
          { AttributeName: 'SK', KeyType: 'RANGE' },
        ],
        AttributeDefinitions: [
          { AttributeName: 'PK', AttributeType: 'S' },
          { AttributeName: 'SK', AttributeType: 'S' },
        ],
      }),
    );
    await client.send(
      new PutItemCommand({ TableName: table, Item: { PK: { S: 'KEPT' }, SK: { S: 'KEPT' } } }),
    );

    await open(table).migrate();

    expect(await describeTable(table)).toEqual(COMPLETE);
    const kept = await client.send(
      new GetItemCommand({ TableName: table, Key: { PK: { S: 'KEPT' }, SK: { S: 'KEPT' } } }),
    );
    expect(kept.Item).toBeDefined();
  });

  it('fills the summary facts of contract items an older release wrote, once, and lists them meanwhile', async () => {
    const table = tableName();
    const datastore = open(table);
    await datastore.migrate();
    await datastore.states.upsertStates([{ code: 'MN', name: 'Minnesota' }]);
    const draft = await datastore.contracts.create(buildContractInput('MN'));
    let filed = await datastore.contracts.create(buildContractInput('MN'));
    filed = await applyChange(datastore, filed, submit(filed));
    filed = await applyChange(datastore, filed, reviewAction({ action: 'APPROVE' }));
    let reopened = await datastore.contracts.create(buildContractInput('MN'));
    reopened = await applyChange(datastore, reopened, submit(reopened));
    reopened = await applyChange(datastore, reopened, unlock(reopened));
    const contracts = [draft, filed, reopened];

    // What an older release left: contract items without the facts, submitted ones in the old index only, and
    // no mark that the facts were ever filled.
    for (const contract of contracts) {
      const submitted = contract.revisions[0]?.submitted ?? null;
      await client.send(
        new UpdateItemCommand({
          TableName: table,
          Key: { PK: { S: `CONTRACT#${contract.id}` }, SK: { S: 'CONTRACT' } },
          UpdateExpression:
            'REMOVE lastSubmittedAt, latestSlice, submittedSlice, submittedCount, draftOpen, lastReviewAction, ' +
            'sharedUpdatedAt, summaryVersion, submittedContractKey, submittedContractSort' +
            (submitted === null ? '' : ' SET submittedKey = :key, submittedSort = :sort'),
          ...(submitted === null
            ? {}
            : {
                ExpressionAttributeValues: {
                  ':key': { S: 'SUBMITTED#0' },
                  ':sort': { S: `${submitted.at}#${contract.id}` },
                },
              }),
        }),
      );
    }
    await client.send(
      new DeleteItemCommand({
        TableName: table,
        Key: { PK: { S: 'SCHEMA' }, SK: { S: 'CONTRACT_SUMMARIES' } },
      }),
    );
    const expected = async (...of: Contract[]) =>
      Promise.all(of.map(async (c) => summaryFactsOf(await datastore.contracts.get(c.id))));
    const sorted = <T extends { id: string }>(items: T[]) =>
      [...items].sort((a, b) => (a.id < b.id ? -1 : 1));

    // Until migrate() runs, a list reads such a contract whole.
    expect((await datastore.contracts.listByState('MN', { limit: 10 })).items).toEqual(
      await expected(reopened, filed, draft),
    );

    await datastore.migrate();

    expect((await datastore.contracts.listByState('MN', { limit: 10 })).items).toEqual(
      await expected(reopened, filed, draft),
    );
    expect(sorted(await allPages((page) => datastore.contracts.listSubmitted(page)))).toEqual(
      sorted(await expected(filed, reopened)),
    );
    expect(sorted(await allPages((page) => datastore.contracts.listAll(page)))).toEqual(
      sorted(await expected(draft, filed, reopened)),
    );
    for (const contract of contracts) {
      const { Item } = await client.send(
        new GetItemCommand({
          TableName: table,
          Key: { PK: { S: `CONTRACT#${contract.id}` }, SK: { S: 'CONTRACT' } },
        }),
      );
      expect(Item?.summaryVersion, 'filled from the stored contract').toEqual({
        N: String(contract.version),
      });
    }

    // Once filled, the table is marked: the next run leaves even a contract item without facts alone.
    await client.send(
      new UpdateItemCommand({
        TableName: table,
        Key: { PK: { S: `CONTRACT#${draft.id}` }, SK: { S: 'CONTRACT' } },
        UpdateExpression: 'REMOVE summaryVersion',
      }),
    );
    await datastore.migrate();
    const { Item } = await client.send(
      new GetItemCommand({
        TableName: table,
        Key: { PK: { S: `CONTRACT#${draft.id}` }, SK: { S: 'CONTRACT' } },
      }),
    );
    expect(Item?.summaryVersion).toBeUndefined();
    expect((await datastore.contracts.listByState('MN', { limit: 10 })).items).toEqual(
      await expected(reopened, filed, draft),
    );
  });

  it('never hands a contract number out twice when several servers create at once', async () => {
    const table = tableName();
    const servers = [open(table), open(table), open(table)];
    await servers[0]?.migrate();
    await servers[0]?.states.upsertStates(STATES);
    const stateCode = await freshState(servers[0] as Datastore);

    const created = await Promise.all(
      servers.flatMap((server) =>
        Array.from({ length: 8 }, () => server.contracts.create(buildContractInput(stateCode))),
      ),
    );

    expect(created.map((c) => c.stateNumber).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 24 }, (_, i) => i + 1),
    );
    expect((await servers[1]?.states.getState(stateCode))?.lastContractNumber).toBe(24);
  });

  it('parses every item it reads: a malformed item fails loudly instead of reaching a use case', async () => {
    const table = tableName();
    const datastore = open(table);
    await datastore.migrate();
    await datastore.states.upsertStates([{ code: 'MN', name: 'Minnesota' }]);
    const contract = await datastore.contracts.create(buildContractInput('MN'));
    await client.send(
      new PutItemCommand({
        TableName: table,
        Item: {
          PK: { S: `CONTRACT#${contract.id}` },
          SK: { S: 'REVISION#000001' },
          entity: { S: 'REVISION' },
          id: { S: contract.revisions[0]?.id ?? '' },
          number: { S: 'one' },
        },
      }),
    );

    await expect(datastore.contracts.get(contract.id)).rejects.toThrow(/number|formData/);
  });

  it('gives each session the time-to-live attribute, in whole seconds never before it expires', async () => {
    const table = tableName();
    const datastore = open(table);
    await datastore.migrate();
    const session = buildSession({ expiresAt: '2030-01-01T00:00:00.001Z' });
    await datastore.sessions.create(session);

    const { Item } = await client.send(
      new GetItemCommand({
        TableName: table,
        Key: { PK: { S: `SESSION#${session.id}` }, SK: { S: 'SESSION' } },
      }),
    );
    expect(Item?.expiresAtEpochSeconds).toEqual({ N: String(Date.parse('2030-01-01T00:00:01.000Z') / 1000) });
  });

  it('gives each failed-login counter a time to live that moves with its last failure', async () => {
    const table = tableName();
    const datastore = open(table);
    await datastore.migrate();
    const policy = { freeFailures: 5, firstWaitMs: 1000, maxWaitMs: 1000, forgetAfterMs: 60_000 };
    const ttlOf = async () => {
      const { Item } = await client.send(
        new GetItemCommand({
          TableName: table,
          Key: { PK: { S: 'LOGIN_FAILURES#k' }, SK: { S: 'LOGIN_FAILURES' } },
        }),
      );
      return Item?.expiresAtEpochSeconds;
    };
    await datastore.loginAttempts.claim('k', policy, '2030-01-01T00:00:00.001Z');
    expect(await ttlOf()).toEqual({ N: String(Date.parse('2030-01-01T00:01:01.000Z') / 1000) });
    await datastore.loginAttempts.claim('k', policy, '2030-01-01T00:00:30.000Z');
    expect(await ttlOf()).toEqual({ N: String(Date.parse('2030-01-01T00:01:30.000Z') / 1000) });
  });

  it('admits exactly the free login attempts when several servers claim one counter at once', async () => {
    const table = tableName();
    const servers = [open(table), open(table), open(table)];
    await servers[0]?.migrate();
    const policy = { freeFailures: 4, firstWaitMs: 60_000, maxWaitMs: 60_000, forgetAfterMs: 600_000 };
    const claims = await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        (servers[i % servers.length] as Datastore).loginAttempts.claim(
          'shared',
          policy,
          '2030-01-01T00:00:00.000Z',
        ),
      ),
    );
    expect(
      claims
        .filter((c) => c.admitted)
        .map((c) => (c.admitted ? c.failures : 0))
        .sort(),
    ).toEqual([1, 2, 3, 4]);
  });

  it('never hands a rate number out twice when several servers create rates at once', async () => {
    const table = tableName();
    const servers = [open(table), open(table), open(table)];
    await servers[0]?.migrate();
    const stateCode = await freshState(servers[0] as Datastore);
    const contracts = await Promise.all(
      Array.from({ length: 9 }, () => servers[0]?.contracts.create(buildContractInput(stateCode))),
    );

    await Promise.all(
      contracts.map((contract, index) => {
        if (!contract) throw new Error('no contract');
        const server = servers[index % servers.length] as Datastore;
        return applyChange(
          server,
          contract,
          saveDraft(contract, undefined, { rates: { create: [newRate(), newRate()] } }),
        );
      }),
    );

    const owned = await Promise.all(contracts.map((c) => servers[2]?.rates.listByParent(c?.id ?? '')));
    expect(
      owned
        .flatMap((rates) => rates ?? [])
        .map((r) => r.stateNumber)
        .sort((a, b) => a - b),
    ).toEqual(Array.from({ length: 18 }, (_, i) => i + 1));
    expect((await servers[1]?.states.getState(stateCode))?.lastRateNumber).toBe(18);
  });

  it('fits the largest rate change in one transaction: 20 rates left out and 20 new ones in one save', async () => {
    const table = tableName();
    const datastore = open(table);
    await datastore.migrate();
    const stateCode = await freshState(datastore);
    const { contract, rates: old } = await addNewRates(
      datastore,
      await datastore.contracts.create(buildContractInput(stateCode)),
      20,
    );
    const created = Array.from({ length: 20 }, () => newRate());

    const saved = await applyChange(
      datastore,
      contract,
      saveDraft(contract, undefined, {
        rateLinks: draftLinks(...created.map((r) => r.id)),
        rates: { create: created, discard: old.map(discardRate) },
      }),
    );

    expect(draftOf(saved).rateLinks).toEqual(draftLinks(...created.map((r) => r.id)));
    const owned = await datastore.rates.listByParent(contract.id);
    expect(owned.map((r) => r.id)).toEqual(created.map((r) => r.id));
    expect(owned.map((r) => r.stateNumber)).toEqual(Array.from({ length: 20 }, (_, i) => i + 21));
  });

  it('reads a revision stored by an older release: form version 1 as stored, and no rate links', async () => {
    const table = tableName();
    const datastore = open(table);
    await datastore.migrate();
    await datastore.states.upsertStates([{ code: 'MN', name: 'Minnesota' }]);
    const contract = await datastore.contracts.create(buildContractInput('MN'));
    await client.send(
      new UpdateItemCommand({
        TableName: table,
        Key: { PK: { S: `CONTRACT#${contract.id}` }, SK: { S: 'REVISION#000001' } },
        UpdateExpression: 'SET formData = :v1 REMOVE rateLinks',
        ExpressionAttributeValues: {
          ':v1': {
            M: {
              schemaVersion: { N: '1' },
              populationCovered: { S: 'MEDICAID' },
              submissionDescription: { S: 'Written before contract details' },
            },
          },
        },
      }),
    );

    const [revision] = (await datastore.contracts.get(contract.id)).revisions;

    expect(revision?.formData).toEqual(
      contractFormV1Schema.parse({
        schemaVersion: 1,
        populationCovered: 'MEDICAID',
        submissionDescription: 'Written before contract details',
      }),
    );
    expect(revision?.rateLinks).toEqual([]);
  });

  it('parses every rate item it reads: a rate whose revision is malformed fails loudly', async () => {
    const table = tableName();
    const datastore = open(table);
    await datastore.migrate();
    await datastore.states.upsertStates([{ code: 'MN', name: 'Minnesota' }]);
    const { rates } = await addNewRates(
      datastore,
      await datastore.contracts.create(buildContractInput('MN')),
      1,
    );
    const revisionId = rates[0]?.revisions[0]?.id ?? '';
    await client.send(
      new UpdateItemCommand({
        TableName: table,
        Key: { PK: { S: `RATE_REVISION#${revisionId}` }, SK: { S: 'RATE_REVISION' } },
        UpdateExpression: 'SET #number = :bad',
        ExpressionAttributeNames: { '#number': 'number' },
        ExpressionAttributeValues: { ':bad': { S: 'one' } },
      }),
    );

    await expect(datastore.rates.get(rates[0]?.id ?? '')).rejects.toThrow(/number/);
  });
});
