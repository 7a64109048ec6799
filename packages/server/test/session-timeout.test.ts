import { randomBytes } from 'node:crypto';
import { newId, type AuditEvent, type SessionTimes, type SessionView } from '@docket/domain';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../src/security/tokens';
import { expectProblem, sessionCookieOf, startTestApp, TEST_PASSWORD, type TestApp } from './helpers';

/** Sessions over HTTP on a clock the test moves: idle timeout, activity, keep-alive, ending sessions. */

const MINUTE = 60_000;
const IDLE = 30 * MINUTE;
let clock = Date.parse('2026-03-02T09:00:00.000Z');
const advance = (ms: number) => {
  clock += ms;
};
const iso = (ms: number) => new Date(ms).toISOString();

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ now: () => new Date(clock) });
});
afterAll(async () => {
  await t.close();
});

interface Browser {
  cookie: string;
  view: SessionView;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string): Promise<LightMyRequestResponse>;
}

async function logIn(email: string): Promise<Browser> {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email, password: TEST_PASSWORD },
  });
  expect(response.statusCode, response.body).toBe(200);
  const cookie = sessionCookieOf(response);
  const view = response.json<SessionView>();
  return {
    cookie,
    view,
    get: (url) => t.app.inject({ method: 'GET', url, headers: { cookie } }),
    post: (url) => t.app.inject({ method: 'POST', url, headers: { cookie, 'x-csrf-token': view.csrfToken } }),
  };
}

async function newUser(role: Parameters<TestApp['createUser']>[0] = 'STATE_USER'): Promise<Browser> {
  return logIn(await t.createUser(role));
}

function idleHeader(response: { headers: Record<string, unknown> }): unknown {
  return response.headers['x-session-idle-expires'];
}

describe('idle timeout', () => {
  it('tells the browser when the session idles out and ends, in GET /api/me and on every answer', async () => {
    const login = clock;
    const browser = await newUser();
    expect(browser.view.session).toEqual({
      idleExpiresAt: iso(login + IDLE),
      expiresAt: iso(login + 12 * 60 * MINUTE),
      idleSeconds: 30 * 60,
    });

    const me = await browser.get('/api/me');
    expect(me.json<SessionView>().session).toEqual(browser.view.session);
    const list = await browser.get('/api/contracts');
    expect(list.statusCode).toBe(200);
    expect(list.headers['x-session-idle-expires']).toBe(iso(login + IDLE));
    expect(list.headers['x-session-expires']).toBe(iso(login + 12 * 60 * MINUTE));
  });

  it('refuses a session idle for the timeout, saying so in its code', async () => {
    const browser = await newUser();
    advance(IDLE);

    const problem = expectProblem(await browser.get('/api/me'), 401, 'SESSION_IDLE');
    expect(problem.detail).toMatch(/without activity/);
    expectProblem(await browser.post('/api/auth/keep-alive'), 401, 'SESSION_IDLE');
  });

  it('writes activity at most once a minute: a request within it leaves the idle expiry where it was', async () => {
    const login = clock;
    const browser = await newUser();
    advance(40_000);

    const me = await browser.get('/api/me');
    expect(me.statusCode).toBe(200);
    expect(idleHeader(me)).toBe(iso(login + IDLE));
    const stored = await t.datastore.sessions.get(sha256Of(browser), iso(clock));
    expect(stored?.idleExpiresAt).toBe(iso(login + IDLE));
  });

  it('a request in the last minute before the timeout moves it a whole timeout on', async () => {
    const browser = await newUser();
    advance(IDLE - 30_000);
    const me = await browser.get('/api/me');
    expect(me.statusCode).toBe(200);
    expect(me.json<SessionView>().session.idleExpiresAt).toBe(iso(clock + IDLE));
    expect(idleHeader(me)).toBe(iso(clock + IDLE));

    advance(IDLE - 30_000);
    expect((await browser.get('/api/me')).statusCode).toBe(200);
    advance(IDLE);
    expectProblem(await browser.get('/api/me'), 401, 'SESSION_IDLE');
  });

  it('stays logged in with the keep-alive, which answers the new times', async () => {
    const browser = await newUser();
    advance(5 * MINUTE);

    const kept = await browser.post('/api/auth/keep-alive');
    expect(kept.statusCode, kept.body).toBe(200);
    expect(kept.json<SessionTimes>()).toEqual({
      idleExpiresAt: iso(clock + IDLE),
      expiresAt: browser.view.session.expiresAt,
      idleSeconds: 30 * 60,
    });
    advance(IDLE - 1000);
    expect((await browser.get('/api/auth/session')).statusCode).toBe(200);
  });

  it('refuses the keep-alive without the CSRF token', async () => {
    const browser = await newUser();
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/keep-alive',
      headers: { cookie: browser.cookie },
    });
    expectProblem(response, 403, 'CSRF_FAILED');
  });

  it('checks the session without extending it', async () => {
    const login = clock;
    const browser = await newUser();
    advance(20 * MINUTE);

    const check = await browser.get('/api/auth/session');
    expect(check.statusCode).toBe(200);
    expect(check.json<SessionTimes>().idleExpiresAt).toBe(iso(login + IDLE));
    advance(10 * MINUTE);
    expectProblem(await browser.get('/api/auth/session'), 401, 'SESSION_IDLE');
  });

  it('ends the session at its absolute lifetime whatever the activity, and says it expired', async () => {
    const login = clock;
    const browser = await newUser();
    const end = login + 12 * 60 * MINUTE;
    while (clock + 20 * MINUTE < end) {
      advance(20 * MINUTE);
      const me = await browser.get('/api/me');
      expect(me.statusCode).toBe(200);
      // Never told it idles out after it ends.
      expect(Date.parse(me.json<SessionView>().session.idleExpiresAt)).toBeLessThanOrEqual(end);
    }
    clock = end;
    expectProblem(await browser.get('/api/me'), 401, 'SESSION_EXPIRED');
  });

  it('answers UNAUTHENTICATED without a session cookie, SESSION_ENDED for one naming no session', async () => {
    expectProblem(await t.anonymous.get('/api/me'), 401, 'UNAUTHENTICATED');
    const browser = await newUser();
    expect((await browser.post('/api/auth/logout')).statusCode).toBe(204);
    expectProblem(await browser.get('/api/me'), 401, 'SESSION_ENDED');
  });
});

describe('a disabled user', () => {
  it('is refused on the next request of a live session, with ACCOUNT_DISABLED', async () => {
    const found = await t.datastore.users.findByEmail(await t.createUser('CMS_USER', { disabled: true }));
    if (!found) throw new Error('the disabled user was not stored');
    const { user } = found;
    // A session opened before the account was disabled.
    const token = randomBytes(32).toString('base64url');
    await t.datastore.sessions.create({
      id: sha256Hex(token),
      userId: user.id,
      csrfToken: 'csrf',
      createdAt: iso(clock),
      expiresAt: iso(clock + 12 * 60 * MINUTE),
      idleExpiresAt: iso(clock + IDLE),
    });
    const cookie = `docket_session=${t.app.signCookie(`${user.id}.${token}`)}`;

    const problem = expectProblem(
      await t.app.inject({ method: 'GET', url: '/api/contracts', headers: { cookie } }),
      401,
      'ACCOUNT_DISABLED',
    );
    expect(problem.detail).toMatch(/disabled/);
  });
});

describe('ending sessions', () => {
  async function eventsEndingSessionsOf(userId: string): Promise<AuditEvent[]> {
    const page = await t.datastore.events.list({ limit: 100 });
    return page.items.filter((e) => e.action === 'END_SESSIONS' && e.details.userId === userId);
  }

  it('logs the caller out of their other sessions and keeps this one', async () => {
    const email = await t.createUser('STATE_USER');
    const here = await logIn(email);
    const there = await logIn(email);
    const elsewhere = await logIn(email);
    const someoneElse = await newUser();

    const ended = await here.post('/api/me/sessions/end-others');
    expect(ended.statusCode, ended.body).toBe(200);
    expect(ended.json()).toEqual({ ended: 2 });
    expect((await here.get('/api/me')).statusCode).toBe(200);
    expectProblem(await there.get('/api/me'), 401, 'SESSION_ENDED');
    expectProblem(await elsewhere.get('/api/me'), 401, 'SESSION_ENDED');
    expect((await someoneElse.get('/api/me')).statusCode).toBe(200);

    const [event] = await eventsEndingSessionsOf(here.view.user.id);
    expect(event).toMatchObject({
      action: 'END_SESSIONS',
      actor: { userId: here.view.user.id },
      details: { userId: here.view.user.id, ended: 2, keptOwn: true },
    });
  });

  it('lets an administrator end every session of a user at once', async () => {
    const admin = await newUser('ADMIN');
    const email = await t.createUser('CMS_USER');
    const first = await logIn(email);
    const second = await logIn(email);

    const ended = await admin.post(`/api/users/${first.view.user.id}/sessions/end`);
    expect(ended.statusCode, ended.body).toBe(200);
    expect(ended.json()).toEqual({ ended: 2 });
    expectProblem(await first.get('/api/me'), 401, 'SESSION_ENDED');
    expectProblem(await second.get('/api/me'), 401, 'SESSION_ENDED');
    expect((await admin.get('/api/me')).statusCode).toBe(200);
    const [event] = await eventsEndingSessionsOf(first.view.user.id);
    expect(event).toMatchObject({
      actor: { userId: admin.view.user.id },
      details: { userId: first.view.user.id, ended: 2, keptOwn: false },
    });
  });

  it("keeps the administrator's own session when they end their own", async () => {
    const email = await t.createUser('ADMIN');
    const admin = await logIn(email);
    const other = await logIn(email);

    const ended = await admin.post(`/api/users/${admin.view.user.id}/sessions/end`);
    expect(ended.json()).toEqual({ ended: 1 });
    expect((await admin.get('/api/me')).statusCode).toBe(200);
    expectProblem(await other.get('/api/me'), 401, 'SESSION_ENDED');
  });

  it('refuses everyone but administrators, whether or not the user exists; 404 for no such user', async () => {
    const target = await newUser('STATE_USER');
    for (const role of ['HELPDESK', 'CMS_USER', 'READONLY', 'STATE_USER'] as const) {
      const caller = await newUser(role);
      expectProblem(await caller.post(`/api/users/${target.view.user.id}/sessions/end`), 403, 'FORBIDDEN');
      expectProblem(await caller.post(`/api/users/${newId()}/sessions/end`), 403, 'FORBIDDEN');
    }
    expect((await target.get('/api/me')).statusCode).toBe(200);
    const admin = await newUser('ADMIN');
    expectProblem(await admin.post(`/api/users/${newId()}/sessions/end`), 404, 'NOT_FOUND');
    expectProblem(await admin.post('/api/users/not-a-user/sessions/end'), 404, 'NOT_FOUND');
    expectProblem(
      await t.anonymous.post(`/api/users/${target.view.user.id}/sessions/end`),
      401,
      'UNAUTHENTICATED',
    );
  });
});

function sha256Of(browser: Browser): string {
  const value = decodeURIComponent(browser.cookie.slice('docket_session='.length));
  const unsigned = t.app.unsignCookie(value);
  const token = unsigned.value?.split('.')[1] ?? '';
  return sha256Hex(token);
}
