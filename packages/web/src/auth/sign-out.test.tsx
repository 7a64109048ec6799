// @vitest-environment happy-dom
import { cleanup, screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { problem, stubFetch, type SeenRequest, type StubAnswer } from '../testing/fetch-stub';
import { PROGRAMS } from '../testing/filing-fuzz';
import { renderApp, sessionView, stateUser } from '../testing/render-app';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

/**
 * Docket as the page finds it when the user signs out: `GET /api/me` answers as `me` says (first with this page's
 * session), `POST /api/auth/logout` as `logout` says; the dashboard's reads answer empty.
 */
function docket(
  logout: (request: SeenRequest, attempt: number) => StubAnswer | Promise<StubAnswer>,
  me: (check: number) => StubAnswer,
): SeenRequest[] {
  let checks = 0;
  let logouts = 0;
  return stubFetch((request) => {
    if (request.path === '/api/me') return me((checks += 1));
    if (request.path === '/api/auth/logout') return logout(request, (logouts += 1));
    if (request.path.startsWith('/api/contracts?'))
      return { status: 200, body: { items: [], nextCursor: null } };
    if (request.path.startsWith('/api/states/MN/programs')) return { status: 200, body: PROGRAMS };
    return problem(500, 'INTERNAL', 'Unexpected');
  });
}

const signedIn = (token: string): StubAnswer => ({
  status: 200,
  body: sessionView(stateUser(), token),
});

async function signOut() {
  const router = renderApp('/dashboard');
  await screen.findByRole('heading', { name: 'Submissions', level: 1 });
  await userEvent.setup().click(screen.getByRole('button', { name: 'Sign out' }));
  await screen.findByRole('heading', { name: 'Sign in to Docket' });
  return router;
}

const logouts = (seen: SeenRequest[]) => seen.filter((r) => r.path === '/api/auth/logout');

describe('signing out', () => {
  it('ends the session with its own token', async () => {
    const seen = docket(
      () => ({ status: 204 }),
      () => signedIn('first-token'),
    );
    const router = await signOut();
    expect(router.state.location.pathname).toBe('/login');
    expect(screen.getByText('You have signed out.')).toBeTruthy();
    expect(logouts(seen).map((r) => r.headers['x-csrf-token'])).toEqual(['first-token']);
  });

  it('asks for the session’s current token and tries once more when the page’s token is stale', async () => {
    const seen = docket(
      (request) =>
        request.headers['x-csrf-token'] === 'other-tab-token'
          ? { status: 204 }
          : problem(403, 'CSRF_FAILED', 'Missing or wrong CSRF token'),
      (check) => signedIn(check === 1 ? 'first-token' : 'other-tab-token'),
    );
    const router = await signOut();
    expect(router.state.location.pathname).toBe('/login');
    expect(screen.getByText('You have signed out.')).toBeTruthy();
    expect(logouts(seen).map((r) => r.headers['x-csrf-token'])).toEqual(['first-token', 'other-tab-token']);
  });

  it('counts a session that has already ended as signed out, without asking to sign in again', async () => {
    const seen = docket(
      () => problem(403, 'CSRF_FAILED', 'Missing or wrong CSRF token'),
      (check) => (check === 1 ? signedIn('first-token') : problem(401, 'UNAUTHENTICATED', 'Log in')),
    );
    await signOut();
    expect(screen.getByText('You have signed out.')).toBeTruthy();
    expect(screen.queryByRole('dialog', { name: 'Your session has ended' })).toBeNull();
    expect(logouts(seen)).toHaveLength(1);
  });

  it('counts a logout answered 401 as signed out', async () => {
    docket(
      () => problem(401, 'UNAUTHENTICATED', 'Log in'),
      () => signedIn('first-token'),
    );
    await signOut();
    expect(screen.getByText('You have signed out.')).toBeTruthy();
    expect(screen.queryByRole('dialog', { name: 'Your session has ended' })).toBeNull();
  });

  it('signs the page out when the server cannot be reached, and says the session may still be open', async () => {
    docket(
      () => problem(503, 'UNAVAILABLE', 'Down for maintenance'),
      () => signedIn('first-token'),
    );
    const router = await signOut();
    expect(router.state.location.pathname).toBe('/login');
    expect(
      screen.getByText(/Docket could not confirm with the server that your session has ended/),
    ).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Sign out' })).toBeNull();
  });
});
