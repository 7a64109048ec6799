import { adminAbilities, type Problem, type SessionView } from '@docket/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dummyPasswordHash, verifyPassword } from '../src/security/passwords';
import { DEMO_EMAIL_DOMAIN } from '../src/use-cases/demo-accounts';
import { expectProblem, sessionCookieOf, startTestApp, TEST_PASSWORD, type TestApp } from './helpers';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

function login(email: string, password: string) {
  return t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
}

describe('login', () => {
  it('opens a session: httpOnly, SameSite=Lax, signed cookie and a CSRF token', async () => {
    const email = await t.createUser('STATE_USER', { state: 'FL' });
    const response = await login(email.toUpperCase(), TEST_PASSWORD);
    expect(response.statusCode).toBe(200);
    const body = response.json<SessionView>();
    expect(body.user).toMatchObject({ email, role: 'STATE_USER', stateCode: 'FL', disabled: false });
    expect(body.csrfToken.length).toBeGreaterThanOrEqual(40);
    const cookie = response.cookies.find((c) => c.name === 'docket_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/', maxAge: 12 * 60 * 60 });
    expect(cookie?.secure).toBeFalsy();
    // Signed: whose session, a dot, the raw token, a dot, and a signature.
    expect(cookie?.value).toMatch(new RegExp(`^${body.user.id}\\.[\\w-]{43}\\.[\\w%+/=-]+$`));

    const me = await t.app.inject({
      method: 'GET',
      url: '/api/me',
      headers: { cookie: sessionCookieOf(response) },
    });
    expect(me.statusCode).toBe(200);
    expect(me.json<SessionView>()).toEqual(body);
  });

  it('tells each role what it may do outside a filing, from the policy', async () => {
    const state = await t.loginAs('STATE_USER', { state: 'MN' });
    expect(state.session?.abilities).toEqual({
      canStartFiling: true,
      canUpload: true,
      home: 'STATE_DASHBOARD',
      admin: [],
    });
    for (const role of ['CMS_USER', 'CMS_APPROVER', 'ADMIN', 'HELPDESK', 'READONLY'] as const) {
      const other = await t.loginAs(role);
      expect(other.session?.abilities, role).toEqual({
        canStartFiling: false,
        canUpload: false,
        home: 'CMS_DASHBOARD',
        admin: adminAbilities({ role, disabled: false }),
      });
    }
  });

  it('stores only the sha256 of the cookie token, and an argon2id password hash', async () => {
    const email = await t.createUser('READONLY');
    const response = await login(email, TEST_PASSWORD);
    const token = response.cookies.find((c) => c.name === 'docket_session')?.value.split('.')[1] ?? '';
    const now = new Date().toISOString();
    expect(await t.datastore.sessions.get(token, now)).toBeNull();
    const { createHash } = await import('node:crypto');
    const id = createHash('sha256').update(token).digest('hex');
    expect(await t.datastore.sessions.get(id, now)).toMatchObject({ id });
    const stored = await t.datastore.users.findByEmail(email);
    expect(stored?.passwordHash).toMatch(/^\$argon2id\$/);
  });

  it('answers a wrong password and an unknown email identically', async () => {
    const email = await t.createUser('CMS_USER');
    const wrongPassword = await login(email, 'not the password at all');
    const unknownEmail = await login('nobody@example.gov', TEST_PASSWORD);
    expectProblem(wrongPassword, 401, 'UNAUTHENTICATED');
    expectProblem(unknownEmail, 401, 'UNAUTHENTICATED');
    expect(wrongPassword.body).toBe(unknownEmail.body);
    expect(wrongPassword.cookies).toHaveLength(0);
  });

  it('verifies an unknown email against a dummy hash as costly as a real one', async () => {
    // Timing is not asserted (the machine is shared); what makes the two paths cost the same is checked instead:
    // the dummy hash is a real argon2id hash with the same parameters as a stored password's.
    const email = await t.createUser('CMS_USER');
    const stored = await t.datastore.users.findByEmail(email);
    const parameters = (phc: string) => phc.split('$').slice(1, 4).join('$');
    const dummy = await dummyPasswordHash();
    expect(dummy).toMatch(/^\$argon2id\$/);
    expect(parameters(dummy)).toBe(parameters(stored?.passwordHash ?? ''));
    expect(await verifyPassword(dummy, 'wrong password, long enough')).toBe(false);
  });

  it('refuses a disabled user', async () => {
    const email = await t.createUser('STATE_USER', { disabled: true });
    const response = await login(email, TEST_PASSWORD);
    expect(response.statusCode).toBe(401);
    expect(response.json<Problem>().detail).toMatch(/disabled/);
    expect(response.cookies).toHaveLength(0);
  });

  it('refuses demo accounts outside demo mode, like unknown ones', async () => {
    const email = await t.createUser('ADMIN', { email: `someone@${DEMO_EMAIL_DOMAIN}` });
    const response = await login(email, TEST_PASSWORD);
    expect(response.statusCode).toBe(401);
    expect(response.body).toBe((await login('nobody@example.gov', TEST_PASSWORD)).body);
  });

  it('needs a JSON body with both fields', async () => {
    const missing = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'a@b.gov' },
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json<Problem>()).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(missing.json<Problem>().issues).toContainEqual({
      path: ['password'],
      message: expect.any(String),
    });

    const form = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'email=a%40b.gov&password=x',
    });
    expect(form.statusCode).toBe(415);
    const text = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'text/plain' },
      payload: JSON.stringify({ email: 'a@b.gov', password: 'x' }),
    });
    expectProblem(text, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });
});

describe('me and logout', () => {
  it('answers 401 problem+json when not logged in', async () => {
    const problem = expectProblem(await t.anonymous.get('/api/me'), 401, 'UNAUTHENTICATED');
    expect(problem.title).toBe('Not logged in');
  });

  it('ignores a cookie with a forged signature', async () => {
    const forged = await t.anonymous.get('/api/me', { cookie: 'docket_session=abc.def' });
    expectProblem(forged, 401, 'UNAUTHENTICATED');
  });

  it("ignores a cookie naming another user than the session's, or none", async () => {
    const mine = await login(await t.createUser('STATE_USER'), TEST_PASSWORD);
    const other = await t.loginAs('STATE_USER');
    const [, token] = mine.cookies.find((c) => c.name === 'docket_session')?.value.split('.') ?? [];
    const signed = (value: string) => `docket_session=${encodeURIComponent(t.app.signCookie(value))}`;
    const own = mine.json<SessionView>().user.id;
    expect((await t.anonymous.get('/api/me', { cookie: signed(`${own}.${token}`) })).statusCode).toBe(200);

    // Well formed, it names a session that user does not have: ended, as far as this browser can be told.
    expectProblem(
      await t.anonymous.get('/api/me', { cookie: signed(`${other.session.user.id}.${token}`) }),
      401,
      'SESSION_ENDED',
    );
    for (const value of [`${token}`, `${own}.`, `.${token}`]) {
      const response = await t.anonymous.get('/api/me', { cookie: signed(value) });
      expectProblem(response, 401, 'UNAUTHENTICATED');
    }
  });

  it('logs out: 204, the session is gone and the cookie cleared', async () => {
    const user = await t.loginAs('CMS_USER');
    expect((await user.get('/api/me')).statusCode).toBe(200);
    const response = await user.post('/api/auth/logout');
    expect(response.statusCode).toBe(204);
    expect(response.cookies.find((c) => c.name === 'docket_session')?.value).toBe('');
    expect((await user.get('/api/me')).statusCode).toBe(401);
  });

  it('logout without a session is a no-op 204', async () => {
    expect((await t.anonymous.post('/api/auth/logout')).statusCode).toBe(204);
  });
});

describe('CSRF', () => {
  it('refuses a write without the token, or with a wrong one, and changes nothing', async () => {
    const user = await t.loginAs('STATE_USER', { state: 'MN' });
    const before = await user.get('/api/contracts?limit=100');
    const missing = await user.post('/api/contracts', {}, { 'x-csrf-token': '' });
    const wrong = await user.post('/api/contracts', {}, { 'x-csrf-token': 'not-the-token' });
    for (const response of [missing, wrong]) expectProblem(response, 403, 'CSRF_FAILED');
    const after = await user.get('/api/contracts?limit=100');
    expect(after.json()).toEqual(before.json());
  });

  it('protects logout too', async () => {
    const user = await t.loginAs('READONLY');
    const response = await user.post('/api/auth/logout', undefined, { 'x-csrf-token': 'wrong' });
    expect(response.statusCode).toBe(403);
    expect((await user.get('/api/me')).statusCode).toBe(200);
  });

  it('answers 401 before CSRF when there is no session', async () => {
    const response = await t.anonymous.post('/api/contracts', {});
    expect(response.statusCode).toBe(401);
  });
});
