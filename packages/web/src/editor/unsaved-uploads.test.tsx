// @vitest-environment happy-dom
import { act, cleanup, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { draftContract, renderApp, stubDocket } from '../testing/render-app';
import { documentRef } from '../testing/views';
import { holdUploads } from '../testing/xhr-stub';

const STEP = '/submissions/contract-1/edit/contract-details';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function leaveDialog(): HTMLDialogElement {
  const dialog = document.getElementById('leave-dialog');
  if (!(dialog instanceof HTMLDialogElement)) throw new Error('no leave dialog');
  return dialog;
}

/** Whether the browser would ask before unloading the page. */
function asksBeforeUnload(): boolean {
  const event = new Event('beforeunload', { cancelable: true });
  window.dispatchEvent(event);
  return event.defaultPrevented;
}

/** The contract details step of a saved draft, with a contract document chosen and still uploading. */
async function chooseAFile() {
  const uploads = holdUploads();
  const seen = stubDocket({ populationCovered: 'MEDICAID', contractType: 'BASE' }, ({ method, body }) =>
    method === 'PUT'
      ? { status: 200, body: draftContract((body as { formData: object }).formData, 4) }
      : { status: 500 },
  );
  const router = renderApp(STEP);
  const input = await screen.findByLabelText<HTMLInputElement>('Contract documents', { selector: 'input' });
  expect(asksBeforeUnload()).toBe(false);
  const user = userEvent.setup();
  await user.upload(input, new File(['%PDF-1.7'], 'contract.pdf', { type: 'application/pdf' }));
  await waitFor(() => expect(uploads).toHaveLength(1));
  return { router, user, uploads, seen };
}

describe('a document chosen but not saved into the draft', () => {
  it('while it uploads, asks before leaving the page, before reloading, and even before another step', async () => {
    const { router, user, uploads } = await chooseAFile();
    expect(asksBeforeUnload()).toBe(true);

    await act(() => router.navigate('/submissions/contract-1/edit/submission-type'));
    await waitFor(() => expect(leaveDialog().open).toBe(true));
    expect(leaveDialog().textContent).toContain('A file is still uploading');
    expect(router.state.location.pathname).toBe(STEP);
    await user.click(within(leaveDialog()).getByRole('button', { name: 'Stay on this page' }));
    expect(uploads[0]?.aborted).toBe(false);

    const dashboard = screen.getAllByRole('link', { name: 'Dashboard' }).at(-1);
    if (!dashboard) throw new Error('no breadcrumb to the dashboard');
    await user.click(dashboard);
    await waitFor(() => expect(leaveDialog().open).toBe(true));
    expect(router.state.location.pathname).toBe(STEP);
  });

  it('once uploaded, is unsaved like any answer until the draft is saved', async () => {
    const { router, user, uploads } = await chooseAFile();
    act(() => uploads[0]?.answer(201, { document: documentRef('contract.pdf', 'a') }));
    await screen.findByRole('button', { name: 'Remove contract.pdf' });
    expect(asksBeforeUnload()).toBe(true);

    // Other steps share the draft: moving there keeps the document, and asks nothing.
    await act(() => router.navigate('/submissions/contract-1/edit/submission-type'));
    expect(router.state.location.pathname).toBe('/submissions/contract-1/edit/submission-type');
    expect(leaveDialog().open).toBe(false);

    await user.click(screen.getByRole('button', { name: 'Save as draft' }));
    await screen.findByText(/^Draft saved at /);
    expect(asksBeforeUnload()).toBe(false);
  });
});
