import { formatDay } from '@docket/domain';
import { expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { apiLogin } from './support/api';
import { contractPdf, fileSubmission } from './support/arrange-filings';
import { describeJourney } from './support/journey';
import { signInAs, signOut } from './support/pages';
import { ADMINISTRATOR, CMS_REVIEWER, MN_STATE_USER } from './support/people';
import { PGLITE } from './support/stores';
import { answersOf, expectTexts, onSummary } from './support/summary';

const JOURNEY = 'Every review action, from its dialog';

/** Yesterday as YYYY-MM-DD (UTC): a release date that is in the past wherever the browser is. */
function yesterday(): string {
  return new Date(Date.now() - 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

/** A week from now as YYYY-MM-DD: a release date in the future wherever the browser is. */
function nextWeek(): string {
  return new Date(Date.now() + 7 * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

/** Presses the summary page's button for an action and returns the dialog it opens, once it is open. */
async function openDialog(page: Page, button: string, heading: string): Promise<Locator> {
  await page.getByRole('button', { name: button, exact: true }).click();
  const dialog = page.getByRole('dialog', { name: heading });
  await dialog.waitFor();
  return dialog;
}

/** Presses the dialog's confirming button and waits for the dialog to close. */
async function confirm(dialog: Locator, button: string): Promise<void> {
  await dialog.getByRole('button', { name: button, exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });
}

/** What the summary page says once an action is done: its notice, the status tag, the newest history entry. */
async function expectDone(
  page: Page,
  outcome: { notice: string; status: string; history: readonly string[] },
): Promise<void> {
  await page.getByRole('status').getByText(outcome.notice, { exact: true }).waitFor();
  await expect.poll(() => page.locator('.docket-title-row [data-status]').textContent()).toBe(outcome.status);
  const newest = page.getByTestId('submission-history').getByRole('listitem').first();
  await expectTexts(newest, outcome.history);
}

/**
 * One submission taken through every review action a dialog asks for, each dialog looked at by axe: a CMS
 * reviewer records the MC-CRS number (a wrong one is refused in the dialog), withdraws the submission and undoes
 * that, and unlocks it; an administrator undoes the unlock, releases it to the state (an administrator gives a
 * reason) and undoes the approval.
 */
describeJourney('review-actions', JOURNEY, [PGLITE], (journey) => {
  let summaryUrl = '';

  it('lets a reviewer record the MC-CRS number, refusing one that is not four digits', async () => {
    const { page, docket, check } = journey();
    const state = await apiLogin(docket.url, MN_STATE_USER.email, MN_STATE_USER.password);
    const contract = await fileSubmission(state, {
      programs: ['PMAP'],
      description: 'PMAP contract for the review actions',
      contractDocuments: [contractPdf('pmap-review-actions-contract.pdf')],
    }).finally(() => state.dispose());
    summaryUrl = `${docket.url}/submissions/${contract.id}`;

    await signInAs(page, docket.url, CMS_REVIEWER);
    await page.goto(summaryUrl);
    expect(await onSummary(page)).toBe(contract.name);
    const dialog = await openDialog(page, 'Add MC-CRS number', 'Record the MC-CRS number');
    const number = dialog.getByLabel('MC-CRS record number');
    await number.fill('12a4');
    await check('01-mccrs-dialog');
    await dialog.getByRole('button', { name: 'Save number' }).click();
    await dialog.getByText('Enter the four digits of the MC-CRS record number, such as 0123').waitFor();
    expect(await number.getAttribute('aria-invalid')).toBe('true');
    await check('02-mccrs-dialog-error');

    await number.fill('0042');
    await confirm(dialog, 'Save number');
    await expectDone(page, {
      notice: 'The MC-CRS record number is now 0042.',
      status: 'Submitted',
      history: ['Set the MC-CRS number', CMS_REVIEWER.name],
    });
    expect(await answersOf(page.getByTestId('submission-status'))).toMatchObject({
      'MC-CRS record number': '0042',
    });
    expect(await page.getByRole('button', { name: 'Change MC-CRS number' }).count()).toBe(1);
  });

  it('lets the reviewer withdraw the submission, then undo the withdrawal', async () => {
    const { page, check } = journey();
    const withdraw = await openDialog(page, 'Withdraw submission', 'Withdraw this submission?');
    await withdraw.getByLabel('Reason for withdrawing').fill('The state asked to withdraw it.');
    await confirm(withdraw, 'Withdraw');
    await expectDone(page, {
      notice: 'The submission was withdrawn.',
      status: 'Withdrawn',
      history: ['Withdrew the submission', 'The state asked to withdraw it.'],
    });

    const undo = await openDialog(page, 'Undo withdrawal', 'Undo the withdrawal?');
    await undo.getByRole('button', { name: 'Undo withdrawal', exact: true }).click();
    await undo.getByText('Enter a reason for undoing the withdrawal').waitFor();
    const reason = undo.getByLabel('Reason for undoing the withdrawal');
    expect(await reason.getAttribute('aria-invalid')).toBe('true');
    await check('03-undo-withdraw-dialog-error');
    await reason.fill('Withdrawn by mistake.');
    await confirm(undo, 'Undo withdrawal');
    await expectDone(page, {
      notice: 'The withdrawal was undone.',
      status: 'Submitted',
      history: ['Undid the withdrawal', 'Withdrawn by mistake.'],
    });
    expect(await answersOf(page.getByTestId('submission-status'))).toMatchObject({
      'Review status': 'Under review',
    });
    await check('04-withdrawal-undone');
  });

  it('lets an administrator undo an unlock the reviewer made', async () => {
    const { page, docket, check } = journey();
    const unlock = await openDialog(page, 'Unlock submission', 'Unlock this submission?');
    await unlock.getByLabel('Reason for unlocking').fill('Please attach the signed contract.');
    await confirm(unlock, 'Unlock');
    await expectDone(page, {
      notice: 'The submission is unlocked. The state can now edit it and resubmit it.',
      status: 'Unlocked',
      history: ['Unlocked', 'Please attach the signed contract.'],
    });
    await signOut(page);

    await signInAs(page, docket.url, ADMINISTRATOR);
    await page.goto(summaryUrl);
    await onSummary(page);
    await page.getByTestId('unlock-banner').waitFor();
    const undo = await openDialog(page, 'Undo unlock', 'Undo the unlock?');
    await undo.getByLabel('Reason for undoing the unlock').fill('The signed contract was already attached.');
    await check('05-undo-unlock-dialog');
    await confirm(undo, 'Undo unlock');
    await expectDone(page, {
      notice: 'The unlock was undone.',
      status: 'Submitted',
      history: ['Undid the unlock', ADMINISTRATOR.name, 'The signed contract was already attached.'],
    });
    expect(await page.getByTestId('unlock-banner').count()).toBe(0);
    expect(await answersOf(page.getByTestId('submission-status'))).toMatchObject({
      'Submission status': 'Submitted',
    });
  });

  it('lets an administrator release the submission to the state, with a reason, and undo the approval', async () => {
    const { page, check } = journey();
    const released = yesterday();
    const approve = await openDialog(page, 'Release to state', 'Release this submission to the state?');
    const date = approve.getByLabel('Date released to the state');
    const reason = approve.getByLabel('Reason for approving');
    // A date next week, and no reason: both are refused at once, before anything is sent.
    await date.fill(nextWeek());
    await approve.getByRole('button', { name: 'Release to state', exact: true }).click();
    await approve.getByText('The release date cannot be in the future').waitFor();
    await approve.getByText('Enter a reason for approving').waitFor();
    expect(await date.getAttribute('aria-invalid')).toBe('true');
    expect(await reason.getAttribute('aria-invalid')).toBe('true');
    await check('06-approve-dialog-errors');

    await date.fill(released);
    await reason.fill('Approved for the approver, who is on leave.');
    await check('07-approve-dialog');
    await confirm(approve, 'Release to state');
    await expectDone(page, {
      notice: 'The submission was approved and released to the state.',
      status: 'Approved',
      history: ['Released to state (approved)', 'Approved for the approver, who is on leave.'],
    });
    expect(await answersOf(page.getByTestId('submission-status'))).toMatchObject({
      'Review status': 'Approved (released to state)',
      'Approval released to state': `${formatDay(released)}, by ${ADMINISTRATOR.name} (${ADMINISTRATOR.roleWords})`,
    });
    await check('08-approved');

    const undo = await openDialog(page, 'Undo approval', 'Undo the approval?');
    await undo.getByLabel('Reason for undoing the approval').fill('Released before the rates were final.');
    await check('09-undo-approval-dialog');
    await confirm(undo, 'Undo approval');
    await expectDone(page, {
      notice: 'The approval was undone.',
      status: 'Submitted',
      history: ['Undid the approval', 'Released before the rates were final.'],
    });
    expect(await answersOf(page.getByTestId('submission-status'))).toMatchObject({
      'Review status': 'Under review',
    });
    expect(await page.getByRole('button', { name: 'Release to state', exact: true }).count()).toBe(1);
  });
});
