import {
  canAdminister,
  changesOf,
  ROLES,
  type AdminAction,
  type AuditEvent,
  type Role,
  type SessionView,
  type User,
  type UserListView,
  type UserWithTemporaryPassword,
} from '@docket/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../src/use-cases/create-user';
import {
  expectProblem,
  sessionCookieOf,
  startTestApp,
  TEST_PASSWORD,
  type TestApp,
  type UserClient,
} from './helpers';

let t: TestApp;
let admin: UserClient;
beforeAll(async () => {
  t = await startTestApp();
  admin = await t.loginAs('ADMIN');
});
afterAll(async () => {
  await t.close();
});

let made = 0;
/** A user to act on, stored directly. */
async function target(role: Role = 'CMS_USER', overrides: { email?: string; givenName?: string } = {}) {
  made += 1;
  return createUser(
    { users: t.datastore.users },
    {
      email: overrides.email ?? `target.${made}.${Math.random().toString(36).slice(2, 8)}@example.gov`,
      givenName: overrides.givenName ?? 'Tess',
      familyName: `Target ${made}`,
      role,
      stateCode: role === 'STATE_USER' ? 'MN' : null,
      division: role === 'CMS_USER' ? 'DMCO' : null,
      assignedStates: role === 'CMS_USER' ? ['MN'] : [],
    },
    TEST_PASSWORD,
    null,
  );
}

async function eventsAbout(userId: string): Promise<AuditEvent[]> {
  const found: AuditEvent[] = [];
  let cursor: string | null = null;
  do {
    const page = await t.datastore.events.list({ limit: 100, cursor });
    found.push(...page.items.filter((e) => e.details.userId === userId));
    cursor = page.nextCursor;
  } while (cursor);
  return found;
}

function loginWith(email: string, password: string) {
  return t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
}

describe('who may call each route of the administration', () => {
  /** Each route, the back-office action it needs, and the call, on a fresh target. */
  const ROUTES: {
    name: string;
    needs: AdminAction;
    call: (as: UserClient) => Promise<{ statusCode: number; body: string }>;
    ok: number;
  }[] = [
    { name: 'GET /api/users', needs: 'VIEW_USERS', ok: 200, call: (as) => as.get('/api/users?limit=5') },
    {
      name: 'GET /api/users/{id}',
      needs: 'VIEW_USERS',
      ok: 200,
      call: async (as) => as.get(`/api/users/${(await target()).id}`),
    },
    {
      name: 'POST /api/users',
      needs: 'MANAGE_USERS',
      ok: 201,
      call: (as) =>
        as.post('/api/users', {
          email: `new.${Math.random().toString(36).slice(2)}@example.gov`,
          givenName: 'New',
          familyName: 'Person',
          role: 'READONLY',
        }),
    },
    {
      name: 'PATCH /api/users/{id} (name)',
      needs: 'MANAGE_USERS',
      ok: 200,
      call: async (as) => as.patch(`/api/users/${(await target()).id}`, { version: 1, givenName: 'Renamed' }),
    },
    {
      name: 'PATCH /api/users/{id} (role)',
      needs: 'MANAGE_USERS',
      ok: 200,
      call: async (as) => as.patch(`/api/users/${(await target()).id}`, { version: 1, role: 'CMS_APPROVER' }),
    },
    {
      name: "PATCH /api/users/{id} (a CMS user's division and states)",
      needs: 'EDIT_ASSIGNMENTS',
      ok: 200,
      call: async (as) =>
        as.patch(`/api/users/${(await target()).id}`, {
          version: 1,
          division: 'OACT',
          assignedStates: ['WI', 'IA'],
        }),
    },
    {
      name: 'POST /api/users/{id}/disable',
      needs: 'MANAGE_USERS',
      ok: 200,
      call: async (as) => as.post(`/api/users/${(await target()).id}/disable`, { version: 1 }),
    },
    {
      name: 'POST /api/users/{id}/enable',
      needs: 'MANAGE_USERS',
      ok: 200,
      call: async (as) => {
        const user = await target();
        const disabled = await admin.post(`/api/users/${user.id}/disable`, { version: 1 });
        return as.post(`/api/users/${user.id}/enable`, { version: disabled.json<User>().version });
      },
    },
    {
      name: 'POST /api/users/{id}/reset-password',
      needs: 'MANAGE_USERS',
      ok: 200,
      call: async (as) => as.post(`/api/users/${(await target()).id}/reset-password`),
    },
  ];

  for (const role of ROLES) {
    it(`${role}: each route as the policy says`, async () => {
      const as = await t.loginAs(role, role === 'CMS_USER' ? { division: 'DMCO' } : {});
      for (const route of ROUTES) {
        const response = await route.call(as);
        const allowed = canAdminister({ role, disabled: false }, route.needs);
        if (allowed) expect(response.statusCode, `${route.name}: ${response.body}`).toBe(route.ok);
        else expect(JSON.parse(response.body), route.name).toMatchObject({ status: 403, code: 'FORBIDDEN' });
      }
    });
  }

  it('refuses the help desk anything but the assignments of CMS users', async () => {
    const helpdesk = await t.loginAs('HELPDESK');
    const cms = await target('CMS_USER');
    const state = await target('STATE_USER');
    expectProblem(
      await helpdesk.patch(`/api/users/${cms.id}`, { version: 1, role: 'ADMIN' }),
      403,
      'FORBIDDEN',
    );
    expectProblem(
      await helpdesk.patch(`/api/users/${cms.id}`, { version: 1, division: 'OACT', givenName: 'X' }),
      403,
      'FORBIDDEN',
    );
    expectProblem(
      await helpdesk.patch(`/api/users/${state.id}`, { version: 1, assignedStates: [] }),
      403,
      'FORBIDDEN',
    );
    expect(await t.datastore.users.get(cms.id)).toEqual(cms);
    const ok = await helpdesk.patch(`/api/users/${cms.id}`, { version: 1, assignedStates: ['MN', 'WI'] });
    expect(ok.json<User>()).toMatchObject({ assignedStates: ['MN', 'WI'], version: 2 });
  });
});

describe('administering a user', () => {
  it('creates a user with a temporary password, which must be replaced before anything else', async () => {
    const email = `reviewer.${Math.random().toString(36).slice(2)}@example.gov`;
    const created = await admin.post('/api/users', {
      email: ` ${email.toUpperCase()} `,
      givenName: 'Rita',
      familyName: 'Reviewer',
      role: 'CMS_USER',
      division: 'DMCO',
      assignedStates: ['MN'],
    });
    expect(created.statusCode).toBe(201);
    const { user, temporaryPassword } = created.json<UserWithTemporaryPassword>();
    expect(user).toMatchObject({ email, mustChangePassword: true, version: 1, disabled: false });
    expect(temporaryPassword).toMatch(/^[\w]{5}(-[\w]{5}){3}$/);
    const [event] = await eventsAbout(user.id);
    expect(event).toMatchObject({ action: 'CREATE_USER', actor: { userId: admin.session.user.id } });
    expect(JSON.stringify(event)).not.toContain(temporaryPassword);

    const login = await loginWith(email, temporaryPassword);
    expect(login.statusCode).toBe(200);
    expect(login.json<SessionView>().user.mustChangePassword).toBe(true);
    const cookie = sessionCookieOf(login);
    const csrf = login.json<SessionView>().csrfToken;
    const as = (method: 'GET' | 'POST', url: string, payload?: object) =>
      t.app.inject({ method, url, headers: { cookie, 'x-csrf-token': csrf }, payload });
    // Another browser signed in with the same temporary password: the change of password ends it.
    const elsewhere = sessionCookieOf(await loginWith(email, temporaryPassword));

    expectProblem(await as('GET', '/api/contracts'), 403, 'PASSWORD_CHANGE_REQUIRED');
    expect((await as('GET', '/api/me')).statusCode).toBe(200);
    expectProblem(
      await as('POST', '/api/me/password', {
        currentPassword: 'wrong',
        newPassword: 'a brand new passphrase',
      }),
      422,
      'VALIDATION_FAILED',
    );
    expectProblem(
      await as('POST', '/api/me/password', { currentPassword: temporaryPassword, newPassword: 'short' }),
      400,
      'VALIDATION_FAILED',
    );
    const changed = await as('POST', '/api/me/password', {
      currentPassword: temporaryPassword,
      newPassword: 'a brand new passphrase',
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json<SessionView>().user.mustChangePassword).toBe(false);
    expect((await as('GET', '/api/contracts')).statusCode).toBe(200);
    expectProblem(
      await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: elsewhere } }),
      401,
      'SESSION_ENDED',
    );
    expect((await loginWith(email, temporaryPassword)).statusCode).toBe(401);
    expect((await loginWith(email, 'a brand new passphrase')).statusCode).toBe(200);
    const actions = (await eventsAbout(user.id)).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['CREATE_USER', 'CHANGE_PASSWORD']));
  });

  it('edits with the version seen, recording the prior and new values', async () => {
    const user = await target('CMS_USER');
    const response = await admin.patch(`/api/users/${user.id}`, {
      version: 1,
      familyName: 'Newname',
      assignedStates: ['WI', 'MN'],
    });
    expect(response.statusCode).toBe(200);
    expect(response.json<User>()).toMatchObject({ familyName: 'Newname', version: 2 });

    const event = (await eventsAbout(user.id)).find((e) => e.action === 'UPDATE_USER');
    expect(event?.stateCode).toBeNull();
    expect(changesOf(event?.details ?? {})).toEqual([
      { field: 'assignedStates', before: 'MN', after: 'MN, WI' },
      { field: 'familyName', before: user.familyName, after: 'Newname' },
    ]);

    expectProblem(
      await admin.patch(`/api/users/${user.id}`, { version: 1, givenName: 'Stale' }),
      409,
      'VERSION_CONFLICT',
    );
    expectProblem(
      await admin.patch(`/api/users/${user.id}`, { version: 2, shoeSize: 9 }),
      400,
      'VALIDATION_FAILED',
    );
    const wrong = expectProblem(
      await admin.patch(`/api/users/${user.id}`, { version: 2, role: 'STATE_USER' }),
      422,
      'VALIDATION_FAILED',
    );
    expect(wrong.issues?.[0]?.path).toEqual(['stateCode']);
    expectProblem(
      await admin.patch(`/api/users/00000000-0000-4000-8000-000000000000`, { version: 1, givenName: 'X' }),
      404,
      'NOT_FOUND',
    );
  });

  it('changes an email, keeping emails unique in any case', async () => {
    const holder = await target('READONLY');
    const user = await target('READONLY');
    expectProblem(
      await admin.patch(`/api/users/${user.id}`, { version: 1, email: holder.email.toUpperCase() }),
      409,
      'EMAIL_TAKEN',
    );
    const moved = `moved.${Math.random().toString(36).slice(2)}@example.gov`;
    const response = await admin.patch(`/api/users/${user.id}`, { version: 1, email: moved });
    expect(response.json<User>().email).toBe(moved);
    expect((await loginWith(moved, TEST_PASSWORD)).statusCode).toBe(200);
    expect((await loginWith(user.email, TEST_PASSWORD)).statusCode).toBe(401);
  });

  it("ends a disabled user's sessions, refuses their login, and does not bring the sessions back on enabling", async () => {
    const email = await t.createUser('STATE_USER', { state: 'MN' });
    const login = await loginWith(email, TEST_PASSWORD);
    const cookie = sessionCookieOf(login);
    const me = () => t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } });
    expect((await me()).statusCode).toBe(200);
    const user = login.json<SessionView>().user;

    const disabled = await admin.post(`/api/users/${user.id}/disable`, { version: user.version });
    expect(disabled.json<User>()).toMatchObject({ disabled: true, version: user.version + 1 });

    expectProblem(await me(), 401, 'SESSION_ENDED');
    expectProblem(await loginWith(email, TEST_PASSWORD), 401, 'UNAUTHENTICATED');
    const enabled = await admin.post(`/api/users/${user.id}/enable`, { version: user.version + 1 });
    expect(enabled.json<User>().disabled).toBe(false);
    expectProblem(await me(), 401, 'SESSION_ENDED');
    expect((await loginWith(email, TEST_PASSWORD)).statusCode).toBe(200);
    const actions = (await eventsAbout(user.id)).map((e) => [e.action, e.stateCode, changesOf(e.details)]);
    expect(actions).toEqual(
      expect.arrayContaining([
        ['DISABLE_USER', 'MN', [{ field: 'disabled', before: false, after: true }]],
        ['ENABLE_USER', 'MN', [{ field: 'disabled', before: true, after: false }]],
      ]),
    );
  });

  it('resets a password: the old one stops working, the new one is shown once and must be replaced', async () => {
    const user = await target('STATE_USER');
    const live = sessionCookieOf(await loginWith(user.email, TEST_PASSWORD));
    const response = await admin.post(`/api/users/${user.id}/reset-password`);
    expectProblem(
      await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: live } }),
      401,
      'SESSION_ENDED',
    );
    const reset = response.json<UserWithTemporaryPassword>();
    expect(reset.user).toMatchObject({ mustChangePassword: true, version: 2 });
    expect((await loginWith(user.email, TEST_PASSWORD)).statusCode).toBe(401);
    const login = await loginWith(user.email, reset.temporaryPassword);
    expect(login.json<SessionView>().user.mustChangePassword).toBe(true);
    const again = await admin.get(`/api/users/${user.id}`);
    expect(again.body).not.toContain(reset.temporaryPassword);
    const event = (await eventsAbout(user.id)).find((e) => e.action === 'RESET_PASSWORD');
    expect(event).toMatchObject({ stateCode: 'MN', details: { userId: user.id } });
    expect(JSON.stringify(event)).not.toContain('argon2');
    expect(JSON.stringify(event)).not.toContain(reset.temporaryPassword);
  });

  it('searches with filters and pages with a cursor', async () => {
    const tag = `find${Math.random().toString(36).slice(2, 8)}`;
    for (const role of ['STATE_USER', 'CMS_USER', 'CMS_USER', 'READONLY'] as const) {
      await target(role, { email: `${tag}.${made}@example.gov` });
    }
    const first = await admin.get(`/api/users?q=${tag.toUpperCase()}&role=CMS_USER&limit=1`);
    const page1 = first.json<UserListView>();
    expect(page1.items).toHaveLength(1);
    const second = await admin.get(
      `/api/users?q=${tag}&role=CMS_USER&limit=1&cursor=${encodeURIComponent(page1.nextCursor ?? '')}`,
    );
    const page2 = second.json<UserListView>();
    expect(page2.items).toHaveLength(1);
    expect((page2.items[0]?.email ?? '') > (page1.items[0]?.email ?? '')).toBe(true);
    const state = await admin.get(`/api/users?q=${tag}&state=MN&disabled=false`);
    expect(
      state
        .json<UserListView>()
        .items.map((u) => u.role)
        .sort(),
    ).toEqual(['CMS_USER', 'CMS_USER', 'STATE_USER']);
    expectProblem(await admin.get('/api/users?role=KING'), 400, 'VALIDATION_FAILED');
    expectProblem(await admin.get('/api/users?cursor=forged'), 400, 'INVALID_CURSOR');
  });
});

describe('the last enabled administrator, over HTTP', () => {
  it('can be neither disabled nor demoted, by anyone', async () => {
    const own = await startTestApp();
    try {
      const first = await own.loginAs('ADMIN');
      const second = await own.loginAs('ADMIN');
      const secondUser = second.session.user;
      const off = await first.post(`/api/users/${secondUser.id}/disable`, { version: secondUser.version });
      expect(off.statusCode).toBe(200);

      const me = first.session.user;
      expectProblem(
        await first.post(`/api/users/${me.id}/disable`, { version: me.version }),
        409,
        'LAST_ADMIN',
      );
      expectProblem(
        await first.patch(`/api/users/${me.id}`, { version: me.version, role: 'HELPDESK' }),
        409,
        'LAST_ADMIN',
      );
      expect((await own.datastore.users.get(me.id)).role).toBe('ADMIN');
      // With another enabled again, it can.
      await first.post(`/api/users/${secondUser.id}/enable`, { version: secondUser.version + 1 });
      const demoted = await first.patch(`/api/users/${me.id}`, { version: me.version, role: 'HELPDESK' });
      expect(demoted.json<User>().role).toBe('HELPDESK');
    } finally {
      await own.close();
    }
  });
});
