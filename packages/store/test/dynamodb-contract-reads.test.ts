import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { isFilingMilestone, linkedRateIds, type Contract } from '@docket/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Datastore } from '../src/datastore';
import { createDynamoDatastore } from '../src/dynamodb';
import type { Database } from '../src/dynamodb/database';
import { readContractSnapshot } from '../src/dynamodb/dynamodb-contract-reads';
import { meterStatements } from '../src/statement-meter';
import {
  addNewRates,
  applyChange,
  buildContractInput,
  buildFormData,
  DYNAMODB_LOCAL_CREDENTIALS,
  DYNAMODB_LOCAL_REGION,
  dropDynamoDbTable,
  dynamoDbLocalOfRun,
  freshState,
  openRate,
  saveDraft,
  submitWithRates,
  unlock,
} from './conformance';

/**
 * The DynamoDB adapter's snapshot reads, where a query of a contract's partition meets a change: the reads that
 * disagree must be found out and made again. DynamoDB Local applies a transaction at once, so the disagreements
 * are made here: a change written between the query and the transactional read, or a query answer altered as a
 * torn one would be (an item of a change missing, or still as it was before).
 */

const local = dynamoDbLocalOfRun();
const requireAll = process.env.DOCKET_TEST_REQUIRE_ALL === '1';
if (local.endpoint === null && !requireAll) {
  console.warn(`SKIPPED: DynamoDB snapshot reads — ${local.unavailable}`);
}

type Item = Record<string, unknown>;

/** What a reader's client does with the answer to its next query of a partition, once. */
type QueryHook = (items: Item[]) => Promise<Item[]>;

describe.skipIf(local.endpoint === null && !requireAll)('DynamoDB adapter: snapshot reads', () => {
  const table = `docket-reads-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  let datastore: Datastore;
  let reader: Database;
  let nextQuery: QueryHook | null = null;
  const sent: string[] = [];

  function endpoint(): string {
    if (local.endpoint === null) throw new Error(`DynamoDB Local is not available: ${local.unavailable}`);
    return local.endpoint;
  }

  beforeAll(async () => {
    const options = {
      region: DYNAMODB_LOCAL_REGION,
      endpoint: endpoint(),
      credentials: DYNAMODB_LOCAL_CREDENTIALS,
    };
    datastore = createDynamoDatastore({ table, ...options });
    await datastore.migrate();
    const client = new DynamoDBClient(options);
    // On the way back, once the answer is parsed into plain values: notes each request, and hands the next
    // query's items to the hook a test set.
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const result = await next(args);
        sent.push(context.commandName ?? '?');
        const output = result.output as { Items?: Item[] };
        const hook = nextQuery;
        if (context.commandName === 'QueryCommand' && hook && output.Items) {
          nextQuery = null;
          output.Items = await hook(output.Items);
        }
        return result;
      },
      { step: 'build', name: 'readsUnderTest' },
    );
    reader = { client, documents: DynamoDBDocumentClient.from(client), table };
  });

  afterAll(async () => {
    reader?.documents.destroy();
    reader?.client.destroy();
    await datastore?.close();
    await dropDynamoDbTable(endpoint(), table);
  });

  async function read(contract: Pick<Contract, 'id'>) {
    sent.length = 0;
    const snapshot = await readContractSnapshot(reader, contract.id, (c) => linkedRateIds(c.revisions));
    return { snapshot, sent: [...sent] };
  }

  /** An unlocked filing that owns two rates, each with a submitted revision and an open draft. */
  async function unlockedFiling(): Promise<Contract> {
    const created = await datastore.contracts.create(buildContractInput(await freshState(datastore)));
    const { contract } = await addNewRates(datastore, created, 2);
    const filed = await submitWithRates(datastore, contract);
    return applyChange(
      datastore,
      filed.contract,
      unlock(filed.contract, { rates: { open: filed.rates.map((r) => openRate(r)) } }),
    );
  }

  /** The snapshot a read of the contract as last written must give, from the rate store's and event log's reads. */
  async function expected(contract: Contract) {
    const rates = await datastore.rates.getMany(linkedRateIds(contract.revisions));
    const history = await datastore.events.listForContract(contract.id);
    return { contract, rates: new Map(rates.map((r) => [r.id, r])), history };
  }

  it('reads again when a change lands between the query and the transactional read', async () => {
    const contract = await unlockedFiling();
    let changed: Contract = contract;
    nextQuery = async (items) => {
      changed = await applyChange(
        datastore,
        contract,
        saveDraft(contract, buildFormData({ submissionDescription: 'Saved meanwhile' })),
      );
      return items;
    };

    const { snapshot, sent } = await read(contract);

    expect(changed.version).toBe(contract.version + 1);
    expect(snapshot).toEqual(await expected(changed));
    expect(sent.filter((name) => name === 'QueryCommand')).toHaveLength(2);
  });

  it('reads again when the query missed an item the change wrote (a revision the counts know of)', async () => {
    const contract = await unlockedFiling();
    nextQuery = async (items) => {
      const revisions = items.filter((item) => String(item.SK).startsWith('REVISION#'));
      const last = revisions.at(-1);
      return items.filter((item) => item !== last);
    };

    const { snapshot, sent } = await read(contract);

    expect(snapshot?.contract.revisions).toHaveLength(2);
    expect(snapshot).toEqual(await expected(contract));
    expect(sent.filter((name) => name === 'QueryCommand')).toHaveLength(2);
  });

  it('reads again when the query saw an item as it was before the change', async () => {
    const contract = await unlockedFiling();
    nextQuery = async (items) =>
      items.map((item) => {
        if (item.entity !== 'REVISION' || item.submitted !== null) return item;
        const form = { ...(item.formData as Item), submissionDescription: 'Before the save' };
        return { ...item, formData: form };
      });

    const { snapshot, sent } = await read(contract);

    expect(snapshot).toEqual(await expected(contract));
    expect(sent.filter((name) => name === 'QueryCommand')).toHaveLength(2);
  });

  it('reads again when the query missed the copy of the last change’s event', async () => {
    const contract = await unlockedFiling();
    nextQuery = async (items) => {
      const copies = items.filter((item) => item.entity === 'HISTORY');
      return items.filter((item) => item !== copies.at(-1));
    };

    const { snapshot, sent } = await read(contract);

    expect(snapshot?.history).toHaveLength(contract.version);
    expect(snapshot).toEqual(await expected(contract));
    expect(sent.filter((name) => name === 'QueryCommand')).toHaveLength(2);
  });

  it('reads again when the query saw the copy of a change its contract item did not', async () => {
    const contract = await unlockedFiling();
    nextQuery = async (items) => {
      const last = items.filter((item) => item.entity === 'HISTORY').at(-1) ?? {};
      const ahead = { ...last, SK: 'HISTORY#9999', id: 'ahead', version: contract.version + 1 };
      return [...items, ahead];
    };

    const { snapshot, sent } = await read(contract);

    expect(snapshot).toEqual(await expected(contract));
    expect(sent.filter((name) => name === 'QueryCommand')).toHaveLength(2);
  });

  it('reads the history of a contract copied in whole from the event log, with one request more', async () => {
    const contract = await unlockedFiling();
    await datastore.transfer.write('contracts', [contract]);

    const { snapshot } = await read(contract);
    expect(snapshot?.history).toBeNull();
    const { result: filing, count } = await meterStatements(() => datastore.contracts.getFiling(contract.id));
    // The milestones: the draft saves that added the rates are in the event log only.
    expect(filing.history).toEqual((await expected(contract)).history.filter(isFilingMilestone));
    expect(filing.history.map((event) => event.action)).toEqual(['CREATE_CONTRACT', 'SUBMIT', 'UNLOCK']);
    // The partition's Query, the rates' BatchGet, the TransactGetItems, and the event log's Query.
    expect(count.statements).toBe(4);
  });

  it('reads a filing of more than 100 items in several transactional reads, all at one version', async () => {
    const created = await datastore.contracts.create(buildContractInput(await freshState(datastore)));
    let { contract } = await addNewRates(datastore, created, 20);
    // Each round gives every rate and the contract one more revision: 1 + 4 + 20 + 20 × 4 = 105 items.
    for (let round = 0; round < 3; round++) {
      const filed = await submitWithRates(datastore, contract);
      contract = await applyChange(
        datastore,
        filed.contract,
        unlock(filed.contract, { rates: { open: filed.rates.map((r) => openRate(r)) } }),
      );
    }

    const { snapshot, sent } = await read(contract);

    expect(snapshot).toEqual(await expected(contract));
    expect([...(snapshot?.rates.values() ?? [])].map((r) => r.revisions.length)).toEqual(Array(20).fill(4));
    expect(sent.filter((name) => name === 'TransactGetItemsCommand')).toHaveLength(2);
  });
});
