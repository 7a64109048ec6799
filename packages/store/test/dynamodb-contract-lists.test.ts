import { DeleteItemCommand, DynamoDBClient, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  defaultContractListQuery,
  newId,
  summaryFactsOf,
  summaryStatus,
  type Contract,
  type ContractChange,
  type ContractListQuery,
  type ContractSummary,
} from '@docket/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Datastore } from '../src/datastore';
import { createDynamoDatastore } from '../src/dynamodb';
import type { Database } from '../src/dynamodb/database';
import { listContracts, MAX_MERGED_STATES, PAGE_READ_BUDGET } from '../src/dynamodb/dynamodb-contract-lists';
import type { Page, PageRequest } from '../src/page';
import {
  at,
  buildApply,
  buildContractInput,
  dropDynamoDbTable,
  dynamoDbLocalSuite,
  freshState,
  reviewAction,
  submit,
} from './conformance';

/**
 * What the DynamoDB dashboard lists read (docs/adr/0024-dynamodb-dashboard-lists.md): Queries of the planned
 * indexes only, never a Scan; a page whose filter matches little stops at its read budget with a cursor at the last
 * item read, and the pages together still list every match once, in order; and `migrate()` gives the list keys to
 * contract items an older release wrote.
 */

const suite = dynamoDbLocalSuite('DynamoDB dashboard lists');

/** One request the reader sent: the command, the index it read, and how many items it read and matched. */
interface Sent {
  command: string;
  index: string | null;
  scanned: number;
  matched: number;
}

/** The state dashboard's default list, with `overrides`. */
function query(overrides: Partial<ContractListQuery> = {}): ContractListQuery {
  return { ...defaultContractListQuery('LATEST'), ...overrides };
}

describe.skipIf(suite.skip)('DynamoDB adapter: dashboard lists', () => {
  const table = `docket-lists-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  let datastore: Datastore;
  let reader: Database;
  let raw: DynamoDBClient;
  const sent: Sent[] = [];

  beforeAll(async () => {
    const options = suite.options();
    datastore = createDynamoDatastore({ table, ...options });
    await datastore.migrate();
    raw = new DynamoDBClient(options);
    const client = new DynamoDBClient(options);
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const result = await next(args);
        const input = args.input as { IndexName?: string };
        const output = result.output as { ScannedCount?: number; Count?: number };
        sent.push({
          command: context.commandName ?? '?',
          index: input.IndexName ?? null,
          scanned: output.ScannedCount ?? 0,
          matched: output.Count ?? 0,
        });
        return result;
      },
      { step: 'build', name: 'listsUnderTest' },
    );
    reader = { client, documents: DynamoDBDocumentClient.from(client), table };
  });

  afterAll(async () => {
    reader?.documents.destroy();
    reader?.client.destroy();
    raw?.destroy();
    await datastore?.close();
    await dropDynamoDbTable(suite.options().endpoint, table);
  });

  /** Every page of a list, with what each page sent. */
  async function pages(
    q: ContractListQuery,
    limit: number,
    budget: number = PAGE_READ_BUDGET,
  ): Promise<{ page: Page<ContractSummary>; sent: Sent[] }[]> {
    const out: { page: Page<ContractSummary>; sent: Sent[] }[] = [];
    let cursor: string | null = null;
    do {
      sent.length = 0;
      const request: PageRequest = { limit, cursor };
      const page = await listContracts(reader, q, request, budget);
      out.push({ page, sent: [...sent] });
      cursor = page.nextCursor;
      if (out.length > 500) throw new Error('A list that never ends');
    } while (cursor !== null);
    return out;
  }

  const change = (contract: Contract, made: ContractChange, time: string) =>
    datastore.contracts.apply(contract.id, buildApply(contract, made, { at: time }));

  /** A state of `count` submitted contracts, one update a second apart; every `withdrawnEvery`th one withdrawn. */
  async function submittedState(count: number, withdrawnEvery: number): Promise<Contract[]> {
    const stateCode = await freshState(datastore);
    const base = '2700-01-01T00:00:00.000Z';
    const contracts: Contract[] = [];
    for (let i = 0; i < count; i++) {
      const time = at(i * 1000, base);
      let contract = await datastore.contracts.create(buildContractInput(stateCode, { at: time }));
      contract = await change(contract, submit(contract, { at: time }), time);
      if (i % withdrawnEvery === 0) {
        contract = await change(contract, reviewAction({ action: 'WITHDRAW', at: time }), time);
      }
      contracts.push(contract);
    }
    return contracts;
  }

  it('stops a page whose filter matches little at its budget, with a cursor at the last item read', async () => {
    const contracts = await submittedState(24, 8);
    const stateCode = contracts[0]?.stateCode ?? '';
    const withdrawn = contracts
      .map(summaryFactsOf)
      .filter((s) => summaryStatus(s) === 'WITHDRAWN')
      .reverse();
    expect(withdrawn).toHaveLength(3);
    const q = query({ states: [stateCode], statuses: ['WITHDRAWN'] });

    const budget = 5;
    const listed = await pages(q, 2, budget);

    expect(listed.flatMap(({ page }) => page.items)).toEqual(withdrawn);
    // Short pages, some empty, each reading its first Query (3 items: the page and one more) and the budget.
    expect(listed.some(({ page }) => page.items.length < 2 && page.nextCursor !== null)).toBe(true);
    for (const { sent: requests } of listed) {
      const read = requests.reduce((sum, r) => sum + r.scanned, 0);
      expect(read).toBeLessThanOrEqual(3 + budget);
      expect(requests.every((r) => r.command === 'QueryCommand' && r.index === 'stateUpdated')).toBe(true);
    }
    // The same list in one page when the budget allows it.
    const whole = await pages(q, 10);
    expect(whole.map(({ page }) => page.items)).toEqual([withdrawn]);
  });

  it('merges several states under a budget without skipping or repeating a match', async () => {
    const [a, b] = [await submittedState(10, 3), await submittedState(10, 4)];
    const states = [a[0]?.stateCode ?? '', b[0]?.stateCode ?? ''];
    for (const sort of [
      { by: 'UPDATED', direction: 'ASC' },
      { by: 'SUBMITTED', direction: 'DESC' },
      { by: 'NAME', direction: 'DESC' },
    ] as const) {
      const q = query({ view: 'SUBMITTED', states, statuses: ['SUBMITTED'], sort });
      const everyMatch = (await pages(q, 100)).flatMap(({ page }) => page.items);
      expect(everyMatch).toHaveLength(20 - 4 - 3);
      const budgeted = await pages(q, 3, 4);
      expect(
        budgeted.flatMap(({ page }) => page.items),
        `${sort.by} ${sort.direction}`,
      ).toEqual(everyMatch);
      expect(budgeted.every(({ sent: s }) => s.every((r) => r.command === 'QueryCommand'))).toBe(true);
      // The Queries of a round share the budget: a page reads no more than it, give or take one per state.
      for (const { sent: requests } of budgeted) {
        expect(requests.reduce((sum, r) => sum + r.scanned, 0)).toBeLessThanOrEqual(4 + states.length);
      }
    }
  });

  it('goes on from segment to segment when the budget ends with one: states by name, drafts after submissions', async () => {
    const states = [
      await submittedState(2, 100),
      await submittedState(1, 100),
      await submittedState(3, 100),
    ].map((contracts) => contracts[0]?.stateCode ?? '');
    for (const stateCode of states.slice(1)) {
      await datastore.contracts.create(
        buildContractInput(stateCode, { at: at(0, '2700-01-01T00:00:00.000Z') }),
      );
    }
    for (const sort of [
      { by: 'NAME', direction: 'ASC' },
      { by: 'NAME', direction: 'DESC' },
      { by: 'SUBMITTED', direction: 'ASC' },
      { by: 'SUBMITTED', direction: 'DESC' },
    ] as const) {
      const q = query({ states, sort });
      const [whole] = await pages(q, 100);
      expect(whole?.page.items).toHaveLength(8);
      // A budget of one item: every page reads one Query of each segment it starts, and stops after it.
      const budgeted = await pages(q, 4, 1);
      expect(
        budgeted.flatMap(({ page }) => page.items),
        `${sort.by} ${sort.direction}`,
      ).toEqual(whole?.page.items);
      expect(budgeted.length, `${sort.by} ${sort.direction}`).toBeGreaterThan(2);
    }
  });

  it('merges a few states partition by partition, and filters the store-wide shards by state past that', async () => {
    const many: Contract[] = [];
    for (let i = 0; i <= MAX_MERGED_STATES; i++) many.push(...(await submittedState(1, 100)));
    const draft = await datastore.contracts.create(
      buildContractInput(many[0]?.stateCode ?? '', { at: at(0, '2700-01-01T00:00:00.000Z') }),
    );
    many.push(draft);
    const states = [...new Set(many.map((c) => c.stateCode))];
    expect(states).toHaveLength(MAX_MERGED_STATES + 1);
    const expected = (sort: ContractListQuery['sort'], of: readonly string[]) => {
      const chosen = many.map(summaryFactsOf).filter((s) => of.includes(s.stateCode));
      const key = (s: ContractSummary) =>
        sort.by === 'UPDATED' ? s.updatedAt : (s.firstSubmittedAt ?? (sort.direction === 'ASC' ? '~' : ' '));
      const sign = sort.direction === 'ASC' ? 1 : -1;
      return chosen.sort(
        (a, b) => sign * (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.id < b.id ? -1 : 1),
      );
    };
    for (const sort of [
      { by: 'UPDATED', direction: 'DESC' },
      { by: 'SUBMITTED', direction: 'ASC' },
    ] as const) {
      const wide = await pages(query({ states, sort }), 3);
      expect(
        wide.flatMap(({ page }) => page.items),
        sort.by,
      ).toEqual(expected(sort, states));
      const first = wide[0]?.sent.map((r) => r.index) ?? [];
      expect(first.slice(0, 4), sort.by).toEqual(
        Array.from({ length: 4 }, () => (sort.by === 'UPDATED' ? 'updated' : 'submittedContracts')),
      );

      const few = states.slice(0, 2);
      const narrow = await pages(query({ states: few, sort }), 3);
      expect(
        narrow.flatMap(({ page }) => page.items),
        sort.by,
      ).toEqual(expected(sort, few));
      expect(narrow[0]?.sent.map((r) => r.index).slice(0, 2), sort.by).toEqual(
        Array.from({ length: 2 }, () => (sort.by === 'UPDATED' ? 'stateUpdated' : 'stateSubmitted')),
      );
    }
  });

  it('reads a store-wide page from the four shards of its index, and nothing else', async () => {
    await submittedState(6, 100);
    for (const [view, index] of [
      ['LATEST', 'updated'],
      ['SUBMITTED', 'shared'],
    ] as const) {
      const [first] = await pages(query({ view }), 5);
      expect(first?.page.items).toHaveLength(5);
      expect(first?.sent.map((r) => `${r.command} on ${r.index}`)).toEqual(
        Array.from({ length: 4 }, () => `QueryCommand on ${index}`),
      );
    }
    const [bySubmission] = await pages(query({ sort: { by: 'SUBMITTED', direction: 'ASC' } }), 5);
    expect(bySubmission?.sent.map((r) => `${r.command} on ${r.index}`)).toEqual(
      Array.from({ length: 4 }, () => 'QueryCommand on submittedContracts'),
    );
  });

  it('lists the contracts a transfer wrote, with their keys and status, in both views', async () => {
    const source = await submittedState(4, 2);
    const draft = await datastore.contracts.create(
      buildContractInput(source[0]?.stateCode ?? '', { at: at(0, '2700-01-01T00:00:00.000Z') }),
    );
    // The same filings under new ids in another state, as a copy from another store would write them.
    const stateCode = await freshState(datastore);
    const copies: Contract[] = [...source, draft].map((contract) => {
      const id = newId();
      return {
        ...contract,
        id,
        stateCode,
        revisions: contract.revisions.map((r) => ({ ...r, id: newId(), contractId: id })),
        reviewActions: contract.reviewActions.map((a) => ({ ...a, id: newId() })),
      };
    });
    await datastore.transfer.write('contracts', copies);

    const byId = (summaries: ContractSummary[]) => [...summaries].sort((a, b) => (a.id < b.id ? -1 : 1));
    const summaries = copies.map(summaryFactsOf);
    for (const sort of [
      { by: 'UPDATED', direction: 'DESC' },
      { by: 'SUBMITTED', direction: 'ASC' },
      { by: 'NAME', direction: 'ASC' },
    ] as const) {
      const latest = (await pages(query({ states: [stateCode], sort }), 100)).flatMap(
        ({ page }) => page.items,
      );
      expect(byId(latest), sort.by).toEqual(byId(summaries));
      const submitted = (await pages(query({ view: 'SUBMITTED', states: [stateCode], sort }), 100)).flatMap(
        ({ page }) => page.items,
      );
      expect(byId(submitted), sort.by).toEqual(byId(summaries.filter((s) => s.submittedCount > 0)));
    }
    const withdrawn = await listContracts(reader, query({ states: [stateCode], statuses: ['WITHDRAWN'] }), {
      limit: 10,
    });
    expect(byId(withdrawn.items)).toEqual(byId(summaries.filter((s) => summaryStatus(s) === 'WITHDRAWN')));
  });

  it('gives the list keys to contract items an older release wrote, once, when migrating', async () => {
    const contracts = await submittedState(3, 2);
    const stateCode = contracts[0]?.stateCode ?? '';
    const q = query({ states: [stateCode] });
    const expected = contracts.map(summaryFactsOf).reverse();
    expect((await listContracts(reader, q, { limit: 10 })).items).toEqual(expected);

    // What an older release left: contract items without the list keys and status, and no mark.
    for (const contract of contracts) {
      await raw.send(
        new UpdateItemCommand({
          TableName: table,
          Key: { PK: { S: `CONTRACT#${contract.id}` }, SK: { S: 'CONTRACT' } },
          UpdateExpression:
            'REMOVE listStatus, stateUpdatedKey, stateUpdatedSort, stateSharedKey, stateSharedSort, ' +
            'stateSubmittedKey, stateSubmittedSort, updatedKey, updatedSort, sharedKey, sharedSort',
        }),
      );
    }
    await raw.send(
      new DeleteItemCommand({
        TableName: table,
        Key: { PK: { S: 'SCHEMA' }, SK: { S: 'CONTRACT_LIST_KEYS' } },
      }),
    );
    expect((await listContracts(reader, q, { limit: 10 })).items).toEqual([]);

    await datastore.migrate();

    expect((await listContracts(reader, q, { limit: 10 })).items).toEqual(expected);
    expect(
      (await listContracts(reader, { ...q, statuses: ['WITHDRAWN'] }, { limit: 10 })).items.map((s) => s.id),
    ).toEqual(expected.filter((s) => summaryStatus(s) === 'WITHDRAWN').map((s) => s.id));
  });
});
