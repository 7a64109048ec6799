// @vitest-environment happy-dom
import { REFERENCE_PROGRAMS, type ContractView } from '@docket/domain';
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ReviewStep } from '../editor/review-step';
import { draftFromContract } from '../forms/filing-draft';
import { stepsFor } from '../forms/filing-steps';
import { stubFetch, type StubAnswer } from '../testing/fetch-stub';
import { contractView, revisionView, submittedContractView } from '../testing/views';
import type { ConfirmOutcome } from './confirm-dialog';
import { ContractActions } from './contract-actions';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

/** A promise settled by the test, for an action that is still on its way. */
function held<T>() {
  let resolve: (value: T) => void = () => undefined;
  const promise = new Promise<T>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}

function openDialog(name: string): HTMLDialogElement {
  const dialog = screen.getByRole('dialog', { name });
  if (!(dialog instanceof HTMLDialogElement)) throw new Error(`${name} is not a dialog element`);
  return dialog;
}

/** Escape as the browser delivers it to a modal dialog: a keydown, then (unless it was refused) `cancel`. */
function pressEscape(dialog: HTMLDialogElement): { keyRefused: boolean; cancelRefused: boolean } {
  const key = new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true });
  dialog.dispatchEvent(key);
  const cancel = new Event('cancel', { cancelable: true });
  dialog.dispatchEvent(cancel);
  if (!cancel.defaultPrevented) dialog.close();
  return { keyRefused: key.defaultPrevented, cancelRefused: cancel.defaultPrevented };
}

/**
 * Everything that could dismiss a dialog while its action runs, tried in turn: Cancel, the close button, Escape,
 * and a close the browser forces (Chromium closes on a second Escape whatever the page says).
 */
async function tryToDismiss(user: ReturnType<typeof userEvent.setup>, dialog: HTMLDialogElement) {
  await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
  expect(dialog.open).toBe(true);
  await user.click(within(dialog).getByRole('button', { name: 'Close this window' }));
  expect(dialog.open).toBe(true);
  expect(pressEscape(dialog)).toEqual({ keyRefused: true, cancelRefused: true });
  expect(dialog.open).toBe(true);
  act(() => dialog.close());
  expect(dialog.open).toBe(true);
}

const MN = REFERENCE_PROGRAMS.filter((p) => p.stateCode === 'MN').map((p) => ({ ...p }));

describe('"Ready to submit?" while the submission is on its way', () => {
  it('says it is submitting, takes no second press, and cannot be dismissed until it is done', async () => {
    const contract = contractView([revisionView(1, { submissionType: 'CONTRACT_ONLY' })]);
    const draft = draftFromContract(contract);
    if (!draft) throw new Error('no draft');
    const submitted = held<ConfirmOutcome>();
    const onSubmit = vi.fn(() => submitted.promise);
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
          onSubmit={onSubmit}
          onResubmit={async () => 'done'}
        />
      </MemoryRouter>,
    );
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Submit' }));
    const dialog = openDialog('Ready to submit?');
    await user.click(within(dialog).getByRole('button', { name: 'Submit' }));

    const busy = within(dialog).getByRole('button', { name: 'Submitting…' });
    expect(busy.getAttribute('aria-disabled')).toBe('true');
    expect(document.activeElement).toBe(busy);
    expect(within(dialog).getByRole('status').textContent).toBe('Submitting…');
    await user.click(busy);
    expect(onSubmit).toHaveBeenCalledTimes(1);
    await tryToDismiss(user, dialog);

    await act(async () => submitted.resolve('done'));
    expect(dialog.open).toBe(false);
    expect(onSubmit).toHaveBeenCalledTimes(1);
  });
});

interface Case {
  name: string;
  ability: Partial<ContractView['abilities']>;
  open: string;
  dialog: string;
  fill: (dialog: HTMLElement, user: ReturnType<typeof userEvent.setup>) => Promise<void>;
  confirm: string;
  busy: string;
  path: string;
}

/** An approver, who releases without a reason: the approve case needs no field filled. */
const APPROVER = { role: 'CMS_APPROVER' } as const;

const typeReason = (label: string) => async (dialog: HTMLElement, user: ReturnType<typeof userEvent.setup>) =>
  user.type(within(dialog).getByLabelText(label), 'Because.');

const CASES: Case[] = [
  {
    name: 'unlock',
    ability: { canUnlock: true },
    open: 'Unlock submission',
    dialog: 'Unlock this submission?',
    fill: typeReason('Reason for unlocking'),
    confirm: 'Unlock',
    busy: 'Unlocking…',
    path: '/api/contracts/contract-1/unlock',
  },
  {
    name: 'withdraw',
    ability: { canWithdraw: true },
    open: 'Withdraw submission',
    dialog: 'Withdraw this submission?',
    fill: typeReason('Reason for withdrawing'),
    confirm: 'Withdraw',
    busy: 'Withdrawing…',
    path: '/api/contracts/contract-1/withdraw',
  },
  {
    name: 'approve',
    ability: { canApprove: true },
    open: 'Release to state',
    dialog: 'Release this submission to the state?',
    fill: async () => undefined,
    confirm: 'Release to state',
    busy: 'Releasing…',
    path: '/api/contracts/contract-1/approve',
  },
  {
    name: 'record the MC-CRS number',
    ability: { canSetMccrsId: true },
    open: 'Add MC-CRS number',
    dialog: 'Record the MC-CRS number',
    fill: async (dialog, user) => user.type(within(dialog).getByLabelText('MC-CRS record number'), '0123'),
    confirm: 'Save number',
    busy: 'Saving…',
    path: '/api/contracts/contract-1/mccrs-id',
  },
];

describe('the summary page’s action dialogs while their action is on its way', () => {
  it.each(CASES)('$name: one request, a busy button, no way to dismiss it half-way', async (c) => {
    const answer = held<StubAnswer>();
    const seen = stubFetch(() => answer.promise);
    const contract = submittedContractView(c.ability);
    const onChanged = vi.fn();
    render(
      <MemoryRouter>
        <ContractActions contract={contract} user={APPROVER} onChanged={onChanged} />
      </MemoryRouter>,
    );
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: c.open }));
    const dialog = openDialog(c.dialog);
    await c.fill(dialog, user);
    await user.click(within(dialog).getByRole('button', { name: c.confirm }));

    const busy = await within(dialog).findByRole('button', { name: c.busy });
    expect(busy.getAttribute('aria-disabled')).toBe('true');
    await user.click(busy);
    await tryToDismiss(user, dialog);
    expect(seen.filter((r) => r.path === c.path)).toHaveLength(1);

    await act(async () => answer.resolve({ status: 200, body: { ...contract, version: 4 } }));
    await waitFor(() => expect(dialog.open).toBe(false));
    expect(onChanged).toHaveBeenCalledTimes(1);
    // One write; the withdrawal's dialog also reads what will happen to the rates as it opens.
    expect(seen.filter((r) => r.method !== 'GET')).toHaveLength(1);
  });
});
