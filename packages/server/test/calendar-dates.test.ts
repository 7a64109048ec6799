import { DATE_RANGE_MESSAGE, type ContractView } from '@docket/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  completeForm,
  completeRateForm,
  createContract,
  expectProblem,
  startTestApp,
  submittedContract,
  type TestApp,
  type UserClient,
} from './helpers';

/**
 * Every date the API takes has one range, 1900-01-01 to 2999-12-31: a well-formed date outside it is refused with
 * 422 naming the range, a malformed one (an impossible day, a five-digit year) with 400; nothing is written.
 */

let t: TestApp;
let mn: UserClient;
let approver: UserClient;
beforeAll(async () => {
  t = await startTestApp();
  mn = await t.loginAs('STATE_USER', { state: 'MN' });
  approver = await t.loginAs('CMS_APPROVER');
});
afterAll(async () => {
  await t.close();
});

async function current(id: string): Promise<ContractView> {
  return (await mn.get(`/api/contracts/${id}`)).json<ContractView>();
}

describe('the day an approval was released', () => {
  it('is refused outside the range with 422 naming it, and malformed with 400', async () => {
    const contract = await submittedContract(mn);
    const approve = (dateApprovalReleasedToState: string) =>
      approver.post(`/api/contracts/${contract.id}/approve`, {
        version: contract.version,
        dateApprovalReleasedToState,
      });
    for (const date of ['0000-01-01', '1899-12-31']) {
      const problem = expectProblem(await approve(date), 422, 'VALIDATION_FAILED');
      expect(problem.issues).toEqual([
        { path: ['dateApprovalReleasedToState'], message: DATE_RANGE_MESSAGE },
      ]);
    }
    for (const date of ['10000-01-01', '+010000-01-01', '2025-02-30', '2025-13-01']) {
      const problem = expectProblem(await approve(date), 400, 'VALIDATION_FAILED');
      expect(problem.issues?.[0]?.path, date).toEqual(['dateApprovalReleasedToState']);
    }
    expect((await current(contract.id)).version).toBe(contract.version);
    const approved = await approve('1900-01-01');
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json<ContractView>().reviewActions.at(-1)?.dateApprovalReleasedToState).toBe(
      '1900-01-01',
    );
  });
});

describe('the dates of a filing', () => {
  it('are refused outside the range when a draft is saved, in the contract and in its rates', async () => {
    const contract = await createContract(mn);
    const form = completeForm('MN');
    const response = await mn.put(`/api/contracts/${contract.id}/draft`, {
      version: contract.version,
      formData: {
        ...form,
        contractDetails: {
          ...form.contractDetails,
          contractDateStart: '0000-01-01',
          contractDateEnd: '3000-01-01',
        },
      },
      rates: [
        { kind: 'NEW', rateId: null, formData: completeRateForm('MN', { rateDateCertified: '1899-12-31' }) },
      ],
    });
    const problem = expectProblem(response, 422, 'VALIDATION_FAILED');
    expect(problem.issues).toEqual([
      { path: ['contractDetails', 'contractDateStart'], message: DATE_RANGE_MESSAGE },
      { path: ['contractDetails', 'contractDateEnd'], message: DATE_RANGE_MESSAGE },
      { path: ['rates', 0, 'rateDateCertified'], message: DATE_RANGE_MESSAGE },
    ]);
    const after = await current(contract.id);
    expect(after.version).toBe(contract.version);
    expect(after.rates).toEqual([]);
  });

  it('are refused outside the range when a contract is started with answers', async () => {
    const form = completeForm('MN');
    const response = await mn.post('/api/contracts', {
      formData: { ...form, contractDetails: { ...form.contractDetails, contractDateEnd: '9999-12-31' } },
    });
    const problem = expectProblem(response, 422, 'VALIDATION_FAILED');
    expect(problem.issues).toEqual([
      { path: ['contractDetails', 'contractDateEnd'], message: DATE_RANGE_MESSAGE },
    ]);
  });

  it('are refused malformed with 400, and kept at both ends of the range', async () => {
    const contract = await createContract(mn);
    for (const date of ['2025-02-30', '10000-01-01']) {
      const response = await mn.put(`/api/contracts/${contract.id}/draft`, {
        version: contract.version,
        formData: { contractDetails: { contractDateStart: date } },
      });
      const problem = expectProblem(response, 400, 'VALIDATION_FAILED');
      expect(problem.issues?.[0]?.path).toEqual(['formData', 'contractDetails', 'contractDateStart']);
    }
    const saved = await mn.put(`/api/contracts/${contract.id}/draft`, {
      version: contract.version,
      formData: { contractDetails: { contractDateStart: '1900-01-01', contractDateEnd: '2999-12-31' } },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect((await current(contract.id)).revisions.at(-1)?.formData).toMatchObject({
      contractDetails: { contractDateStart: '1900-01-01', contractDateEnd: '2999-12-31' },
    });
  });
});
