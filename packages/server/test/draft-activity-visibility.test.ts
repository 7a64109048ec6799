import type { ContractSummaryView, ContractView } from '@docket/domain';
import { describeEachDatastore } from '@docket/store/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  completeForm,
  completeRateForm,
  createContract,
  startTestApp,
  type TestApp,
  type UserClient,
} from './helpers';

/**
 * The state's activity on a draft that a reviewer must not learn of, in the filing's view as in its dashboard
 * row, on every adapter: while an unlocked filing's draft is open, its saves do not move the time of the last
 * update a reviewer is shown (of the filing or of its rates), and no history a reviewer gets lists a draft save —
 * neither those before the first submission nor those after an unlock, before or after the resubmission.
 */

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const FORM = completeForm('MN', { submissionType: 'CONTRACT_AND_RATES' });

describeEachDatastore("a reviewer and the state's draft activity", (store) => {
  let t: TestApp;
  let mn: UserClient;
  let cms: UserClient;
  let approver: UserClient;
  let admin: UserClient;
  /** The filing as the state last saved it, once unlocked, and the view the unlock answered the reviewer. */
  let saved: ContractView;
  let unlocked: ContractView;

  async function ok(response: { statusCode: number; body: string; json<T>(): T }): Promise<ContractView> {
    expect(response.statusCode, response.body).toBe(200);
    return response.json<ContractView>();
  }

  async function save(user: UserClient, view: ContractView, description: string): Promise<ContractView> {
    // Saves land a little later than what came before, so that their times differ from it.
    await pause(5);
    return ok(
      await user.put(`/api/contracts/${view.id}/draft`, {
        version: view.version,
        formData: { ...FORM, submissionDescription: description },
        rates: view.rates.map((rate) => ({ kind: 'NEW', rateId: rate.id, formData: completeRateForm('MN') })),
      }),
    );
  }

  const readAs = async (user: UserClient, id: string) => ok(await user.get(`/api/contracts/${id}`));
  const rowAs = async (user: UserClient, id: string) =>
    (await user.get('/api/contracts?limit=100'))
      .json<{ items: ContractSummaryView[] }>()
      .items.find((row) => row.id === id);
  const actions = (view: ContractView): string[] => view.history.map((event) => event.action);

  beforeAll(async () => {
    t = await startTestApp({ datastore: store.datastore });
    mn = await t.loginAs('STATE_USER', { state: 'MN' });
    cms = await t.loginAs('CMS_USER', { division: 'DMCO' });
    approver = await t.loginAs('CMS_APPROVER', { division: 'DMCO' });
    admin = await t.loginAs('ADMIN');

    let view = await createContract(mn, FORM);
    view = await ok(
      await mn.put(`/api/contracts/${view.id}/draft`, {
        version: view.version,
        formData: FORM,
        rates: [{ kind: 'NEW', rateId: null, formData: completeRateForm('MN') }],
      }),
    );
    view = await ok(await mn.post(`/api/contracts/${view.id}/submit`, { version: view.version }));
    await pause(5);
    unlocked = await ok(
      await cms.post(`/api/contracts/${view.id}/unlock`, { version: view.version, reason: 'Fix the dates' }),
    );
    view = await readAs(mn, view.id);
    view = await save(mn, view, 'First save after the unlock');
    saved = await save(mn, view, 'Second save after the unlock');
  });
  afterAll(async () => {
    await t.close();
  });

  it('shows a reviewer the filing updated when it was unlocked, in its view and its row alike', async () => {
    const openedAt = saved.revisions[1]?.createdAt;
    expect(openedAt).toBeDefined();
    expect(saved.updatedAt > (openedAt ?? '')).toBe(true);
    for (const reviewer of [cms, approver]) {
      const view = await readAs(reviewer, saved.id);
      expect(view.version).toBe(saved.version);
      expect(view.updatedAt).toBe(openedAt);
      expect(view.updatedAt).toBe(unlocked.updatedAt);
      expect((await rowAs(reviewer, saved.id))?.updatedAt).toBe(view.updatedAt);
      // Its rate, which the unlock opened and the state saved since, likewise.
      const [rate] = view.rates;
      const [savedRate] = saved.rates;
      expect(rate?.updatedAt).toBe(savedRate?.revisions.at(-1)?.createdAt);
      expect(savedRate && savedRate.updatedAt > (rate?.updatedAt ?? '')).toBe(true);
    }
  });

  it('gives every reader the same milestones, draft saves left out, before the submission and since the unlock', async () => {
    for (const reader of [mn, admin, cms, approver]) {
      expect(actions(await readAs(reader, saved.id))).toEqual(['CREATE_CONTRACT', 'SUBMIT', 'UNLOCK']);
    }
  });

  it('shows the state and the read-everything roles the time of the last save', async () => {
    for (const reader of [mn, admin]) {
      const view = await readAs(reader, saved.id);
      expect(view.updatedAt).toBe(saved.updatedAt);
      expect((await rowAs(reader, saved.id))?.updatedAt).toBe(saved.updatedAt);
      expect(view.rates[0]?.updatedAt).toBe(saved.rates[0]?.updatedAt);
    }
  });

  it('shows a reviewer the resubmission as the last update, and still no draft save', async () => {
    const resubmitted = await ok(
      await mn.post(`/api/contracts/${saved.id}/resubmit`, { version: saved.version, reason: 'Dates fixed' }),
    );
    const view = await readAs(cms, saved.id);
    expect(view.updatedAt).toBe(resubmitted.updatedAt);
    expect((await rowAs(cms, saved.id))?.updatedAt).toBe(resubmitted.updatedAt);
    expect(actions(view)).toEqual(['CREATE_CONTRACT', 'SUBMIT', 'UNLOCK', 'RESUBMIT']);
    expect(view.rates[0]?.updatedAt).toBe(resubmitted.rates[0]?.updatedAt);
  });
});
