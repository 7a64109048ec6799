// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { draftContract, renderApp, stubDocket } from '../testing/render-app';

const EDIT = '/submissions/contract-1/edit/submission-type';
const ANSWERS = { populationCovered: 'MEDICAID' as const, submissionDescription: 'As loaded.' };

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

async function openEditor() {
  const router = renderApp(EDIT);
  await screen.findByLabelText('Submission description');
  return router;
}

function description(): HTMLTextAreaElement {
  return screen.getByLabelText<HTMLTextAreaElement>('Submission description');
}

function leaveDialog(): HTMLDialogElement {
  const dialog = document.getElementById('leave-dialog');
  if (!(dialog instanceof HTMLDialogElement)) throw new Error('no leave dialog');
  return dialog;
}

/** The breadcrumb back to the dashboard. */
function dashboardLink(): HTMLElement {
  const link = screen.getAllByRole('link', { name: 'Dashboard' }).at(-1);
  if (!link) throw new Error('no link to the dashboard');
  return link;
}

/** Whether the browser would ask before unloading the page. */
function asksBeforeUnload(): boolean {
  const event = new Event('beforeunload', { cancelable: true });
  window.dispatchEvent(event);
  return event.defaultPrevented;
}

describe('leaving the editor with unsaved answers', () => {
  it('asks first when a link leads away; Stay keeps the answers, Leave goes', async () => {
    stubDocket(ANSWERS);
    const router = await openEditor();
    fireEvent.change(description(), { target: { value: 'Typed, not saved.' } });
    const user = userEvent.setup();

    await user.click(dashboardLink());
    await waitFor(() => expect(leaveDialog().open).toBe(true));
    expect(screen.getByRole('heading', { name: 'Leave without saving?' })).toBeTruthy();
    expect(router.state.location.pathname).toBe(EDIT);

    await user.click(screen.getByRole('button', { name: 'Stay on this page' }));
    await waitFor(() => expect(leaveDialog().open).toBe(false));
    expect(router.state.location.pathname).toBe(EDIT);
    expect(description().value).toBe('Typed, not saved.');

    await user.click(dashboardLink());
    await waitFor(() => expect(leaveDialog().open).toBe(true));
    await user.click(screen.getByRole('button', { name: 'Leave without saving' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/dashboard'));
  });

  it('asks first before signing out, and signs out once the user chooses to leave', async () => {
    const seen = stubDocket(ANSWERS, ({ path }) => ({ status: path === '/api/auth/logout' ? 204 : 500 }));
    const router = await openEditor();
    fireEvent.change(description(), { target: { value: 'Typed, not saved.' } });
    const user = userEvent.setup();

    await user.click(screen.getByRole('button', { name: 'Sign out' }));
    await waitFor(() => expect(leaveDialog().open).toBe(true));
    await user.click(screen.getByRole('button', { name: 'Stay on this page' }));
    expect(router.state.location.pathname).toBe(EDIT);
    expect(seen.some((r) => r.path === '/api/auth/logout')).toBe(false);

    await user.click(screen.getByRole('button', { name: 'Sign out' }));
    await waitFor(() => expect(leaveDialog().open).toBe(true));
    await user.click(screen.getByRole('button', { name: 'Leave without saving' }));
    await screen.findByRole('heading', { name: 'Sign in to Docket' });
    expect(seen.filter((r) => r.path === '/api/auth/logout')).toHaveLength(1);
  });

  it('asks first on the browser back button and on reload or close', async () => {
    stubDocket(ANSWERS);
    const router = renderApp('/dashboard');
    await screen.findByRole('heading', { name: 'Submissions', level: 1 });
    await router.navigate(EDIT);
    await screen.findByLabelText('Submission description');
    expect(asksBeforeUnload()).toBe(false);

    fireEvent.change(description(), { target: { value: 'Typed, not saved.' } });
    expect(asksBeforeUnload()).toBe(true);
    await router.navigate(-1);
    await waitFor(() => expect(leaveDialog().open).toBe(true));
    expect(router.state.location.pathname).toBe(EDIT);
  });

  it('asks nothing when nothing changed, when the answers are changed back, after a save, or between steps', async () => {
    const saves = stubDocket(ANSWERS, ({ method, body }) =>
      method === 'PUT'
        ? { status: 200, body: draftContract((body as { formData: object }).formData, 4) }
        : { status: 500 },
    );
    const router = await openEditor();
    expect(asksBeforeUnload()).toBe(false);

    fireEvent.change(description(), { target: { value: 'Changed.' } });
    fireEvent.change(description(), { target: { value: 'As loaded.' } });
    expect(asksBeforeUnload()).toBe(false);

    fireEvent.change(description(), { target: { value: 'Changed and saved.' } });
    await router.navigate('/submissions/contract-1/edit/contacts');
    await screen.findByRole('button', { name: 'Add another state contact' });
    expect(leaveDialog().open).toBe(false);
    expect(asksBeforeUnload()).toBe(true);

    await userEvent.setup().click(screen.getByRole('button', { name: 'Save as draft' }));
    await screen.findByText(/^Draft saved at /);
    expect(saves.filter((r) => r.method === 'PUT')).toHaveLength(1);
    expect(asksBeforeUnload()).toBe(false);
    await router.navigate('/dashboard');
    await screen.findByRole('heading', { name: 'Submissions', level: 1 });
    expect(router.state.location.pathname).toBe('/dashboard');
  });
});
