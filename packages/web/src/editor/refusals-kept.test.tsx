// @vitest-environment happy-dom
import type { ContractFormInput } from '@docket/domain';
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { problem, type SeenRequest } from '../testing/fetch-stub';
import { completeFiling } from '../testing/filing-fuzz';
import { draftContract, renderApp, stubDocket } from '../testing/render-app';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const REVIEW = '/submissions/contract-1/edit/review';
const TOO_OLD = 'contract.pdf was uploaded too long ago to be added: upload the file again';

/** A contract-only filing that passes every check the browser makes. */
const FILING: ContractFormInput = { ...completeFiling().form, submissionType: 'CONTRACT_ONLY' };

/**
 * Docket that refuses the submit for something only the server knows (the first contract document's upload is
 * too old), and saves whatever it is sent.
 */
function refusingSubmit(): SeenRequest[] {
  return stubDocket(FILING, ({ method, path, body }) => {
    if (method === 'POST' && path.endsWith('/submit')) {
      return problem(422, 'VALIDATION_FAILED', 'The submission is not complete', [
        { path: ['contractDetails', 'contractDocuments', 0], message: TOO_OLD },
      ]);
    }
    if (method === 'PUT')
      return { status: 200, body: draftContract((body as { formData: object }).formData, 4) };
    return problem(500, 'INTERNAL', 'Unexpected');
  });
}

/** Each step here is a round trip and a render; a machine busy with other suites can take longer than a second. */
const SLOW = { timeout: 5000 };

const summary = () => screen.queryByTestId('error-summary');

async function submitAndGetRefused() {
  const router = renderApp(REVIEW);
  await screen.findByText(/Every question is answered/, {}, SLOW);
  const user = userEvent.setup();
  await user.click(screen.getByRole('button', { name: 'Submit' }));
  const dialog = screen.getByRole('dialog', { name: 'Ready to submit?' });
  await user.click(within(dialog).getByRole('button', { name: 'Submit' }));
  await waitFor(() => expect(summary()?.textContent).toContain(TOO_OLD), SLOW);
  return { router, user };
}

/** Goes to a step by the address bar, as the step indicator and the browser's history do: nothing is saved. */
async function goTo(router: ReturnType<typeof renderApp>, step: string) {
  await act(() => router.navigate(`/submissions/contract-1/edit/${step}`));
  expect(router.state.location.pathname).toBe(`/submissions/contract-1/edit/${step}`);
}

describe('what the server refused on submit, on the review page', () => {
  it('is still listed after going to other steps and back, by Back and Continue and by links', async () => {
    const seen = refusingSubmit();
    const { router, user } = await submitAndGetRefused();

    await user.click(screen.getByRole('button', { name: 'Back' }));
    await screen.findByRole('button', { name: 'Add another state contact' }, SLOW);
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await waitFor(() => expect(router.state.location.pathname).toBe(REVIEW), SLOW);
    await waitFor(() => expect(summary()?.textContent).toContain(TOO_OLD), SLOW);

    await goTo(router, 'submission-type');
    await goTo(router, 'review');
    expect(summary()?.textContent).toContain(TOO_OLD);
    // Nothing changed, so nothing was saved: the server has not looked again.
    expect(seen.filter((r) => r.method === 'PUT')).toHaveLength(0);
  });

  it('is shown at its answer on that answer’s step, whichever way the user gets there', async () => {
    refusingSubmit();
    const { router } = await submitAndGetRefused();
    await goTo(router, 'contract-details');
    await screen.findByRole('button', { name: 'Remove contract.pdf' }, SLOW);
    expect(document.getElementById('contractDetails.contractDocuments-error')?.textContent).toContain(
      TOO_OLD,
    );
  });

  it('goes once the answer it is about has changed', async () => {
    refusingSubmit();
    const { router, user } = await submitAndGetRefused();
    await goTo(router, 'contract-details');
    await user.click(await screen.findByRole('button', { name: 'Remove contract.pdf' }, SLOW));
    await goTo(router, 'review');
    await screen.findByText(/Every question is answered/, {}, SLOW);
    expect(summary()).toBeNull();
  });

  it('goes once a save goes through: the server has checked the draft again', async () => {
    const seen = refusingSubmit();
    const { router, user } = await submitAndGetRefused();
    await goTo(router, 'submission-type');
    fireEvent.change(await screen.findByLabelText('Submission description'), {
      target: { value: 'A changed description.' },
    });
    await user.click(screen.getByRole('button', { name: 'Save as draft' }));
    await screen.findByText(/^Draft saved at /, {}, SLOW);
    expect(seen.filter((r) => r.method === 'PUT')).toHaveLength(1);
    await goTo(router, 'review');
    await screen.findByText(/Every question is answered/, {}, SLOW);
  });
});
