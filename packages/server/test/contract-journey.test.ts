import type { ContractView, contractListViewSchema } from '@docket/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { completeForm, programsOf, startTestApp, type TestApp, type UserClient } from './helpers';

type ContractList = z.infer<typeof contractListViewSchema>;

let t: TestApp;
let state: UserClient;
let cms: UserClient;
beforeAll(async () => {
  t = await startTestApp();
  state = await t.loginAs('STATE_USER', { state: 'MN' });
  cms = await t.loginAs('CMS_USER', { division: 'DMCO', assignedStates: ['MN', 'FL'] });
});
afterAll(async () => {
  await t.close();
});

describe('the walking skeleton: create, save, submit, unlock, resubmit, history', () => {
  it('runs end to end for a state user and a CMS reviewer', async () => {
    // The state user starts a submission.
    const createdResponse = await state.post('/api/contracts', {});
    expect(createdResponse.statusCode).toBe(201);
    const created = createdResponse.json<ContractView>();
    expect(createdResponse.headers.location).toBe(`/api/contracts/${created.id}`);
    expect(createdResponse.headers.etag).toBe('"1"');
    expect(created).toMatchObject({
      stateCode: 'MN',
      version: 1,
      status: 'DRAFT',
      submissionStatus: 'DRAFT',
      reviewStatus: 'UNDER_REVIEW',
      mccrsId: null,
    });
    expect(created.name).toBe(`MCR-MN-${String(created.stateNumber).padStart(4, '0')}`);
    expect(created.abilities).toMatchObject({
      canRead: true,
      canEdit: true,
      canSubmit: true,
      canUnlock: false,
    });
    expect(created.revisions).toHaveLength(1);

    // A CMS reviewer cannot see a draft at all.
    expect((await cms.get(`/api/contracts/${created.id}`)).statusCode).toBe(404);

    // Saves the answers.
    const program = programsOf('MN')[0];
    const savedResponse = await state.put(`/api/contracts/${created.id}/draft`, {
      version: 1,
      formData: completeForm('MN'),
    });
    expect(savedResponse.statusCode).toBe(200);
    expect(savedResponse.headers.etag).toBe('"2"');
    const saved = savedResponse.json<ContractView>();
    expect(saved.version).toBe(2);
    expect(saved.revisions[0]?.formData.programIDs).toEqual([program?.id]);
    expect(saved.name).toBe(
      `MCR-MN-${String(created.stateNumber).padStart(4, '0')}-${program?.name.toUpperCase().replace(/[^A-Z0-9]+/g, '-')}`,
    );

    // Submits it.
    const submitted = (
      await state.post(`/api/contracts/${created.id}/submit`, { version: 2 })
    ).json<ContractView>();
    expect(submitted).toMatchObject({ version: 3, status: 'SUBMITTED', submissionStatus: 'SUBMITTED' });
    expect(submitted.revisions[0]?.submitted).toMatchObject({
      by: { email: state.session.user.email, role: 'STATE_USER' },
      reason: null,
    });
    expect(submitted.abilities).toMatchObject({ canEdit: false, canSubmit: false, canUnlock: false });

    // The CMS reviewer finds it in the list and unlocks it with a reason.
    const list = (await cms.get('/api/contracts?limit=100')).json<ContractList>();
    const row = list.items.find((c) => c.id === created.id);
    expect(row).toMatchObject({
      name: saved.name,
      status: 'SUBMITTED',
      submissionType: 'CONTRACT_ONLY',
      programNames: [program?.name],
      firstSubmittedAt: submitted.revisions[0]?.submitted?.at,
      lastSubmittedAt: submitted.revisions[0]?.submitted?.at,
    });
    const seenByCms = (await cms.get(`/api/contracts/${created.id}`)).json<ContractView>();
    expect(seenByCms.abilities).toMatchObject({
      canUnlock: true,
      canWithdraw: true,
      canEdit: false,
      canApprove: false,
    });

    const unlockedResponse = await cms.post(`/api/contracts/${created.id}/unlock`, {
      version: 3,
      reason: 'Please correct the contract dates',
    });
    expect(unlockedResponse.statusCode).toBe(200);
    const unlocked = unlockedResponse.json<ContractView>();
    expect(unlocked).toMatchObject({ version: 4, status: 'UNLOCKED', submissionStatus: 'UNLOCKED' });
    // The reviewer is told of the unlock, and goes on seeing the submission: the draft is the state's.
    const unlock = {
      by: { email: cms.session.user.email, role: 'CMS_USER' },
      reason: 'Please correct the contract dates',
    };
    expect(unlocked.unlocked).toMatchObject(unlock);
    expect(unlocked.revisions.map((r) => r.number)).toEqual([1]);
    expect(unlocked.abilities.canUnlock).toBe(false);

    // The state sees it unlocked, with the draft the unlock opened, can edit and resubmit (with a reason), not
    // submit.
    const seenByState = (await state.get(`/api/contracts/${created.id}`)).json<ContractView>();
    expect(seenByState.revisions).toHaveLength(2);
    expect(seenByState.revisions[1]?.formData).toEqual(seenByState.revisions[0]?.formData);
    expect(seenByState.revisions[1]?.unlocked).toMatchObject(unlock);
    expect(seenByState.unlocked).toEqual(seenByState.revisions[1]?.unlocked);
    expect(seenByState.abilities).toMatchObject({ canEdit: true, canResubmit: true, canSubmit: false });
    const noReason = await state.post(`/api/contracts/${created.id}/resubmit`, { version: 4 });
    expect(noReason.statusCode).toBe(400);
    const resubmitted = (
      await state.post(`/api/contracts/${created.id}/resubmit`, { version: 4, reason: 'Dates corrected' })
    ).json<ContractView>();
    expect(resubmitted).toMatchObject({ version: 5, status: 'RESUBMITTED' });
    expect(resubmitted.revisions[1]?.submitted?.reason).toBe('Dates corrected');

    // Both see the same milestones: who, when, why (draft saves are in the audit log only).
    for (const viewer of [state, cms]) {
      const view = (await viewer.get(`/api/contracts/${created.id}`)).json<ContractView>();
      expect(view.history.map((e) => [e.action, e.actor?.email, e.reason])).toEqual([
        ['CREATE_CONTRACT', state.session.user.email, null],
        ['SUBMIT', state.session.user.email, null],
        ['UNLOCK', cms.session.user.email, 'Please correct the contract dates'],
        ['RESUBMIT', state.session.user.email, 'Dates corrected'],
      ]);
      for (const event of view.history) expect(Number.isNaN(Date.parse(event.at))).toBe(false);
      expect(view.history.find((e) => e.action === 'UNLOCK')?.revisionId).toBe(view.revisions[1]?.id);
    }
  });

  it('lists drafts to their state only, newest first, with cursor pagination', async () => {
    const first = (await state.post('/api/contracts', {})).json<ContractView>();
    const second = (await state.post('/api/contracts', {})).json<ContractView>();
    const mine = (await state.get('/api/contracts?limit=100')).json<ContractList>();
    const ids = mine.items.map((c) => c.id);
    expect(ids.indexOf(second.id)).toBeLessThan(ids.indexOf(first.id));
    expect(ids.indexOf(second.id)).toBeGreaterThanOrEqual(0);
    expect(mine.items.every((c) => c.stateCode === 'MN')).toBe(true);

    const cmsIds = (await cms.get('/api/contracts?limit=100')).json<ContractList>().items.map((c) => c.id);
    expect(cmsIds).not.toContain(first.id);
    expect(cmsIds).not.toContain(second.id);

    const pageOne = (await state.get('/api/contracts?limit=1')).json<ContractList>();
    expect(pageOne.items).toHaveLength(1);
    expect(pageOne.nextCursor).not.toBeNull();
    const pageTwo = (
      await state.get(`/api/contracts?limit=1&cursor=${encodeURIComponent(pageOne.nextCursor ?? '')}`)
    ).json<ContractList>();
    expect(pageTwo.items).toHaveLength(1);
    expect(pageTwo.items[0]?.id).not.toBe(pageOne.items[0]?.id);
  });

  it('shows every filing, drafts included, to read-everything roles', async () => {
    const draft = (await state.post('/api/contracts', {})).json<ContractView>();
    for (const role of ['ADMIN', 'HELPDESK', 'READONLY'] as const) {
      const viewer = await t.loginAs(role);
      const ids = (await viewer.get('/api/contracts?limit=100')).json<ContractList>().items.map((c) => c.id);
      expect(ids).toContain(draft.id);
      const view = (await viewer.get(`/api/contracts/${draft.id}`)).json<ContractView>();
      expect(view.abilities).toMatchObject({ canRead: true, canEdit: false, canSubmit: false });
    }
  });
});
