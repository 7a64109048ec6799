import type { ContractSummaryView, ContractView } from '@docket/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  completeForm,
  createContract,
  expectProblem,
  startTestApp,
  submittedContract,
  type TestApp,
  type UserClient,
} from './helpers';

/**
 * `GET /api/contracts` as the dashboards use it: the policy's view and scope, every filter and sort from the
 * query string, cursors tied to their query, and bad parameters answered with a problem naming them. The file
 * has a datastore of its own, so every list holds exactly the filings made here.
 */

interface ContractList {
  items: ContractSummaryView[];
  nextCursor: string | null;
}

let t: TestApp;
let mn: UserClient;
let wi: UserClient;
let reviewer: UserClient;
let admin: UserClient;
/** MN: a draft (contract and rates), two submissions. WI: one submission, one unlocked after its submission. */
let mnDraft: ContractView;
let mnFirst: ContractView;
let mnSecond: ContractView;
let wiSubmitted: ContractView;
let wiUnlocked: ContractView;

beforeAll(async () => {
  t = await startTestApp();
  mn = await t.loginAs('STATE_USER', { state: 'MN' });
  wi = await t.loginAs('STATE_USER', { state: 'WI' });
  reviewer = await t.loginAs('CMS_USER', { division: 'DMCO', assignedStates: ['WI'] });
  admin = await t.loginAs('ADMIN');
  mnDraft = await createContract(mn, completeForm('MN', { submissionType: 'CONTRACT_AND_RATES' }));
  mnFirst = await submittedContract(mn, 'MN');
  mnSecond = await submittedContract(mn, 'MN');
  wiSubmitted = await submittedContract(wi, 'WI');
  const toUnlock = await submittedContract(wi, 'WI');
  const unlocked = await reviewer.post(`/api/contracts/${toUnlock.id}/unlock`, {
    version: toUnlock.version,
    reason: 'Please fix the dates',
  });
  expect(unlocked.statusCode, unlocked.body).toBe(200);
  wiUnlocked = unlocked.json<ContractView>();
});

afterAll(() => t.close());

async function list(user: UserClient, query: string): Promise<ContractList> {
  const response = await user.get(`/api/contracts?${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<ContractList>();
}

const ids = (page: ContractList) => page.items.map((c) => c.id);

/** Every page of a query, followed by its cursors. */
async function allPages(user: UserClient, query: string): Promise<string[]> {
  const seen: string[] = [];
  let cursor: string | null = null;
  do {
    const page: ContractList = await list(
      user,
      `${query}${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`,
    );
    seen.push(...ids(page));
    cursor = page.nextCursor;
  } while (cursor !== null);
  return seen;
}

describe('a reviewer', () => {
  it('lists every submitted filing, never a draft, most recently updated first', async () => {
    const page = await list(reviewer, '');
    expect(ids(page)).toEqual([wiUnlocked.id, wiSubmitted.id, mnSecond.id, mnFirst.id]);
    expect(page.items.map((c) => c.status)).toEqual(['UNLOCKED', 'SUBMITTED', 'SUBMITTED', 'SUBMITTED']);
  });

  it('filters by states, by "my states", by status and by type', async () => {
    expect(ids(await list(reviewer, 'state=MN'))).toEqual([mnSecond.id, mnFirst.id]);
    expect(ids(await list(reviewer, 'state=MN&state=WI&order=asc'))).toEqual([
      mnFirst.id,
      mnSecond.id,
      wiSubmitted.id,
      wiUnlocked.id,
    ]);
    // Assigned to WI only.
    expect(ids(await list(reviewer, 'mine=1'))).toEqual([wiUnlocked.id, wiSubmitted.id]);
    expect(ids(await list(reviewer, 'mine=1&state=MN'))).toEqual([]);
    const unassigned = await t.loginAs('CMS_USER', { division: 'DMCO', assignedStates: [] });
    expect(ids(await list(unassigned, 'mine=1'))).toEqual([]);
    expect(ids(await list(reviewer, 'status=UNLOCKED'))).toEqual([wiUnlocked.id]);
    expect(ids(await list(reviewer, 'status=UNLOCKED&status=SUBMITTED&state=WI'))).toEqual([
      wiUnlocked.id,
      wiSubmitted.id,
    ]);
    // The draft is of contract and rates, but a reviewer never sees it.
    expect(ids(await list(reviewer, 'type=CONTRACT_AND_RATES'))).toEqual([]);
    expect(ids(await list(reviewer, 'type=CONTRACT_ONLY')).length).toBe(4);
    const program = mnFirst.revisions[0]?.formData.programIDs[0];
    expect(program).toBeDefined();
    expect(ids(await list(reviewer, `program=${program ?? ''}&state=MN`))).toEqual([mnSecond.id, mnFirst.id]);
  });

  it('sorts by name and by submission, both ways', async () => {
    const byName = await list(reviewer, 'sort=name&order=asc');
    expect(byName.items.map((c) => c.name)).toEqual(byName.items.map((c) => c.name).sort());
    expect(byName.items.map((c) => c.stateCode)).toEqual(['MN', 'MN', 'WI', 'WI']);
    expect(ids(await list(reviewer, 'sort=name&order=desc'))).toEqual(ids(byName).reverse());
    expect(ids(await list(reviewer, 'sort=submitted&order=asc'))).toEqual([
      mnFirst.id,
      mnSecond.id,
      wiSubmitted.id,
      wiUnlocked.id,
    ]);
  });

  it('pages through with cursors, and a cursor serves only its own query', async () => {
    const whole = ids(await list(reviewer, 'sort=name&order=asc&limit=100'));
    expect(await allPages(reviewer, 'sort=name&order=asc&limit=1')).toEqual(whole);
    const first = await list(reviewer, 'sort=name&order=asc&limit=1');
    const cursor = encodeURIComponent(first.nextCursor ?? '');
    expect(ids(await list(reviewer, `sort=name&order=asc&limit=1&cursor=${cursor}`))).toEqual(
      whole.slice(1, 2),
    );
    for (const other of ['sort=name&order=desc', 'sort=updated&order=asc', 'sort=name&order=asc&state=MN']) {
      const problem = expectProblem(
        await reviewer.get(`/api/contracts?${other}&limit=1&cursor=${cursor}`),
        400,
        'INVALID_CURSOR',
      );
      expect(problem.issues).toEqual([{ path: ['query', 'cursor'], message: 'Not a cursor from this list' }]);
    }
  });
});

describe('a state user', () => {
  it('lists its own state, drafts included, and may filter it', async () => {
    expect(ids(await list(mn, ''))).toEqual([mnSecond.id, mnFirst.id, mnDraft.id]);
    expect(ids(await list(mn, 'state=MN&status=DRAFT'))).toEqual([mnDraft.id]);
    expect(ids(await list(mn, 'type=CONTRACT_AND_RATES'))).toEqual([mnDraft.id]);
    expect(ids(await list(mn, 'sort=submitted&order=desc'))).toEqual([mnSecond.id, mnFirst.id, mnDraft.id]);
    expect(ids(await list(mn, 'sort=submitted&order=asc'))).toEqual([mnFirst.id, mnSecond.id, mnDraft.id]);
    // "My states" is a reviewer's filter: a state user's list is its state anyway.
    expect(ids(await list(mn, 'mine=1'))).toEqual([mnSecond.id, mnFirst.id, mnDraft.id]);
  });

  it('is refused another state, with 403, even beside its own', async () => {
    expectProblem(await mn.get('/api/contracts?state=WI'), 403, 'FORBIDDEN');
    expectProblem(await mn.get('/api/contracts?state=MN&state=WI'), 403, 'FORBIDDEN');
  });
});

describe('the read-everything roles', () => {
  it('list drafts too, filtered by what the latest revision says', async () => {
    expect(ids(await list(admin, 'state=MN&type=CONTRACT_AND_RATES'))).toEqual([mnDraft.id]);
    expect(ids(await list(admin, 'status=DRAFT&status=UNLOCKED'))).toEqual([wiUnlocked.id, mnDraft.id]);
  });
});

describe('bad parameters', () => {
  it('answer 400 naming the parameter', async () => {
    const cases: [string, string][] = [
      ['type=BOGUS', 'type'],
      ['type=CONTRACT_ONLY&type=nope', 'type'],
      ['status=submitted', 'status'],
      ['sort=size', 'sort'],
      ['order=up', 'order'],
      ['mine=yes', 'mine'],
      ['state=', 'state'],
      [`program=${'x'.repeat(201)}`, 'program'],
      ['limit=0', 'limit'],
    ];
    for (const [query, parameter] of cases) {
      const problem = expectProblem(await reviewer.get(`/api/contracts?${query}`), 400, 'VALIDATION_FAILED');
      expect(problem.issues?.[0]?.path.slice(0, 2), query).toEqual(['query', parameter]);
    }
  });
});
