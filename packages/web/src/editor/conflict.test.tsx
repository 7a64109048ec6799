// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { problem } from '../testing/fetch-stub';
import { renderApp, stubDocket } from '../testing/render-app';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const TYPED = 'My changes, typed over theirs.';

function conflictDialog(): HTMLDialogElement {
  const dialog = document.getElementById('conflict-dialog');
  if (!(dialog instanceof HTMLDialogElement)) throw new Error('no conflict dialog');
  return dialog;
}

/** The editor on a draft someone else saved meanwhile: every save answers 409. */
async function typeAndSaveOverSomeoneElse() {
  const seen = stubDocket({ submissionDescription: 'As loaded.' }, () =>
    problem(409, 'VERSION_CONFLICT', 'The contract was changed by someone else'),
  );
  renderApp('/submissions/contract-1/edit/submission-type');
  const description = await screen.findByLabelText<HTMLTextAreaElement>('Submission description');
  fireEvent.change(description, { target: { value: TYPED } });
  const user = userEvent.setup();
  await user.click(screen.getByRole('button', { name: 'Save as draft' }));
  await waitFor(() => expect(conflictDialog().open).toBe(true));
  const loads = () => seen.filter((r) => r.method === 'GET' && r.path === '/api/contracts/contract-1');
  return { user, description, loads };
}

describe('a save that finds someone else saved first (409)', () => {
  it('asks what to do, saying that another person changed it and what reloading loses', async () => {
    const { description, loads } = await typeAndSaveOverSomeoneElse();
    const dialog = within(conflictDialog());
    expect(dialog.getByRole('heading', { name: 'Someone else changed this submission' })).toBeTruthy();
    expect(conflictDialog().textContent).toContain('Another person saved changes');
    expect(conflictDialog().textContent).toContain('the changes you made on this page are lost');
    expect(dialog.getByRole('button', { name: 'Keep editing' })).toBeTruthy();
    expect(dialog.getByRole('button', { name: 'Reload and lose my changes' })).toBeTruthy();
    expect(description.value).toBe(TYPED);
    expect(loads()).toHaveLength(1);
  });

  it('keeps every answer typed when the user keeps editing, and asks again before a reload', async () => {
    const { user, description, loads } = await typeAndSaveOverSomeoneElse();
    await user.click(within(conflictDialog()).getByRole('button', { name: 'Keep editing' }));
    expect(conflictDialog().open).toBe(false);
    expect(description.value).toBe(TYPED);
    expect(loads()).toHaveLength(1);

    // The page still says what happened; its reload asks first.
    await user.click(screen.getByRole('button', { name: 'Reload the submission…' }));
    expect(conflictDialog().open).toBe(true);
    await user.click(within(conflictDialog()).getByRole('button', { name: 'Keep editing' }));
    expect(loads()).toHaveLength(1);
    expect(description.value).toBe(TYPED);
  });

  it('asks again at the next save that is refused', async () => {
    const { user } = await typeAndSaveOverSomeoneElse();
    await user.click(within(conflictDialog()).getByRole('button', { name: 'Keep editing' }));
    await user.click(screen.getByRole('button', { name: 'Save as draft' }));
    await waitFor(() => expect(conflictDialog().open).toBe(true));
  });

  it('loads the submission as it is now once the user chooses to lose their changes', async () => {
    const { user, loads } = await typeAndSaveOverSomeoneElse();
    await user.click(within(conflictDialog()).getByRole('button', { name: 'Reload and lose my changes' }));
    await waitFor(() => expect(loads()).toHaveLength(2));
    const description = await screen.findByLabelText<HTMLTextAreaElement>('Submission description');
    expect(description.value).toBe('As loaded.');
  });
});
