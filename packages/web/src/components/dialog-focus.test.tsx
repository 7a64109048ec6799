// @vitest-environment happy-dom
import type { ContractView } from '@docket/domain';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { useState } from 'react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { problem, stubFetch } from '../testing/fetch-stub';
import { renderApp, stubDocket } from '../testing/render-app';
import { submittedContractView } from '../testing/views';
import { ContractActions } from './contract-actions';

/**
 * Where focus goes when a dialog closes. The browser's own return of focus is not counted on (happy-dom has none,
 * and Chromium's fails for a control that was disabled meanwhile or is gone): the app returns it itself.
 */

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function dialogNamed(name: string): HTMLDialogElement {
  const dialog = screen.getByRole('dialog', { name });
  if (!(dialog instanceof HTMLDialogElement)) throw new Error(`${name} is not a dialog element`);
  return dialog;
}

/** Escape as the browser delivers it to a modal dialog that lets itself be closed. */
function pressEscape(dialog: HTMLDialogElement): void {
  fireEvent.keyDown(dialog, { key: 'Escape' });
  const cancel = new Event('cancel', { cancelable: true });
  dialog.dispatchEvent(cancel);
  if (!cancel.defaultPrevented) act(() => dialog.close());
}

/** The summary page's actions under a heading, taking the contract an action returns. */
function SummaryWithActions({ initial }: { initial: ContractView }) {
  const [contract, setContract] = useState(initial);
  return (
    <main>
      <h1>{contract.name}</h1>
      <ContractActions
        contract={contract}
        user={{ role: 'CMS_APPROVER' }}
        onChanged={(updated) => setContract(updated)}
      />
    </main>
  );
}

describe('focus when a dialog closes', () => {
  it('returns to the button that opened it, on Cancel and on Escape', async () => {
    render(
      <MemoryRouter>
        <SummaryWithActions initial={submittedContractView({ canUnlock: true })} />
      </MemoryRouter>,
    );
    const user = userEvent.setup();
    const opener = screen.getByRole('button', { name: 'Unlock submission' });

    await user.click(opener);
    const dialog = dialogNamed('Unlock this submission?');
    expect(document.activeElement).toBe(within(dialog).getByLabelText('Reason for unlocking'));
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(dialog.open).toBe(false);
    expect(document.activeElement).toBe(opener);

    await user.click(opener);
    expect(dialog.open).toBe(true);
    pressEscape(dialog);
    expect(dialog.open).toBe(false);
    expect(document.activeElement).toBe(opener);
  });

  it('goes to the page heading when the action removed the button that opened it', async () => {
    const contract = submittedContractView({ canUnlock: true });
    stubFetch(() => ({
      status: 200,
      body: {
        ...contract,
        status: 'UNLOCKED',
        submissionStatus: 'UNLOCKED',
        abilities: { ...contract.abilities, canUnlock: false },
      },
    }));
    render(
      <MemoryRouter>
        <SummaryWithActions initial={contract} />
      </MemoryRouter>,
    );
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Unlock submission' }));
    const dialog = dialogNamed('Unlock this submission?');
    await user.type(within(dialog).getByLabelText('Reason for unlocking'), 'Fix the dates.');
    await user.click(within(dialog).getByRole('button', { name: 'Unlock' }));

    await waitFor(() => expect(screen.queryByRole('button', { name: 'Unlock submission' })).toBeNull());
    await waitFor(() =>
      expect(document.activeElement).toBe(screen.getByRole('heading', { level: 1, name: contract.name })),
    );
  });

  it('returns to the link that led away when the user stays on a page with unsaved answers', async () => {
    stubDocket({ submissionDescription: 'As loaded.' });
    renderApp('/submissions/contract-1/edit/submission-type');
    fireEvent.change(await screen.findByLabelText('Submission description'), {
      target: { value: 'Typed, not saved.' },
    });
    const user = userEvent.setup();
    const link = screen.getAllByRole('link', { name: 'Dashboard' }).at(-1);
    if (!link) throw new Error('no breadcrumb to the dashboard');
    await user.click(link);
    const dialog = await waitFor(() => {
      const found = dialogNamed('Leave without saving?');
      if (!found.open) throw new Error('not open yet');
      return found;
    });
    await user.click(within(dialog).getByRole('button', { name: 'Stay on this page' }));
    await waitFor(() => expect(dialog.open).toBe(false));
    expect(document.activeElement).toBe(link);
  });

  it('returns to "Save as draft" when the user does not sign in again, though the save held it meanwhile', async () => {
    stubDocket({ submissionDescription: 'As loaded.' }, () => problem(401, 'UNAUTHENTICATED', 'Log in'));
    renderApp('/submissions/contract-1/edit/submission-type');
    fireEvent.change(await screen.findByLabelText('Submission description'), {
      target: { value: 'Typed while the session ended.' },
    });
    const user = userEvent.setup();
    const save = screen.getByRole('button', { name: 'Save as draft' });
    await user.click(save);
    const dialog = await waitFor(() => dialogNamed('Your session has ended'));
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await screen.findByText(/Your session has ended, so your changes were not saved yet/);
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Save as draft' }));
  });
});
