import type { ContractView, ProgramView } from '@docket/domain';
import { FORGED_NUMBER_CURSORS, FORGED_TIME_CURSORS } from '@docket/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContract, expectProblem, startTestApp, type TestApp, type UserClient } from './helpers';

let t: TestApp;
let mn: UserClient;
let contract: ContractView;
beforeAll(async () => {
  t = await startTestApp();
  mn = await t.loginAs('STATE_USER', { state: 'MN' });
  contract = await createContract(mn);
});
afterAll(async () => {
  await t.close();
});

async function expectUnchanged(): Promise<void> {
  const after = (await mn.get(`/api/contracts/${contract.id}`)).json<ContractView>();
  expect(after.version).toBe(contract.version);
  expect(after.revisions).toEqual(contract.revisions);
}

describe('bad input gets a clear 4xx problem and changes nothing', () => {
  it('malformed JSON → 400 MALFORMED_JSON', async () => {
    const response = await mn.raw(
      'PUT',
      `/api/contracts/${contract.id}/draft`,
      '{"version": 1, "formData": {',
    );
    const problem = expectProblem(response, 400, 'MALFORMED_JSON');
    expect(problem.detail).toBe('The request body is not valid JSON');
    expectProblem(await mn.raw('PUT', `/api/contracts/${contract.id}/draft`, ''), 400, 'MALFORMED_JSON');
    await expectUnchanged();
  });

  it('wrong types → 400 VALIDATION_FAILED with the field paths', async () => {
    const response = await mn.put(`/api/contracts/${contract.id}/draft`, {
      version: '1',
      formData: { populationCovered: 'EVERYONE', programIDs: 'MSHO', riskBasedContract: 'yes' },
    });
    const problem = expectProblem(response, 400, 'VALIDATION_FAILED');
    expect(problem.issues?.map((i) => i.path)).toEqual(
      expect.arrayContaining([
        ['version'],
        ['formData', 'populationCovered'],
        ['formData', 'programIDs'],
        ['formData', 'riskBasedContract'],
      ]),
    );
    expect(problem.detail).toMatch(/^The request body is not valid: /);
    const bodies = [
      '[]',
      '"text"',
      'null',
      '42',
      '{"version":1}',
      '{"version":1,"formData":[]}',
      '{"version":-1}',
    ];
    for (const body of bodies) {
      expectProblem(
        await mn.raw('PUT', `/api/contracts/${contract.id}/draft`, body),
        400,
        'VALIDATION_FAILED',
      );
    }
    await expectUnchanged();
  });

  it('a too-long description → 400 naming the field', async () => {
    const response = await mn.put(`/api/contracts/${contract.id}/draft`, {
      version: 1,
      formData: { submissionDescription: 'x'.repeat(1501) },
    });
    const problem = expectProblem(response, 400, 'VALIDATION_FAILED');
    expect(problem.issues).toEqual([
      { path: ['formData', 'submissionDescription'], message: 'At most 1500 characters' },
    ]);
    await expectUnchanged();
  });

  it('a 10 MB body → 413, on a write and on login', async () => {
    const big = JSON.stringify({
      version: 1,
      formData: { submissionDescription: 'x'.repeat(10 * 1024 * 1024) },
    });
    expectProblem(await mn.raw('PUT', `/api/contracts/${contract.id}/draft`, big), 413, 'PAYLOAD_TOO_LARGE');
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ email: 'a@b.gov', password: 'x'.repeat(10 * 1024 * 1024) }),
    });
    expectProblem(login, 413, 'PAYLOAD_TOO_LARGE');
    await expectUnchanged();
  });

  it('prototype pollution in JSON → 400, not a crash', async () => {
    const response = await mn.raw(
      'PUT',
      `/api/contracts/${contract.id}/draft`,
      '{"version":1,"formData":{},"__proto__":{"polluted":true}}',
    );
    expect(response.statusCode).toBe(400);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    await expectUnchanged();
  });

  it('a non-JSON content type → 415', async () => {
    expectProblem(
      await mn.raw(
        'PUT',
        `/api/contracts/${contract.id}/draft`,
        'version=1',
        'application/x-www-form-urlencoded',
      ),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
    await expectUnchanged();
  });

  it('bad list parameters → 400 VALIDATION_FAILED', async () => {
    for (const query of ['limit=abc', 'limit=0', 'limit=101', 'limit=1.5']) {
      const problem = expectProblem(await mn.get(`/api/contracts?${query}`), 400, 'VALIDATION_FAILED');
      expect(problem.issues?.[0]?.path).toEqual(['query', 'limit']);
    }
  });

  it('a cursor no list made → 400 INVALID_CURSOR on every list, whoever asks, never a 500', async () => {
    const admin = await t.loginAs('ADMIN');
    const cms = await t.loginAs('CMS_USER', { division: 'DMCO' });
    // State users page by state number, CMS by submission time, admins by creation time.
    const lists: [string, UserClient, Record<string, string>][] = [
      ['/api/contracts?', mn, FORGED_NUMBER_CURSORS],
      ['/api/rates/linkable?stateCode=MN&', mn, FORGED_NUMBER_CURSORS],
      ['/api/contracts?', cms, FORGED_TIME_CURSORS],
      ['/api/contracts?', admin, FORGED_TIME_CURSORS],
    ];
    for (const [list, user, cursors] of lists) {
      for (const [name, cursor] of Object.entries(cursors)) {
        const response = await user.get(`${list}cursor=${encodeURIComponent(cursor)}`);
        const problem = expectProblem(response, 400, 'INVALID_CURSOR');
        expect(problem.issues, `${list} ${name}`).toEqual([
          { path: ['query', 'cursor'], message: 'Not a cursor from this list' },
        ]);
      }
    }
    expectProblem(await mn.get('/api/contracts?cursor=WzIxNDc0ODM2NDhd'), 400, 'INVALID_CURSOR');
  });

  it('unknown routes under /api → 404 problem; a known path with another method → 405', async () => {
    expectProblem(await mn.get('/api/nothing-here'), 404, 'NOT_FOUND');
    expectProblem(await mn.post('/api/contracts/x/explode', {}), 404, 'NOT_FOUND');
    // A path that exists, with a method it does not have, is 405 (see http-edge.test.ts).
    expectProblem(await mn.request('DELETE', `/api/contracts/${contract.id}`), 405, 'METHOD_NOT_ALLOWED');
    expectProblem(await t.anonymous.get('/api'), 404, 'NOT_FOUND');
    expectProblem(await t.anonymous.get('/no-web-app-built'), 404, 'NOT_FOUND');
  });

  it('states and programs: case-insensitive codes, 404 for unknown ones', async () => {
    const states = (await mn.get('/api/states')).json<{ code: string; name: string }[]>();
    expect(states).toHaveLength(56);
    expect(states).toContainEqual({ code: 'MN', name: 'Minnesota' });
    const programs = (await mn.get('/api/states/mn/programs')).json<ProgramView[]>();
    expect(programs.length).toBeGreaterThan(0);
    expect(programs.every((p) => p.stateCode === 'MN')).toBe(true);
    expectProblem(await mn.get('/api/states/ZZ/programs'), 404, 'NOT_FOUND');
    expectProblem(await mn.get(`/api/states/${'Z'.repeat(50)}/programs`), 400, 'VALIDATION_FAILED');
    expectProblem(await t.anonymous.get('/api/states'), 401, 'UNAUTHENTICATED');
  });
});
