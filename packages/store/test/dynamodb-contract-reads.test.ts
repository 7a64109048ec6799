import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { isFilingMilestone, linkedRateIds, type Contract, type DocumentRef, type Rate } from '@docket/domain';
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
  buildDocument,
  buildFormData,
  buildRateFormData,
  dropDynamoDbTable,
  dynamoDbLocalSuite,
  fixedLinks,
  freshState,
  openRate,
  saveDraft,
  saveRate,
  submit,
  submitRate,
  submitWithRates,
  unlock,
} from './conformance';

/**
 * The DynamoDB adapter's snapshot reads, where a query of a contract's partition meets a change: the reads that
 * disagree must be found out and made again. DynamoDB Local applies a transaction at once, so the disagreements
 * are made here: a change written between the query and the transactional read, or a query answer altered as a
 * torn one would be (an item of a change missing, or still as it was before).
 */

const suite = dynamoDbLocalSuite('DynamoDB snapshot reads');

type Item = Record<string, unknown>;

/** What a reader's client does with the answer to its next query of a partition, once. */
type QueryHook = (items: Item[]) => Promise<Item[]>;

describe.skipIf(suite.skip)('DynamoDB adapter: snapshot reads', () => {
  const table = `docket-reads-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  let datastore: Datastore;
  let reader: Database;
  let nextQuery: QueryHook | null = null;
  /** Run before each TransactGetItems is sent, with the partition keys it reads. */
  let beforeTransactGet: ((partitions: string[]) => Promise<void>) | null = null;
  const sent: string[] = [];

  beforeAll(async () => {
    const options = suite.options();
    datastore = createDynamoDatastore({ table, ...options });
    await datastore.migrate();
    const client = new DynamoDBClient(options);
    // On the way back, once the answer is parsed into plain values: notes each request, and hands the next
    // query's items to the hook a test set.
    client.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'TransactGetItemsCommand' && beforeTransactGet) {
          const input = args.input as { TransactItems: { Get: { Key: { PK: { S: string } } } }[] };
          await beforeTransactGet(input.TransactItems.map((item) => item.Get.Key.PK.S));
        }
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
    await dropDynamoDbTable(suite.options().endpoint, table);
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
    // The partition's Query, the rates' BatchGet, the TransactGetItems, the reviewers' Query, and the event log's.
    expect(count.statements).toBe(5);
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

  /** 100 documents whose references take about 300 KB in all: big answers, for filings of several MB. */
  function bulkyDocuments(prefix: string): DocumentRef[] {
    return Array.from({ length: 100 }, (_, i) =>
      buildDocument({ name: `${prefix}-${i}.pdf`, blobKey: `documents/${'k'.repeat(3000)}-${i}` }),
    );
  }

  const bulkyForm = () =>
    buildFormData({
      submissionType: 'CONTRACT_AND_RATES',
      contractDetails: { ...buildFormData().contractDetails, supportingDocuments: bulkyDocuments('c') },
    });
  const bulkyRate = () => buildRateFormData({ supportingDocuments: bulkyDocuments('r') });

  /** Submits and unlocks the contract `count` times, with its own rates and the rates of `linked`. */
  async function rounds(contract: Contract, count: number, linked: Rate[] = []): Promise<Contract> {
    let current = contract;
    for (let round = 0; round < count; round++) {
      const owned = await datastore.rates.listByParent(current.id);
      const submitted = await applyChange(
        datastore,
        current,
        submit(current, {
          rateLinks: fixedLinks(...owned, ...linked),
          rates: { submit: owned.map((rate) => submitRate(rate)) },
        }),
      );
      const filed = await datastore.rates.listByParent(current.id);
      current = await applyChange(
        datastore,
        submitted,
        unlock(submitted, { rates: { open: filed.map((r) => openRate(r)) } }),
      );
    }
    return current;
  }

  /** An unlocked filing of `rounds + 1` bulky revisions that owns one rate of as many. */
  async function bulkyOwner(stateCode: string, count: number): Promise<{ contract: Contract; rate: Rate }> {
    const created = await datastore.contracts.create(
      buildContractInput(stateCode, { formData: bulkyForm() }),
    );
    const { contract, rates } = await addNewRates(datastore, created, [bulkyRate()]);
    const [rate] = rates;
    if (!rate) throw new Error('no rate');
    const withForm = await applyChange(datastore, contract, saveDraft(contract, bulkyForm()));
    return { contract: await rounds(withForm, count), rate };
  }

  /**
   * A filing of some 5 MB: six revisions of the contract and six of its own rate, each of about 330 KB, and
   * another filing's rate of `linkedRevisions` such revisions linked; unlocked, so its draft and its rate's draft
   * are open. The other filing is left unlocked too.
   */
  async function bulkyFiling(linkedRevisions = 4): Promise<{ contract: Contract; other: Contract }> {
    const stateCode = await freshState(datastore);
    const other = await bulkyOwner(stateCode, linkedRevisions - 1);
    const linked = await datastore.rates.get(other.rate.id);
    const mine = await bulkyOwner(stateCode, 0);
    return { contract: await rounds(mine.contract, 5, [linked]), other: other.contract };
  }

  it('reads a filing of more than 4 MB, confirmed in transactional reads that each stay under it', async () => {
    const { contract } = await bulkyFiling();

    const { snapshot, sent } = await read(contract);

    expect(snapshot).toEqual(await expected(contract));
    expect(snapshot?.contract.revisions).toHaveLength(6);
    expect([...(snapshot?.rates.values() ?? [])].map((r) => r.revisions.length)).toEqual([6, 4]);
    expect(sent.filter((name) => name === 'TransactGetItemsCommand').length).toBeGreaterThan(1);
  });

  it('reads a filing of more than 4 MB again when a save lands between the query and the transactional reads', async () => {
    const { contract } = await bulkyFiling();
    let changed: Contract = contract;
    nextQuery = async (items) => {
      const form = { ...bulkyForm(), submissionDescription: 'Saved meanwhile' };
      changed = await applyChange(datastore, contract, saveDraft(contract, form));
      return items;
    };

    const { snapshot, sent } = await read(contract);

    expect(changed.version).toBe(contract.version + 1);
    expect(snapshot?.contract.revisions.at(-1)?.formData.submissionDescription).toBe('Saved meanwhile');
    expect(snapshot).toEqual(await expected(changed));
    // The partition is read in pages of 1 MB: twice as many as a read that met no change.
    const pages = (await read(changed)).sent.filter((name) => name === 'QueryCommand').length;
    expect(sent.filter((name) => name === 'QueryCommand')).toHaveLength(2 * pages);
  });

  it('reads a linked rate of more than 4 MB in pieces, again when its filing saves it between them', async () => {
    const { contract, other } = await bulkyFiling(12);
    const [rate] = await datastore.rates.listByParent(other.id);
    if (!rate) throw new Error('no rate');
    let changedOther: Contract = other;
    let pieces = 0;
    // Before the second request that reads the linked rate's item is sent: the first has read it already.
    beforeTransactGet = async (partitions) => {
      if (!partitions.includes(`RATE#${rate.id}`) || ++pieces !== 2) return;
      beforeTransactGet = null;
      const form = { ...bulkyRate(), rateDateCertified: '2026-04-01' };
      changedOther = await applyChange(
        datastore,
        other,
        saveDraft(other, undefined, { rateLinks: fixedLinks(rate), rates: { save: [saveRate(rate, form)] } }),
      );
    };

    const { snapshot, sent } = await read(contract);

    expect(changedOther.version).toBe(other.version + 1);
    const linked = [...(snapshot?.rates.values() ?? [])].find((r) => r.parentContractId === other.id);
    expect(linked?.revisions).toHaveLength(12);
    expect(linked?.revisions.at(-1)?.formData.rateDateCertified).toBe('2026-04-01');
    expect(snapshot).toEqual(await expected(contract));
    expect(pieces).toBe(2);
    const pages = (await read(contract)).sent.filter((name) => name === 'QueryCommand').length;
    expect(sent.filter((name) => name === 'QueryCommand')).toHaveLength(2 * pages);
  });
});
