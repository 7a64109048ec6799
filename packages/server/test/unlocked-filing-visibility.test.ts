import type { ContractSummaryView, ContractView, DocumentRef, LinkableRateView, Role } from '@docket/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentIdOf, PDF, upload } from './document-fixtures';
import {
  completeForm,
  completeRateForm,
  createContract,
  expectProblem,
  programsOf,
  startTestApp,
  type TestApp,
  type UserClient,
  writeContract,
} from './helpers';

/**
 * What each reader gets of an unlocked filing, on every read path: the state's unsubmitted edits (the draft
 * revision of the contract, the draft revisions of its rates, new rates, new documents) are the state's and the
 * read-everything roles', never the reviewers', who see the filing as last submitted and the unlock.
 */

let t: TestApp;
let mn: UserClient;
let cms: UserClient;
let approver: UserClient;

/** Our filing `F` links rate `L` of filing `P`; both were submitted, unlocked, and then edited by the state. */
let filing: ContractView;
let parent: ContractView;
/** Names of the filings as submitted, before the state's edits changed their programs. */
let submittedName: string;
let parentSubmittedName: string;
/** The name the state's draft gives the filing, with one more program. */
let draftName: string;
const UNLOCK_REASON = 'Please correct the rate certification date';
const DRAFT_TEXT = 'DRAFT-ONLY description the state has not submitted';
/** The documents as submitted, and those only the drafts hold. */
const submitted: Record<'contract' | 'rate' | 'linked', DocumentRef | null> = {
  contract: null,
  rate: null,
  linked: null,
};
const drafted: Record<'contract' | 'rate' | 'newRate' | 'linked', DocumentRef | null> = {
  contract: null,
  rate: null,
  newRate: null,
  linked: null,
};
let newRateId = '';

const [FIRST, SECOND] = programsOf('MN');
const pdf = (name: string) => upload(mn, name, Buffer.concat([PDF, Buffer.from(`% ${name}\n`)]));
const must = (document: DocumentRef | null): DocumentRef => {
  if (!document) throw new Error('not uploaded');
  return document;
};

function form(programs: string[], contractDocument: DocumentRef, description = 'A base contract') {
  const answers = completeForm('MN', { submissionType: 'CONTRACT_AND_RATES', programIDs: programs });
  return {
    ...answers,
    submissionDescription: description,
    contractDetails: { ...answers.contractDetails, contractDocuments: [contractDocument] },
  };
}

const rateForm = (document: DocumentRef) => completeRateForm('MN', { rateDocuments: [document] });

beforeAll(async () => {
  if (!FIRST || !SECOND) throw new Error('Minnesota needs two programs');
  t = await startTestApp();
  mn = await t.loginAs('STATE_USER', { state: 'MN' });
  cms = await t.loginAs('CMS_USER', { division: 'DMCO' });
  approver = await t.loginAs('CMS_APPROVER', { division: 'DMCO' });

  // P, with rate L, submitted.
  submitted.linked = await pdf('linked-rate-as-submitted.pdf');
  let p = await createContract(mn);
  p = await writeContract(mn, p, 'draft', {
    formData: form([FIRST.id], await pdf('parent-contract.pdf')),
    rates: [{ kind: 'NEW', rateId: null, formData: rateForm(must(submitted.linked)) }],
  });
  p = await writeContract(mn, p, 'submit', {});
  parentSubmittedName = p.name;
  const linkedId = p.rates[0]?.id ?? '';

  // F, with its own rate A and rate L linked, submitted.
  submitted.contract = await pdf('contract-as-submitted.pdf');
  submitted.rate = await pdf('rate-as-submitted.pdf');
  let f = await createContract(mn);
  f = await writeContract(mn, f, 'draft', {
    formData: form([FIRST.id], must(submitted.contract)),
    rates: [
      { kind: 'NEW', rateId: null, formData: rateForm(must(submitted.rate)) },
      { kind: 'LINKED', rateId: linkedId },
    ],
  });
  f = await writeContract(mn, f, 'submit', {});
  submittedName = f.name;
  const ownId = f.rates.find((r) => r.id !== linkedId)?.id ?? '';

  // CMS unlocks both; the state edits both drafts: other programs, other documents, a new rate.
  f = await writeContract(cms, f, 'unlock', { reason: UNLOCK_REASON });
  p = await writeContract(cms, p, 'unlock', { reason: 'Parent unlocked too' });
  drafted.contract = await pdf('contract-draft-only.pdf');
  drafted.rate = await pdf('rate-draft-only.pdf');
  drafted.newRate = await pdf('new-rate-draft-only.pdf');
  drafted.linked = await pdf('linked-rate-draft-only.pdf');
  f = await writeContract(mn, f, 'draft', {
    formData: form([FIRST.id, SECOND.id], must(drafted.contract), DRAFT_TEXT),
    rates: [
      { kind: 'NEW', rateId: ownId, formData: rateForm(must(drafted.rate)) },
      { kind: 'LINKED', rateId: linkedId },
      { kind: 'NEW', rateId: null, formData: rateForm(must(drafted.newRate)) },
    ],
  });
  newRateId = f.rates.find((r) => r.id !== ownId && r.id !== linkedId)?.id ?? '';
  draftName = f.name;
  expect(draftName).not.toBe(submittedName);
  p = await writeContract(mn, p, 'draft', {
    formData: form([FIRST.id, SECOND.id], await pdf('parent-contract-draft.pdf')),
    rates: [{ kind: 'NEW', rateId: linkedId, formData: rateForm(must(drafted.linked)) }],
  });
  filing = f;
  parent = p;
});
afterAll(async () => {
  await t.close();
});

const documentUrl = (contract: ContractView, document: DocumentRef | null) =>
  `/api/contracts/${contract.id}/documents/${documentIdOf(must(document))}`;
const zipUrl = (contract: ContractView, number: number) => {
  const revision = filing.revisions.find((r) => r.number === number);
  return `/api/contracts/${contract.id}/revisions/${revision?.id ?? ''}/documents.zip`;
};
/** Everything only the drafts hold, as it would appear in an answer. */
const draftTraces = () => [
  DRAFT_TEXT,
  ...Object.values(drafted).flatMap((d) => [must(d).name, must(d).blobKey]),
  newRateId,
  draftName,
];

describe.each(['CMS_USER', 'CMS_APPROVER'] as const)('a reviewer (%s) and an unlocked filing', (role) => {
  const reviewer = () => (role === 'CMS_USER' ? cms : approver);

  it('gets the filing as last submitted, with the unlock: no draft revision, answer, document or rate', async () => {
    const response = await reviewer().get(`/api/contracts/${filing.id}`);
    expect(response.statusCode).toBe(200);
    const view = response.json<ContractView>();
    expect(view).toMatchObject({ status: 'UNLOCKED', name: submittedName, version: filing.version });
    expect(view.revisions.map((r) => r.number)).toEqual([1]);
    expect(view.unlocked).toMatchObject({ reason: UNLOCK_REASON, by: { email: cms.session.user.email } });
    expect(
      view.rates.map((r) => [r.revisions.length, r.revisions.every((v) => v.submitted !== null)]),
    ).toEqual([
      [1, true],
      [1, true],
    ]);
    expect(view.rates.map((r) => r.status)).toEqual(['UNLOCKED', 'UNLOCKED']);
    for (const trace of draftTraces()) expect(response.body).not.toContain(trace);
    expect(response.body).toContain(must(submitted.contract).name);
  });

  it('downloads what was submitted, and nothing only a draft holds', async () => {
    for (const document of [submitted.contract, submitted.rate, submitted.linked]) {
      expect((await reviewer().get(documentUrl(filing, document))).statusCode).toBe(200);
    }
    for (const document of [drafted.contract, drafted.rate, drafted.newRate, drafted.linked]) {
      expectProblem(await reviewer().get(documentUrl(filing, document)), 404, 'NOT_FOUND');
    }
    expectProblem(await reviewer().get(documentUrl(parent, drafted.linked)), 404, 'NOT_FOUND');
  });

  it('gets the zip of the submission, and not of the draft', async () => {
    expect((await reviewer().get(zipUrl(filing, 1))).statusCode).toBe(200);
    expectProblem(await reviewer().get(zipUrl(filing, 2)), 404, 'NOT_FOUND');
  });

  it('lists the filing and the linkable rates by what was submitted', async () => {
    const list = (await reviewer().get('/api/contracts?limit=100')).json<{ items: ContractSummaryView[] }>();
    expect(list.items.find((c) => c.id === filing.id)).toMatchObject({
      name: submittedName,
      status: 'UNLOCKED',
      programNames: [FIRST?.name],
      // Updated when it was unlocked: the state's saves since are the state's.
      updatedAt: filing.revisions[1]?.createdAt,
      lastSubmittedAt: filing.revisions[0]?.submitted?.at,
    });
    for (const trace of draftTraces()) expect(JSON.stringify(list)).not.toContain(trace);
    const linkable = (await reviewer().get('/api/rates/linkable?stateCode=MN&limit=100')).json<{
      items: LinkableRateView[];
    }>();
    const linked = linkable.items.find((r) => r.parentContractId === parent.id);
    expect(linked?.parentContractName).toBe(parentSubmittedName);
  });

  it('gets the parent filing of a linked rate as last submitted too', async () => {
    const response = await reviewer().get(`/api/contracts/${parent.id}`);
    const view = response.json<ContractView>();
    expect(view.revisions.map((r) => r.number)).toEqual([1]);
    expect(view.name).toBe(parentSubmittedName);
    expect(response.body).not.toContain(must(drafted.linked).name);
  });
});

describe('the state and the read-everything roles', () => {
  it('list the filing by its draft, updated when the state last saved it', async () => {
    for (const reader of [mn, await t.loginAs('ADMIN')]) {
      const list = (await reader.get('/api/contracts?limit=100')).json<{ items: ContractSummaryView[] }>();
      expect(list.items.find((c) => c.id === filing.id)).toMatchObject({
        name: draftName,
        status: 'UNLOCKED',
        programNames: [FIRST?.name, SECOND?.name],
        updatedAt: filing.updatedAt,
      });
    }
  });

  it('get the draft of an unlocked filing, its documents and its zip', async () => {
    const readers: UserClient[] = [mn];
    for (const role of ['ADMIN', 'HELPDESK', 'READONLY'] satisfies Role[])
      readers.push(await t.loginAs(role));
    for (const reader of readers) {
      const response = await reader.get(`/api/contracts/${filing.id}`);
      const view = response.json<ContractView>();
      expect(view.revisions.map((r) => r.number)).toEqual([1, 2]);
      expect(view.unlocked).toEqual(view.revisions[1]?.unlocked);
      for (const trace of draftTraces()) expect(response.body).toContain(trace);
      expect((await reader.get(documentUrl(filing, drafted.contract))).statusCode).toBe(200);
      expect((await reader.get(documentUrl(filing, drafted.linked))).statusCode).toBe(200);
      expect((await reader.get(zipUrl(filing, 2))).statusCode).toBe(200);
    }
  });
});

describe('a reviewer acting on an unlocked filing', () => {
  it('is answered with the filing as last submitted', async () => {
    const response = await cms.put(`/api/contracts/${filing.id}/mccrs-id`, {
      version: filing.version,
      mccrsId: '4321',
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json<ContractView>().revisions.map((r) => r.number)).toEqual([1]);
    for (const trace of draftTraces()) expect(response.body).not.toContain(trace);
    filing = { ...filing, version: response.json<ContractView>().version };
  });
});
