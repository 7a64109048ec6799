import { meterStatements } from '@docket/store';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContract, expectProblem, startTestApp, type TestApp, type UserClient } from './helpers';

/**
 * `DOCKET_SERVER_TIMING=1`: every /api response says how many statements it sent to the datastore and how long it
 * took, in the form load tools parse. The count is the request's whole cost: the same as a meter around it.
 */

const FORM = /^db;desc="(\d+) statements";dur=(\d+(?:\.\d+)?), app;dur=(\d+(?:\.\d+)?)$/;

/** The statements the response's Server-Timing header reports. */
function reportedStatements(response: LightMyRequestResponse): number {
  const header = response.headers['server-timing'];
  expect(header, `Server-Timing of ${response.statusCode} ${response.body}`).toMatch(FORM);
  return Number(FORM.exec(String(header))?.[1]);
}

describe('Server-Timing, when asked for', () => {
  let t: TestApp;
  let mn: UserClient;
  beforeAll(async () => {
    t = await startTestApp({ serverTiming: true });
    mn = await t.loginAs('STATE_USER', { state: 'MN' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('reports on a read what a meter around the request counts', async () => {
    const { result, count } = await meterStatements(() => mn.get('/api/me'));
    expect(result.statusCode).toBe(200);
    expect(count.statements).toBeGreaterThan(0);
    expect(reportedStatements(result)).toBe(count.statements);
    // The datastore's time is part of the request's.
    const [, , db, app] = FORM.exec(String(result.headers['server-timing'])) ?? [];
    expect(Number(db)).toBeGreaterThan(0);
    expect(Number(app)).toBeGreaterThanOrEqual(Number(db));
  });

  it('counts a write with a body whole: its session, its transaction and its answer', async () => {
    const contract = await createContract(mn);
    const { result, count } = await meterStatements(() =>
      mn.put(`/api/contracts/${contract.id}/draft`, {
        version: contract.version,
        formData: { submissionDescription: 'Metered' },
        rates: [],
      }),
    );
    expect(result.statusCode, result.body).toBe(200);
    expect(count.transactionControl).toBe(2);
    expect(reportedStatements(result)).toBe(count.statements);
  });

  it('is on problems too: a request refused before any read reports none', async () => {
    const response = await t.anonymous.get('/api/contracts');
    expectProblem(response, 401, 'UNAUTHENTICATED');
    expect(reportedStatements(response)).toBe(0);
    const unknown = await mn.get('/api/no-such-thing');
    expectProblem(unknown, 404, 'NOT_FOUND');
    expect(unknown.headers['server-timing']).toMatch(FORM);
  });

  it('is only on the API', async () => {
    const ready = await t.anonymous.get('/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.headers['server-timing']).toBeUndefined();
  });
});

describe('Server-Timing, by default', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('is not sent', async () => {
    const mn = await t.loginAs('STATE_USER', { state: 'MN' });
    const response = await mn.get('/api/me');
    expect(response.statusCode).toBe(200);
    expect(response.headers['server-timing']).toBeUndefined();
  });
});
