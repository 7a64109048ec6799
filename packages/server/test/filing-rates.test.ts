import {
  NotFoundError,
  type Contract,
  type ContractView,
  type LinkableRateView,
  type Problem,
} from '@docket/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUploadReceipts } from '../src/documents/upload-receipts';
import {
  completeForm,
  completeRateForm,
  createContract,
  expectProblem,
  startTestApp,
  TEST_SECRET,
  uploadedDocument,
  type TestApp,
  type UserClient,
} from './helpers';

let t: TestApp;
let mn: UserClient;
let wi: UserClient;
let cms: UserClient;
let helpdesk: UserClient;
beforeAll(async () => {
  t = await startTestApp();
  mn = await t.loginAs('STATE_USER', { state: 'MN' });
  wi = await t.loginAs('STATE_USER', { state: 'WI' });
  cms = await t.loginAs('CMS_USER', { division: 'DMCO' });
  helpdesk = await t.loginAs('HELPDESK');
});
afterAll(async () => {
  await t.close();
});

const withRates = (state = 'MN') => completeForm(state, { submissionType: 'CONTRACT_AND_RATES' });

async function save(
  user: UserClient,
  contract: ContractView,
  body: { formData: unknown; rates?: unknown[] },
): Promise<ContractView> {
  const response = await user.put(`/api/contracts/${contract.id}/draft`, {
    version: contract.version,
    ...body,
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<ContractView>();
}

async function post(
  user: UserClient,
  contract: ContractView,
  action: string,
  extra = {},
): Promise<ContractView> {
  const response = await user.post(`/api/contracts/${contract.id}/${action}`, {
    version: contract.version,
    ...extra,
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<ContractView>();
}

/** A submitted contract of the state with one new rate; returns the contract and its rate's id. */
async function submittedWithRate(
  user: UserClient,
  state = 'MN',
): Promise<{ view: ContractView; rateId: string }> {
  const draft = await createContract(user);
  const saved = await save(user, draft, {
    formData: withRates(state),
    rates: [{ kind: 'NEW', rateId: null, formData: completeRateForm(state) }],
  });
  const view = await post(user, saved, 'submit');
  const rateId = view.revisions[0]?.rateLinks[0]?.rateId;
  if (!rateId) throw new Error('the rate did not go with the submission');
  return { view, rateId };
}

describe('a contract with two new rates and one linked rate', () => {
  it('creates, edits, removes, links, submits, unlocks and undoes the unlock with its rates', async () => {
    const earlier = await submittedWithRate(mn);
    const linkable = await mn.get('/api/rates/linkable?stateCode=MN');
    expect(linkable.statusCode).toBe(200);
    const listed = linkable.json<{ items: LinkableRateView[] }>().items.find((r) => r.id === earlier.rateId);
    expect(listed).toMatchObject({
      status: 'SUBMITTED',
      parentContractId: earlier.view.id,
      parentContractName: earlier.view.name,
      rateDateStart: '2026-01-01',
    });
    expect(listed?.name).toMatch(/^MCR-MN-.+-20260101-20261231-CERTIFICATION-20251115$/);

    // Three rates on the draft: two new, one linked.
    const draft = await createContract(mn);
    const first = await save(mn, draft, {
      formData: withRates(),
      rates: [
        { kind: 'NEW', rateId: null, formData: completeRateForm('MN', { rateDateCertified: undefined }) },
        { kind: 'NEW', rateId: null, formData: completeRateForm('MN') },
        { kind: 'LINKED', rateId: earlier.rateId },
      ],
    });
    const links = first.revisions[0]!.rateLinks;
    expect(links).toHaveLength(3);
    expect(links.every((l) => l.rateRevisionId === null)).toBe(true);
    expect(links[2]!.rateId).toBe(earlier.rateId);
    const owned = first.rates.filter((r) => r.parentContractId === first.id);
    expect(owned.map((r) => r.status)).toEqual(['DRAFT', 'DRAFT']);
    expect(new Set(owned.map((r) => r.stateNumber)).size).toBe(2);
    expect(JSON.stringify(first)).not.toContain('uploadToken');

    // Submitting reports the incomplete rate by its place on the draft.
    const refused = await mn.post(`/api/contracts/${first.id}/submit`, { version: first.version });
    const problem = expectProblem(refused, 422, 'VALIDATION_FAILED');
    expect(problem.issues?.map((i) => i.path.join('.'))).toEqual(['rates.0.rateDateCertified']);

    // Fixing the first rate keeps its id; the rate stays owned and in place.
    const [a, b] = [links[0]!.rateId, links[1]!.rateId];
    const fixed = await save(mn, first, {
      formData: withRates(),
      rates: [
        { kind: 'NEW', rateId: a, formData: completeRateForm('MN') },
        { kind: 'NEW', rateId: b, formData: completeRateForm('MN', { rateCapitationType: 'RATE_RANGE' }) },
        { kind: 'LINKED', rateId: earlier.rateId },
      ],
    });
    expect(fixed.revisions[0]!.rateLinks.map((l) => l.rateId)).toEqual([a, b, earlier.rateId]);

    const submitted = await post(mn, fixed, 'submit');
    const frozen = submitted.revisions[0]!.rateLinks;
    const rateOf = (id: string) => submitted.rates.find((r) => r.id === id)!;
    expect(frozen[0]!.rateRevisionId).toBe(rateOf(a).revisions[0]!.id);
    expect(frozen[1]!.rateRevisionId).toBe(rateOf(b).revisions[0]!.id);
    expect(frozen[2]!.rateRevisionId).toBe(rateOf(earlier.rateId).revisions[0]!.id);
    expect([rateOf(a).status, rateOf(b).status]).toEqual(['SUBMITTED', 'SUBMITTED']);

    // Unlocking opens the owned rates, not the linked one (as the state, who sees the draft, finds).
    await post(cms, submitted, 'unlock', { reason: 'Fix the rate range' });
    const unlocked = (await mn.get(`/api/contracts/${submitted.id}`)).json<ContractView>();
    const draftLinks = unlocked.revisions[1]!.rateLinks;
    expect(draftLinks.map((l) => [l.rateId, l.rateRevisionId])).toEqual([
      [a, null],
      [b, null],
      [earlier.rateId, null],
    ]);
    expect(unlocked.rates.find((r) => r.id === a)?.status).toBe('UNLOCKED');
    expect(unlocked.rates.find((r) => r.id === b)?.revisions).toHaveLength(2);
    expect(unlocked.rates.find((r) => r.id === earlier.rateId)).toMatchObject({
      status: 'SUBMITTED',
      parentContractName: earlier.view.name,
    });
    expect(unlocked.rates.find((r) => r.id === a)?.parentContractName).toBe(unlocked.name);

    // The state removes one owned rate and adds a new one; undoing the unlock takes all of it back.
    const edited = await save(mn, unlocked, {
      formData: withRates(),
      rates: [
        { kind: 'NEW', rateId: a, formData: completeRateForm('MN', { rateCapitationType: 'RATE_RANGE' }) },
        { kind: 'NEW', rateId: null, formData: completeRateForm('MN') },
      ],
    });
    const added = edited.revisions[1]!.rateLinks[1]!.rateId;
    expect((await t.datastore.rates.get(b)).revisions).toHaveLength(1);
    const undone = await post(helpdesk, edited, 'undo-unlock', { reason: 'Unlocked by mistake' });
    expect(undone.status).toBe('SUBMITTED');
    expect(undone.rates.map((r) => [r.id, r.status, r.revisions.length])).toEqual([
      [a, 'SUBMITTED', 1],
      [b, 'SUBMITTED', 1],
      [earlier.rateId, 'SUBMITTED', 1],
    ]);
    await expect(t.datastore.rates.get(added)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('rates that cannot go with a filing', () => {
  it('drops the rates of a filing submitted as contract only, deleting never-submitted ones', async () => {
    const draft = await createContract(mn);
    const saved = await save(mn, draft, {
      formData: completeForm('MN', { submissionType: 'CONTRACT_ONLY' }),
      rates: [{ kind: 'NEW', rateId: null, formData: completeRateForm('MN', { rateDocuments: [] }) }],
    });
    const rateId = saved.revisions[0]!.rateLinks[0]!.rateId;
    const submitted = await post(mn, saved, 'submit');
    expect(submitted.revisions[0]!.rateLinks).toEqual([]);
    expect(submitted.rates).toEqual([]);
    await expect(t.datastore.rates.get(rateId)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('refuses to link a draft rate, another state’s rate, a rate of the same contract, or no rate', async () => {
    const other = await submittedWithRate(wi, 'WI');
    const mnDraft = await createContract(mn);
    const withDraftRate = await save(mn, mnDraft, {
      formData: withRates(),
      rates: [{ kind: 'NEW', rateId: null, formData: completeRateForm('MN') }],
    });
    const draftRateId = withDraftRate.revisions[0]!.rateLinks[0]!.rateId;
    const another = await createContract(mn);
    const response = await mn.put(`/api/contracts/${another.id}/draft`, {
      version: another.version,
      formData: withRates(),
      rates: [
        { kind: 'LINKED', rateId: draftRateId },
        { kind: 'LINKED', rateId: other.rateId },
        { kind: 'LINKED', rateId: '01900000-0000-7000-8000-000000000000' },
      ],
    });
    const problem = expectProblem(response, 422, 'VALIDATION_FAILED');
    expect(problem.issues?.map((i) => i.path.join('.'))).toEqual(['rates.0', 'rates.1', 'rates.2']);
    // Another state's rate and no rate at all answer alike: nobody learns what another state filed.
    expect(new Set(problem.issues?.map((i) => i.message)).size).toBe(1);
    const own = await mn.put(`/api/contracts/${withDraftRate.id}/draft`, {
      version: withDraftRate.version,
      formData: withRates(),
      rates: [{ kind: 'LINKED', rateId: draftRateId }],
    });
    expect(expectProblem(own, 422, 'VALIDATION_FAILED').issues?.[0]?.path).toEqual(['rates', 0]);
    const unchanged = (await mn.get(`/api/contracts/${another.id}`)).json<ContractView>();
    expect(unchanged.version).toBe(another.version);
  });

  it('stops linking the rates of a withdrawn filing', async () => {
    const filed = await submittedWithRate(mn);
    await post(cms, filed.view, 'withdraw', { reason: 'Filed in error' });
    const listed = (await mn.get('/api/rates/linkable?stateCode=MN&limit=100')).json<{
      items: LinkableRateView[];
    }>();
    expect(listed.items.map((r) => r.id)).not.toContain(filed.rateId);
    const draft = await createContract(mn);
    const response = await mn.put(`/api/contracts/${draft.id}/draft`, {
      version: draft.version,
      formData: withRates(),
      rates: [{ kind: 'LINKED', rateId: filed.rateId }],
    });
    expect(expectProblem(response, 422, 'VALIDATION_FAILED').issues?.[0]?.path).toEqual(['rates', 0]);
  });

  it('lets an unlocked filing take back a rate of its own it had left out', async () => {
    const { view, rateId } = await submittedWithRate(mn);
    const unlocked = await post(cms, view, 'unlock', { reason: 'Revise' });
    const without = await save(mn, unlocked, { formData: withRates(), rates: [] });
    expect((await t.datastore.rates.get(rateId)).revisions).toHaveLength(1);
    const back = await save(mn, without, {
      formData: withRates(),
      rates: [
        { kind: 'NEW', rateId, formData: completeRateForm('MN', { rateCapitationType: 'RATE_RANGE' }) },
      ],
    });
    const rate = back.rates.find((r) => r.id === rateId);
    expect(rate?.status).toBe('UNLOCKED');
    expect(rate?.revisions.at(-1)?.formData.rateCapitationType).toBe('RATE_RANGE');
    const resubmitted = await post(mn, back, 'resubmit', { reason: 'Rate range' });
    expect(resubmitted.revisions.at(-1)?.rateLinks).toEqual([
      { rateId, rateRevisionId: rate?.revisions.at(-1)?.id },
    ]);
  });

  it('lists linkable rates only for the user’s own state', async () => {
    expect((await wi.get('/api/rates/linkable?stateCode=MN')).statusCode).toBe(403);
    expect((await cms.get('/api/rates/linkable?stateCode=MN')).statusCode).toBe(200);
    expectProblem(await mn.get('/api/rates/linkable?stateCode=minnesota'), 400, 'VALIDATION_FAILED');
  });
});

describe('documents on a draft', () => {
  function withDocuments(documents: unknown[]) {
    const form = completeForm('MN');
    return { ...form, contractDetails: { ...form.contractDetails, contractDocuments: documents } };
  }

  it('takes the state’s uploads once, keeps them without their receipts, and refuses other documents', async () => {
    const draft = await createContract(mn);
    const mine = uploadedDocument('MN', 'contract.pdf');
    const saved = await save(mn, draft, { formData: withDocuments([mine]) });
    const stored = saved.revisions[0]!.formData;
    if (stored.schemaVersion !== 2) throw new Error('a draft is always in the current form');
    const { uploadToken: _receipt, ...withoutReceipt } = mine;
    expect(stored.contractDetails.contractDocuments).toEqual([withoutReceipt]);
    // Saving again without the receipt works: the filing already holds the document, and keeps it as stored
    // whatever the request says of its name, type or dates.
    const forged = {
      ...withoutReceipt,
      name: 'invoice.html',
      contentType: 'text/html',
      uploadedAt: '1960-01-01T00:00:00Z',
    };
    const again = await save(mn, saved, { formData: withDocuments([forged]) });
    const kept = again.revisions[0]!.formData;
    expect(kept.schemaVersion === 2 && kept.contractDetails.contractDocuments).toEqual([withoutReceipt]);

    const old = { ...uploadedDocument('MN'), uploadedAt: new Date(Date.now() - 13 * 3600_000).toISOString() };
    const stale = { ...old, uploadToken: createUploadReceipts(TEST_SECRET).issue(old, 'MN') };
    const cases: [unknown, string][] = [
      [stale, 'contractDetails.contractDocuments.0'],
      [{ ...uploadedDocument('MN'), uploadToken: undefined }, 'contractDetails.contractDocuments.0'],
      [uploadedDocument('WI'), 'contractDetails.contractDocuments.0'],
      [{ ...uploadedDocument('MN'), sha256: 'a'.repeat(64) }, 'contractDetails.contractDocuments.0'],
    ];
    const current = (await mn.get(`/api/contracts/${draft.id}`)).json<ContractView>();
    for (const [document, path] of cases) {
      const response = await mn.put(`/api/contracts/${draft.id}/draft`, {
        version: current.version,
        formData: withDocuments([document]),
      });
      const problem: Problem = expectProblem(response, 422, 'VALIDATION_FAILED');
      expect(problem.issues?.map((i) => i.path.join('.'))).toEqual([path]);
      if (document === stale) expect(problem.issues?.[0]?.message).toMatch(/uploaded too long ago/);
    }
    const twice = await mn.put(`/api/contracts/${draft.id}/draft`, {
      version: current.version,
      formData: withDocuments([uploadedDocument('MN', 'a.pdf'), uploadedDocument('MN', 'A.pdf')]),
    });
    expect(expectProblem(twice, 422, 'VALIDATION_FAILED').issues?.map((i) => i.path.join('.'))).toEqual([
      'contractDetails.contractDocuments.1.name',
    ]);
    expect((await mn.get(`/api/contracts/${draft.id}`)).json<ContractView>().version).toBe(current.version);
  });
});

describe('a filing stored in an older form', () => {
  it('reads as it was stored, and unlocking brings its draft up to the current form', async () => {
    const fresh = await createContract(mn);
    const stored = await t.datastore.contracts.get(fresh.id);
    const at = new Date().toISOString();
    const by = {
      userId: mn.session.user.id,
      email: mn.session.user.email,
      name: 'Test',
      role: 'STATE_USER' as const,
    };
    const form = completeForm('MN');
    const old: Contract = {
      ...stored,
      version: stored.version + 1,
      revisions: [
        {
          ...stored.revisions[0]!,
          formData: {
            schemaVersion: 1,
            populationCovered: 'MEDICAID',
            programIDs: form.programIDs ?? [],
            submissionType: 'CONTRACT_ONLY',
            contractType: 'BASE',
            riskBasedContract: false,
            submissionDescription: 'Filed before contract details were asked',
            stateContacts: form.stateContacts?.map((c) => ({ ...c, givenName: c.givenName ?? '' })) ?? [],
          } as Contract['revisions'][number]['formData'],
          submitted: { at, by, reason: null },
        },
      ],
    };
    await t.datastore.transfer.write('contracts', [old]);

    const view = (await cms.get(`/api/contracts/${fresh.id}`)).json<ContractView>();
    expect(view.status).toBe('SUBMITTED');
    expect(view.revisions[0]!.formData.schemaVersion).toBe(1);
    expect(view.revisions[0]!.formData).not.toHaveProperty('contractDetails');

    await post(cms, view, 'unlock', { reason: 'Please add the contract details' });
    const unlocked = (await mn.get(`/api/contracts/${fresh.id}`)).json<ContractView>();
    const draft = unlocked.revisions[1]!.formData;
    expect(draft.schemaVersion).toBe(2);
    expect(draft).toMatchObject({ submissionDescription: 'Filed before contract details were asked' });
    const refused = await mn.post(`/api/contracts/${fresh.id}/resubmit`, {
      version: unlocked.version,
      reason: 'Added the details',
    });
    const paths = expectProblem(refused, 422, 'VALIDATION_FAILED').issues?.map((i) => i.path.join('.'));
    expect(paths).toContain('contractDetails.contractDocuments');
    expect(paths).toContain('contractDetails.contractDateStart');
  });
});
