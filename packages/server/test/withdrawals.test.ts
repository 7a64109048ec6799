import type { AuditEvent, ContractView } from '@docket/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContract, startTestApp, type TestApp, type UserClient } from './helpers';
import { call, ownerAndLinker, ratesAsEdited, withRates } from './linked-rate-fixtures';

let t: TestApp;
let mn: UserClient;
let cms: UserClient;
beforeAll(async () => {
  t = await startTestApp();
  mn = await t.loginAs('STATE_USER', { state: 'MN' });
  cms = await t.loginAs('CMS_USER', { division: 'DMCO' });
});
afterAll(async () => {
  await t.close();
});

const reload = async (id: string) => (await mn.get(`/api/contracts/${id}`)).json<ContractView>();

const historyOf = async (id: string): Promise<AuditEvent[]> => t.datastore.events.listForContract(id);

describe('withdrawing a contract whose rate another live contract links', () => {
  it('moves the rate to that contract, which can then be unlocked, saved and resubmitted', async () => {
    const { a, b, rateId } = await ownerAndLinker(mn);

    const withdrawn = await call(cms, 'post', a, 'withdraw', { reason: 'Filed in error' });

    expect(withdrawn.status).toBe('WITHDRAWN');
    expect((await t.datastore.rates.get(rateId)).parentContractId).toBe(b.id);
    const aEvents = await historyOf(a.id);
    expect(aEvents.find((e) => e.action === 'WITHDRAW')?.details).toMatchObject({
      ratesReparented: 1,
      ratesWithdrawn: 0,
    });
    const moved = {
      rateId,
      fromContractId: a.id,
      toContractId: b.id,
      fromContractName: a.name,
      toContractName: b.name,
    };
    expect(aEvents.filter((e) => e.action === 'REPARENT_RATE').map((e) => e.details)).toEqual([moved]);
    expect((await historyOf(b.id)).filter((e) => e.action === 'REPARENT_RATE').map((e) => e.details)).toEqual(
      [moved],
    );
    // Both summary pages' histories say where the rate went, naming the other contract.
    const rateName = withdrawn.rates[0]?.name ?? '';
    const notesOf = async (id: string) =>
      (await (await cms.get(`/api/contracts/${id}`)).json<ContractView>()).history.flatMap((e) => e.notes);
    expect(await notesOf(a.id)).toEqual([
      { kind: 'RATE_ADDED', rate: { id: rateId, name: rateName }, contract: null },
      { kind: 'RATE_MOVED_AWAY', rate: { id: rateId, name: rateName }, contract: { id: b.id, name: b.name } },
    ]);
    expect(await notesOf(b.id)).toEqual([
      { kind: 'RATE_LINKED', rate: { id: rateId, name: rateName }, contract: null },
      { kind: 'RATE_TAKEN_OVER', rate: { id: rateId, name: rateName }, contract: { id: a.id, name: a.name } },
    ]);

    // The stuck case: B, unlocked, saves and resubmits with the rate it now owns.
    const unlocked = await call(cms, 'post', await reload(b.id), 'unlock', { reason: 'Revise the rate' });
    expect(unlocked.rates.find((r) => r.id === rateId)?.status).toBe('UNLOCKED');
    const saved = await call(mn, 'put', unlocked, 'draft', {
      formData: withRates(),
      rates: ratesAsEdited(unlocked),
    });
    const resubmitted = await call(mn, 'post', saved, 'resubmit', { reason: 'Rate revised' });
    expect(resubmitted.status).toBe('RESUBMITTED');
    const rate = await t.datastore.rates.get(rateId);
    expect(rate.revisions).toHaveLength(2);
    expect(resubmitted.revisions.at(-1)?.rateLinks).toEqual([
      { rateId, rateRevisionId: rate.revisions[1]?.id },
    ]);

    // Undoing A's withdrawal leaves the rate with B, and says so.
    const undone = await call(cms, 'post', await reload(a.id), 'undo-withdraw', { reason: 'Not in error' });
    expect(undone.status).not.toBe('WITHDRAWN');
    expect((await t.datastore.rates.get(rateId)).parentContractId).toBe(b.id);
    expect((await historyOf(a.id)).find((e) => e.action === 'UNDO_WITHDRAW')?.details).toMatchObject({
      ratesRestored: 0,
      ratesStayingReparented: rateId,
    });
  });

  it('tells the reviewer beforehand what will happen to each rate', async () => {
    const { a, b, rateId } = await ownerAndLinker(mn);
    const plan = await cms.get(`/api/contracts/${a.id}/withdrawal-plan`);
    expect(plan.statusCode, plan.body).toBe(200);
    const rateName = a.rates.find((r) => r.id === rateId)?.revisions.at(-1)?.name;
    expect(plan.json()).toEqual({
      rates: [{ id: rateId, name: rateName, newParent: { id: b.id, name: b.name } }],
    });
    // B links the rate but owns none: nothing would move.
    expect((await cms.get(`/api/contracts/${b.id}/withdrawal-plan`)).json()).toEqual({ rates: [] });
    await call(cms, 'post', b, 'withdraw', { reason: 'Duplicate' });
    const alone = (await cms.get(`/api/contracts/${a.id}/withdrawal-plan`)).json<{ rates: unknown[] }>();
    expect(alone.rates).toEqual([{ id: rateId, name: rateName, newParent: null }]);
    const other = await t.loginAs('STATE_USER', { state: 'WI' });
    expect((await other.get(`/api/contracts/${a.id}/withdrawal-plan`)).statusCode).toBe(404);
  });

  it('prefers a submitted linker to an unlocked one, whatever came first', async () => {
    const { a, b, rateId } = await ownerAndLinker(mn);
    await call(cms, 'post', b, 'unlock', { reason: 'Revise' });
    const c = await createContract(mn);
    const savedC = await call(mn, 'put', c, 'draft', {
      formData: withRates(),
      rates: [{ kind: 'LINKED', rateId }],
    });
    const submittedC = await call(mn, 'post', savedC, 'submit');

    await call(cms, 'post', a, 'withdraw', { reason: 'Filed in error' });

    expect((await t.datastore.rates.get(rateId)).parentContractId).toBe(submittedC.id);
  });

  it('lets an unlocked contract that adopts the rate resubmit, with or without editing it', async () => {
    const { a, b, rateId } = await ownerAndLinker(mn);
    const unlocked = await call(cms, 'post', b, 'unlock', { reason: 'Revise' });
    await call(cms, 'post', a, 'withdraw', { reason: 'Filed in error' });
    expect((await t.datastore.rates.get(rateId)).parentContractId).toBe(b.id);

    const resubmitted = await call(mn, 'post', await reload(unlocked.id), 'resubmit', {
      reason: 'As it was',
    });
    const rate = await t.datastore.rates.get(rateId);
    expect(rate.revisions).toHaveLength(1);
    expect(resubmitted.revisions.at(-1)?.rateLinks).toEqual([
      { rateId, rateRevisionId: rate.revisions[0]?.id },
    ]);

    const again = await call(cms, 'post', resubmitted, 'unlock', { reason: 'Now the rate' });
    const edited = await call(mn, 'put', again, 'draft', {
      formData: withRates(),
      rates: ratesAsEdited(again),
    });
    expect(edited.rates.find((r) => r.id === rateId)?.status).toBe('UNLOCKED');
    const final = await call(mn, 'post', edited, 'resubmit', { reason: 'Rate edited' });
    expect(final.rates.find((r) => r.id === rateId)?.status).toBe('RESUBMITTED');
  });

  it('withdraws a rate no live contract links with its contract, and brings it back on undo', async () => {
    const { a, b, rateId } = await ownerAndLinker(mn);
    await call(cms, 'post', b, 'withdraw', { reason: 'Duplicate' });

    const withdrawn = await call(cms, 'post', await reload(a.id), 'withdraw', { reason: 'Filed in error' });

    expect((await t.datastore.rates.get(rateId)).parentContractId).toBe(a.id);
    expect((await historyOf(a.id)).find((e) => e.action === 'WITHDRAW')?.details).toMatchObject({
      ratesReparented: 0,
      ratesWithdrawn: 1,
    });
    const linkable = await mn.get('/api/rates/linkable?stateCode=MN&limit=100');
    expect(linkable.json<{ items: { id: string }[] }>().items.map((r) => r.id)).not.toContain(rateId);
    await call(cms, 'post', withdrawn, 'undo-withdraw', { reason: 'Not in error' });
    const back = await mn.get('/api/rates/linkable?stateCode=MN&limit=100');
    expect(back.json<{ items: { id: string }[] }>().items.map((r) => r.id)).toContain(rateId);
  });
});
