// @vitest-environment happy-dom
import { cleanup, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderApp, sessionView, stateUser, stubDocket } from '../testing/render-app';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const reviewer = { ...stateUser('c1', 'casey@cms.example'), role: 'CMS_USER' as const, stateCode: null };

function signedInAs(user: ReturnType<typeof stateUser>) {
  stubDocket({}, undefined, () => ({ status: 200, body: sessionView(user, 'token') }));
}

describe('the pages each user starts from, as the session’s abilities name them', () => {
  it('sends a state user from / to the state’s dashboard, which offers to start a filing', async () => {
    signedInAs(stateUser());
    const router = renderApp('/');
    await waitFor(() => expect(router.state.location.pathname).toBe('/dashboard'));
    expect(await screen.findByRole('link', { name: 'Start new submission' })).toBeTruthy();
  });

  it('sends CMS from /, the state dashboard and the new-filing page to the submissions it reviews', async () => {
    for (const path of ['/', '/dashboard', '/submissions/new']) {
      signedInAs(reviewer);
      const router = renderApp(path);
      await waitFor(() => expect(router.state.location.pathname).toBe('/submissions'));
      cleanup();
    }
  });

  it('sends a state user from the CMS dashboard to the state’s own', async () => {
    signedInAs(stateUser());
    const router = renderApp('/submissions');
    await waitFor(() => expect(router.state.location.pathname).toBe('/dashboard'));
  });
});
