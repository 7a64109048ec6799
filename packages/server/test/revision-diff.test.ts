import type { ContractRevisionDiff, ContractView, RateRevisionDiff } from '@docket/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  completeForm,
  completeRateForm,
  createContract,
  expectProblem,
  submittedContract,
  uploadedDocument,
  type TestApp,
  startTestApp,
  type UserClient,
  writeContract,
} from './helpers';

/**
 * `GET /api/contracts/:id/diff` and `GET /api/rates/:id/diff` through the real app: what changed between two
 * submissions, which submissions may be compared, and who may ask.
 */

let t: TestApp;
let mn: UserClient;
let fl: UserClient;
let cms: UserClient;
/** Submitted with two rates, unlocked, and resubmitted with another description, its contract document replaced,
 * one rate re-certified and the other removed. */
let filing: ContractView;
let keptRateId = '';
let removedRateId = '';
let removedRateName = '';

async function diffOf(user: UserClient, url: string) {
  const response = await user.get(url);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<ContractRevisionDiff>();
}

beforeAll(async () => {
  t = await startTestApp();
  mn = await t.loginAs('STATE_USER', { state: 'MN' });
  fl = await t.loginAs('STATE_USER', { state: 'FL' });
  cms = await t.loginAs('CMS_USER', { division: 'DMCO' });

  const answers = completeForm('MN', { submissionType: 'CONTRACT_AND_RATES' });
  const created = await createContract(mn);
  const saved = await writeContract(mn, created, 'draft', {
    formData: answers,
    rates: [
      { kind: 'NEW', rateId: null, formData: completeRateForm('MN') },
      {
        kind: 'NEW',
        rateId: null,
        formData: completeRateForm('MN', { rateDateStart: '2027-01-01', rateDateEnd: '2027-12-31' }),
      },
    ],
  });
  const submitted = await writeContract(mn, saved, 'submit');
  keptRateId = submitted.rates[0]?.id ?? '';
  removedRateId = submitted.rates[1]?.id ?? '';
  removedRateName = submitted.rates[1]?.revisions.at(-1)?.name ?? '';
  const unlocked = await writeContract(cms, submitted, 'unlock', { reason: 'Replace the contract' });
  const kept = unlocked.rates.find((r) => r.id === keptRateId)?.revisions.at(-1)?.formData;
  const edited = await writeContract(mn, unlocked, 'draft', {
    formData: {
      ...answers,
      submissionDescription: 'A base contract, signed',
      contractDetails: {
        ...answers.contractDetails,
        contractDocuments: [uploadedDocument('MN', 'contract.pdf')],
      },
    },
    rates: [{ kind: 'NEW', rateId: keptRateId, formData: { ...kept, rateDateCertified: '2025-12-01' } }],
  });
  filing = await writeContract(mn, edited, 'resubmit', { reason: 'Signed contract' });
});
afterAll(async () => {
  await t.close();
});

describe('GET /api/contracts/:id/diff', () => {
  it('compares the last submission with the one before by default: answers, documents and rates', async () => {
    const diff = await diffOf(cms, `/api/contracts/${filing.id}/diff`);
    const [first, second] = filing.revisions;
    expect(diff.from).toEqual({ id: first?.id, number: 1, submittedAt: first?.submitted?.at });
    expect(diff.to).toEqual({ id: second?.id, number: 2, submittedAt: second?.submitted?.at });
    expect(diff.unchanged).toBe(false);
    expect(diff.answers).toEqual([
      {
        key: 'submissionDescription',
        section: 'SUBMISSION_DETAILS',
        label: 'Submission description',
        before: ['A base contract'],
        after: ['A base contract, signed'],
      },
    ]);
    expect(diff.documents).toEqual([
      {
        list: 'contractDocuments',
        label: 'Contract documents',
        kind: 'REPLACED',
        before: { name: 'contract.pdf', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
        after: { name: 'contract.pdf', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
      },
    ]);
    expect(diff.documents[0]?.before?.sha256).not.toBe(diff.documents[0]?.after?.sha256);
    expect(diff.rates.map((r) => [r.kind, r.rateId])).toEqual([
      ['REVISED', keptRateId],
      ['REMOVED', removedRateId],
    ]);
    expect(diff.rates[1]?.name).toBe(removedRateName);
    expect(diff.rates[0]?.changes?.answers).toEqual([
      expect.objectContaining({ label: 'Date certified', before: ['Nov 15, 2025'], after: ['Dec 1, 2025'] }),
    ]);
  });

  it('compares any two submissions, in either order, and a submission with itself', async () => {
    const [first, second] = filing.revisions;
    const back = await diffOf(mn, `/api/contracts/${filing.id}/diff?from=${second?.id}&to=${first?.id}`);
    expect(back.answers[0]).toMatchObject({
      before: ['A base contract, signed'],
      after: ['A base contract'],
    });
    expect(back.rates.map((r) => r.kind)).toEqual(['REVISED', 'ADDED']);
    const same = await diffOf(mn, `/api/contracts/${filing.id}/diff?from=${first?.id}&to=${first?.id}`);
    expect(same).toMatchObject({ answers: [], documents: [], rates: [], unchanged: true });
  });

  it('answers 404 to a state user of another state, as for a missing contract', async () => {
    const problem = expectProblem(await fl.get(`/api/contracts/${filing.id}/diff`), 404, 'NOT_FOUND');
    expect(problem.detail).toBe(`Contract ${filing.id} was not found`);
  });

  it('refuses a revision id of another contract, and names it', async () => {
    const other = await submittedContract(mn);
    const foreign = other.revisions[0]?.id ?? '';
    const problem = expectProblem(
      await cms.get(`/api/contracts/${filing.id}/diff?from=${foreign}`),
      404,
      'NOT_FOUND',
    );
    expect(problem.detail).toBe(`Submitted revision ${foreign} was not found`);
  });

  it('answers 400 for a filing submitted once, unless the submission is compared with itself', async () => {
    const once = await submittedContract(mn);
    const problem = expectProblem(await cms.get(`/api/contracts/${once.id}/diff`), 400, 'BAD_REQUEST');
    expect(problem.detail).toMatch(/first submission: there is no earlier one to compare it with/);
    const only = once.revisions[0]?.id;
    const same = await diffOf(cms, `/api/contracts/${once.id}/diff?from=${only}&to=${only}`);
    expect(same.unchanged).toBe(true);
  });

  it('never compares a draft: not the state’s own, and not for a reviewer who cannot see it', async () => {
    await writeContract(cms, filing, 'unlock', { reason: 'One more thing' });
    // The state sees its draft; the reviewer's view of the filing does not list it.
    const draft = (await mn.get(`/api/contracts/${filing.id}`)).json<ContractView>().revisions.at(-1);
    expect(draft?.submitted).toBeNull();
    const draftId = draft?.id ?? '';
    for (const user of [mn, cms]) {
      expectProblem(await user.get(`/api/contracts/${filing.id}/diff?to=${draftId}`), 404, 'NOT_FOUND');
    }
    // While the state edits, the last two submissions are still compared.
    expect((await diffOf(cms, `/api/contracts/${filing.id}/diff`)).to.number).toBe(2);
  });

  it('answers 400 for a malformed revision id', async () => {
    const problem = expectProblem(
      await cms.get(`/api/contracts/${filing.id}/diff?from=not-a-revision`),
      400,
      'VALIDATION_FAILED',
    );
    expect(problem.detail).toMatch(/query string/);
  });
});

describe('GET /api/rates/:id/diff', () => {
  it('compares a rate’s last two submissions', async () => {
    const response = await cms.get(`/api/rates/${keptRateId}/diff`);
    expect(response.statusCode, response.body).toBe(200);
    const diff = response.json<RateRevisionDiff>();
    expect(diff.answers).toEqual([
      expect.objectContaining({ key: 'rateDateCertified', before: ['Nov 15, 2025'], after: ['Dec 1, 2025'] }),
    ]);
    expect(diff).toMatchObject({ contacts: [], documents: [], unchanged: false });
  });

  it('answers 404 to a state user of another state and for an unknown rate', async () => {
    expectProblem(await fl.get(`/api/rates/${keptRateId}/diff`), 404, 'NOT_FOUND');
    expectProblem(await cms.get(`/api/rates/${filing.id}/diff`), 404, 'NOT_FOUND');
  });

  it('answers 400 for a rate submitted once', async () => {
    const problem = expectProblem(await cms.get(`/api/rates/${removedRateId}/diff`), 400, 'BAD_REQUEST');
    expect(problem.detail).toMatch(/no earlier one/);
  });
});
