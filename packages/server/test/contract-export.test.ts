import { newId, type ContractView, type Problem, type User } from '@docket/domain';
import { buildUser } from '@docket/domain/testing';
import type { ContractStore, Datastore } from '@docket/store';
import { datastoreLike } from '@docket/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTRACT_CSV_HEADER, contractListCsv, CSV_PAGE_SIZE } from '../src/export/contract-list-csv';
import { generateFilings } from '../src/generate/generate-filings';
import { contractListFilterParams, contractListRequestOf } from '../src/routes/contract-list-params';
import {
  completeForm,
  createContract,
  expectProblem,
  openTestDatastore,
  programsOf,
  startTestApp,
  type TestApp,
  type UserClient,
} from './helpers';

/**
 * `GET /api/contracts.csv`: the dashboard's view as a file a spreadsheet opens cleanly, and streamed — read from the
 * store a page at a time, only as fast as the reader takes it.
 */

const BOM = '\uFEFF';

/** The datastore, counting the dashboard pages read from it. */
function countingPages(datastore: Datastore): { datastore: Datastore; pagesRead: () => number } {
  let pages = 0;
  const inner = datastore.contracts;
  const contracts = new Proxy(inner, {
    get(target, property, receiver) {
      if (property === 'listContracts') {
        return (...args: Parameters<ContractStore['listContracts']>) => {
          pages += 1;
          return target.listContracts(...args);
        };
      }
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { datastore: datastoreLike(datastore, { contracts }), pagesRead: () => pages };
}

/** The records of a CSV body, split at every comma (no field here holds a line break; some hold commas). */
function records(body: string): string[][] {
  expect(body.startsWith(BOM)).toBe(true);
  expect(body.endsWith('\r\n')).toBe(true);
  return body
    .slice(BOM.length, -2)
    .split('\r\n')
    .map((line) => line.split(','));
}

describe('the CSV of a dashboard view', () => {
  let t: TestApp;
  let mn: UserClient;
  let reviewer: UserClient;
  const formulaProgram = {
    id: newId(),
    stateCode: 'MN',
    name: '=HYPERLINK("http://attacker.example")',
    fullName: 'A program whose name a spreadsheet would run',
    isRateProgram: false,
    isDeprecated: false,
  };
  let plain: ContractView;
  let dangerous: ContractView;

  async function submitted(formData = completeForm('MN')): Promise<ContractView> {
    const created = await createContract(mn, formData);
    const response = await mn.post(`/api/contracts/${created.id}/submit`, { version: created.version });
    expect(response.statusCode, response.body).toBe(200);
    return response.json<ContractView>();
  }

  beforeAll(async () => {
    const datastore = await openTestDatastore();
    await datastore.states.upsertPrograms([formulaProgram]);
    t = await startTestApp({ datastore });
    mn = await t.loginAs('STATE_USER', { state: 'MN' });
    reviewer = await t.loginAs('CMS_USER', { division: 'DMCO' });
    plain = await submitted();
    dangerous = await submitted(completeForm('MN', { programIDs: [formulaProgram.id] }));
    await createContract(mn, completeForm('MN'));
    const wi = await t.loginAs('STATE_USER', { state: 'WI' });
    const other = await createContract(wi, completeForm('WI'));
    await wi.post(`/api/contracts/${other.id}/submit`, { version: other.version });
  });
  afterAll(() => t.close());

  it('holds the rows of the filters and order asked, as the dashboard shows them, with ids and links', async () => {
    const response = await reviewer.get('/api/contracts.csv?state=MN&sort=name&order=asc');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="submissions.csv"/);
    const [header, ...rows] = records(response.body);
    expect(header).toEqual([...CONTRACT_CSV_HEADER]);
    // The draft is not the reviewer's to see, and WI is filtered out.
    expect(rows.map((row) => row[7])).toEqual([plain.id, dangerous.id]);
    const [first] = rows;
    expect(first).toEqual([
      plain.name,
      'MN',
      'Contract action only',
      programsOf('MN')[0]?.name,
      plain.revisions[0]?.submitted?.at,
      plain.updatedAt,
      'Submitted',
      plain.id,
      `/submissions/${plain.id}`,
    ]);
  });

  it('writes a cell that starts like a formula as text, with an apostrophe', async () => {
    const response = await reviewer.get(`/api/contracts.csv?program=${formulaProgram.id}`);
    expect(response.statusCode, response.body).toBe(200);
    const lines = response.body.slice(BOM.length).split('\r\n');
    expect(lines[1]).toContain(`,"'=HYPERLINK(""http://attacker.example"")",`);
    expect(lines[1]).toContain(dangerous.id);
    expect(response.body).not.toMatch(/(^|,)=HYPERLINK/m);
  });

  it('refuses what the list refuses, with a problem and no file', async () => {
    const wiForMn = expectProblem(await mn.get('/api/contracts.csv?state=WI'), 403, 'FORBIDDEN');
    expect(wiForMn.detail).toMatch(/own state/);
    const bad = expectProblem(await reviewer.get('/api/contracts.csv?status=nope'), 400, 'VALIDATION_FAILED');
    expect(bad.issues?.[0]?.path.slice(0, 2)).toEqual(['query', 'status']);
    const anonymous = await t.anonymous.get('/api/contracts.csv');
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json<Problem>().code).toBe('UNAUTHENTICATED');
  });
});

describe('a CSV of 10,000 filings', () => {
  const FILINGS = 10_000;
  let store: Datastore;
  let counted: ReturnType<typeof countingPages>;
  let t: TestApp;
  let admin: UserClient;
  const adminUser: User = buildUser({ role: 'ADMIN', stateCode: null });

  beforeAll(async () => {
    store = await openTestDatastore();
    await generateFilings(store, { filings: FILINGS, documents: 'none', batchSize: 500 });
    counted = countingPages(store);
    t = await startTestApp({ datastore: counted.datastore });
    admin = await t.loginAs('ADMIN');
  }, 300_000);
  afterAll(() => t.close());

  it('holds every filing once, read from the store in pages of 100', async () => {
    const before = counted.pagesRead();
    const response = await admin.get('/api/contracts.csv?sort=name&order=asc');
    expect(response.statusCode).toBe(200);
    const [, ...rows] = records(response.body);
    expect(rows.length).toBe(FILINGS);
    // The link ends each record (a quoted program list before it may hold commas).
    expect(new Set(rows.map((row) => row.at(-1))).size).toBe(FILINGS);
    expect(rows.every((row) => /^\/submissions\/[0-9a-f-]{36}$/.test(row.at(-1) ?? ''))).toBe(true);
    expect(counted.pagesRead() - before).toBe(FILINGS / CSV_PAGE_SIZE);
  });

  it('reads the next page only when the reader has taken the previous one', async () => {
    const before = counted.pagesRead();
    const stores = { contracts: counted.datastore.contracts, states: counted.datastore.states };
    const everything = contractListRequestOf(contractListFilterParams.parse({}));
    const csv = await contractListCsv(stores, adminUser, everything);
    const read = () => counted.pagesRead() - before;
    const pause = () => new Promise((resolve) => setTimeout(resolve, 50));

    // Made, not yet read: the first page only.
    await pause();
    expect(read()).toBe(1);
    // A reader that takes a few chunks and stops: the store is read no further than a page or two ahead.
    let taken = 0;
    let rows = 0;
    let mostAhead = 0;
    for await (const chunk of csv) {
      taken += 1;
      rows += String(chunk).split('\r\n').length - 1;
      mostAhead = Math.max(mostAhead, read() - taken);
      if (taken === 5) break;
      await pause();
    }
    await pause();
    expect(read()).toBeLessThanOrEqual(taken + 2);
    expect(mostAhead).toBeLessThanOrEqual(2);
    // A header and 100 rows a page, as pages are taken.
    expect(rows).toBeGreaterThanOrEqual(1 + CSV_PAGE_SIZE * (taken - 2));
    expect(rows).toBeLessThanOrEqual(1 + CSV_PAGE_SIZE * taken);
    // Stopping the reader stops the reads: 100 pages were there.
    const stopped = read();
    await pause();
    expect(read()).toBe(stopped);
    expect(stopped).toBeLessThan(FILINGS / CSV_PAGE_SIZE / 10);
  });
});
