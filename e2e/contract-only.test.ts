import { readFile } from 'node:fs/promises';
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { csvFile, pdfFile } from './support/files';
import {
  answerContact,
  answerContractDetails,
  answerSubmissionDetails,
  continueTo,
  listedDocuments,
  onStep,
  submitAndConfirm,
  submitDialog,
} from './support/filing-form';
import { describeJourney } from './support/journey';
import { signInAs, signOut } from './support/pages';
import { CMS_REVIEWER, PMAP, MN_STATE_USER } from './support/people';
import { PGLITE } from './support/stores';
import {
  answersOf,
  documentNames,
  documentRows,
  documentsTable,
  expectTexts,
  onSummary,
} from './support/summary';

const CONTRACT = pdfFile('mn-2027-pmap-base-contract.pdf', 'PMAP base contract 2027');
const CAPITATION = csvFile('mn-2027-capitation-schedule.csv', [
  ['region', 'rate cell', 'monthly rate'],
  ['Metro', 'Adults 21-64', 612.4],
  ['Greater Minnesota', 'Adults 21-64', 588.15],
]);
const NETWORK_REPORT = pdfFile('mn-2027-network-adequacy.pdf', 'Network adequacy report 2027');
const DESCRIPTION = 'Base contract for the 2027 PMAP managed care year, statewide.';

/** Whether focus is inside the open modal dialog. */
function focusInOpenDialog(page: Page): Promise<boolean> {
  return page.evaluate(
    () => document.querySelector('dialog[open]')?.contains(document.activeElement) ?? false,
  );
}

/**
 * A contract-only filing from start to finish: a state user answers every step of the journey (uploading
 * several documents at once), reviews and submits; a CMS reviewer finds it, reads it, and downloads its documents.
 */
describeJourney('contract-only', 'Contract-only filing', [PGLITE], (journey) => {
  let summaryUrl = '';
  let name = '';

  it('lets a state user answer every step and submit', async () => {
    const { page, docket, check } = journey();
    await page.goto(`${docket.url}/login`);
    await check('01-login');
    await signInAs(page, docket.url, MN_STATE_USER);
    await page.getByRole('heading', { name: 'Submissions', level: 1 }).waitFor();
    await check('02-state-dashboard-empty');

    await page.getByRole('link', { name: 'Start new submission' }).click();
    await onStep(page, 'Submission details');
    expect(new URL(page.url()).pathname).toBe('/submissions/new');
    await check('03-submission-details');
    await answerSubmissionDetails(page, {
      population: 'Medicaid',
      programs: [PMAP],
      submissionType: 'Contract action only',
      contractType: 'Base contract',
      riskBased: true,
      description: DESCRIPTION,
    });

    await continueTo(page, 'Contract details');
    expect(new URL(page.url()).pathname).toMatch(/^\/submissions\/[^/]+\/edit\/contract-details$/);
    // A contract-only filing skips the rate details: four steps.
    await expect.poll(() => page.locator('.usa-step-indicator__segment').count()).toBe(4);
    await answerContractDetails(page, {
      contractDocuments: [CONTRACT, CAPITATION],
      supportingDocuments: [NETWORK_REPORT],
      start: '2027-01-01',
      end: '2027-12-31',
      provisionsYes: [0],
    });
    // Uploads run side by side: each file is listed when its upload finishes, whatever the order chosen.
    expect((await listedDocuments(page, 'contractDetails.contractDocuments')).sort()).toEqual(
      [CONTRACT.name, CAPITATION.name].sort(),
    );
    await check('04-contract-details-answered');

    await continueTo(page, 'Contacts');
    await answerContact(page, 0, {
      givenName: 'Ann',
      familyName: 'Lee',
      titleRole: 'Managed care analyst',
      email: 'ann.lee@state.mn.example',
    });
    await check('05-contacts');

    await continueTo(page, 'Review and submit');
    await page.getByText('Every question is answered.').waitFor();
    const review = page.getByTestId('review-answers');
    await expectTexts(review, [DESCRIPTION, CONTRACT.name, CAPITATION.name, NETWORK_REPORT.name, 'Ann Lee']);
    await check('06-review');

    // Submitting asks first, in a modal dialog that holds focus, closes on Escape and gives focus back.
    const submit = page.getByRole('button', { name: 'Submit', exact: true });
    await submit.click();
    const dialog = submitDialog(page);
    await dialog.waitFor();
    await expectTexts(dialog, ['Submitting sends this submission to CMS for review.']);
    expect(await dialog.getAttribute('aria-describedby')).toBeTruthy();
    await expect.poll(() => focusInOpenDialog(page)).toBe(true);
    for (const key of ['Tab', 'Tab', 'Tab', 'Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab']) {
      await page.keyboard.press(key);
      expect(await focusInOpenDialog(page), `focus after ${key}`).toBe(true);
    }
    await check('06-submit-dialog');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Submit');
    expect(new URL(page.url()).pathname).toMatch(/\/edit\/review$/);
    await dialog.getByRole('button', { name: 'Cancel' }).waitFor({ state: 'hidden' });
    await submitAndConfirm(page);
    name = await onSummary(page);
    expect(name).toMatch(/^MCR-MN-\d{4}-PMAP$/);
    summaryUrl = page.url();
    await page.getByRole('status').getByText(`${name} was submitted to CMS.`).waitFor();
    await check('07-submitted-summary-state');

    expect(await answersOf(page.getByTestId('submission-status'))).toMatchObject({
      'Submission status': 'Submitted',
      'Review status': 'Under review',
    });
    expect(await answersOf(page.getByTestId('current-submission-answers'))).toEqual({
      'Population covered': 'Medicaid',
      'Programs this contract action covers': PMAP,
      'Submission type': 'Contract action only',
      'Contract action type': 'Base contract',
      'Risk-based contract': 'Yes',
      'Submission description': DESCRIPTION,
    });
    const details = page.getByTestId('current-contract-details-answers');
    expect(await answersOf(details.locator('dl'))).toMatchObject({
      'Contract status': 'Fully executed',
      'Contract effective dates': 'Jan 1, 2027 to Dec 31, 2027',
      'Managed care entities': 'Managed Care Organization (MCO)',
      'Federal authorities': '1932(a) State Plan Authority',
      'D-SNP contract': 'No',
      'Complies with 42 CFR 438': 'Yes',
      'This contract action includes new or modified provisions related to': expect.stringMatching(
        /^In lieu-of services and settings/,
      ),
    });
    // Nothing is NEW in a first submission: there is nothing to compare with.
    expect((await documentNames(details, 'Contract documents')).sort()).toEqual(
      [CONTRACT.name, CAPITATION.name].sort(),
    );
    expect(await documentNames(details, 'Supporting documents')).toEqual([NETWORK_REPORT.name]);
    await expectTexts(page.getByRole('main'), [
      'Ann Lee',
      'Managed care analyst',
      'ann.lee@state.mn.example',
    ]);
    await signOut(page);
  });

  it('lets a CMS reviewer find it, read it and download its documents', async () => {
    const { page, docket, check } = journey();
    await signInAs(page, docket.url, CMS_REVIEWER);
    await page.getByRole('heading', { name: 'Submissions', level: 1 }).waitFor();
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name, exact: true }) });
    await expectTexts(row, ['MN', 'Contract action only', 'PMAP', 'Submitted']);
    await check('08-cms-dashboard');

    await row.getByRole('link', { name, exact: true }).click();
    expect(await onSummary(page)).toBe(name);
    expect(page.url()).toBe(summaryUrl);
    await page.getByRole('button', { name: 'Unlock submission' }).waitFor();
    expect(await answersOf(page.getByTestId('current-submission-answers'))).toMatchObject({
      'Submission description': DESCRIPTION,
    });
    await check('09-cms-summary');

    const details = page.getByTestId('current-contract-details-answers');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      details.getByRole('link', { name: CONTRACT.name, exact: true }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(CONTRACT.name);
    const downloaded = await readFile(await download.path());
    expect(downloaded.equals(CONTRACT.buffer)).toBe(true);

    // The same download as a request with the reviewer's session cookie.
    const rows = await documentRows(documentsTable(details, 'Contract documents'));
    const csvHref = rows.find((r) => r.name === CAPITATION.name)?.href;
    expect(csvHref).toMatch(/^\/api\/contracts\/[^/]+\/documents\/[^/]+$/);
    const response = await page.request.get(`${docket.url}${csvHref ?? ''}`);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toMatch(/^text\/csv/);
    expect(response.headers()['content-disposition']).toContain('attachment');
    expect((await response.body()).equals(CAPITATION.buffer)).toBe(true);

    // Every document of the submission in one zip.
    const [zip] = await Promise.all([
      page.waitForEvent('download'),
      page
        .getByRole('link', { name: /^Download all documents/ })
        .first()
        .click(),
    ]);
    const zipBytes = await readFile(await zip.path());
    expect(zipBytes.subarray(0, 4).toString('latin1')).toBe('PK\u0003\u0004');
    for (const file of [CONTRACT, CAPITATION, NETWORK_REPORT]) {
      expect(zipBytes.includes(Buffer.from(file.name))).toBe(true);
    }
  });
});
