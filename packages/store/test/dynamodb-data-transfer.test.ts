import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { newId, type Contract } from '@docket/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Datastore } from '../src/datastore';
import { createDynamoDatastore } from '../src/dynamodb';
import type { Database } from '../src/dynamodb/database';
import { DynamoDataTransfer } from '../src/dynamodb/dynamodb-data-transfer';
import {
  addNewRates,
  buildContractInput,
  buildEvent,
  dropDynamoDbTable,
  dynamoDbLocalSuite,
  freshState,
  submitWithRates,
} from './conformance';

/**
 * The DynamoDB adapter's bulk writes where the service does less than asked: a batch write that leaves part of
 * its items unprocessed (as a throttled table does) is sent again until every item is stored, and a contract
 * whose write was cut short after its revisions is whole once written again. The answers are altered on the way
 * back from DynamoDB Local, which never throttles.
 */

const suite = dynamoDbLocalSuite('DynamoDB bulk writes');

type WriteRequest = Record<string, unknown>;
interface BatchWriteInput {
  RequestItems: Record<string, WriteRequest[]>;
}

describe.skipIf(suite.skip)('DynamoDB adapter: bulk writes', () => {
  const table = `docket-bulk-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  let datastore: Datastore;
  let writer: Database;
  /** How many of the next batch writes to send only half of, answering the other half as unprocessed. */
  let halveNext = 0;
  /** Batch writes holding a contract item fail before they are sent while this is set. */
  let refuseContractItems = false;
  const sent: string[] = [];

  beforeAll(async () => {
    const options = suite.options();
    datastore = createDynamoDatastore({ table, ...options });
    await datastore.migrate();
    const client = new DynamoDBClient(options);
    client.middlewareStack.add(
      (next, context) => async (args) => {
        sent.push(context.commandName ?? '?');
        if (context.commandName !== 'BatchWriteItemCommand') return next(args);
        const input = args.input as BatchWriteInput;
        const requests = input.RequestItems[table] ?? [];
        if (refuseContractItems && JSON.stringify(requests).includes('"CONTRACT"')) {
          throw new Error('The connection was lost');
        }
        if (halveNext === 0 || requests.length < 2) return next(args);
        halveNext -= 1;
        const kept = requests.slice(0, Math.floor(requests.length / 2));
        const left = requests.slice(kept.length);
        const result = await next({ ...args, input: { ...input, RequestItems: { [table]: kept } } });
        const output = result.output as { UnprocessedItems?: Record<string, WriteRequest[]> };
        output.UnprocessedItems = { [table]: [...(output.UnprocessedItems?.[table] ?? []), ...left] };
        return result;
      },
      { step: 'serialize', priority: 'high', name: 'bulkWritesUnderTest' },
    );
    writer = {
      client,
      documents: DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } }),
      table,
    };
  });

  afterAll(async () => {
    writer?.documents.destroy();
    writer?.client.destroy();
    await datastore?.close();
    await dropDynamoDbTable(suite.options().endpoint, table);
  });

  it('sends again what a batch write left unprocessed, until every item is stored', async () => {
    const events = Array.from({ length: 60 }, () => buildEvent());
    halveNext = 5;
    sent.length = 0;

    await new DynamoDataTransfer(writer).write('events', events);

    expect(halveNext).toBe(0);
    // Three batches of 25, 25 and 10 items, and at least one more request for each halved answer.
    expect(sent.filter((name) => name === 'BatchWriteItemCommand').length).toBeGreaterThanOrEqual(8);
    const stored = new Set<string>();
    for await (const batch of datastore.transfer.read('events', { batchSize: 100 })) {
      for (const record of batch.records) stored.add(record.id);
    }
    expect(events.every((event) => stored.has(event.id))).toBe(true);
  });

  it('writes whole a contract whose last write stopped after its revisions', async () => {
    const created = await datastore.contracts.create(buildContractInput(await freshState(datastore)));
    const { contract } = await addNewRates(datastore, created, 1);
    const { contract: filed } = await submitWithRates(datastore, contract);
    // The filed contract under a new id, with a second revision, as a source store would hold it.
    const id = newId();
    const [first] = filed.revisions;
    if (!first) throw new Error('A filed contract has a revision');
    const whole: Contract = {
      ...filed,
      id,
      revisions: [
        { ...first, id: newId(), contractId: id },
        { ...first, id: newId(), contractId: id, number: first.number + 1, submitted: null },
      ],
    };

    refuseContractItems = true;
    await expect(new DynamoDataTransfer(writer).write('contracts', [whole])).rejects.toThrow(
      'The connection was lost',
    );
    refuseContractItems = false;
    await expect(datastore.contracts.get(whole.id)).rejects.toThrow();

    sent.length = 0;
    await new DynamoDataTransfer(writer).write('contracts', [whole]);
    // Its contract item was not stored: nothing of another version can be in its partition, which is not queried.
    expect(sent).not.toContain('QueryCommand');
    expect(await datastore.contracts.get(whole.id)).toEqual(whole);

    // Stored, it is looked into when written again, and keeps only the revisions it is written with.
    const fewer = { ...whole, revisions: whole.revisions.slice(0, 1) };
    sent.length = 0;
    await new DynamoDataTransfer(writer).write('contracts', [fewer]);
    expect(sent.filter((name) => name === 'QueryCommand')).toHaveLength(1);
    expect(await datastore.contracts.get(whole.id)).toEqual(fewer);
  });
});
