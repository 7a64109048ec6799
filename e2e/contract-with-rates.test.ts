import { expect, it } from 'vitest';
import { submitContractWithRate } from './support/arrange';
import { csvFile, pdfFile } from './support/files';
import {
  answerContact,
  answerContractDetails,
  answerNewRate,
  answerSubmissionDetails,
  continueTo,
  onStep,
  ratePanel,
  submitAndConfirm,
  type RateAnswers,
} from './support/filing-form';
import { describeJourney } from './support/journey';
import { signInAs } from './support/pages';
import { MSHO, PMAP, SNBC, MN_STATE_USER } from './support/people';
import { dynamoDbStore, PGLITE, postgresStore } from './support/stores';
import { answersOf, documentNames, expectTexts, onSummary } from './support/summary';

const JOURNEY = 'Contract with new and linked rates';

const PMAP_RATE: RateAnswers = {
  certification: pdfFile('pmap-2027-rate-certification.pdf', 'PMAP rate certification 2027'),
  supporting: [
    csvFile('pmap-2027-rate-development.csv', [
      ['rate cell', 'base', 'trend'],
      ['Adults', 598.3, 1.031],
    ]),
  ],
  programs: [PMAP],
  start: '2027-01-01',
  end: '2027-12-31',
  certified: '2026-09-30',
  actuary: {
    name: 'Priya Raman',
    titleRole: 'Principal actuary',
    email: 'priya@mercer.example',
    firm: 'Mercer',
  },
};

const MSHO_RATE: RateAnswers = {
  certification: pdfFile('msho-2027-rate-certification.pdf', 'MSHO rate certification 2027'),
  programs: [MSHO],
  start: '2027-01-01',
  end: '2027-06-30',
  certified: '2026-10-01',
  actuary: { name: 'Dan Ortiz', titleRole: 'Actuary', email: 'dan@optumas.example', firm: 'Optumas' },
};

/**
 * A contract with rates: two new rate certifications entered with their documents and actuaries, and one the
 * state submitted before (with another contract, arranged through the API) linked from the picker. Runs on
 * every datastore: rates, their links and their documents are where the adapters differ most.
 */
describeJourney(
  'contract-with-rates',
  JOURNEY,
  [PGLITE, postgresStore(JOURNEY), dynamoDbStore(JOURNEY)],
  (journey) => {
    let linkedRateName = '';
    let linkedContractName = '';
    let linkedContractId = '';

    it('starts from a rate the state submitted with another contract', async () => {
      const { docket } = journey();
      const filed = await submitContractWithRate(docket.url, MN_STATE_USER, 'SNBC');
      linkedRateName = filed.rateName;
      linkedContractName = filed.contract.name;
      linkedContractId = filed.contract.id;
      expect(filed.contract.submissionStatus).toBe('SUBMITTED');
      expect(linkedRateName).toMatch(/^MCR-MN-/);
    });

    it('lets a state user add two new rates, link the submitted one, and submit', async () => {
      const { page, docket, check } = journey();
      await signInAs(page, docket.url, MN_STATE_USER);
      await page.getByRole('heading', { name: 'Submissions', level: 1 }).waitFor();
      await expectTexts(page.getByTestId('dashboard-count'), ['Showing 1 submission on the first page']);
      await check('01-state-dashboard');
      await page.getByRole('link', { name: 'Start new submission' }).click();
      await onStep(page, 'Submission details');
      await answerSubmissionDetails(page, {
        population: 'Medicaid',
        programs: [PMAP, MSHO],
        submissionType: 'Contract action and rate certification',
        contractType: 'Base contract',
        riskBased: true,
        description: 'PMAP and MSHO base contract for 2027, with their rate certifications.',
      });
      // A filing with rates asks for them in a step of its own: five steps.
      await expect.poll(() => page.locator('.usa-step-indicator__segment').count()).toBe(5);
      await check('02-submission-details');
      await continueTo(page, 'Contract details');
      await answerContractDetails(page, {
        contractDocuments: [pdfFile('pmap-msho-2027-contract.pdf', 'PMAP and MSHO contract 2027')],
        start: '2027-01-01',
        end: '2027-12-31',
      });
      await check('03-contract-details');

      await continueTo(page, 'Rate details');
      await page.getByTestId('no-rates').waitFor();
      await check('04-rate-details-empty');

      await page.getByRole('button', { name: 'Add a new rate certification' }).click();
      await answerNewRate(page, 0, PMAP_RATE);
      await page.getByRole('button', { name: 'Add a new rate certification' }).click();
      await answerNewRate(page, 1, MSHO_RATE);
      // A rate added by mistake is removed again, and the others keep their place.
      await page.getByRole('button', { name: 'Add a new rate certification' }).click();
      await ratePanel(page, 2).waitFor();
      await page.getByRole('button', { name: 'Remove rate certification 3', exact: true }).click();
      await expect.poll(() => page.getByTestId('rate-panel').count()).toBe(2);

      const picker = page.getByLabel('Link a rate certification your state already submitted');
      const option = picker.locator('option').filter({ hasText: linkedRateName });
      await expect.poll(() => option.count()).toBe(1);
      expect(await option.textContent()).toContain(`filed with ${linkedContractName}`);
      await picker.selectOption({ label: (await option.textContent()) ?? '' });
      await page.getByRole('button', { name: 'Link rate certification' }).click();
      const linked = ratePanel(page, 2);
      await linked.getByTestId('linked-rate-name').getByText(linkedRateName, { exact: true }).waitFor();
      await expectTexts(linked, ['Linked rate', `Filed with ${linkedContractName}`, 'It is read-only here.']);
      // A linked rate is not offered twice.
      await expect.poll(() => picker.locator('option').filter({ hasText: linkedRateName }).count()).toBe(0);
      await check('05-rate-details-answered');

      await continueTo(page, 'Contacts');
      await answerContact(page, 0, {
        givenName: 'Rosa',
        familyName: 'Nguyen',
        titleRole: 'Rate setting lead',
        email: 'rosa.nguyen@state.mn.example',
      });
      await check('06-contacts');
      await continueTo(page, 'Review and submit');
      await page.getByText('Every question is answered.').waitFor();
      await expectTexts(page.getByTestId('review-answers'), [
        'Rate certification 1',
        'Rate certification 2',
        'Rate certification 3',
        linkedRateName,
        PMAP_RATE.certification.name,
        MSHO_RATE.certification.name,
      ]);
      await check('07-review');

      await submitAndConfirm(page);
      const name = await onSummary(page);
      expect(name).toMatch(/^MCR-MN-\d{4}-(MSHO-PMAP|PMAP-MSHO)$/);
      await page.getByRole('status').getByText(`${name} was submitted to CMS.`).waitFor();
      await check('08-submitted-summary');
    });

    it('shows the three rates on the summary: two owned with their answers, one linked', async () => {
      const { page, check } = journey();
      const rates = page.getByTestId('submission-answers').locator('[data-testid^="current-rate-"]');
      await expect.poll(() => rates.count()).toBe(3);

      const first = page.getByTestId('current-rate-0');
      await expectTexts(first.getByRole('heading'), ['Rate certification 1', 'MCR-MN-']);
      expect(await first.getByText('Linked rate').count()).toBe(0);
      expect(await documentNames(first, 'Rate certification document')).toEqual([
        PMAP_RATE.certification.name,
      ]);
      expect(await documentNames(first, 'Rate supporting documents')).toEqual([
        PMAP_RATE.supporting?.[0]?.name,
      ]);
      expect(await answersOf(first.locator('dl'))).toMatchObject({
        'Programs this rate certification covers': PMAP,
        'Rate certification type': 'New rate certification',
        'Capitation rates': 'Certification of capitation rates specific to each rate cell',
        'Rating period': 'Jan 1, 2027 to Dec 31, 2027',
        'Date certified': 'Sep 30, 2026',
        'Certifying actuaries': expect.stringContaining('Priya Raman, Principal actuary (Mercer)'),
        'Actuary communication preference': expect.stringMatching(
          /^OACT can communicate directly with the state's actuaries/,
        ),
      });

      const second = page.getByTestId('current-rate-1');
      expect(await first.getByRole('heading').textContent()).not.toBe(
        await second.getByRole('heading').textContent(),
      );
      expect(await documentNames(second, 'Rate certification document')).toEqual([
        MSHO_RATE.certification.name,
      ]);
      expect(await answersOf(second.locator('dl'))).toMatchObject({
        'Programs this rate certification covers': MSHO,
        'Rating period': 'Jan 1, 2027 to Jun 30, 2027',
        'Date certified': 'Oct 1, 2026',
        'Certifying actuaries': expect.stringContaining('Dan Ortiz, Actuary (Optumas)'),
      });

      const third = page.getByTestId('current-rate-2');
      await expectTexts(third, [
        'Rate certification 3',
        linkedRateName,
        'Linked rate',
        'Linked from another submission; read-only here.',
      ]);
      // The link to the rate's own submission (the contract view does not carry that submission's name).
      const parentLink = third.getByRole('link', { name: /^View / });
      expect(await parentLink.getAttribute('href')).toBe(`/submissions/${linkedContractId}`);
      expect(await answersOf(third.locator('dl'))).toMatchObject({
        'Programs this rate certification covers': SNBC,
        'Rating period': 'Jan 1, 2026 to Dec 31, 2026',
      });
      expect(await documentNames(third, 'Rate certification document')).toEqual([
        'snbc-2026-rate-certification.pdf',
      ]);

      // The linked rate stays its own contract's: that summary still lists it as owned.
      await parentLink.click();
      // The old summary stays on screen until the linked filing has loaded: wait for the new heading.
      await expect.poll(() => onSummary(page)).toBe(linkedContractName);
      const owned = page.getByTestId('current-rate-0');
      await expectTexts(owned, [linkedRateName]);
      expect(await owned.getByText('Linked rate').count()).toBe(0);
      await check('09-linked-rate-parent-summary');
      expect(await page.getByTestId('current-rate-1').count()).toBe(0);
    });

    it('opens the rate from the summary: its answers, the two submissions that include it, its history', async () => {
      const { page, check } = journey();
      await page.getByTestId('current-rate-0').getByRole('link', { name: linkedRateName }).click();
      await page.getByRole('heading', { level: 1, name: new RegExp(linkedRateName) }).waitFor();
      expect(new URL(page.url()).pathname).toMatch(/^\/rates\/[0-9a-f-]{36}$/);
      expect(await answersOf(page.getByTestId('rate-current').locator('dl'))).toMatchObject({
        'Programs this rate certification covers': SNBC,
        'Rating period': 'Jan 1, 2026 to Dec 31, 2026',
      });
      expect(await documentNames(page.getByTestId('rate-current'), 'Rate certification document')).toEqual([
        'snbc-2026-rate-certification.pdf',
      ]);
      const rows = page.getByTestId('rate-linked-contracts').locator('tbody tr');
      await expect.poll(() => rows.count()).toBe(2);
      await expectTexts(rows.nth(0), [linkedContractName, 'Parent (edits the rate)', 'Revision 1']);
      await expectTexts(rows.nth(1), ['Linked (read-only)', 'Revision 1']);
      const history = page.getByTestId('rate-history').getByRole('listitem');
      await expect.poll(() => history.count()).toBe(2);
      await expectTexts(history.nth(0), ['Linked to a submission (revision 1)']);
      await check('10-rate-page');
    });
  },
);
