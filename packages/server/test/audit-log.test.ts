import {
  DEFAULT_EMAIL_SETTINGS,
  type AuditEvent,
  type AuditLogView,
  type BackoffPolicy,
} from '@docket/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSV_BOM } from '../src/export/csv';
import { expectProblem, startTestApp, TEST_PASSWORD, type TestApp } from './helpers';

const MINUTE = 60_000;
const LONG: BackoffPolicy = {
  freeFailures: 2,
  firstWaitMs: 10 * MINUTE,
  maxWaitMs: 15 * MINUTE,
  forgetAfterMs: 60 * MINUTE,
};

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({
    loginThrottle: { account: LONG, device: LONG, address: { ...LONG, freeFailures: 100 } },
  });
});
afterAll(async () => {
  await t.close();
});

function login(email: string, password: string) {
  return t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
}

describe('the audit log over HTTP', () => {
  it('records failed logins with the email typed and why, never the password, alike for any wrong credential', async () => {
    const admin = await t.loginAs('ADMIN');
    const email = await t.createUser('CMS_USER');
    const disabled = await t.createUser('STATE_USER', { disabled: true });
    const since = new Date().toISOString();
    const typed = `  ${email.toUpperCase()}  `;
    expectProblem(await login('correct horse battery staple', 'x'), 401, 'UNAUTHENTICATED');
    expectProblem(await login(typed, 'not the password at all'), 401, 'UNAUTHENTICATED');
    expectProblem(
      await login(`nobody.${'x'.repeat(200)}@example.gov`, 'secret guess'),
      401,
      'UNAUTHENTICATED',
    );
    expectProblem(await login(disabled, TEST_PASSWORD), 401, 'UNAUTHENTICATED');
    expectProblem(await login(email, 'wrong again'), 401, 'UNAUTHENTICATED');
    expectProblem(await login(email, TEST_PASSWORD), 429, 'RATE_LIMITED');

    const page = await admin.get(
      `/api/events?action=LOGIN_FAILED&from=${encodeURIComponent(since)}&limit=100`,
    );
    expect(page.statusCode, page.body).toBe(200);
    const events = page.json<AuditLogView>().items.reverse();
    // The throttle's refusal writes nothing; an email that is not an address is not kept (it may be a password).
    expect(events.map((e) => e.details)).toEqual([
      { email: null, why: 'WRONG_CREDENTIALS' },
      { email, why: 'WRONG_CREDENTIALS' },
      { email: `nobody.${'x'.repeat(200)}@example.gov`, why: 'WRONG_CREDENTIALS' },
      { email: disabled, why: 'DISABLED' },
      { email, why: 'WRONG_CREDENTIALS' },
    ]);
    expect(events.every((e) => e.actor === null)).toBe(true);
    expect(JSON.stringify(events)).not.toMatch(/not the password|secret guess|wrong again|correct horse/);
  });

  it('filters by actor (id or email), action, state and time, pages, and refuses a cursor of other filters', async () => {
    const admin = await t.loginAs('ADMIN');
    const state = await t.loginAs('STATE_USER', { state: 'OH' });
    await state.post('/api/auth/logout');
    const mine = (url: string) => admin.get(url).then((r) => r.json<AuditLogView>().items);

    const byId = await mine(`/api/events?actor=${state.session.user.id}`);
    expect(byId.map((e) => e.action)).toEqual(['LOGOUT', 'LOGIN']);
    const byEmail = await mine(
      `/api/events?actor-email=${encodeURIComponent(state.session.user.email.toUpperCase())}`,
    );
    expect(byEmail).toEqual(byId);
    expect(await mine('/api/events?actor-email=nobody%40example.gov')).toEqual([]);
    const logouts = await mine(`/api/events?actor=${state.session.user.id}&action=LOGOUT&state=OH`);
    expect(logouts.map((e) => e.action)).toEqual(['LOGOUT']);
    const [logout] = logouts as [AuditEvent];
    expect(
      await mine(`/api/events?actor=${state.session.user.id}&to=${encodeURIComponent(logout.at)}`),
    ).not.toContainEqual(logout);
    expect(
      await mine(`/api/events?actor=${state.session.user.id}&from=${encodeURIComponent(logout.at)}`),
    ).toContainEqual(logout);

    const first = (
      await admin.get(`/api/events?actor=${state.session.user.id}&limit=1`)
    ).json<AuditLogView>();
    expect(first.items).toEqual([logout]);
    const next = await admin.get(
      `/api/events?actor=${state.session.user.id}&limit=1&cursor=${first.nextCursor}`,
    );
    expect(next.json<AuditLogView>().items.map((e) => e.action)).toEqual(['LOGIN']);
    expectProblem(
      await admin.get(`/api/events?action=LOGIN&limit=1&cursor=${first.nextCursor}`),
      400,
      'INVALID_CURSOR',
    );
    expectProblem(await admin.get('/api/events?action=NOT_AN_ACTION'), 400, 'VALIDATION_FAILED');
    expectProblem(
      await admin.get('/api/events?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z'),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('exports the filtered view as CSV, changes as before → after, formulas neutralised', async () => {
    const admin = await t.loginAs('ADMIN');
    const { version } = (await admin.get('/api/settings/email')).json<{ version: number }>();
    await admin.put('/api/settings/email', {
      version,
      settings: { ...DEFAULT_EMAIL_SETTINGS, dmcoEmails: ['dmco@cms.example'] },
    });
    expectProblem(await login('=HYPERLINK("http://evil.example")', 'x'), 401, 'UNAUTHENTICATED');
    expectProblem(await login('someone.else@evil.example', 'x'), 401, 'UNAUTHENTICATED');

    const csv = await admin.get(
      `/api/events.csv?actor=${admin.session.user.id}&action=UPDATE_EMAIL_SETTINGS`,
    );
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(/audit-log\.csv/);
    expect(csv.body.startsWith(`${CSV_BOM}When (UTC),Action,Actor email`)).toBe(true);
    const lines = csv.body.trim().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('UPDATE_EMAIL_SETTINGS');
    expect(lines[1]).toContain('DMCO: (none) → dmco@cms.example');

    const failed = await admin.get('/api/events.csv?action=LOGIN_FAILED');
    expect(failed.body).toContain('someone.else@evil.example');
    expect(failed.body).not.toContain('HYPERLINK');
  });

  it('is for administrators only', async () => {
    for (const role of ['HELPDESK', 'CMS_USER', 'READONLY'] as const) {
      const other = await t.loginAs(role);
      expectProblem(await other.get('/api/events'), 403, 'FORBIDDEN');
      expectProblem(await other.get('/api/events.csv'), 403, 'FORBIDDEN');
    }
    expectProblem(await t.anonymous.get('/api/events'), 401, 'UNAUTHENTICATED');
  });
});
