import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { apiLogin } from './support/api';
import { contractPdf, fileSubmission } from './support/arrange-filings';
import { pdfFile } from './support/files';
import { continueTo, focusedOnStep } from './support/filing-form';
import { describeJourney, type Journey } from './support/journey';
import { expectFits, expectTableFits, tableLayout } from './support/layout';
import { signInAs, signOut } from './support/pages';
import { CMS_REVIEWER, MN_STATE_USER } from './support/people';
import { PGLITE } from './support/stores';
import { onSummary } from './support/summary';

const JOURNEY = 'Pages fit the window';

/** `text` repeated without a break up to `length` characters. */
const unbroken = (text: string, length: number) =>
  text.repeat(Math.ceil(length / text.length)).slice(0, length);

/** The longest description the form takes (1,500 characters): a pasted link with no place to break. */
const PASTED_LINK = unbroken(
  `https://www.example.gov/mn/dhs/${unbroken('PrepaidMedicalAssistanceProgram2027ExhibitB', 1500)}`,
  1500,
);
/** File names as long as Docket takes them (255 characters). */
const LONG_CONTRACT = contractPdf(`${unbroken('MN2027PMAPBaseContractExecutedWithAllExhibits', 251)}.pdf`);
const LONG_CERTIFICATION = pdfFile(`${unbroken('MN2027RateCertificationFinalSigned', 251)}.pdf`, 'Rates');
const LONG_CONTACT = {
  givenName: unbroken('Maximiliana', 100),
  familyName: unbroken('Vanderwesthuizen', 100),
  titleRole: unbroken('ManagedCareContractComplianceAnalyst', 200),
  email: `${unbroken('contracts', 60)}@${unbroken('health', 60)}.state.mn.example`,
};
const UNLOCK_REASON = unbroken('PleaseReplaceExhibitBWithTheSignedVersion', 1500);
const RESUBMIT_REASON = unbroken('ReplacedExhibitB', 1500);

const CMS_COLUMNS = [
  'Submission',
  'State',
  'Submission type',
  'Programs',
  'Submitted',
  'Last updated',
  'Status',
];
const STATE_COLUMNS = ['Submission', 'Programs', 'Submission type', 'Last updated', 'Status'];
const DESKTOPS = [1280, 1024] as const;

async function atWidth(page: Page, width: number): Promise<void> {
  await page.setViewportSize({ width, height: 900 });
}

/** Checks the page fits at a desktop and a phone width, with a screenshot of each, and returns to 1,280 px. */
async function fitsAt({ page, check }: Journey, what: string, screenshot: string): Promise<void> {
  for (const width of [1280, 390]) {
    await atWidth(page, width);
    await expectFits(page, `${what} at ${width} px`);
    await check(`${screenshot}-${width}`);
  }
  await atWidth(page, 1280);
}

/**
 * What a new user's data does to the pages: dashboards with every column of the longest rows (all of a state's
 * programs, "contract action and rate certification", "not subject to review") fit desktop widths, status
 * included; a filing whose description, file names, contact and unlock reason are long unbroken strings wraps
 * them on the summary, the review step and in dialogs, at desktop and phone widths.
 */
describeJourney('page-width', JOURNEY, [PGLITE], (journey) => {
  let longId = '';

  it('starts from filings with the longest rows and the longest strings', async () => {
    const { docket } = journey();
    const state = await apiLogin(docket.url, MN_STATE_USER.email, MN_STATE_USER.password);
    const everyProgram = ['MSC+', 'MSHO', 'PMAP', 'SNBC'];
    try {
      await fileSubmission(state, {
        programs: ['PMAP'],
        description: 'PMAP base contract for 2027.',
        contractDocuments: [contractPdf('pmap-2027.pdf')],
      });
      await fileSubmission(state, {
        programs: ['MSHO', 'SNBC'],
        description: 'CHIP contract for 2027.',
        contractDocuments: [contractPdf('chip-2027.pdf')],
        chipOnly: true,
      });
      const long = await fileSubmission(state, {
        programs: everyProgram,
        description: PASTED_LINK,
        contractDocuments: [LONG_CONTRACT],
        contact: LONG_CONTACT,
        rates: [
          {
            certification: LONG_CERTIFICATION,
            actuaryName: unbroken('Wolfeschlegelsteinhausenberger', 200),
            actuarialFirm: unbroken('ActuarialConsultingPartnersLimited', 200),
          },
        ],
      });
      longId = long.id;
      expect(long.name).toBe('MCR-MN-0003-MSC+-MSHO-PMAP-SNBC');
      await state.createContract({ programIDs: long.revisions[0]?.formData.programIDs ?? [] });
    } finally {
      await state.dispose();
    }
    const cms = await apiLogin(docket.url, CMS_REVIEWER.email, CMS_REVIEWER.password);
    try {
      const long = await cms.getContract(longId);
      await cms.unlock(long, UNLOCK_REASON);
    } finally {
      await cms.dispose();
    }
  });

  it('fits the CMS dashboard, every column and the status, at desktop widths', async () => {
    const { page, docket, check } = journey();
    await signInAs(page, docket.url, CMS_REVIEWER);
    const table = page.getByRole('table', { name: 'Submissions from every state' });
    await table.waitFor();
    for (const width of DESKTOPS) {
      await atWidth(page, width);
      expectTableFits(await tableLayout(table), CMS_COLUMNS, `CMS dashboard at ${width} px`);
      await expectFits(page, `CMS dashboard at ${width} px`);
      await check(`01-cms-dashboard-${width}`);
    }
  });

  it('wraps long strings on the summary CMS reads, at desktop and phone widths', async () => {
    const { page, docket, check } = journey();
    await page.goto(`${docket.url}/submissions/${longId}`);
    await onSummary(page);
    await page.getByTestId('unlock-banner').waitFor();
    for (const width of [...DESKTOPS, 390]) {
      await atWidth(page, width);
      await expectFits(page, `summary (CMS) at ${width} px`);
      await check(`02-summary-cms-${width}`);
    }
    await atWidth(page, 1280);
    await signOut(page);
  });

  it('fits the state dashboard, every column and the status, at desktop widths', async () => {
    const { page, docket, check } = journey();
    await signInAs(page, docket.url, MN_STATE_USER);
    const table = page.getByRole('table', { name: 'Minnesota submissions' });
    await table.waitFor();
    for (const width of DESKTOPS) {
      await atWidth(page, width);
      expectTableFits(await tableLayout(table), STATE_COLUMNS, `state dashboard at ${width} px`);
      await expectFits(page, `state dashboard at ${width} px`);
      await check(`03-state-dashboard-${width}`);
    }
    await atWidth(page, 390);
    await expectFits(page, 'state dashboard at 390 px');
    await check('03-state-dashboard-390');
    await atWidth(page, 1280);
  });

  it('wraps long strings on the review step and in the resubmit dialog', async () => {
    const { page, docket, check } = journey();
    await page.goto(`${docket.url}/submissions/${longId}`);
    await onSummary(page);
    await page.getByRole('link', { name: 'Edit submission' }).click();
    await focusedOnStep(page, 'Review and submit');
    for (const width of [...DESKTOPS, 390]) {
      await atWidth(page, width);
      await expectFits(page, `review step at ${width} px`);
      await check(`04-review-${width}`);
    }
    await atWidth(page, 1280);
    await page.getByRole('link', { name: 'Edit contract details' }).click();
    await focusedOnStep(page, 'Contract details');
    await fitsAt(journey(), 'contract details step', '05-contract-details');
    await continueTo(page, 'Rate details');
    await fitsAt(journey(), 'rate details step', '06-rate-details');
    await continueTo(page, 'Contacts');
    await fitsAt(journey(), 'contacts step', '07-contacts');
    await continueTo(page, 'Review and submit');

    await page.getByRole('button', { name: 'Resubmit', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Ready to resubmit?' });
    await dialog.getByLabel('Reason for resubmitting').fill(RESUBMIT_REASON);
    await expectFits(page, 'resubmit dialog');
    await check('08-resubmit-dialog');
    await dialog.getByRole('button', { name: 'Resubmit', exact: true }).click();
    await onSummary(page);
    await page.getByTestId('submission-history').getByText(RESUBMIT_REASON).waitFor();
    for (const width of [...DESKTOPS, 390]) {
      await atWidth(page, width);
      await expectFits(page, `resubmitted summary at ${width} px`);
      await check(`09-resubmitted-summary-${width}`);
    }
  });
});
