import { newId, type ContractView, type Problem, type RateListView } from '@docket/domain';
import type { Datastore, RateStore } from '@docket/store';
import { datastoreLike } from '@docket/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSV_PAGE_SIZE } from '../src/export/contract-list-csv';
import { RATE_CSV_HEADER } from '../src/export/rate-list-csv';
import { generateFilings } from '../src/generate/generate-filings';
import {
  completeForm,
  completeRateForm,
  createContract,
  expectProblem,
  openTestDatastore,
  programsOf,
  startTestApp,
  type TestApp,
  type UserClient,
} from './helpers';

/**
 * `GET /api/rates` and `GET /api/rates.csv`: the CMS rate reviews dashboard, filtered and sorted by the datastore,
 * for CMS users only, and its whole view as a file a spreadsheet opens cleanly, streamed a page at a time.
 */

const BOM = '\uFEFF';

/** The records of a CSV body, split at every comma (no field here holds a comma or a line break). */
function records(body: string): string[][] {
  expect(body.startsWith(BOM)).toBe(true);
  expect(body.endsWith('\r\n')).toBe(true);
  return body
    .slice(BOM.length, -2)
    .split('\r\n')
    .map((line) => line.split(','));
}

/** The datastore, counting the rate list pages read from it. */
function countingPages(datastore: Datastore): { datastore: Datastore; pagesRead: () => number } {
  let pages = 0;
  const rates = new Proxy(datastore.rates, {
    get(target, property, receiver) {
      if (property === 'listRates') {
        return (...args: Parameters<RateStore['listRates']>) => {
          pages += 1;
          return target.listRates(...args);
        };
      }
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { datastore: datastoreLike(datastore, { rates }), pagesRead: () => pages };
}

describe('the rate reviews dashboard', () => {
  let t: TestApp;
  let mn: UserClient;
  let reviewer: UserClient;
  const formulaProgram = {
    id: newId(),
    stateCode: 'MN',
    name: '=HYPERLINK("http://attacker.example")',
    fullName: 'A program whose name a spreadsheet would run',
    isRateProgram: true,
    isDeprecated: false,
  };
  let plain: ContractView;
  let amendment: ContractView;
  let dangerous: ContractView;
  let withdrawn: ContractView;

  /** A submitted contract of the state with one new rate of these answers. */
  async function filedWithRate(user: UserClient, state: string, rate = completeRateForm(state)) {
    const draft = await createContract(user);
    const saved = await user.put(`/api/contracts/${draft.id}/draft`, {
      version: draft.version,
      formData: completeForm(state, { submissionType: 'CONTRACT_AND_RATES' }),
      rates: [{ kind: 'NEW', rateId: null, formData: rate }],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const view = saved.json<ContractView>();
    const submitted = await user.post(`/api/contracts/${view.id}/submit`, { version: view.version });
    expect(submitted.statusCode, submitted.body).toBe(200);
    return submitted.json<ContractView>();
  }
  const rateIdOf = (view: ContractView) => view.revisions.at(-1)?.rateLinks[0]?.rateId;
  const list = async (client: UserClient, query: string) => {
    const response = await client.get(`/api/rates${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json<RateListView>();
  };

  beforeAll(async () => {
    const datastore = await openTestDatastore();
    await datastore.states.upsertPrograms([formulaProgram]);
    t = await startTestApp({ datastore });
    mn = await t.loginAs('STATE_USER', { state: 'MN' });
    reviewer = await t.loginAs('CMS_USER', { division: 'DMCO' });
    const wi = await t.loginAs('STATE_USER', { state: 'WI' });
    plain = await filedWithRate(mn, 'MN');
    amendment = await filedWithRate(
      wi,
      'WI',
      completeRateForm('WI', {
        rateType: 'AMENDMENT',
        rateDateStart: '2024-07-01',
        rateDateEnd: '2025-06-30',
        amendmentEffectiveDateStart: '2024-10-01',
        amendmentEffectiveDateEnd: '2025-06-30',
      }),
    );
    dangerous = await filedWithRate(
      mn,
      'MN',
      completeRateForm('MN', {
        rateProgramIDs: [formulaProgram.id],
        rateDateStart: '2027-01-01',
        rateDateEnd: '2027-12-31',
      }),
    );
    const toWithdraw = await filedWithRate(mn, 'MN', completeRateForm('MN', { rateDateStart: '2023-01-01' }));
    const response = await reviewer.post(`/api/contracts/${toWithdraw.id}/withdraw`, {
      version: toWithdraw.version,
      reason: 'Filed in error',
    });
    expect(response.statusCode, response.body).toBe(200);
    withdrawn = response.json<ContractView>();
  });
  afterAll(() => t.close());

  it('lists submitted rates with their names, programs, period, status and parent, as the rate page names them', async () => {
    const page = await list(reviewer, '?state=MN&state=WI&sort=name&order=asc');
    const ids = page.items.map((item) => item.id);
    expect(ids).toEqual([plain, dangerous, withdrawn, amendment].map(rateIdOf));
    const [first] = page.items;
    const rate = await reviewer.get(`/api/rates/${rateIdOf(plain)}`);
    expect(rate.statusCode).toBe(200);
    expect(first).toEqual({
      id: rateIdOf(plain),
      stateCode: 'MN',
      stateNumber: expect.any(Number),
      name: rate.json<{ name: string }>().name,
      programNames: [programsOf('MN')[0]?.name],
      rateType: 'NEW',
      ratingPeriodStart: '2026-01-01',
      ratingPeriodEnd: '2026-12-31',
      firstSubmittedAt: plain.revisions.at(-1)?.submitted?.at,
      updatedAt: expect.any(String),
      status: 'SUBMITTED',
      parentContract: { id: plain.id, name: plain.name },
    });
    const statusOf = (view: ContractView) => page.items.find((item) => item.id === rateIdOf(view))?.status;
    expect(statusOf(withdrawn)).toBe('WITHDRAWN');
    expect(statusOf(amendment)).toBe('SUBMITTED');
  });

  it('filters by type, status and rating period, each in the URL', async () => {
    const ofTheseStates = '?state=MN&state=WI';
    const idsOf = async (query: string) =>
      (await list(reviewer, ofTheseStates + query)).items.map((i) => i.id);
    expect(await idsOf('&type=AMENDMENT')).toEqual([rateIdOf(amendment)]);
    expect(await idsOf('&status=WITHDRAWN')).toEqual([rateIdOf(withdrawn)]);
    expect(await idsOf('&period-from=2024-07-01&period-to=2026-01-01&sort=period&order=asc')).toEqual([
      rateIdOf(amendment),
      rateIdOf(plain),
    ]);
    expect(await idsOf('&period-from=0000-01-01&period-to=2023-01-01')).toEqual([rateIdOf(withdrawn)]);
    // Paging: one at a time, the same list.
    const whole = await idsOf('&sort=period&order=desc');
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page: RateListView = await list(
        reviewer,
        `${ofTheseStates}&sort=period&order=desc&limit=1${cursor ? `&cursor=${cursor}` : ''}`,
      );
      paged.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(paged).toEqual(whole);
    expect(whole).toHaveLength(4);
  });

  it('answers 400 naming the parameter for bad values, and a cursor of another query', async () => {
    for (const [query, parameter] of [
      ['?status=APPROVED', 'status'],
      ['?type=RATE_CELL', 'type'],
      ['?period-from=2025-13-01', 'period-from'],
      ['?period-to=tomorrow', 'period-to'],
      ['?sort=price', 'sort'],
      ['?order=up', 'order'],
      ['?limit=0', 'limit'],
    ] as const) {
      const problem = expectProblem(await reviewer.get(`/api/rates${query}`), 400, 'VALIDATION_FAILED');
      expect(problem.issues?.[0]?.path.slice(0, 2), query).toEqual(['query', parameter]);
    }
    const first = await list(reviewer, '?state=MN&limit=1');
    expect(first.nextCursor).not.toBeNull();
    const problem = expectProblem(
      await reviewer.get(`/api/rates?state=WI&limit=1&cursor=${first.nextCursor}`),
      400,
      'INVALID_CURSOR',
    );
    expect(problem.issues?.[0]?.path).toContain('cursor');
  });

  it('is for CMS users: a state user gets 403, an anonymous caller 401', async () => {
    expectProblem(await mn.get('/api/rates'), 403, 'FORBIDDEN');
    expectProblem(await mn.get('/api/rates.csv'), 403, 'FORBIDDEN');
    const anonymous = await t.anonymous.get('/api/rates');
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json<Problem>().code).toBe('UNAUTHENTICATED');
    const readOnly = await t.loginAs('READONLY');
    expect((await readOnly.get('/api/rates?state=MN')).statusCode).toBe(200);
  });

  it('exports the view as CSV: the columns shown, ids and links, a formula written as text', async () => {
    const response = await reviewer.get('/api/rates.csv?state=MN&sort=name&order=asc');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="rate-reviews.csv"/);
    const lines = response.body.slice(BOM.length).split('\r\n');
    expect(lines[0]).toBe(RATE_CSV_HEADER.join(','));
    const formulaLine = lines.find((line) => line.includes(rateIdOf(dangerous) ?? 'none'));
    expect(formulaLine).toContain(`,"'=HYPERLINK(""http://attacker.example"")",`);
    expect(response.body).not.toMatch(/(^|,)=HYPERLINK/m);
    const page = await list(reviewer, '?state=MN&sort=name&order=asc');
    const plainRow = lines.find((line) => line.includes(`/rates/${rateIdOf(plain)}`));
    const shown = page.items[0];
    expect(plainRow?.split(',')).toEqual([
      shown?.name,
      'MN',
      String(shown?.stateNumber),
      programsOf('MN')[0]?.name,
      'New rate certification',
      '2026-01-01',
      '2026-12-31',
      shown?.firstSubmittedAt,
      shown?.updatedAt,
      'Submitted',
      plain.name,
      rateIdOf(plain),
      `/rates/${rateIdOf(plain)}`,
      plain.id,
      `/submissions/${plain.id}`,
    ]);
    const bad = expectProblem(await reviewer.get('/api/rates.csv?status=nope'), 400, 'VALIDATION_FAILED');
    expect(bad.issues?.[0]?.path.slice(0, 2)).toEqual(['query', 'status']);
  });
});

describe('a CSV of many rates', () => {
  let counted: ReturnType<typeof countingPages>;
  let t: TestApp;
  let reviewer: UserClient;

  beforeAll(async () => {
    const store = await openTestDatastore();
    await generateFilings(store, { filings: 3_000, documents: 'none', batchSize: 500 });
    counted = countingPages(store);
    t = await startTestApp({ datastore: counted.datastore });
    reviewer = await t.loginAs('CMS_USER', { division: 'DMCO' });
  }, 300_000);
  afterAll(() => t.close());

  it('holds every rate of the view once, read from the store in pages of 100', async () => {
    const paged = new Set<string>();
    let cursor: string | null = null;
    do {
      const response = await reviewer.get(`/api/rates?limit=100${cursor ? `&cursor=${cursor}` : ''}`);
      const page = response.json<RateListView>();
      for (const item of page.items) paged.add(item.id);
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(paged.size).toBeGreaterThan(CSV_PAGE_SIZE * 5);

    const before = counted.pagesRead();
    const response = await reviewer.get('/api/rates.csv?sort=period&order=asc');
    expect(response.statusCode).toBe(200);
    const [, ...rows] = records(response.body.replaceAll(/"[^"]*"/g, 'quoted'));
    expect(rows).toHaveLength(paged.size);
    const links = rows.map((row) => row[12]);
    expect(new Set(links)).toEqual(new Set([...paged].map((id) => `/rates/${id}`)));
    expect(counted.pagesRead() - before).toBe(Math.ceil(paged.size / CSV_PAGE_SIZE));
  });
});
