import { randomUUID } from 'node:crypto';
import type { ContractView } from '@docket/domain';
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

let t: TestApp;
let mn: UserClient;
let fl: UserClient;
beforeAll(async () => {
  t = await startTestApp();
  mn = await t.loginAs('STATE_USER', { state: 'MN' });
  fl = await t.loginAs('STATE_USER', { state: 'FL' });
});
afterAll(async () => {
  await t.close();
});

describe("another state's filing", () => {
  it('answers exactly like a missing one, for reads and writes, and changes nothing', async () => {
    const contract = await createContract(mn, completeForm('MN'));
    const missingId = randomUUID();
    const theirs = await fl.get(`/api/contracts/${contract.id}`);
    const missing = await fl.get(`/api/contracts/${missingId}`);
    expectProblem(theirs, 404, 'NOT_FOUND');
    expect(theirs.body.replace(contract.id, '<id>')).toBe(missing.body.replace(missingId, '<id>'));
    expect(theirs.headers.etag).toBeUndefined();

    const writes = [
      fl.put(`/api/contracts/${contract.id}/draft`, { version: 1, formData: completeForm('FL') }),
      fl.post(`/api/contracts/${contract.id}/submit`, { version: 1 }),
      fl.post(`/api/contracts/${contract.id}/resubmit`, { version: 1, reason: 'x' }),
    ];
    for (const response of await Promise.all(writes)) {
      expectProblem(response, 404, 'NOT_FOUND');
      expect(response.body.replace(contract.id, '<id>')).toBe(missing.body.replace(missingId, '<id>'));
    }
    const after = (await mn.get(`/api/contracts/${contract.id}`)).json<ContractView>();
    expect(after.version).toBe(1);
    expect(after.history.map((e) => e.action)).toEqual(['CREATE_CONTRACT']);

    const flList = (await fl.get('/api/contracts?limit=100')).json<{ items: { id: string }[] }>();
    expect(flList.items.map((c) => c.id)).not.toContain(contract.id);
  });

  it('treats a malformed id as not found', async () => {
    expectProblem(await mn.get('/api/contracts/not-a-uuid'), 404, 'NOT_FOUND');
    expectProblem(await mn.post('/api/contracts/not-a-uuid/submit', { version: 1 }), 404, 'NOT_FOUND');
  });
});

describe('roles', () => {
  it('only state users create contracts, for their own state', async () => {
    for (const role of ['CMS_USER', 'CMS_APPROVER', 'ADMIN', 'HELPDESK', 'READONLY'] as const) {
      const user = await t.loginAs(role);
      expectProblem(await user.post('/api/contracts', {}), 403, 'FORBIDDEN');
    }
    const created = await createContract(fl);
    expect(created.stateCode).toBe('FL');
  });

  it('READONLY, HELPDESK and state users cannot unlock; nothing changes', async () => {
    const contract = await submittedContract(mn);
    for (const user of [await t.loginAs('READONLY'), await t.loginAs('HELPDESK'), mn]) {
      const response = await user.post(`/api/contracts/${contract.id}/unlock`, {
        version: contract.version,
        reason: 'Trying',
      });
      const problem = expectProblem(response, 403, 'FORBIDDEN');
      expect(problem.detail).toMatch(/may not unlock/);
    }
    const after = (await mn.get(`/api/contracts/${contract.id}`)).json<ContractView>();
    expect(after).toMatchObject({ version: contract.version, status: 'SUBMITTED' });
  });

  it('a CMS user cannot approve; an approver can; an admin must give a reason', async () => {
    const contract = await submittedContract(mn);
    const today = new Date().toISOString().slice(0, 10);
    const cmsUser = await t.loginAs('CMS_USER');
    expectProblem(
      await cmsUser.post(`/api/contracts/${contract.id}/approve`, {
        version: contract.version,
        dateApprovalReleasedToState: today,
      }),
      403,
      'FORBIDDEN',
    );
    const admin = await t.loginAs('ADMIN');
    const noReason = expectProblem(
      await admin.post(`/api/contracts/${contract.id}/approve`, {
        version: contract.version,
        dateApprovalReleasedToState: today,
      }),
      422,
      'VALIDATION_FAILED',
    );
    expect(noReason.issues).toEqual([{ path: ['reason'], message: 'Give a reason' }]);

    const approver = await t.loginAs('CMS_APPROVER');
    const approved = await approver.post(`/api/contracts/${contract.id}/approve`, {
      version: contract.version,
      dateApprovalReleasedToState: today,
    });
    expect(approved.statusCode).toBe(200);
    const view = approved.json<ContractView>();
    expect(view).toMatchObject({ status: 'APPROVED', reviewStatus: 'APPROVED' });
    expect(view.reviewActions).toEqual([
      expect.objectContaining({ action: 'APPROVE', dateApprovalReleasedToState: today, reason: null }),
    ]);
    expect(view.abilities).toMatchObject({ canApprove: false, canUnlock: false, canUndoApproval: false });
    expect(
      (await admin.get(`/api/contracts/${contract.id}`)).json<ContractView>().abilities.canUndoApproval,
    ).toBe(true);
  });

  it('carries each role’s abilities on a submitted contract', async () => {
    const contract = await submittedContract(mn);
    const expected = {
      STATE_USER: { canEdit: false, canUnlock: false, canApprove: false, canSetMccrsId: false },
      CMS_USER: { canUnlock: true, canWithdraw: true, canApprove: false, canSetMccrsId: true },
      CMS_APPROVER: { canUnlock: true, canApprove: true },
      ADMIN: { canUnlock: false, canApprove: true, canUndoUnlock: false },
      HELPDESK: { canUnlock: false, canApprove: false, canRead: true },
      READONLY: { canRead: true, canEdit: false, canUnlock: false, canApprove: false, canWithdraw: false },
    } as const;
    for (const [role, abilities] of Object.entries(expected)) {
      const user = role === 'STATE_USER' ? mn : await t.loginAs(role as keyof typeof expected);
      const view = (await user.get(`/api/contracts/${contract.id}`)).json<ContractView>();
      expect(view.abilities, role).toMatchObject(abilities);
    }
  });
});
