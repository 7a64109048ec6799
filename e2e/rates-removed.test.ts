import { expect, it } from 'vitest';
import { apiLogin } from './support/api';
import { submitContractWithRate } from './support/arrange';
import { backTo, choose, continueTo, focusedOnStep } from './support/filing-form';
import { describeJourney } from './support/journey';
import { signInAs } from './support/pages';
import { CMS_REVIEWER, MN_STATE_USER } from './support/people';
import { PGLITE } from './support/stores';
import { answersOf, expectTexts, onSummary } from './support/summary';

const JOURNEY = 'Rates removed from a filing made contract-only';
const UNLOCK_REASON = 'File the SNBC rates with their own contract action, please.';
const RESUBMIT_REASON = 'The rates will be filed with their own contract action.';

/**
 * An unlocked contract-and-rates filing switched to "contract action only": the review step no longer lists its
 * rate as submitted and says plainly that it will be removed, the resubmit dialog says so again, and the summary
 * after resubmitting shows no rate.
 */
describeJourney('rates-removed', JOURNEY, [PGLITE], (journey) => {
  let name = '';
  let rateName = '';

  it('starts from a filing with a rate that CMS unlocked', async () => {
    const { docket } = journey();
    const filed = await submitContractWithRate(docket.url, MN_STATE_USER, 'SNBC');
    name = filed.contract.name;
    rateName = filed.rateName;
    const cms = await apiLogin(docket.url, CMS_REVIEWER.email, CMS_REVIEWER.password);
    try {
      await cms.unlock(filed.contract, UNLOCK_REASON);
    } finally {
      await cms.dispose();
    }
  });

  it('opens the unlocked filing on its review step, under what CMS asked, with the rate to be submitted', async () => {
    const { page, docket, check } = journey();
    await signInAs(page, docket.url, MN_STATE_USER);
    await page.getByRole('link', { name, exact: true }).click();
    await onSummary(page);
    await page.getByRole('link', { name: 'Edit submission' }).click();
    await focusedOnStep(page, 'Review and submit');
    await expectTexts(page.getByTestId('unlock-banner'), [UNLOCK_REASON, CMS_REVIEWER.name]);
    const review = page.getByTestId('review-answers');
    await review.getByRole('heading', { name: 'Rate details' }).waitFor();
    await expectTexts(review, [rateName]);
    expect(await page.getByTestId('rates-removed').count()).toBe(0);
    await check('01-review-with-rate');
  });

  it('says the rate will be removed once the filing is contract action only, and lists it nowhere else', async () => {
    const { page, check } = journey();
    await page.getByRole('link', { name: 'Edit submission details' }).click();
    await focusedOnStep(page, 'Submission details');
    await choose(page, /submission type/, 'Contract action only');
    await continueTo(page, 'Contract details');
    await backTo(page, 'Submission details');
    await continueTo(page, 'Contract details');
    // No rate details step any more: contract details lead to the contacts.
    await continueTo(page, 'Contacts');
    await continueTo(page, 'Review and submit');

    const notice = page.getByTestId('rates-removed');
    await expectTexts(notice, [
      `This submission is contract action only: the rate certification ${rateName} will be removed when you submit.`,
    ]);
    const review = page.getByTestId('review-answers');
    expect(await review.getByRole('heading', { name: 'Rate details' }).count()).toBe(0);
    expect(await review.textContent()).not.toContain(rateName);
    await check('02-review-rate-removed');

    await page.getByRole('button', { name: 'Resubmit', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Ready to resubmit?' });
    await expectTexts(dialog, [`${rateName} will be removed when you submit.`]);
    await dialog.getByLabel('Reason for resubmitting').fill(RESUBMIT_REASON);
    await check('03-resubmit-dialog');
    await dialog.getByRole('button', { name: 'Resubmit', exact: true }).click();
    expect(await onSummary(page)).toBe(name);
    await page.getByRole('status').getByText(`${name} was resubmitted to CMS.`).waitFor();
  });

  it('shows no rate on the summary after resubmitting', async () => {
    const { page, check } = journey();
    const answers = page.getByTestId('submission-answers');
    expect(await answersOf(page.getByTestId('current-submission-answers'))).toMatchObject({
      'Submission type': 'Contract action only',
    });
    expect(await answers.getByRole('heading', { name: 'Rate details' }).count()).toBe(0);
    expect(await answers.textContent()).not.toContain(rateName);
    await check('04-resubmitted-without-rate');
  });
});
