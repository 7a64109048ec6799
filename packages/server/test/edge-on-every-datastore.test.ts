import { DATE_RANGE_MESSAGE, type ContractView } from '@docket/domain';
import { describeEachDatastore } from '@docket/store/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
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
 * What the HTTP edge refuses never reaches a datastore, and what it lets through is stored intact — on every
 * adapter, through the real app: text with a NUL or a lone surrogate, dates outside the calendar range, cursors
 * that decode to values an engine cannot use. (The other test files run on PGlite only.)
 */

const WIDE = 'Emoji 😀, 𝔐𝔦𝔫𝔫𝔢𝔰𝔬𝔱𝔞 and a flag \u{1F1FA}\u{1F1F8}';

describeEachDatastore('the HTTP edge and the datastore', (store) => {
  let t: TestApp;
  let mn: UserClient;
  let cms: UserClient;
  let approver: UserClient;
  beforeAll(async () => {
    t = await startTestApp({ datastore: store.datastore });
    mn = await t.loginAs('STATE_USER', { state: 'MN' });
    cms = await t.loginAs('CMS_USER', { division: 'DMCO' });
    approver = await t.loginAs('CMS_APPROVER');
  });
  afterAll(async () => {
    await t.close();
  });

  it('refuses a NUL in a login email or a path before anything is looked up, with 400', async () => {
    const email = await t.createUser('STATE_USER', { state: 'MN' });
    const login = await t.anonymous.raw(
      'POST',
      '/api/auth/login',
      JSON.stringify({ email: `${email}\u0000`, password: 'whatever' }),
    );
    expect(expectProblem(login, 400, 'VALIDATION_FAILED').issues?.[0]?.path).toEqual(['email']);
    const read = await mn.get('/api/contracts/01900000-0000-7000-8000-%00');
    expect(expectProblem(read, 400, 'VALIDATION_FAILED').issues?.[0]?.path).toEqual(['params', 'id']);
  });

  it('refuses a NUL in a draft answer and a lone surrogate in a reason with 400, and stores neither', async () => {
    const contract = await createContract(mn);
    const draft = await mn.put(`/api/contracts/${contract.id}/draft`, {
      version: contract.version,
      formData: { submissionDescription: 'Base\u0000contract' },
    });
    expect(expectProblem(draft, 400, 'VALIDATION_FAILED').issues?.[0]?.path).toEqual([
      'formData',
      'submissionDescription',
    ]);
    const submitted = await submittedContract(mn);
    const unlock = await cms.raw(
      'POST',
      `/api/contracts/${submitted.id}/unlock`,
      `{"version":${submitted.version},"reason":"Dates \\udc00 wrong"}`,
    );
    expect(expectProblem(unlock, 400, 'VALIDATION_FAILED').issues?.[0]?.path).toEqual(['reason']);
    for (const [id, version] of [
      [contract.id, contract.version],
      [submitted.id, submitted.version],
    ] as const) {
      expect((await mn.get(`/api/contracts/${id}`)).json<ContractView>().version).toBe(version);
    }
  });

  it('stores characters beyond the Basic Multilingual Plane intact, in answers and in reasons', async () => {
    const contract = await createContract(mn, completeForm('MN', { submissionDescription: WIDE }));
    const read = (await mn.get(`/api/contracts/${contract.id}`)).json<ContractView>();
    expect(read.revisions[0]?.formData.submissionDescription).toBe(WIDE);
    const submitted = await submittedContract(mn);
    const unlocked = await cms.post(`/api/contracts/${submitted.id}/unlock`, {
      version: submitted.version,
      reason: WIDE,
    });
    expect(unlocked.statusCode, unlocked.body).toBe(200);
    const after = (await mn.get(`/api/contracts/${submitted.id}`)).json<ContractView>();
    expect(after.revisions.at(-1)?.unlocked?.reason).toBe(WIDE);
    expect(after.history.at(-1)?.reason).toBe(WIDE);
  });

  it('refuses an approval released in year 0 with 422 naming the range, and keeps one in range', async () => {
    const contract = await submittedContract(mn);
    const approve = (dateApprovalReleasedToState: string) =>
      approver.post(`/api/contracts/${contract.id}/approve`, {
        version: contract.version,
        dateApprovalReleasedToState,
      });
    const problem = expectProblem(await approve('0000-01-01'), 422, 'VALIDATION_FAILED');
    expect(problem.issues).toEqual([{ path: ['dateApprovalReleasedToState'], message: DATE_RANGE_MESSAGE }]);
    const approved = await approve('1900-01-01');
    expect(approved.statusCode, approved.body).toBe(200);
    const read = (await mn.get(`/api/contracts/${contract.id}`)).json<ContractView>();
    expect(read.reviewActions.at(-1)?.dateApprovalReleasedToState).toBe('1900-01-01');
  });

  it('refuses cursors beyond what the engine can use with 400 INVALID_CURSOR, on both lists', async () => {
    await submittedContract(mn);
    const yearZero = Buffer.from(
      JSON.stringify(['0000-01-01T00:00:00.000Z', '01900000-0000-7000-8000-000000000000']),
    ).toString('base64url');
    for (const [user, url] of [
      [mn, '/api/contracts?cursor=WzIxNDc0ODM2NDhd'],
      [mn, '/api/rates/linkable?stateCode=MN&cursor=WzIxNDc0ODM2NDhd'],
      [cms, `/api/contracts?cursor=${yearZero}`],
    ] as const) {
      expectProblem(await user.get(url), 400, 'INVALID_CURSOR');
    }
  });
});
