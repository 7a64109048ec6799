import type { AuditEvent, ContractView, RateDetailView } from '@docket/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeRateForm, expectProblem, startTestApp, type TestApp, type UserClient } from './helpers';
import { call, ownerAndLinker, ratesAsEdited, withRates } from './linked-rate-fixtures';

let t: TestApp;
let mn: UserClient;
let cms: UserClient;
let approver: UserClient;
beforeAll(async () => {
  t = await startTestApp();
  mn = await t.loginAs('STATE_USER', { state: 'MN' });
  cms = await t.loginAs('CMS_USER', { division: 'DMCO' });
  approver = await t.loginAs('CMS_APPROVER');
});
afterAll(async () => {
  await t.close();
});

const newRate = () => ({ kind: 'NEW', rateId: null, formData: completeRateForm('MN') });

const reload = async (id: string) => (await mn.get(`/api/contracts/${id}`)).json<ContractView>();
const rateOf = async (id: string, user = cms) => (await user.get(`/api/rates/${id}`)).json<RateDetailView>();
const rateAction = (
  user: UserClient,
  rateId: string,
  path: string,
  body: object = { reason: 'Wrong year' },
) => user.post(`/api/rates/${rateId}/${path}`, body);
const eventsOf = async (id: string, action: string): Promise<AuditEvent[]> =>
  (await t.datastore.events.listForContract(id)).filter((e) => e.action === action);

describe('withdrawing a rate', () => {
  it('detaches it from every contract; an unlocked linker saves and resubmits; the undo re-links where it can', async () => {
    const { a, b, rateId } = await ownerAndLinker(mn);
    const before = await rateOf(rateId);
    expect(before.abilities).toEqual({ canWithdraw: true, canUndoWithdraw: false });
    expect(before.consolidatedStatus).toBe('SUBMITTED');
    const unlockedB = await call(cms, 'post', b, 'unlock', { reason: 'Revise' });
    expect(unlockedB.revisions.at(-1)?.rateLinks.map((l) => l.rateId)).toEqual([rateId]);

    const response = await rateAction(cms, rateId, 'withdraw', {
      reason: 'Wrong year',
      version: before.version,
    });

    expect(response.statusCode, response.body).toBe(200);
    const withdrawn = response.json<RateDetailView>();
    expect(withdrawn).toMatchObject({
      reviewStatus: 'WITHDRAWN',
      consolidatedStatus: 'WITHDRAWN',
      status: 'SUBMITTED',
    });
    expect(withdrawn.abilities).toEqual({ canWithdraw: false, canUndoWithdraw: true });
    const entry = withdrawn.history.find((h) => h.kind === 'RATE_WITHDRAWN');
    expect(entry?.reason).toBe('Wrong year');
    expect(entry?.contracts.map((c) => c.id)).toEqual([a.id, b.id]);
    // Both contracts' histories show it, with the contracts it was detached from.
    for (const id of [a.id, b.id]) {
      expect((await eventsOf(id, 'WITHDRAW_RATE')).map((e) => e.details)).toEqual([
        { rateId, detachedFrom: `${a.id},${b.id}` },
      ]);
    }
    // Every linker's view shows the rate withdrawn; B's draft no longer links it.
    expect((await reload(a.id)).rates.find((r) => r.id === rateId)?.consolidatedStatus).toBe('WITHDRAWN');
    const draftB = await reload(b.id);
    expect(draftB.revisions.at(-1)?.rateLinks).toEqual([]);
    expect(draftB.revisions[0]?.rateLinks.map((l) => l.rateId)).toEqual([rateId]);

    // Not stuck: B saves (a withdrawn rate can no longer be linked) and resubmits with a rate of its own.
    const refused = await mn.put(`/api/contracts/${b.id}/draft`, {
      version: draftB.version,
      formData: withRates(),
      rates: [{ kind: 'LINKED', rateId }],
    });
    expectProblem(refused, 422, 'VALIDATION_FAILED');
    const saved = await call(mn, 'put', draftB, 'draft', { formData: withRates(), rates: [newRate()] });
    const resubmitted = await call(mn, 'post', saved, 'resubmit', { reason: 'New rate' });
    expect(resubmitted.status).toBe('RESUBMITTED');

    // The undo: A's latest submission still links the rate, B's (resubmitted without it) no longer does.
    const undone = await rateAction(cms, rateId, 'undo-withdraw', { reason: 'Right year after all' });
    expect(undone.statusCode, undone.body).toBe(200);
    const back = undone.json<RateDetailView>();
    expect(back).toMatchObject({ reviewStatus: 'UNDER_REVIEW', consolidatedStatus: 'SUBMITTED' });
    expect(back.abilities).toEqual({ canWithdraw: true, canUndoWithdraw: false });
    expect(back.history.find((h) => h.kind === 'WITHDRAWAL_UNDONE')?.contracts.map((c) => c.id)).toEqual([
      a.id,
    ]);
    expect((await eventsOf(a.id, 'UNDO_WITHDRAW_RATE')).map((e) => e.details)).toEqual([
      { rateId, relinked: a.id, notRelinked: b.id },
    ]);
    expect(await eventsOf(b.id, 'UNDO_WITHDRAW_RATE')).toEqual([]);
    expect((await reload(a.id)).rates.find((r) => r.id === rateId)?.consolidatedStatus).toBe('SUBMITTED');
  });

  it('from an unlocked parent drops its draft revision; the parent and a later unlock open drafts without it', async () => {
    const { a, b, rateId } = await ownerAndLinker(mn);
    const unlockedA = await call(cms, 'post', a, 'unlock', { reason: 'Revise the rate' });
    expect((await rateOf(rateId, mn)).status).toBe('UNLOCKED');

    const response = await rateAction(cms, rateId, 'withdraw');

    expect(response.statusCode, response.body).toBe(200);
    const rate = await t.datastore.rates.get(rateId);
    expect(rate.revisions.map((r) => r.submitted !== null)).toEqual([true]);
    const draftA = await reload(a.id);
    expect(draftA.version).toBe(unlockedA.version + 1);
    expect(draftA.revisions.at(-1)?.rateLinks).toEqual([]);
    // A resubmits with a new rate: the withdrawn one never blocks it.
    const saved = await call(mn, 'put', draftA, 'draft', {
      formData: withRates(),
      rates: [...ratesAsEdited(draftA), newRate()],
    });
    expect((await call(mn, 'post', saved, 'resubmit', { reason: 'New rate' })).status).toBe('RESUBMITTED');
    // B, submitted when the rate was withdrawn, is unlocked later: its draft starts without the rate.
    await call(cms, 'post', await reload(b.id), 'unlock', { reason: 'Revise' });
    const unlockedB = await reload(b.id);
    expect(unlockedB.status).toBe('UNLOCKED');
    expect(unlockedB.revisions.at(-1)?.rateLinks).toEqual([]);
  });

  it('is refused to the wrong roles (403), from the wrong status (409), and while an approved contract links it', async () => {
    const { b, rateId } = await ownerAndLinker(mn);
    const admin = await t.loginAs('ADMIN');
    expectProblem(await rateAction(mn, rateId, 'withdraw'), 403, 'FORBIDDEN');
    expectProblem(await rateAction(admin, rateId, 'withdraw'), 403, 'FORBIDDEN');
    expect((await rateOf(rateId, mn)).abilities).toEqual({ canWithdraw: false, canUndoWithdraw: false });
    expectProblem(await rateAction(cms, rateId, 'undo-withdraw'), 409, 'INVALID_TRANSITION');
    expectProblem(await rateAction(cms, rateId, 'withdraw', { reason: '' }), 400, 'VALIDATION_FAILED');
    const other = await t.loginAs('STATE_USER', { state: 'WI' });
    expectProblem(await rateAction(other, rateId, 'withdraw'), 404, 'NOT_FOUND');

    await call(approver, 'post', b, 'approve', { dateApprovalReleasedToState: '2026-01-05' });
    expect((await rateOf(rateId)).abilities.canWithdraw).toBe(false);
    const problem = expectProblem(await rateAction(approver, rateId, 'withdraw'), 409, 'LINKED_TO_APPROVED');
    expect(problem.detail).toMatch(/approved/);
    expect((await t.datastore.rates.get(rateId)).reviewActions).toEqual([]);

    // A rate withdrawn with its parent comes back with the parent's undo, not its own.
    const lone = await ownerAndLinker(mn);
    await call(cms, 'post', lone.b, 'withdraw', { reason: 'Duplicate' });
    await call(cms, 'post', lone.a, 'withdraw', { reason: 'Filed in error' });
    const withParent = await rateOf(lone.rateId);
    expect(withParent.consolidatedStatus).toBe('WITHDRAWN');
    expect(withParent.abilities).toEqual({ canWithdraw: false, canUndoWithdraw: false });
    expectProblem(await rateAction(cms, lone.rateId, 'undo-withdraw'), 409, 'INVALID_TRANSITION');
    expectProblem(await rateAction(cms, lone.rateId, 'withdraw'), 409, 'INVALID_TRANSITION');
  });

  it('lets one of two racing withdrawals win, and refuses a stale version', async () => {
    const { rateId } = await ownerAndLinker(mn);
    const { version } = await rateOf(rateId);
    expectProblem(
      await rateAction(cms, rateId, 'withdraw', { reason: 'Stale', version: version - 1 }),
      409,
      'VERSION_CONFLICT',
    );

    const answers = await Promise.all([
      rateAction(cms, rateId, 'withdraw'),
      rateAction(approver, rateId, 'withdraw'),
    ]);

    expect(answers.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect((await t.datastore.rates.get(rateId)).reviewActions).toHaveLength(1);
  });
});
