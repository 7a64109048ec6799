import type { ContractView } from '@docket/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  completeForm,
  createContract,
  expectProblem,
  programsOf,
  retiredProgramOf,
  startTestApp,
  submittedContract,
  type TestApp,
  type UserClient,
} from './helpers';

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

async function current(id: string): Promise<ContractView> {
  return (await mn.get(`/api/contracts/${id}`)).json<ContractView>();
}

describe('optimistic concurrency', () => {
  it('refuses a save based on a stale version with 409, overwriting nothing', async () => {
    const contract = await createContract(mn);
    const first = await mn.put(`/api/contracts/${contract.id}/draft`, {
      version: 1,
      formData: { submissionDescription: 'first edit' },
    });
    expect(first.statusCode).toBe(200);
    const stale = await mn.put(`/api/contracts/${contract.id}/draft`, {
      version: 1,
      formData: { submissionDescription: 'stale edit' },
    });
    const problem = expectProblem(stale, 409, 'VERSION_CONFLICT');
    expect(problem.detail).toMatch(/version 1.*now at version 2/);
    const after = await current(contract.id);
    expect(after.version).toBe(2);
    expect(after.revisions[0]?.formData.submissionDescription).toBe('first edit');
  });

  it('lets exactly one of two racing saves win', async () => {
    const contract = await createContract(mn);
    const responses = await Promise.all(
      ['a', 'b'].map((text) =>
        mn.put(`/api/contracts/${contract.id}/draft`, {
          version: 1,
          formData: { submissionDescription: text },
        }),
      ),
    );
    expect(responses.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const winner = responses.find((r) => r.statusCode === 200)?.json<ContractView>();
    const after = await current(contract.id);
    expect(after.version).toBe(2);
    expect(after.revisions[0]?.formData.submissionDescription).toBe(
      winner?.revisions[0]?.formData.submissionDescription,
    );
  });

  it('honours If-Match: a stale ETag gets 412, the current one passes', async () => {
    const contract = await createContract(mn);
    const get = await mn.get(`/api/contracts/${contract.id}`);
    expect(get.headers.etag).toBe('"1"');
    await mn.put(`/api/contracts/${contract.id}/draft`, {
      version: 1,
      formData: { submissionDescription: 'one' },
    });

    const stale = await mn.put(
      `/api/contracts/${contract.id}/draft`,
      { version: 2, formData: { submissionDescription: 'two' } },
      { 'if-match': '"1"' },
    );
    expectProblem(stale, 412, 'PRECONDITION_FAILED');
    expect((await current(contract.id)).revisions[0]?.formData.submissionDescription).toBe('one');

    const fresh = await mn.put(
      `/api/contracts/${contract.id}/draft`,
      { version: 2, formData: { submissionDescription: 'two' } },
      { 'if-match': '"2"' },
    );
    expect(fresh.statusCode).toBe(200);
    expect(fresh.headers.etag).toBe('"3"');

    const malformed = await mn.put(
      `/api/contracts/${contract.id}/draft`,
      { version: 3, formData: {} },
      { 'if-match': 'three' },
    );
    const problem = expectProblem(malformed, 400, 'VALIDATION_FAILED');
    expect(problem.issues?.[0]?.path).toEqual(['headers', 'if-match']);
  });
});

describe('validation of answers', () => {
  it('refuses an incomplete draft at submit with 422 listing every missing field by path', async () => {
    const contract = await createContract(mn);
    const response = await mn.post(`/api/contracts/${contract.id}/submit`, { version: 1 });
    const problem = expectProblem(response, 422, 'VALIDATION_FAILED');
    const paths = problem.issues?.map((i) => i.path.join('.')).sort();
    expect(paths).toEqual(
      [
        'contractDetails',
        'contractType',
        'populationCovered',
        'programIDs',
        'riskBasedContract',
        'stateContacts',
        'submissionDescription',
        'submissionType',
      ].sort(),
    );
    expect(problem.issues?.find((i) => i.path[0] === 'populationCovered')?.message).toBe(
      'Choose the population covered',
    );
    expect((await current(contract.id)).status).toBe('DRAFT');
  });

  it('reports an invalid contact by its index', async () => {
    const contract = await createContract(
      mn,
      completeForm('MN', {
        stateContacts: [{ givenName: 'Ann', familyName: '', titleRole: 'Lead', email: 'not-an-email' }],
      }),
    );
    const problem = expectProblem(
      await mn.post(`/api/contracts/${contract.id}/submit`, { version: 1 }),
      422,
      'VALIDATION_FAILED',
    );
    expect(problem.issues?.map((i) => i.path)).toEqual([
      ['stateContacts', 0, 'familyName'],
      ['stateContacts', 0, 'email'],
    ]);
  });

  it("refuses another state's program and an unknown one with 422", async () => {
    const contract = await createContract(mn);
    const flProgram = programsOf('FL')[0];
    const unknown = '0190a5b6-0000-7000-8000-000000000000';
    const response = await mn.put(`/api/contracts/${contract.id}/draft`, {
      version: 1,
      formData: { programIDs: [flProgram?.id, unknown] },
    });
    const problem = expectProblem(response, 422, 'VALIDATION_FAILED');
    expect(problem.issues?.map((i) => i.path)).toEqual([
      ['programIDs', 0],
      ['programIDs', 1],
    ]);
    expect(problem.issues?.[0]?.message).toMatch(/not a program of this state/);
    expect((await current(contract.id)).version).toBe(1);
  });

  it('refuses a retired program on a new filing with 422', async () => {
    const retired = retiredProgramOf('KY');
    if (!retired) throw new Error('the reference data has a retired KY program');
    const ky = await t.loginAs('STATE_USER', { state: 'KY' });
    const response = await ky.post('/api/contracts', { formData: { programIDs: [retired.id] } });
    const problem = expectProblem(response, 422, 'VALIDATION_FAILED');
    expect(problem.issues).toEqual([
      { path: ['programIDs', 0], message: `${retired.name} is retired and cannot be chosen` },
    ]);
  });

  it('keeps a program retired after it was submitted choosable on the unlocked draft', async () => {
    const [kept, other] = programsOf('WI');
    if (!kept || !other) throw new Error('WI needs two programs for this test');
    const contract = await submittedContract(await t.loginAs('STATE_USER', { state: 'WI' }), 'WI');
    await t.datastore.states.upsertPrograms([{ ...kept, isDeprecated: true }]);
    // A server reads programs once: changed from elsewhere (as seeding does), they are seen after a restart.
    const restarted = await startTestApp({ datastore: t.datastore });
    try {
      const wi = await restarted.loginAs('STATE_USER', { state: 'WI' });
      const reviewer = await restarted.loginAs('CMS_USER', { division: 'DMCO' });
      const unlocked = (
        await reviewer.post(`/api/contracts/${contract.id}/unlock`, {
          version: contract.version,
          reason: 'Fix',
        })
      ).json<ContractView>();
      const form = completeForm('WI', { programIDs: [kept.id, other.id] });
      const saved = await wi.put(`/api/contracts/${contract.id}/draft`, {
        version: unlocked.version,
        formData: form,
      });
      expect(saved.statusCode, saved.body).toBe(200);
      const fresh = await createContract(wi);
      const refused = await wi.put(`/api/contracts/${fresh.id}/draft`, { version: 1, formData: form });
      expect(expectProblem(refused, 422, 'VALIDATION_FAILED').issues).toEqual([
        { path: ['programIDs', 0], message: `${kept.name} is retired and cannot be chosen` },
      ]);
    } finally {
      await restarted.close();
      await t.datastore.states.upsertPrograms([kept]);
    }
  });
});

describe('lifecycle rules', () => {
  it('refuses a second submit with 409 INVALID_TRANSITION', async () => {
    const contract = await submittedContract(mn);
    const problem = expectProblem(
      await mn.post(`/api/contracts/${contract.id}/submit`, { version: contract.version }),
      409,
      'INVALID_TRANSITION',
    );
    expect(problem.detail).toMatch(/submitted/i);
  });

  it('undoes an unlock (help desk), discarding the state’s edits', async () => {
    const contract = await submittedContract(mn);
    const unlocked = (
      await cms.post(`/api/contracts/${contract.id}/unlock`, { version: contract.version, reason: 'Fix' })
    ).json<ContractView>();
    const edited = (
      await mn.put(`/api/contracts/${contract.id}/draft`, {
        version: unlocked.version,
        formData: completeForm('MN', { submissionDescription: 'edited after unlock' }),
      })
    ).json<ContractView>();
    const helpdesk = await t.loginAs('HELPDESK');
    const undone = await helpdesk.post(`/api/contracts/${contract.id}/undo-unlock`, {
      version: edited.version,
      reason: 'Unlocked by mistake',
    });
    expect(undone.statusCode, undone.body).toBe(200);
    const view = undone.json<ContractView>();
    expect(view).toMatchObject({ status: 'SUBMITTED' });
    expect(view.revisions).toHaveLength(1);
    expect(view.history.map((e) => e.action).slice(-2)).toEqual(['UNLOCK', 'UNDO_UNLOCK']);
  });

  it('withdraws and undoes the withdrawal, and sets the MC-CRS number', async () => {
    const contract = await submittedContract(mn);
    const withdrawn = (
      await cms.post(`/api/contracts/${contract.id}/withdraw`, {
        version: contract.version,
        reason: 'Duplicate',
      })
    ).json<ContractView>();
    expect(withdrawn).toMatchObject({ status: 'WITHDRAWN', reviewStatus: 'WITHDRAWN' });
    expect(withdrawn.abilities).toMatchObject({ canUndoWithdraw: true, canUnlock: false });
    const restored = (
      await cms.post(`/api/contracts/${contract.id}/undo-withdraw`, {
        version: withdrawn.version,
        reason: 'Not one',
      })
    ).json<ContractView>();
    expect(restored.status).toBe('SUBMITTED');

    const badNumber = await cms.put(`/api/contracts/${contract.id}/mccrs-id`, {
      version: restored.version,
      mccrsId: '12a4',
    });
    expect(expectProblem(badNumber, 400, 'VALIDATION_FAILED').issues?.[0]?.path).toEqual(['mccrsId']);
    const numbered = (
      await cms.put(`/api/contracts/${contract.id}/mccrs-id`, { version: restored.version, mccrsId: '0042' })
    ).json<ContractView>();
    expect(numbered.mccrsId).toBe('0042');
    expect(numbered.history.at(-1)).toMatchObject({ action: 'SET_MCCRS_ID', actor: { role: 'CMS_USER' } });
  });

  it('refuses an approval released on a future date', async () => {
    const contract = await submittedContract(mn);
    const approver = await t.loginAs('CMS_APPROVER');
    const tomorrow = new Date(Date.now() + 2 * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
    const problem = expectProblem(
      await approver.post(`/api/contracts/${contract.id}/approve`, {
        version: contract.version,
        dateApprovalReleasedToState: tomorrow,
      }),
      422,
      'VALIDATION_FAILED',
    );
    expect(problem.issues?.[0]?.path).toEqual(['dateApprovalReleasedToState']);
    expect((await current(contract.id)).status).toBe('SUBMITTED');
  });
});
