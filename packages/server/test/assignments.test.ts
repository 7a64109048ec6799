import type {
  AssignableReviewersView,
  ContractSummaryView,
  ContractView,
  StateAnalyst,
} from '@docket/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createContract,
  expectProblem,
  startTestApp,
  submittedContract,
  type TestApp,
  type UserClient,
} from './helpers';

/**
 * Reviewers assigned to a filing (`POST`/`DELETE /api/contracts/{id}/reviewers`), the reviewers that may be assigned
 * (`GET /api/reviewers`), a state's analysts (`GET /api/states/{code}/analysts`) and the dashboards' "Assigned to
 * me" and "My states" (`?assigned=1`, `?mine=1`), through the real app.
 */

let t: TestApp;
let mn: UserClient;
let wi: UserClient;
let reviewer: UserClient;
let approver: UserClient;
let admin: UserClient;
let readonly: UserClient;
let unassigned: UserClient;

beforeAll(async () => {
  t = await startTestApp();
  mn = await t.loginAs('STATE_USER', { state: 'MN' });
  wi = await t.loginAs('STATE_USER', { state: 'WI' });
  reviewer = await t.loginAs('CMS_USER', { division: 'DMCO', assignedStates: ['MN', 'WI'] });
  approver = await t.loginAs('CMS_APPROVER', { division: 'OACT', assignedStates: ['MN'] });
  admin = await t.loginAs('ADMIN');
  readonly = await t.loginAs('READONLY');
  unassigned = await t.loginAs('CMS_USER');
});

afterAll(() => t.close());

const idOf = (user: UserClient) => user.session.user.id;

async function assign(by: UserClient, contract: ContractView, userId: string) {
  return by.post(`/api/contracts/${contract.id}/reviewers`, { userId });
}

async function userIdOf(email: string): Promise<string> {
  const found = await t.datastore.users.findByEmail(email);
  if (!found) throw new Error(`no user ${email}`);
  return found.user.id;
}

describe('assigning reviewers', () => {
  it('assigns an approver to a submitted filing: on its view and history, its version unmoved', async () => {
    const filing = await submittedContract(mn, 'MN');
    const response = await assign(reviewer, filing, idOf(approver));
    expect(response.statusCode, response.body).toBe(200);
    const view = response.json<ContractView>();
    expect(view.version).toBe(filing.version);
    expect(response.headers.etag).toBe(`"${filing.version}"`);
    expect(view.canAssignReviewers).toBe(true);
    expect(view.reviewers).toEqual([
      expect.objectContaining({
        userId: idOf(approver),
        email: approver.session.user.email,
        name: `Test CMS_APPROVER`,
        role: 'CMS_APPROVER',
        assignedBy: expect.objectContaining({ userId: idOf(reviewer) }),
      }),
    ]);
    expect(view.history.at(-1)).toMatchObject({
      action: 'ASSIGN_REVIEWER',
      actor: { userId: idOf(reviewer) },
    });
    const events = await t.datastore.events.listForContract(filing.id);
    expect(events.at(-1)).toMatchObject({
      action: 'ASSIGN_REVIEWER',
      details: { userId: idOf(approver), email: approver.session.user.email, name: 'Test CMS_APPROVER' },
    });

    const again = await assign(admin, filing, idOf(approver));
    expectProblem(again, 409, 'REVIEWER_ALREADY_ASSIGNED');
    expect((await t.datastore.events.listForContract(filing.id)).length).toBe(events.length);
  });

  it('assigns a reviewer once however many ask at once; none of them conflicts with an unlock', async () => {
    const filing = await submittedContract(mn, 'MN');
    const [unlock, ...assigns] = await Promise.all([
      reviewer.post(`/api/contracts/${filing.id}/unlock`, { version: filing.version, reason: 'Fix dates' }),
      ...Array.from({ length: 4 }, () => assign(admin, filing, idOf(reviewer))),
    ]);
    expect(unlock?.statusCode, unlock?.body).toBe(200);
    expect(assigns.filter((r) => r.statusCode === 200)).toHaveLength(1);
    for (const refused of assigns.filter((r) => r.statusCode !== 200)) {
      expectProblem(refused, 409, 'REVIEWER_ALREADY_ASSIGNED');
    }
    const view = (await admin.get(`/api/contracts/${filing.id}`)).json<ContractView>();
    expect(view.reviewers.map((r) => r.userId)).toEqual([idOf(reviewer)]);
    expect(view.status).toBe('UNLOCKED');
  });

  it('takes a reviewer off, once', async () => {
    const filing = await submittedContract(mn, 'MN');
    expect((await assign(approver, filing, idOf(reviewer))).statusCode).toBe(200);
    const off = await reviewer.request('DELETE', `/api/contracts/${filing.id}/reviewers/${idOf(reviewer)}`);
    expect(off.statusCode, off.body).toBe(200);
    const view = off.json<ContractView>();
    expect(view.reviewers).toEqual([]);
    expect(view.history.at(-1)).toMatchObject({ action: 'UNASSIGN_REVIEWER' });
    const again = await reviewer.request('DELETE', `/api/contracts/${filing.id}/reviewers/${idOf(reviewer)}`);
    expectProblem(again, 404, 'NOT_FOUND');
  });

  it('refuses who may not assign, whom may not be assigned, and a draft never submitted', async () => {
    const filing = await submittedContract(mn, 'MN');
    expectProblem(await assign(readonly, filing, idOf(reviewer)), 403, 'FORBIDDEN');
    expectProblem(await assign(mn, filing, idOf(reviewer)), 403, 'FORBIDDEN');
    expectProblem(await assign(wi, filing, idOf(reviewer)), 404, 'NOT_FOUND');
    const disabled = await userIdOf(await t.createUser('CMS_USER', { disabled: true }));
    for (const userId of [idOf(mn), idOf(admin), disabled, '0b0f1d58-8d55-4f3e-9a3e-6b2b8f0f0a02']) {
      const problem = expectProblem(await assign(reviewer, filing, userId), 422, 'VALIDATION_FAILED');
      expect(JSON.stringify(problem)).toContain('userId');
    }
    const malformed = expectProblem(await assign(reviewer, filing, 'someone'), 400, 'VALIDATION_FAILED');
    expect(JSON.stringify(malformed)).toContain('userId');

    const draft = await createContract(mn);
    expectProblem(await assign(admin, draft, idOf(reviewer)), 403, 'FORBIDDEN');
    expectProblem(await assign(reviewer, draft, idOf(reviewer)), 404, 'NOT_FOUND');
    expect((await admin.get(`/api/contracts/${draft.id}`)).json<ContractView>().canAssignReviewers).toBe(
      false,
    );
  });

  it('does not show the state who reviews its filing', async () => {
    const filing = await submittedContract(mn, 'MN');
    expect((await assign(reviewer, filing, idOf(approver))).statusCode).toBe(200);
    const seen = (await mn.get(`/api/contracts/${filing.id}`)).json<ContractView>();
    expect(seen.reviewers).toEqual([]);
    expect(seen.canAssignReviewers).toBe(false);
    expect(seen.history.map((e) => e.action)).not.toContain('ASSIGN_REVIEWER');
    expect((await readonly.get(`/api/contracts/${filing.id}`)).json<ContractView>().reviewers).toHaveLength(
      1,
    );
  });
});

describe('the reviewers that may be assigned', () => {
  it('lists enabled CMS users and approvers, page by page, to who may assign them', async () => {
    const disabled = await t.createUser('CMS_USER', { disabled: true });
    const seen: AssignableReviewersView['items'] = [];
    let cursor: string | null = null;
    do {
      const response = await reviewer.get(`/api/reviewers?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(response.statusCode, response.body).toBe(200);
      const page = response.json<AssignableReviewersView>();
      seen.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor !== null);
    const ids = seen.map((r) => r.userId);
    expect(ids).toEqual(expect.arrayContaining([idOf(reviewer), idOf(approver), idOf(unassigned)]));
    expect(ids).not.toContain(idOf(admin));
    expect(ids).not.toContain(idOf(mn));
    expect(seen.map((r) => r.email)).not.toContain(disabled);
    expect(Object.keys(seen[0] ?? {}).sort()).toEqual(
      ['division', 'email', 'familyName', 'givenName', 'role', 'userId'].sort(),
    );
    expectProblem(await readonly.get('/api/reviewers'), 403, 'FORBIDDEN');
    expectProblem(await mn.get('/api/reviewers'), 403, 'FORBIDDEN');
  });
});

describe("a state's analysts", () => {
  it('answers a state user for its own state, and CMS roles for any', async () => {
    const response = await mn.get('/api/states/MN/analysts');
    expect(response.statusCode, response.body).toBe(200);
    const analysts = response.json<StateAnalyst[]>();
    expect(analysts.map((a) => a.userId).sort()).toEqual([idOf(reviewer), idOf(approver)].sort());
    expect(analysts[0]).toEqual({
      userId: expect.any(String),
      givenName: 'Test',
      familyName: expect.any(String),
      email: expect.any(String),
      division: expect.any(String),
    });
    expectProblem(await mn.get('/api/states/WI/analysts'), 403, 'FORBIDDEN');
    const wiAnalysts = (await approver.get('/api/states/wi/analysts')).json<StateAnalyst[]>();
    expect(wiAnalysts.map((a) => a.userId)).toEqual([idOf(reviewer)]);
    expect((await admin.get('/api/states/GU/analysts')).json()).toEqual([]);
    expectProblem(await admin.get('/api/states/ZZ/analysts'), 404, 'NOT_FOUND');
  });
});

describe('the dashboards: "Assigned to me" and "My states"', () => {
  interface ContractList {
    items: ContractSummaryView[];
    nextCursor: string | null;
  }
  const list = async (user: UserClient, query: string) => {
    const response = await user.get(`/api/contracts?${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json<ContractList>();
  };

  it('lists the filings the caller reviews, with every other filter, page by page, and as CSV', async () => {
    const solo = await t.loginAs('CMS_USER', { assignedStates: ['WI'] });
    const mnFiling = await submittedContract(mn, 'MN');
    const wiFiling = await submittedContract(wi, 'WI');
    await submittedContract(wi, 'WI');
    for (const filing of [mnFiling, wiFiling]) {
      expect((await assign(admin, filing, idOf(solo))).statusCode).toBe(200);
    }
    const first = await list(solo, 'assigned=1&limit=1&sort=name&order=asc');
    expect(first.items.map((c) => c.id)).toEqual([mnFiling.id]);
    const second = await list(solo, `assigned=1&limit=1&sort=name&order=asc&cursor=${first.nextCursor}`);
    expect(second.items.map((c) => c.id)).toEqual([wiFiling.id]);
    expect(second.nextCursor).toBeNull();
    expect((await list(solo, 'assigned=1&state=WI')).items.map((c) => c.id)).toEqual([wiFiling.id]);
    expect((await list(solo, 'assigned=1&mine=1')).items.map((c) => c.id)).toEqual([wiFiling.id]);
    expect((await list(solo, 'assigned=1&status=APPROVED')).items).toEqual([]);
    expectProblem(await solo.get(`/api/contracts?limit=1&cursor=${first.nextCursor}`), 400, 'INVALID_CURSOR');

    const csv = await solo.get('/api/contracts.csv?assigned=1');
    expect(csv.statusCode).toBe(200);
    expect(csv.body.trim().split('\r\n')).toHaveLength(3);
  });

  it('"My states" lists the states a reviewer is assigned, and nothing for one with none', async () => {
    const mine = await list(approver, 'mine=1');
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.every((c) => c.stateCode === 'MN')).toBe(true);
    expect((await list(unassigned, 'mine=1')).items).toEqual([]);
    expect((await list(unassigned, '')).items.length).toBeGreaterThan(0);
  });
});
