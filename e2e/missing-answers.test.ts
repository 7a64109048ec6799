import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { csvFile, disguisedProgram, pdfFile } from './support/files';
import {
  answerContact,
  answerContractDetails,
  answerYesNo,
  byId,
  choose,
  continueTo,
  dropDocuments,
  listedDocuments,
  onStep,
  submitAndConfirm,
  submitDialog,
  uploadErrors,
} from './support/filing-form';
import { describeJourney } from './support/journey';
import { signInAs } from './support/pages';
import { PMAP, MN_STATE_USER } from './support/people';
import { PGLITE } from './support/stores';
import { answersOf, onSummary } from './support/summary';

const CONTRACT = pdfFile('mn-2027-amended-contract.pdf', 'Contract 2027');

/** The id of the element that has focus. */
function focusedId(page: Page): Promise<string> {
  return page.evaluate(() => document.activeElement?.id ?? '');
}

/** The test id of the element that has focus. */
function focusedTestId(page: Page): Promise<string> {
  return page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.testid ?? '');
}

/** The lines of the error summary at the top of the page. */
async function listedIssues(page: Page): Promise<string[]> {
  const summary = page.getByTestId('error-summary');
  await summary.waitFor();
  return (await summary.getByRole('listitem').allTextContents()).map((t) => t.trim());
}

/**
 * Mistakes and how the journey helps fix them: a step that is continued unanswered, files the server refuses,
 * and a submission with answers missing, whose review page lists each one with a link to its field.
 */
describeJourney('missing-answers', 'Missing answers fixed before submitting', [PGLITE], (journey) => {
  let draftPath = '';

  it('lists what a step is missing, each linked to its field', async () => {
    const { page, docket, check } = journey();
    await signInAs(page, docket.url, MN_STATE_USER);
    await page.getByRole('heading', { name: 'Submissions', level: 1 }).waitFor();
    await check('01-state-dashboard-empty');
    await page.getByRole('link', { name: 'Start new submission' }).click();
    await onStep(page, 'Submission details');
    await page.getByRole('button', { name: 'Continue', exact: true }).click();
    const issues = await listedIssues(page);
    expect(issues.length).toBeGreaterThanOrEqual(5);
    // Nothing was created: the first step is still on the new-submission page.
    expect(new URL(page.url()).pathname).toBe('/submissions/new');
    // The summary takes focus, so a screen reader reads it first.
    await expect.poll(() => focusedTestId(page)).toBe('error-summary');
    await check('02-step-unanswered');

    await page.getByTestId('error-summary').getByRole('link', { name: 'Describe the submission' }).click();
    await expect.poll(() => focusedId(page)).toBe('submissionDescription');
    await expect.poll(() => byId(page, 'submissionDescription-error').isVisible()).toBe(true);
  });

  it('saves a draft with answers missing', async () => {
    const { page, check } = journey();
    await choose(page, /populations/, 'Medicaid');
    await page
      .getByRole('group', { name: /^Programs this contract action covers/ })
      .getByLabel(PMAP, { exact: true })
      .check();
    await choose(page, /submission type/, 'Contract action only');
    await choose(page, /^Contract action type/, 'Base contract');
    await page.getByRole('button', { name: 'Save as draft' }).click();
    await page.getByText(/^Draft saved at /).waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/submissions\/[^/]+\/edit\/submission-type$/);
    draftPath = new URL(page.url()).pathname.replace(/\/submission-type$/, '');
    await check('03-draft-saved');
  });

  it('refuses a program named like a PDF, and a file of another type, without listing them', async () => {
    const { page, docket, check } = journey();
    await page.goto(`${docket.url}${draftPath}/contract-details`);
    await onStep(page, 'Contract details');
    const listId = 'contractDetails.contractDocuments';
    await dropDocuments(page, listId, [disguisedProgram('virus.pdf'), csvFile('notes.txt', [['a']])]);
    await expect.poll(() => uploadErrors(page, 'Contract documents')).toHaveLength(2);
    const [textFile, program] = [...(await uploadErrors(page, 'Contract documents'))].sort();
    expect(textFile).toMatch(/^notes\.txt is not a file type Docket accepts/);
    expect(program).toMatch(/^virus\.pdf is a program, not a document/);
    expect(await listedDocuments(page, listId)).toEqual([]);
    await check('04-refused-files');

    // A good file dropped after them is taken.
    await dropDocuments(page, listId, [CONTRACT]);
    await expect.poll(() => listedDocuments(page, listId)).toEqual([CONTRACT.name]);
    await page.getByRole('button', { name: 'Save as draft' }).click();
    await page.getByText(/^Draft saved at /).waitFor();
  });

  it('lists every missing answer on the review page, and does not submit', async () => {
    const { page, docket, check } = journey();
    await page.goto(`${docket.url}${draftPath}/review`);
    await onStep(page, 'Review and submit');
    const heading = page.getByRole('heading', { name: /^Before you submit, \d+ answers are missing/ });
    await heading.waitFor();
    const issues = await listedIssues(page);
    const expected = [
      /^Submission details, Risk-based contract: /,
      /^Submission details, Submission description: /,
      /^Contract details, Contract status: /,
      /^Contract details, Start date: /,
      /^Contract details, End date: /,
      /^Contacts, State contact 1, Given name: /,
      /^Contacts, State contact 1, Email: /,
    ];
    for (const line of expected)
      expect(
        issues.some((issue) => line.test(issue)),
        `${line}`,
      ).toBe(true);
    expect(issues.some((issue) => /Contract documents/.test(issue))).toBe(false);
    await check('05-review-missing-answers');

    // With answers missing, Submit asks nothing: it takes the user back to the list of what to fix.
    await page.getByRole('button', { name: 'Submit', exact: true }).click();
    await expect.poll(() => focusedTestId(page)).toBe('error-summary');
    expect(await submitDialog(page).count()).toBe(0);
    await heading.waitFor();
    expect(new URL(page.url()).pathname).toBe(`${draftPath}/review`);
  });

  it('follows a missing answer to its field, with its inline error', async () => {
    const { page, check } = journey();
    await page
      .getByTestId('error-summary')
      .getByRole('link', { name: /^Submission details, Submission description: / })
      .click();
    await onStep(page, 'Submission details');
    const url = new URL(page.url());
    expect(url.pathname).toBe(`${draftPath}/submission-type`);
    expect(url.hash).toBe('#submissionDescription');
    await expect.poll(() => focusedId(page)).toBe('submissionDescription');
    const inline = byId(page, 'submissionDescription-error');
    await inline.waitFor();
    expect((await inline.textContent())?.length).toBeGreaterThan(0);
    await expect
      .poll(() => byId(page, 'submissionDescription').getAttribute('aria-describedby'))
      .toContain('submissionDescription-error');
    // The step's other missing answer is shown too.
    await byId(page, 'riskBasedContract-error').waitFor();
    await check('06-step-from-review-link');

    await answerYesNo(page, 'riskBasedContract', false);
    await page.getByLabel('Submission description').fill('Base contract for 2027, fixed after review.');
    await continueTo(page, 'Contract details');
    await answerContractDetails(page, { contractDocuments: [], start: '2027-01-01', end: '2027-12-31' });
    expect(await listedDocuments(page, 'contractDetails.contractDocuments')).toEqual([CONTRACT.name]);
    await check('07-contract-details-fixed');
    await continueTo(page, 'Contacts');
    // Continuing with the contact unanswered shows the step's own errors, linked on the page.
    await page.getByRole('button', { name: 'Continue', exact: true }).click();
    await page
      .getByTestId('error-summary')
      .getByRole('link', { name: /^State contact 1, Email: /i })
      .click();
    await expect.poll(() => focusedId(page)).toBe('stateContacts.0.email');
    await check('08-contacts-errors');
    await answerContact(page, 0, {
      givenName: 'Ann',
      familyName: 'Lee',
      titleRole: 'Managed care analyst',
      email: 'ann.lee@state.mn.example',
    });
    await continueTo(page, 'Review and submit');
    await page.getByText('Every question is answered.').waitFor();
    expect(await page.getByTestId('error-summary').count()).toBe(0);
    await check('09-review-complete');
  });

  it('submits once every answer is given', async () => {
    const { page, check } = journey();
    await submitAndConfirm(page);
    const name = await onSummary(page);
    expect(name).toMatch(/^MCR-MN-\d{4}-PMAP$/);
    expect(await answersOf(page.getByTestId('current-submission-answers'))).toMatchObject({
      'Risk-based contract': 'No',
      'Submission description': 'Base contract for 2027, fixed after review.',
    });
    await check('10-submitted');
  });
});
