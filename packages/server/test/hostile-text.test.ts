import type { ContractView, Problem } from '@docket/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filesUnder, multipart, PDF } from './document-fixtures';
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
 * Text no datastore keeps as sent — a NUL (U+0000), a lone UTF-16 surrogate — is refused at the edge with 400
 * VALIDATION_FAILED naming the field, on every kind of route and in every part of a request; well-formed text
 * beyond the Basic Multilingual Plane is stored intact. (The same on every datastore: `edge-on-every-datastore.test.ts`.)
 */

const NUL = 'Must not contain the NUL character (U+0000)';
const LONE = (unit: string) =>
  `Must not contain a lone UTF-16 surrogate (U+${unit}), which is not a character`;

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

function expectTextRefused(response: Parameters<typeof expectProblem>[0], issues: Problem['issues']): void {
  const problem = expectProblem(response, 400, 'VALIDATION_FAILED');
  expect(problem.issues).toEqual(issues);
  expect(problem.detail).toContain(issues?.[0]?.message ?? '');
}

async function expectUnchanged(contract: ContractView, by: UserClient = mn): Promise<void> {
  const after = (await by.get(`/api/contracts/${contract.id}`)).json<ContractView>();
  expect(after.version).toBe(contract.version);
  expect(after.revisions).toEqual(contract.revisions);
}

describe('a NUL or a lone surrogate is refused with 400 naming the field', () => {
  it('at login, before any session', async () => {
    // JSON escapes, as a client would send them: the parsed strings hold the characters themselves.
    const response = await t.anonymous.raw(
      'POST',
      '/api/auth/login',
      '{"email":"sam\\u0000@state.gov","password":"pass\\ud800word"}',
    );
    expectTextRefused(response, [
      { path: ['email'], message: NUL },
      { path: ['password'], message: LONE('D800') },
    ]);
  });

  it('deep in a draft, in the contract and its rates, and in the name of a field', async () => {
    const contract = await createContract(mn);
    const form = completeForm('MN', {
      stateContacts: [{ givenName: 'Sam', familyName: 'Analyst', titleRole: 'Lead\u0000', email: 's@x.gov' }],
    });
    const rate = completeRateForm('MN', {
      certifyingActuaryContacts: [
        { name: 'Ada \udc00', titleRole: 'Actuary', email: 'ada@firm.example', actuarialFirm: 'MERCER' },
      ],
    });
    const response = await mn.put(`/api/contracts/${contract.id}/draft`, {
      version: contract.version,
      formData: form,
      rates: [{ kind: 'NEW', rateId: null, formData: rate }],
    });
    expectTextRefused(response, [
      { path: ['formData', 'stateContacts', 0, 'titleRole'], message: NUL },
      { path: ['rates', 0, 'formData', 'certifyingActuaryContacts', 0, 'name'], message: LONE('DC00') },
    ]);
    const key = await mn.raw(
      'PUT',
      `/api/contracts/${contract.id}/draft`,
      `{"version":${contract.version},"formData":{"note\\u0000":"x"}}`,
    );
    expectTextRefused(key, [{ path: ['formData', 'note\uFFFD'], message: `The name of this field: ${NUL}` }]);
    await expectUnchanged(contract);
  });

  it('in a reason, on unlock and on resubmit', async () => {
    const submitted = await submittedContract(mn);
    expectTextRefused(
      await cms.post(`/api/contracts/${submitted.id}/unlock`, {
        version: submitted.version,
        reason: 'a\u0000b',
      }),
      [{ path: ['reason'], message: NUL }],
    );
    expectTextRefused(
      await cms.raw(
        'POST',
        `/api/contracts/${submitted.id}/unlock`,
        `{"version":${submitted.version},"reason":"Fix \\ud83d the dates"}`,
      ),
      [{ path: ['reason'], message: LONE('D83D') }],
    );
    await expectUnchanged(submitted);
    const unlocked = await cms.post(`/api/contracts/${submitted.id}/unlock`, {
      version: submitted.version,
      reason: 'Fix the dates',
    });
    const view = unlocked.json<ContractView>();
    expectTextRefused(
      await mn.post(`/api/contracts/${submitted.id}/resubmit`, { version: view.version, reason: '\u0000' }),
      [{ path: ['reason'], message: NUL }],
    );
    // The reviewer's view of an unlocked filing leaves out the state's draft: compare what the reviewer sees.
    await expectUnchanged(view, cms);
  });

  it('in the query, declared parameters or not, and in a path parameter', async () => {
    expectTextRefused(await mn.get('/api/contracts?cursor=%00'), [
      { path: ['query', 'cursor'], message: NUL },
    ]);
    expectTextRefused(await mn.get('/api/rates/linkable?stateCode=M%00'), [
      { path: ['query', 'stateCode'], message: NUL },
    ]);
    expectTextRefused(await mn.get('/api/contracts?limit=5&filter=a%00'), [
      { path: ['query', 'filter'], message: NUL },
    ]);
    expectTextRefused(await mn.get('/api/contracts/%00'), [{ path: ['params', 'id'], message: NUL }]);
    expectTextRefused(await mn.get('/api/states/M%00/programs'), [
      { path: ['params', 'code'], message: NUL },
    ]);
  });

  it('in an upload: the file name and the other fields, before or after the file, storing nothing', async () => {
    const blobDir = t.blobDir ?? '';
    const before = await filesUnder(blobDir);
    const name = multipart([{ field: 'file', filename: 'rates\u0000.pdf', content: PDF }]);
    expectTextRefused(await mn.raw('POST', '/api/documents', name.body, name.contentType), [
      { path: ['file', 'name'], message: NUL },
    ]);
    for (const parts of [
      [
        { field: 'note', content: 'a\u0000b' },
        { field: 'file', filename: 'a.pdf', content: PDF },
      ],
      [
        { field: 'file', filename: 'a.pdf', content: PDF },
        { field: 'note', content: 'a\u0000b' },
      ],
    ]) {
      const form = multipart(parts);
      expectTextRefused(await mn.raw('POST', '/api/documents', form.body, form.contentType), [
        { path: ['note'], message: NUL },
      ]);
    }
    expect(await filesUnder(blobDir)).toEqual(before);
  });
});

describe('well-formed text beyond the Basic Multilingual Plane is kept intact', () => {
  const WIDE = 'Plan 😀 for 𝔐𝔦𝔫𝔫𝔢𝔰𝔬𝔱𝔞 — \u{1F1FA}\u{1F1F8} \t and \u0001 too';

  it('in draft answers, rate answers, reasons and file names', async () => {
    const contract = await createContract(mn);
    const saved = await mn.put(`/api/contracts/${contract.id}/draft`, {
      version: contract.version,
      formData: completeForm('MN', { submissionDescription: WIDE }),
      rates: [],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const read = (await mn.get(`/api/contracts/${contract.id}`)).json<ContractView>();
    expect(read.revisions.at(-1)?.formData.submissionDescription).toBe(WIDE);

    const submitted = await submittedContract(mn);
    const unlocked = await cms.post(`/api/contracts/${submitted.id}/unlock`, {
      version: submitted.version,
      reason: WIDE,
    });
    expect(unlocked.statusCode, unlocked.body).toBe(200);
    const history = (await cms.get(`/api/contracts/${submitted.id}`)).json<ContractView>();
    expect(history.unlocked?.reason).toBe(WIDE);

    const form = multipart([{ field: 'file', filename: 'Résumé 😀.pdf', content: PDF }]);
    const uploaded = await mn.raw('POST', '/api/documents', form.body, form.contentType);
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    expect(uploaded.json<{ document: { name: string } }>().document.name).toBe('Résumé 😀.pdf');
  });
});
