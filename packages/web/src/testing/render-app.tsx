import { userAbilities, type ContractFormInput, type SessionView, type UserView } from '@docket/domain';
import { render } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { SessionProvider } from '../auth/session-context';
import { routes } from '../routes';
import { problem, stubFetch, type SeenRequest, type StubAnswer } from './fetch-stub';
import { PROGRAMS } from './filing-fuzz';
import { contractView, revisionView } from './views';

/** The whole web app, routes and session, on an in-memory history: for render tests of a page's behaviour. */

export function stateUser(id = 'u1', email = 'ann@state.example'): UserView {
  return {
    id,
    email,
    givenName: 'Ann',
    familyName: 'Lee',
    role: 'STATE_USER',
    stateCode: 'MN',
    division: null,
    assignedStates: [],
    disabled: false,
    createdAt: '2025-01-01T00:00:00.000Z',
    version: 1,
    mustChangePassword: false,
  };
}

/**
 * The server's answer about a session of `user`, with the abilities the policy gives the user; by default it idles
 * out in 30 minutes from now and ends in 12 hours.
 */
export function sessionView(
  user: UserView,
  csrfToken: string,
  session: SessionView['session'] = {
    idleExpiresAt: new Date(Date.now() + 30 * 60_000).toISOString(),
    expiresAt: new Date(Date.now() + 12 * 3_600_000).toISOString(),
    idleSeconds: 30 * 60,
  },
): SessionView {
  return { user, abilities: userAbilities(user), csrfToken, session };
}

/** The draft contract `contract-1` holding these answers, at `version`. */
export function draftContract(formData: ContractFormInput, version = 3) {
  return { ...contractView([revisionView(1, formData)]), version };
}

/**
 * Answers the reads every page makes (who is signed in — by `me`, if given —, the programs, the contract, the
 * dashboard's list); writes and anything else go to `writes`.
 */
export function stubDocket(
  formData: ContractFormInput,
  writes: (request: SeenRequest) => StubAnswer | Promise<StubAnswer> = () => problem(500, 'INTERNAL', 'No'),
  me: () => StubAnswer = () => ({ status: 200, body: sessionView(stateUser(), 'first-token') }),
): SeenRequest[] {
  return stubFetch((request) => {
    const { method, path } = request;
    if (method === 'GET' && path === '/api/me') return me();
    if (method === 'GET' && path.startsWith('/api/states/MN/programs'))
      return { status: 200, body: PROGRAMS };
    if (method === 'GET' && path === '/api/contracts/contract-1') {
      return { status: 200, body: draftContract(formData) };
    }
    if (method === 'GET' && path.startsWith('/api/contracts?')) {
      return { status: 200, body: { items: [], nextCursor: null } };
    }
    return writes(request);
  });
}

/** Renders the app at `path`; `reloadPage` stands in for the browser's reload. */
export function renderApp(path: string, reloadPage: () => void = () => undefined) {
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  render(
    <SessionProvider reloadPage={reloadPage}>
      <RouterProvider router={router} />
    </SessionProvider>,
  );
  return router;
}
