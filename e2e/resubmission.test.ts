import { readFile } from 'node:fs/promises';
import { formatDay } from '@docket/domain';
import { expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { submitContractOnly } from './support/arrange';
import { csvFile, pdfFile } from './support/files';
import {
  byId,
  continueTo,
  focusedOnStep,
  listedDocuments,
  removeDocument,
  uploadDocuments,
} from './support/filing-form';
import { describeJourney } from './support/journey';
import { signInAs, signOut } from './support/pages';
import { APPROVER, CMS_REVIEWER, MN_STATE_USER } from './support/people';
import { dynamoDbStore, PGLITE } from './support/stores';
import {
  answersOf,
  documentNames,
  documentRows,
  documentsTable,
  expectTexts,
  onSummary,
  tableRows,
} from './support/summary';

const JOURNEY = 'Resubmission with a replaced document';
const FIRST_CONTRACT = pdfFile('msc-2026-contract.pdf', 'MSC+ contract 2026, first version');
const REPLACEMENT = pdfFile('msc-2026-contract-corrected.pdf', 'MSC+ contract 2026, corrected dates');
const ENROLLMENT = csvFile('msc-2026-enrollment.csv', [
  ['county', 'enrollees'],
  ['Hennepin', 10233],
]);
const UNLOCK_REASON =
  'The contract dates on page 2 do not match the rate certification. Please correct them.';
const RESUBMIT_REASON = 'Replaced the contract with the corrected dates.';
const CORRECTED_END = '2027-06-30';

/** Whether the first element's box ends above the second's. */
async function isAbove(first: Locator, second: Locator): Promise<boolean> {
  const [a, b] = [await first.boundingBox(), await second.boundingBox()];
  return a !== null && b !== null && a.y + a.height <= b.y;
}

/** Downloads a document by clicking its link, and returns its bytes. */
async function download(page: Page, link: Locator): Promise<Buffer> {
  const [event] = await Promise.all([page.waitForEvent('download'), link.click()]);
  return readFile(await event.path());
}

/**
 * The review cycle: CMS unlocks a submission with a reason; the state replaces the contract document, while CMS
 * goes on seeing the submission as last submitted, with the unlock; the state resubmits with a reason; the summary
 * tags the new document NEW, the previous submission still lists (and downloads) the old one, and CMS sees what
 * changed; an approver, having seen it, releases the resubmission to the state.
 */
describeJourney('resubmission', JOURNEY, [PGLITE, dynamoDbStore(JOURNEY)], (journey) => {
  let summaryUrl = '';
  let name = '';

  it('lets a CMS reviewer unlock a submission, with a reason', async () => {
    const { page, docket, check } = journey();
    const contract = await submitContractOnly(docket.url, MN_STATE_USER, 'MSC+', {
      contract: [FIRST_CONTRACT],
      supporting: [ENROLLMENT],
    });
    name = contract.name;
    summaryUrl = `${docket.url}/submissions/${contract.id}`;

    await signInAs(page, docket.url, CMS_REVIEWER);
    await page.goto(summaryUrl);
    expect(await onSummary(page)).toBe(name);
    await check('01-submitted-cms');
    await page.getByRole('button', { name: 'Unlock submission' }).click();
    const dialog = page.getByRole('dialog', { name: 'Unlock this submission?' });
    await dialog.getByRole('button', { name: 'Unlock', exact: true }).click();
    await dialog.getByText('Enter a reason for unlocking').waitFor();
    await dialog.getByLabel('Reason for unlocking').fill(UNLOCK_REASON);
    await check('02-unlock-dialog');
    await dialog.getByRole('button', { name: 'Unlock', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expectTexts(page.getByTestId('unlock-banner'), [
      `Unlocked by ${CMS_REVIEWER.name} (${CMS_REVIEWER.roleWords}) on`,
    ]);
    await expectTexts(page.getByRole('main'), [UNLOCK_REASON]);
    expect(await page.getByRole('button', { name: 'Unlock submission' }).count()).toBe(0);
    expect(await answersOf(page.getByTestId('submission-status'))).toMatchObject({
      'Submission status': 'Unlocked',
    });
    await check('03-unlocked-cms');
    await signOut(page);
  });

  it('lets the state replace the contract document in the unlocked draft', async () => {
    const { page, docket, check } = journey();
    await signInAs(page, docket.url, MN_STATE_USER);
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name, exact: true }) });
    await expectTexts(row, ['Unlocked']);
    await check('04-state-dashboard-unlocked');
    await row.getByRole('link', { name, exact: true }).click();
    await onSummary(page);
    await expectTexts(page.getByTestId('unlock-banner'), [CMS_REVIEWER.name]);
    await check('05-unlocked-summary-state');
    // Editing an unlocked filing starts on its review step, under what CMS asked.
    await page.getByRole('link', { name: 'Edit submission' }).click();
    await focusedOnStep(page, 'Review and submit');
    await expectTexts(page.getByTestId('unlock-banner'), [CMS_REVIEWER.name, UNLOCK_REASON]);
    expect(await isAbove(page.getByTestId('unlock-banner'), page.getByTestId('review-answers'))).toBe(true);
    await check('06-unlocked-edit-state');

    await page.getByRole('link', { name: 'Edit contract details' }).click();
    await focusedOnStep(page, 'Contract details');
    const listId = 'contractDetails.contractDocuments';
    expect(await listedDocuments(page, listId)).toEqual([FIRST_CONTRACT.name]);
    await removeDocument(page, listId, FIRST_CONTRACT.name);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe(listId);
    await uploadDocuments(page, listId, [REPLACEMENT]);
    expect(await listedDocuments(page, listId)).toEqual([REPLACEMENT.name]);
    // The corrected contract runs six months longer.
    await byId(page, 'contractDetails.contractDateEnd').fill(CORRECTED_END);
    await check('07-document-replaced');

    await continueTo(page, 'Contacts');
    await check('08-contacts-unchanged');
    await signOut(page);
  });

  it('shows CMS the unlocked submission as last submitted, with the unlock, while the state edits it', async () => {
    const { page, docket, check } = journey();
    await signInAs(page, docket.url, CMS_REVIEWER);
    await page.goto(summaryUrl);
    await onSummary(page);
    await expectTexts(page.getByTestId('unlock-banner'), [CMS_REVIEWER.name]);
    await expectTexts(page.getByRole('main'), [UNLOCK_REASON, 'As submitted on']);
    await expectTexts(page.getByTestId('submission-answers'), [
      `by ${MN_STATE_USER.name} (${MN_STATE_USER.roleWords}).`,
    ]);
    expect(await answersOf(page.getByTestId('submission-status'))).toMatchObject({
      'Submission status': 'Unlocked',
    });
    const current = page.getByTestId('current-contract-details-answers');
    expect(await documentNames(current, 'Contract documents')).toEqual([FIRST_CONTRACT.name]);
    expect(await page.getByText(REPLACEMENT.name).count()).toBe(0);
    await check('08b-unlocked-cms-while-state-edits');
    await signOut(page);
  });

  it('lets the state resubmit, with a reason', async () => {
    const { page, docket, check } = journey();
    await signInAs(page, docket.url, MN_STATE_USER);
    await page.goto(summaryUrl);
    await onSummary(page);
    await page.getByRole('link', { name: 'Edit submission' }).click();
    await focusedOnStep(page, 'Review and submit');
    const review = page.getByTestId('review-answers');
    expect(await documentNames(review, 'Contract documents')).toEqual([`${REPLACEMENT.name} NEW`]);
    expect(await documentNames(review, 'Supporting documents')).toEqual([ENROLLMENT.name]);
    expect(await page.getByRole('button', { name: 'Submit', exact: true }).count()).toBe(0);
    await check('09-review-resubmission');

    await page.getByRole('button', { name: 'Resubmit', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Ready to resubmit?' });
    await dialog.getByLabel('Reason for resubmitting').fill(RESUBMIT_REASON);
    await check('10-resubmit-dialog');
    await dialog.getByRole('button', { name: 'Resubmit', exact: true }).click();
    expect(await onSummary(page)).toBe(name);
    await page.getByRole('status').getByText(`${name} was resubmitted to CMS.`).waitFor();
    expect(await answersOf(page.getByTestId('submission-status'))).toMatchObject({
      'Submission status': 'Resubmitted',
    });
    const history = page.getByTestId('submission-history');
    await expectTexts(history, ['Resubmitted', RESUBMIT_REASON, 'Unlocked', UNLOCK_REASON]);
    await check('11-resubmitted-state');
    await signOut(page);
  });

  it('shows CMS the new document tagged NEW, and the old one in the previous submission', async () => {
    const { page, docket, check } = journey();
    await signInAs(page, docket.url, CMS_REVIEWER);
    await page.goto(summaryUrl);
    await onSummary(page);
    const current = page.getByTestId('current-contract-details-answers');
    expect(await documentNames(current, 'Contract documents')).toEqual([`${REPLACEMENT.name} NEW`]);
    expect(await documentNames(current, 'Supporting documents')).toEqual([ENROLLMENT.name]);
    const fresh = await download(page, current.getByRole('link', { name: REPLACEMENT.name, exact: true }));
    expect(fresh.equals(REPLACEMENT.buffer)).toBe(true);

    const previous = page.getByRole('region', { name: 'Previous submissions' });
    const toggle = previous.getByRole('button', { name: /^Submission 1: submitted / });
    await toggle.click();
    await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('true');
    const earlier = page.getByTestId('revision-1-contract-details-answers');
    expect(await documentNames(earlier, 'Contract documents')).toEqual([FIRST_CONTRACT.name]);
    expect(await documentNames(earlier, 'Supporting documents')).toEqual([ENROLLMENT.name]);
    // The unchanged file keeps the date it was first submitted.
    const [kept] = await documentRows(documentsTable(current, 'Supporting documents'));
    const [first] = await documentRows(documentsTable(earlier, 'Supporting documents'));
    expect(kept?.dateAdded).toBeTruthy();
    expect(kept?.dateAdded).toBe(first?.dateAdded);
    await check('12-resubmitted-cms-with-previous');
    const old = await download(page, earlier.getByRole('link', { name: FIRST_CONTRACT.name, exact: true }));
    expect(old.equals(FIRST_CONTRACT.buffer)).toBe(true);
    await signOut(page);
  });

  it('shows CMS what changed since the previous submission', async () => {
    const { page, docket, check } = journey();
    await signInAs(page, docket.url, CMS_REVIEWER);
    await page.goto(summaryUrl);
    await onSummary(page);
    const changes = page.getByRole('region', { name: 'Changes since the previous submission' });
    const answers = changes.getByRole('table', { name: 'Answers' });
    await answers.waitFor();
    expect(await tableRows(answers)).toEqual([
      ['Contract effective dates', 'Jan 1, 2026 to Dec 31, 2026', 'Jan 1, 2026 to Jun 30, 2027'],
    ]);
    expect(await tableRows(changes.getByRole('table', { name: 'Documents' }))).toEqual([
      ['Contract documents', 'Replaced', FIRST_CONTRACT.name, REPLACEMENT.name],
    ]);
    expect(await changes.getByRole('combobox', { name: 'Compare' }).inputValue()).not.toBe(
      await changes.getByRole('combobox', { name: 'With' }).inputValue(),
    );
    await check('13-changes-since-previous-submission');

    // Comparing the last submission with itself finds nothing.
    const last = await changes.getByRole('combobox', { name: 'With' }).inputValue();
    await changes.getByRole('combobox', { name: 'Compare' }).selectOption(last);
    await changes.getByText('Submissions 2 and 2 hold the same answers').waitFor();
    expect(await changes.getByRole('table').count()).toBe(0);
    await signOut(page);
  });

  it('lets an approver, having looked at what changed, release the resubmission to the state', async () => {
    const { page, docket, check } = journey();
    await signInAs(page, docket.url, APPROVER);
    await page.goto(summaryUrl);
    await onSummary(page);
    const changes = page.getByRole('region', { name: 'Changes since the previous submission' });
    const answers = changes.getByRole('table', { name: 'Answers' });
    await answers.waitFor();
    expect((await tableRows(answers)).map(([label]) => label)).toEqual(['Contract effective dates']);
    await check('14-changes-seen-by-approver');

    await page.getByRole('button', { name: 'Release to state', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Release this submission to the state?' });
    // The release date starts as today; an approver gives no reason, only an optional note.
    const released = await dialog.getByLabel('Date released to the state').inputValue();
    expect(released).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await dialog.getByLabel('Note (optional)').fill('Corrected dates confirmed.');
    await check('15-approve-dialog');
    await dialog.getByRole('button', { name: 'Release to state', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page
      .getByRole('status')
      .getByText('The submission was approved and released to the state.')
      .waitFor();
    expect(await answersOf(page.getByTestId('submission-status'))).toMatchObject({
      'Submission status': 'Resubmitted',
      'Review status': 'Approved (released to state)',
      'Approval released to state': `${formatDay(released)}, by ${APPROVER.name} (${APPROVER.roleWords})`,
    });
    const newest = page.getByTestId('submission-history').getByRole('listitem').first();
    await expectTexts(newest, ['Released to state (approved)', APPROVER.name, 'Corrected dates confirmed.']);
    // What changed stays on the page for whoever reads the approved submission later.
    await changes.getByRole('table', { name: 'Answers' }).waitFor();
    await check('16-approved');
  });
});
