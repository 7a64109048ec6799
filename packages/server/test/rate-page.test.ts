import type { ContractView, RateDetailView, Role } from '@docket/domain';
import { newId } from '@docket/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  completeForm,
  completeRateForm,
  createContract,
  expectProblem,
  startTestApp,
  type TestApp,
  type UserClient,
} from './helpers';

/**
 * `GET /api/rates/{id}`: a rate as its page shows it, to every role, with the contracts that link it and the
 * history their submissions and its revisions record.
 */

let t: TestApp;
let mn: UserClient;
let fl: UserClient;
let cms: UserClient;
const readers = new Map<Role, UserClient>();

beforeAll(async () => {
  t = await startTestApp();
  mn = await t.loginAs('STATE_USER', { state: 'MN' });
  fl = await t.loginAs('STATE_USER', { state: 'FL' });
  cms = await t.loginAs('CMS_USER', { division: 'DMCO' });
  for (const role of ['CMS_APPROVER', 'ADMIN', 'HELPDESK', 'READONLY'] as const) {
    readers.set(role, await t.loginAs(role, role === 'CMS_APPROVER' ? { division: 'DMCO' } : {}));
  }
});
afterAll(async () => {
  await t.close();
});

const withRates = () => completeForm('MN', { submissionType: 'CONTRACT_AND_RATES' });

async function ok(response: PromiseLike<{ statusCode: number; body: string; json<T>(): T }>) {
  const answer = await response;
  expect(answer.statusCode, answer.body).toBe(200);
  return answer;
}

async function save(contract: ContractView, rates: unknown[], formData: object = withRates()) {
  const response = await ok(
    mn.put(`/api/contracts/${contract.id}/draft`, { version: contract.version, formData, rates }),
  );
  return response.json<ContractView>();
}

async function act(user: UserClient, contract: ContractView, action: string, extra: object = {}) {
  const response = await ok(
    user.post(`/api/contracts/${contract.id}/${action}`, { version: contract.version, ...extra }),
  );
  return response.json<ContractView>();
}

async function ratePage(user: UserClient, id: string): Promise<RateDetailView> {
  return (await ok(user.get(`/api/rates/${id}`))).json<RateDetailView>();
}

describe('a rate submitted with its parent, linked by another contract', () => {
  let parent: ContractView;
  let linker: ContractView;
  let rateId: string;

  beforeAll(async () => {
    const draft = await save(await createContract(mn), [
      { kind: 'NEW', rateId: null, formData: completeRateForm('MN') },
    ]);
    parent = await act(mn, draft, 'submit');
    rateId = parent.rates[0]?.id ?? '';
    const linking = await save(await createContract(mn), [{ kind: 'LINKED', rateId }]);
    linker = await act(mn, linking, 'submit');
  });

  it('shows the rate, its parent and the contract that links it, with their names and statuses', async () => {
    const page = await ratePage(cms, rateId);

    expect(page).toMatchObject({
      id: rateId,
      stateCode: 'MN',
      status: 'SUBMITTED',
      parentContract: { id: parent.id, name: parent.name, status: 'SUBMITTED' },
    });
    expect(page.name).toMatch(/^MCR-MN-.+-CERTIFICATION-20251115$/);
    expect(page.revisions.map((r) => r.number)).toEqual([1]);
    expect(page.revisions[0]?.formData.rateDocuments?.[0]?.name).toBe('rate-certification.pdf');
    expect(page.linkedContracts).toEqual([
      {
        id: parent.id,
        name: parent.name,
        status: 'SUBMITTED',
        isParent: true,
        linkedAt: parent.revisions[0]?.submitted?.at,
        currentRateRevisionNumber: 1,
      },
      {
        id: linker.id,
        name: linker.name,
        status: 'SUBMITTED',
        isParent: false,
        linkedAt: linker.revisions[0]?.submitted?.at,
        currentRateRevisionNumber: 1,
      },
    ]);
    expect(page.history.map((e) => [e.kind, e.contract.id, e.rateRevisionNumber])).toEqual([
      ['SUBMITTED', parent.id, 1],
      ['LINKED', linker.id, 1],
    ]);
  });

  it('follows an unlock of the parent, a resubmission, and a linking contract that drops the rate', async () => {
    const unlocked = await act(cms, parent, 'unlock', { reason: 'Fix the rate dates' });
    // A reviewer sees the rate as last submitted, and is told of the unlock; the state sees its draft.
    const whileUnlocked = await ratePage(cms, rateId);
    expect(whileUnlocked.status).toBe('UNLOCKED');
    expect(whileUnlocked.revisions.map((r) => r.number)).toEqual([1]);
    expect(whileUnlocked.history.at(-1)).toMatchObject({
      kind: 'UNLOCKED',
      reason: 'Fix the rate dates',
      rateRevisionNumber: 2,
      contract: { id: parent.id, status: 'UNLOCKED' },
    });
    expect((await ratePage(mn, rateId)).revisions.map((r) => r.number)).toEqual([1, 2]);

    parent = await act(mn, unlocked, 'resubmit', { reason: 'Dates fixed' });
    const linkerUnlocked = await act(cms, linker, 'unlock', { reason: 'Not this rate' });
    const dropped = await save(linkerUnlocked, [
      { kind: 'NEW', rateId: null, formData: completeRateForm('MN', { rateDateCertified: '2025-10-01' }) },
    ]);
    linker = await act(mn, dropped, 'resubmit', { reason: 'Own rate instead' });

    const page = await ratePage(cms, rateId);
    expect(page.status).toBe('RESUBMITTED');
    expect(page.revisions.map((r) => r.number)).toEqual([1, 2]);
    expect(page.linkedContracts.map((c) => [c.id, c.status, c.currentRateRevisionNumber])).toEqual([
      [parent.id, 'RESUBMITTED', 2],
      [linker.id, 'RESUBMITTED', null],
    ]);
    expect(page.history.map((e) => [e.kind, e.contract.id, e.rateRevisionNumber, e.reason])).toEqual([
      ['SUBMITTED', parent.id, 1, null],
      ['LINKED', linker.id, 1, null],
      ['UNLOCKED', parent.id, 2, 'Fix the rate dates'],
      ['SUBMITTED', parent.id, 2, 'Dates fixed'],
      ['UNLINKED', linker.id, 1, 'Own rate instead'],
    ]);
  });

  it('answers every role that may read the rate, and 404 to a state user of another state', async () => {
    for (const [role, reader] of readers) {
      const page = await ratePage(reader, rateId);
      expect(page.id, role).toBe(rateId);
      expect(
        page.linkedContracts.map((c) => c.id),
        role,
      ).toContain(parent.id);
    }
    expectProblem(await fl.get(`/api/rates/${rateId}`), 404, 'NOT_FOUND');
  });
});

describe('a draft rate', () => {
  let rateId: string;
  let contractId: string;
  beforeAll(async () => {
    const draft = await save(await createContract(mn), [
      { kind: 'NEW', rateId: null, formData: completeRateForm('MN') },
    ]);
    rateId = draft.rates[0]?.id ?? '';
    contractId = draft.id;
  });

  it('is the state’s and the read-everything roles’, with its draft revision; reviewers and other states get 404', async () => {
    for (const reader of [mn, readers.get('ADMIN'), readers.get('HELPDESK'), readers.get('READONLY')]) {
      if (!reader) throw new Error('no reader');
      const page = await ratePage(reader, rateId);
      expect(page).toMatchObject({ status: 'DRAFT', parentContract: { id: contractId, status: 'DRAFT' } });
      expect(page.revisions.map((r) => r.submitted)).toEqual([null]);
      expect(page.linkedContracts.map((c) => [c.isParent, c.linkedAt, c.currentRateRevisionNumber])).toEqual([
        [true, null, null],
      ]);
      expect(page.history).toEqual([]);
    }
    for (const reader of [cms, readers.get('CMS_APPROVER'), fl]) {
      if (!reader) throw new Error('no reader');
      expectProblem(await reader.get(`/api/rates/${rateId}`), 404, 'NOT_FOUND');
    }
  });
});

describe('bad requests', () => {
  it('answers 404 for an unknown or malformed id, and 401 without a session', async () => {
    expectProblem(await cms.get(`/api/rates/${newId()}`), 404, 'NOT_FOUND');
    expectProblem(await cms.get('/api/rates/not-a-rate'), 404, 'NOT_FOUND');
    expectProblem(await t.anonymous.get(`/api/rates/${newId()}`), 401, 'UNAUTHENTICATED');
  });
});
