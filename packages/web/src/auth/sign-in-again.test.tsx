// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { problem, type SeenRequest, type StubAnswer } from '../testing/fetch-stub';
import { draftContract, renderApp, sessionView, stateUser, stubDocket } from '../testing/render-app';

const EDIT = '/submissions/contract-1/edit/submission-type';
const TYPED = 'Typed while the session ended.';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

interface Script {
  /** How a login is answered. */
  login?: (request: SeenRequest) => StubAnswer | Promise<StubAnswer>;
  /** How the save sent again after signing in is answered. */
  retried?: (request: SeenRequest) => StubAnswer;
}

/** Docket where the session has ended: saves answer 401 until a login succeeds, which answers as `script` says. */
function sessionEnded(script: Script = {}) {
  let renewed = false;
  const login = script.login ?? (() => ({ status: 200, body: sessionView(stateUser(), 'new-token') }));
  const retried =
    script.retried ??
    ((r: SeenRequest) => ({
      status: 200,
      body: draftContract((r.body as { formData: object }).formData, 4),
    }));
  const seen = stubDocket({ submissionDescription: 'As loaded.' }, async (request) => {
    if (request.method === 'POST' && request.path === '/api/auth/login') {
      const answer = await login(request);
      renewed ||= answer.status === 200;
      return answer;
    }
    if (request.method === 'PUT') {
      return renewed ? retried(request) : problem(401, 'UNAUTHENTICATED', 'Log in to continue');
    }
    return problem(500, 'INTERNAL', 'Unexpected');
  });
  return {
    puts: () => seen.filter((r) => r.method === 'PUT'),
    logins: () => seen.filter((r) => r.path === '/api/auth/login'),
  };
}

function dialog(): HTMLDialogElement {
  const element = document.getElementById('sign-in-again');
  if (!(element instanceof HTMLDialogElement)) throw new Error('no sign-in dialog');
  return element;
}

/** Opens the editor, types, and saves: the session has ended, so the dialog asks for the password. */
async function typeAndSave(reloadPage?: () => void) {
  const router = renderApp(EDIT, reloadPage);
  const description = await screen.findByLabelText<HTMLTextAreaElement>('Submission description');
  fireEvent.change(description, { target: { value: TYPED } });
  const user = userEvent.setup();
  await user.click(screen.getByRole('button', { name: 'Save as draft' }));
  await waitFor(() => expect(dialog().open).toBe(true));
  return { router, user, description };
}

async function signIn(user: ReturnType<typeof userEvent.setup>, password: string, email?: string) {
  const box = within(dialog());
  if (email !== undefined) {
    await user.clear(box.getByLabelText('Email address'));
    await user.type(box.getByLabelText('Email address'), email);
  }
  await user.type(box.getByLabelText('Password'), password);
  await user.click(box.getByRole('button', { name: 'Sign in and continue' }));
}

describe('a save that finds the session ended', () => {
  it('asks for the password over the page, then saves what was typed with the new session', async () => {
    const docket = sessionEnded();
    const { router, user, description } = await typeAndSave();
    expect(within(dialog()).getByLabelText<HTMLInputElement>('Email address').value).toBe(
      'ann@state.example',
    );
    expect(router.state.location.pathname).toBe(EDIT);
    expect(description.value).toBe(TYPED);

    await signIn(user, 'the-password');
    await screen.findByText(/^Draft saved at /);
    expect(document.getElementById('sign-in-again')).toBeNull();
    expect(docket.logins()[0]?.body).toEqual({ email: 'ann@state.example', password: 'the-password' });
    const [first, again] = docket.puts();
    expect(first?.headers['x-csrf-token']).toBe('first-token');
    expect(again?.headers['x-csrf-token']).toBe('new-token');
    expect(
      (again?.body as { formData: { submissionDescription: string } }).formData.submissionDescription,
    ).toBe(TYPED);
  });

  it('keeps the dialog open on a wrong password, and saves once the right one is given', async () => {
    let attempts = 0;
    const docket = sessionEnded({
      login: () =>
        (attempts += 1) === 1
          ? problem(401, 'INVALID_CREDENTIALS', 'Wrong email or password')
          : { status: 200, body: sessionView(stateUser(), 'new-token') },
    });
    const { user } = await typeAndSave();
    await signIn(user, 'wrong');
    await within(dialog()).findByText(/The email or password is not correct/);
    expect(dialog().open).toBe(true);
    expect(docket.puts()).toHaveLength(1);
    await signIn(user, 'right');
    await screen.findByText(/^Draft saved at /);
    expect(docket.puts()).toHaveLength(2);
  });

  it('still asks whether to reload when someone else changed the submission meanwhile (409)', async () => {
    sessionEnded({ retried: () => problem(409, 'VERSION_CONFLICT', 'Changed by someone else') });
    const { user, description } = await typeAndSave();
    await signIn(user, 'the-password');
    await waitFor(() =>
      expect((document.getElementById('conflict-dialog') as HTMLDialogElement | null)?.open).toBe(true),
    );
    expect(screen.getByRole('button', { name: 'Reload and lose my changes' })).toBeTruthy();
    expect(description.value).toBe(TYPED);
  });

  it('cannot be cancelled while signing in: the save waits for the sign-in, then goes', async () => {
    let letIn: () => void = () => undefined;
    const docket = sessionEnded({
      login: () =>
        new Promise<StubAnswer>((resolve) => {
          letIn = () => resolve({ status: 200, body: sessionView(stateUser(), 'new-token') });
        }),
    });
    const { user, description } = await typeAndSave();
    const box = within(dialog());
    await user.type(box.getByLabelText('Password'), 'the-password');
    await user.click(box.getByRole('button', { name: 'Sign in and continue' }));
    const busy = await box.findByRole('button', { name: 'Signing in…' });
    expect(busy.getAttribute('aria-disabled')).toBe('true');

    await user.click(box.getByRole('button', { name: 'Cancel' }));
    const cancel = new Event('cancel', { cancelable: true });
    dialog().dispatchEvent(cancel);
    expect(cancel.defaultPrevented).toBe(true);
    expect(dialog().open).toBe(true);
    expect(screen.queryByText(/Your session has ended, so your changes were not saved yet/)).toBeNull();

    letIn();
    await screen.findByText(/^Draft saved at /);
    expect(docket.puts()).toHaveLength(2);
    expect(docket.logins()).toHaveLength(1);
    expect(description.value).toBe(TYPED);
  });

  it('reloads the page, and saves nothing, when another user signs in', async () => {
    const reloadPage = vi.fn();
    const docket = sessionEnded({
      login: () => ({
        status: 200,
        body: sessionView(stateUser('u2', 'bo@state.example'), 'their-token'),
      }),
    });
    const { user } = await typeAndSave(reloadPage);
    await signIn(user, 'their-password', 'bo@state.example');
    await waitFor(() => expect(reloadPage).toHaveBeenCalledTimes(1));
    expect(docket.puts()).toHaveLength(1);
  });

  it('keeps the page and what was typed when the user cancels, and asks again on the next save', async () => {
    const docket = sessionEnded();
    const { router, user, description } = await typeAndSave();
    await user.click(within(dialog()).getByRole('button', { name: 'Cancel' }));
    await screen.findByText(/Your session has ended, so your changes were not saved yet/);
    expect(router.state.location.pathname).toBe(EDIT);
    expect(description.value).toBe(TYPED);

    await user.click(screen.getByRole('button', { name: 'Save as draft' }));
    await waitFor(() => expect(dialog().open).toBe(true));
    expect(docket.puts()).toHaveLength(2);
  });
});

describe('a save refused for a stale CSRF token', () => {
  /** The user signed in again in another tab: the page's token is the old session's. */
  function signedInElsewhere(who = stateUser()) {
    let checks = 0;
    return stubDocket(
      { submissionDescription: 'As loaded.' },
      (request) =>
        request.headers['x-csrf-token'] === 'other-tab-token'
          ? { status: 200, body: draftContract((request.body as { formData: object }).formData, 4) }
          : problem(403, 'CSRF_FAILED', 'This request must carry the x-csrf-token header of your session'),
      () => {
        checks += 1;
        const user = checks === 1 ? stateUser() : who;
        return { status: 200, body: sessionView(user, checks === 1 ? 'first-token' : 'other-tab-token') };
      },
    );
  }

  it('takes the token of the session the same user opened elsewhere, and saves', async () => {
    const seen = signedInElsewhere();
    renderApp(EDIT);
    fireEvent.change(await screen.findByLabelText('Submission description'), { target: { value: TYPED } });
    await userEvent.setup().click(screen.getByRole('button', { name: 'Save as draft' }));
    await screen.findByText(/^Draft saved at /);
    expect(seen.filter((r) => r.method === 'PUT').map((r) => r.headers['x-csrf-token'])).toEqual([
      'first-token',
      'other-tab-token',
    ]);
    expect(document.getElementById('sign-in-again')).toBeNull();
  });

  it('reloads the page, and saves nothing, when the session elsewhere is another user’s', async () => {
    const reloadPage = vi.fn();
    const seen = signedInElsewhere(stateUser('u2', 'bo@state.example'));
    renderApp(EDIT, reloadPage);
    fireEvent.change(await screen.findByLabelText('Submission description'), { target: { value: TYPED } });
    await userEvent.setup().click(screen.getByRole('button', { name: 'Save as draft' }));
    await waitFor(() => expect(reloadPage).toHaveBeenCalledTimes(1));
    expect(seen.filter((r) => r.method === 'PUT')).toHaveLength(1);
  });
});
