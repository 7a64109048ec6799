// @vitest-environment happy-dom
import type { ContractView, Role } from '@docket/domain';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { problem, stubFetch } from '../testing/fetch-stub';
import { contractView, revisionView, submittedContractView } from '../testing/views';
import { CHANGED_MEANWHILE } from './changed-meanwhile';
import { ContractActions } from './contract-actions';

afterEach(cleanup);

const UNLOCKED_AT = '2025-03-01T00:00:00.000Z';

function unlocked(): ContractView {
  const contract = contractView([
    revisionView(1, {}, { submittedAt: '2025-02-01T00:00:00.000Z' }),
    {
      ...revisionView(2, {}),
      unlocked: {
        at: UNLOCKED_AT,
        by: { userId: 'c1', email: 'casey@cms.example', name: 'Casey Reviewer', role: 'CMS_USER' },
        reason: 'Correct the contract dates.',
      },
    },
  ]);
  return { ...contract, status: 'UNLOCKED', submissionStatus: 'UNLOCKED' };
}

function editLink(contract: ContractView): HTMLElement {
  render(
    <MemoryRouter>
      <ContractActions contract={contract} user={{ role: 'STATE_USER' }} onChanged={() => undefined} />
    </MemoryRouter>,
  );
  return screen.getByRole('link', { name: /^(Edit submission|Continue editing)$/ });
}

describe('ContractActions: editing', () => {
  it('opens an unlocked filing on its review step', () => {
    const link = editLink(unlocked());
    expect(link.textContent).toBe('Edit submission');
    expect(link.getAttribute('href')).toBe('/submissions/contract-1/edit/review');
  });

  it('takes a draft up where its journey starts', () => {
    const link = editLink(contractView([revisionView(1, {})]));
    expect(link.textContent).toBe('Continue editing');
    expect(link.getAttribute('href')).toBe('/submissions/contract-1/edit');
  });
});

function renderActions(contract: ContractView, onChanged = vi.fn(), role: Role = 'CMS_APPROVER') {
  render(
    <MemoryRouter>
      <ContractActions contract={contract} user={{ role }} onChanged={onChanged} />
    </MemoryRouter>,
  );
  return onChanged;
}

describe('ContractActions: the actions of the table', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('offers a button for each action the abilities allow, and none for the others', () => {
    renderActions(submittedContractView({ canUnlock: true, canWithdraw: true, canSetMccrsId: true }));
    const names = screen.getAllByRole('button').map((button) => button.textContent);
    expect(names).toEqual(['Unlock submission', 'Withdraw submission', 'Add MC-CRS number']);
  });

  it('shows an approver the release first, as the table orders the actions', () => {
    const abilities = { canApprove: true, canUnlock: true, canWithdraw: true, canSetMccrsId: true };
    renderActions(submittedContractView(abilities));
    const names = screen.getAllByRole('button').map((button) => button.textContent);
    expect(names).toEqual([
      'Release to state',
      'Unlock submission',
      'Withdraw submission',
      'Add MC-CRS number',
    ]);
  });

  it('sends the reason to the action’s operation, and says what happened', async () => {
    const contract = submittedContractView({ canWithdraw: true });
    const seen = stubFetch(({ method }) =>
      method === 'GET'
        ? { status: 200, body: { rates: [] } }
        : { status: 200, body: { ...contract, version: 4 } },
    );
    const onChanged = renderActions(contract);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Withdraw submission' }));
    const dialog = screen.getByRole('dialog', { name: 'Withdraw this submission?' });
    await user.type(within(dialog).getByLabelText('Reason for withdrawing'), '  Filed twice.  ');
    await user.click(within(dialog).getByRole('button', { name: 'Withdraw' }));

    await waitFor(() => expect(onChanged).toHaveBeenCalledTimes(1));
    expect(seen.map(({ method, path, body }) => ({ method, path, body }))).toEqual([
      { method: 'GET', path: '/api/contracts/contract-1/withdrawal-plan', body: undefined },
      {
        method: 'POST',
        path: '/api/contracts/contract-1/withdraw',
        body: { reason: 'Filed twice.', version: contract.version },
      },
    ]);
    expect(onChanged.mock.calls[0]?.[1]).toBe('The submission was withdrawn.');
  });

  it('says, before a withdrawal is confirmed, what will happen to each rate', async () => {
    stubFetch(() => ({
      status: 200,
      body: {
        rates: [
          { id: 'r1', name: 'MCR-MN-0001-RATE', newParent: { id: 'c2', name: 'MCR-MN-0002-SNBC' } },
          { id: 'r2', name: 'MCR-MN-0002-RATE', newParent: null },
        ],
      },
    }));
    renderActions(submittedContractView({ canWithdraw: true }));
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Withdraw submission' }));
    const dialog = screen.getByRole('dialog', { name: 'Withdraw this submission?' });

    const plan = await within(dialog).findByTestId('withdrawal-plan');
    expect(
      within(plan)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual([
      'MCR-MN-0001-RATE: moves to MCR-MN-0002-SNBC, which links it, and stays there',
      'MCR-MN-0002-RATE: is withdrawn with this submission',
    ]);
  });

  it('shows a refusal about a field on that field, and keeps the dialog open', async () => {
    stubFetch(() =>
      problem(422, 'VALIDATION_FAILED', 'Invalid input', [
        { path: ['mccrsId'], message: 'The MC-CRS number has four digits' },
      ]),
    );
    const onChanged = renderActions(submittedContractView({ canSetMccrsId: true }));
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Add MC-CRS number' }));
    const dialog = screen.getByRole('dialog', { name: 'Record the MC-CRS number' });
    await user.type(within(dialog).getByLabelText('MC-CRS record number'), '0123');
    await user.click(within(dialog).getByRole('button', { name: 'Save number' }));

    await within(dialog).findByText('The MC-CRS number has four digits');
    expect((dialog as HTMLDialogElement).open).toBe(true);
    expect(onChanged).not.toHaveBeenCalled();
  });

  it('lets an approver release to the state with no note, on the date given', async () => {
    const contract = submittedContractView({ canApprove: true });
    const seen = stubFetch(() => ({ status: 200, body: { ...contract, version: 4 } }));
    const onChanged = renderActions(contract);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Release to state' }));
    const dialog = screen.getByRole('dialog', { name: 'Release this submission to the state?' });
    expect(within(dialog).getByLabelText('Note (optional)')).toBeTruthy();
    const date = within(dialog).getByLabelText('Date released to the state');
    await user.clear(date);
    await user.type(date, '2025-03-14');
    await user.click(within(dialog).getByRole('button', { name: 'Release to state' }));

    await waitFor(() => expect(onChanged).toHaveBeenCalledTimes(1));
    expect(seen.map(({ path, body }) => ({ path, body }))).toEqual([
      {
        path: '/api/contracts/contract-1/approve',
        body: { dateApprovalReleasedToState: '2025-03-14', version: contract.version },
      },
    ]);
  });

  it('asks an administrator approving for a reason before anything is sent', async () => {
    const contract = submittedContractView({ canApprove: true });
    const seen = stubFetch(() => ({ status: 200, body: { ...contract, version: 4 } }));
    const onChanged = renderActions(contract, vi.fn(), 'ADMIN');
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Release to state' }));
    const dialog = screen.getByRole('dialog', { name: 'Release this submission to the state?' });
    expect(within(dialog).queryByLabelText('Note (optional)')).toBeNull();
    const date = within(dialog).getByLabelText('Date released to the state');
    await user.clear(date);
    await user.type(date, '2999-01-01');
    await user.click(within(dialog).getByRole('button', { name: 'Release to state' }));

    // Every field in error says so at once; the first takes focus.
    const reason = within(dialog).getByLabelText('Reason for approving');
    await within(dialog).findByText('Enter a reason for approving');
    within(dialog).getByText('The release date cannot be in the future');
    expect(date.getAttribute('aria-invalid')).toBe('true');
    expect(reason.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(date);
    expect(seen).toEqual([]);

    await user.clear(date);
    await user.type(date, '2025-03-14');
    await user.type(reason, 'The approver is away.');
    await user.click(within(dialog).getByRole('button', { name: 'Release to state' }));
    await waitFor(() => expect(onChanged).toHaveBeenCalledTimes(1));
    expect(seen[0]?.body).toMatchObject({
      dateApprovalReleasedToState: '2025-03-14',
      reason: 'The approver is away.',
    });
  });

  it('marks a number that is not four digits as invalid, and sends nothing', async () => {
    const seen = stubFetch(() => ({ status: 500, body: {} }));
    renderActions(submittedContractView({ canSetMccrsId: true }));
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Add MC-CRS number' }));
    const dialog = screen.getByRole('dialog', { name: 'Record the MC-CRS number' });
    const number = within(dialog).getByLabelText('MC-CRS record number');
    expect(number.getAttribute('aria-invalid')).toBeNull();
    await user.type(number, '12a4');
    await user.click(within(dialog).getByRole('button', { name: 'Save number' }));

    await within(dialog).findByText('Enter the four digits of the MC-CRS record number, such as 0123');
    expect(number.getAttribute('aria-invalid')).toBe('true');
    expect(number.getAttribute('aria-describedby')).toBe('mccrs-id-hint mccrs-id-error');
    expect(seen).toEqual([]);
  });

  it('says the submission changed meanwhile when the version is stale', async () => {
    stubFetch(() => problem(409, 'VERSION_CONFLICT', 'The contract changed'));
    renderActions(submittedContractView({ canApprove: true }));
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Release to state' }));
    const dialog = screen.getByRole('dialog', { name: 'Release this submission to the state?' });
    await user.click(within(dialog).getByRole('button', { name: 'Release to state' }));

    expect((await within(dialog).findByRole('alert')).textContent).toBe(CHANGED_MEANWHILE);
  });
});
