// @vitest-environment happy-dom
import { REFERENCE_PROGRAMS, type ContractFormInput, type ContractView } from '@docket/domain';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ConfirmOutcome } from '../components/confirm-dialog';
import { draftFromContract } from '../forms/filing-draft';
import { stepsFor } from '../forms/filing-steps';
import { contractView, documentRef, rateRevisionView, rateView, revisionView } from '../testing/views';
import { ReviewStep } from './review-step';

afterEach(cleanup);

const MN = REFERENCE_PROGRAMS.filter((p) => p.stateCode === 'MN').map((p) => ({ ...p }));
const RATE_NAME = 'MCR-MN-0005-MSHO-20250101-20251231-CERTIFICATION-20241201';
const SUBMITTED = '2025-02-01T00:00:00.000Z';

const contractAndRates: ContractFormInput = {
  populationCovered: 'MEDICAID',
  submissionType: 'CONTRACT_AND_RATES',
  contractType: 'BASE',
  submissionDescription: 'The 2025 MSHO contract',
  contractDetails: { contractDocuments: [documentRef('contract.pdf', 'a')] },
};

/**
 * A contract filed with one rate of its own, unlocked by CMS, whose draft the state has changed to `form`; the
 * rate is still on the draft, as it stays until the filing is submitted.
 */
function unlockedWith(form: ContractFormInput): ContractView {
  const rate = {
    ...rateView('r1', 'contract-1', [
      rateRevisionView('r1', 1, { rateDocuments: [documentRef('rates.pdf', 'c')] }, SUBMITTED),
      rateRevisionView('r1', 2, { rateDocuments: [documentRef('rates.pdf', 'c')] }),
    ]),
    name: RATE_NAME,
  };
  const submitted = revisionView(1, contractAndRates, {
    submittedAt: SUBMITTED,
    rateLinks: [{ rateId: 'r1', rateRevisionId: 'r1-rev-1' }],
  });
  const draft = {
    ...revisionView(2, form, { rateLinks: [{ rateId: 'r1', rateRevisionId: null }] }),
    unlocked: {
      at: '2025-03-01T00:00:00.000Z',
      by: { userId: 'c1', email: 'casey@cms.example', name: 'Casey Reviewer', role: 'CMS_USER' as const },
      reason: 'Please split the rates into their own filing.',
    },
  };
  const contract = contractView([submitted, draft], [rate]);
  return {
    ...contract,
    status: 'UNLOCKED',
    submissionStatus: 'UNLOCKED',
    abilities: { ...contract.abilities, canSubmit: false, canResubmit: true },
  };
}

function renderReview(
  contract: ContractView,
  handlers: Partial<Pick<Parameters<typeof ReviewStep>[0], 'onSubmit' | 'onResubmit'>> = {},
) {
  const draft = draftFromContract(contract);
  if (!draft) throw new Error('the contract has no draft');
  render(
    <MemoryRouter>
      <ReviewStep
        contract={contract}
        draft={draft}
        programs={MN}
        steps={stepsFor(draft.form)}
        issues={[]}
        busy={null}
        onBack={() => undefined}
        onSubmit={handlers.onSubmit ?? (async (): Promise<ConfirmOutcome> => 'done')}
        onResubmit={handlers.onResubmit ?? (async (): Promise<ConfirmOutcome> => 'done')}
      />
    </MemoryRouter>,
  );
}

describe('ReviewStep: the rates of a filing that is no longer submitted with rates', () => {
  it('says a contract-only filing will go without its rate, and does not list the rate as submitted', () => {
    renderReview(unlockedWith({ ...contractAndRates, submissionType: 'CONTRACT_ONLY' }));
    const notice = screen.getByTestId('rates-removed');
    expect(notice.textContent).toContain(
      `This submission is contract action only: the rate certification ${RATE_NAME} will be removed when you submit.`,
    );
    const answers = screen.getByTestId('review-answers');
    expect(within(answers).queryByRole('heading', { name: 'Rate details' })).toBeNull();
    expect(answers.textContent).not.toContain(RATE_NAME);
  });

  it('says a CHIP-only filing will go without its rate', () => {
    renderReview(unlockedWith({ ...contractAndRates, populationCovered: 'CHIP' }));
    expect(screen.getByTestId('rates-removed').textContent).toContain(
      `This submission is CHIP-only, so it is contract action only: the rate certification ${RATE_NAME} will be removed when you submit.`,
    );
    expect(screen.getByTestId('review-answers').textContent).not.toContain(RATE_NAME);
  });

  it('lists the rate as submitted, and says nothing is removed, while the filing has rates', () => {
    renderReview(unlockedWith(contractAndRates));
    expect(screen.queryByTestId('rates-removed')).toBeNull();
    const answers = screen.getByTestId('review-answers');
    expect(within(answers).getByRole('heading', { name: 'Rate details' })).toBeTruthy();
    expect(answers.textContent).toContain(RATE_NAME);
  });
});

describe('ReviewStep: submitting asks first', () => {
  const draftFiling = (): ContractView =>
    contractView([revisionView(1, { ...contractAndRates, submissionType: 'CONTRACT_ONLY' })]);

  it('opens "Ready to submit?", which says what happens next; Cancel closes it without submitting', async () => {
    const user = userEvent.setup();
    const onSubmit = vi.fn(async (): Promise<ConfirmOutcome> => 'done');
    renderReview(draftFiling(), { onSubmit });
    await user.click(screen.getByRole('button', { name: 'Submit' }));
    const dialog = screen.getByRole('dialog', { name: 'Ready to submit?' }) as HTMLDialogElement;
    expect(dialog.open).toBe(true);
    expect(dialog.getAttribute('aria-describedby')).toBeTruthy();
    expect(dialog.textContent).toContain('CMS');
    expect(onSubmit).not.toHaveBeenCalled();
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(dialog.open).toBe(false);
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('submits once its Submit is pressed', async () => {
    const user = userEvent.setup();
    const onSubmit = vi.fn(async (): Promise<ConfirmOutcome> => 'done');
    renderReview(draftFiling(), { onSubmit });
    await user.click(screen.getByRole('button', { name: 'Submit' }));
    const dialog = screen.getByRole('dialog', { name: 'Ready to submit?' }) as HTMLDialogElement;
    await user.click(within(dialog).getByRole('button', { name: 'Submit' }));
    expect(onSubmit).toHaveBeenCalledTimes(1);
  });

  it('asks the reason for resubmitting in the same kind of dialog, saying the rate will be removed', async () => {
    const user = userEvent.setup();
    const onResubmit = vi.fn(async (): Promise<ConfirmOutcome> => 'done');
    renderReview(unlockedWith({ ...contractAndRates, submissionType: 'CONTRACT_ONLY' }), { onResubmit });
    await user.click(screen.getByRole('button', { name: 'Resubmit' }));
    const dialog = screen.getByRole('dialog', { name: 'Ready to resubmit?' }) as HTMLDialogElement;
    expect(dialog.open).toBe(true);
    expect(dialog.textContent).toContain(`${RATE_NAME} will be removed`);
    await user.type(within(dialog).getByLabelText('Reason for resubmitting'), 'Rates filed separately.');
    await user.click(within(dialog).getByRole('button', { name: 'Resubmit' }));
    expect(onResubmit).toHaveBeenCalledWith('Rates filed separately.', expect.any(Function));
  });

  it('keeps Tab and Shift+Tab among its own controls', async () => {
    const user = userEvent.setup();
    renderReview(draftFiling());
    await user.click(screen.getByRole('button', { name: 'Submit' }));
    const dialog = screen.getByRole('dialog', { name: 'Ready to submit?' });
    const controls = within(dialog).getAllByRole('button');
    controls.at(-1)?.focus();
    await user.tab();
    expect(document.activeElement).toBe(controls[0]);
    await user.tab({ shift: true });
    expect(document.activeElement).toBe(controls.at(-1));
  });

  it('asks nothing while answers are missing: Submit takes the user to the list of what to fix', async () => {
    const user = userEvent.setup();
    const onSubmit = vi.fn(async (): Promise<ConfirmOutcome> => 'done');
    const contract = draftFiling();
    const draft = draftFromContract(contract);
    if (!draft) throw new Error('the contract has no draft');
    render(
      <MemoryRouter>
        <ReviewStep
          contract={contract}
          draft={draft}
          programs={MN}
          steps={stepsFor(draft.form)}
          issues={[{ path: ['riskBasedContract'], message: 'Answer whether this is a risk-based contract' }]}
          busy={null}
          onBack={() => undefined}
          onSubmit={onSubmit}
          onResubmit={async (): Promise<ConfirmOutcome> => 'done'}
        />
      </MemoryRouter>,
    );
    await user.click(screen.getByRole('button', { name: 'Submit' }));
    expect(screen.queryByRole('dialog', { name: 'Ready to submit?' })).toBeNull();
    expect(document.activeElement).toBe(screen.getByTestId('error-summary'));
    expect(onSubmit).not.toHaveBeenCalled();
  });
});
