import { expect, it } from 'vitest';
import type { ContractView, DocumentRef } from '@docket/domain';
import type { Locator, Page } from 'playwright-core';
import { apiLogin } from './support/api';
import { medicaidBaseContract, programId } from './support/arrange';
import { contractPdf, fileSubmission, newRate } from './support/arrange-filings';
import { describeJourney } from './support/journey';
import { signInAs } from './support/pages';
import { CMS_REVIEWER, MN_STATE_USER } from './support/people';
import { dynamoDbStore, PGLITE } from './support/stores';
import { expectTexts, onSummary } from './support/summary';

const JOURNEY = 'Withdrawing a rate two contracts carry, and undoing that';

/** The rate page's status tag, once it reads `status`. */
async function expectRateStatus(page: Page, status: string): Promise<void> {
  await expect.poll(() => page.locator('.docket-title-row [data-status]').textContent()).toBe(status);
}

/** The newest entry of the rate's history. */
function newestEntry(page: Page): Locator {
  return page.getByTestId('rate-history').getByRole('listitem').first();
}

/**
 * Contract A files a rate; contract B links it and is unlocked for the state to revise. A CMS reviewer withdraws
 * the rate from its own page: the dialog names both submissions, the rate reads Withdrawn and its history says
 * from which it was detached, and B's summary shows the rate withdrawn. B is not stuck: the state saves it with a
 * rate of its own and resubmits it. The reviewer then undoes the withdrawal, and the rate is back under review,
 * linked again to A only (B's latest submission no longer carries it).
 */
describeJourney('rate-withdrawals', JOURNEY, [PGLITE, dynamoDbStore(JOURNEY)], (journey) => {
  let a: ContractView;
  let b: ContractView;
  let rateId = '';
  let rateName = '';
  let pmap = '';
  let linkerDocuments: DocumentRef[] = [];

  it('lets a reviewer withdraw the rate from its page, naming the submissions it leaves', async () => {
    const { page, docket, check } = journey();
    const state = await apiLogin(docket.url, MN_STATE_USER.email, MN_STATE_USER.password);
    try {
      a = await fileSubmission(state, {
        programs: ['PMAP'],
        description: 'PMAP contract with the rate to withdraw',
        contractDocuments: [contractPdf('pmap-rate-owner-contract.pdf')],
        rates: [{ certification: contractPdf('pmap-rate-to-withdraw.pdf') }],
      });
      rateId = a.rates[0]?.id ?? '';
      rateName = a.rates[0]?.revisions.at(-1)?.name ?? '';
      pmap = await programId(state, 'PMAP');
      linkerDocuments = [await state.upload(contractPdf('pmap-rate-linker-contract.pdf'))];
      const form = medicaidBaseContract(
        pmap,
        'PMAP amendment linking the rate',
        linkerDocuments,
        [],
        'CONTRACT_AND_RATES',
      );
      const created = await state.createContract(form);
      b = await state.submit(await state.saveDraft(created, form, [{ kind: 'LINKED', rateId }]));
    } finally {
      await state.dispose();
    }
    const cms = await apiLogin(docket.url, CMS_REVIEWER.email, CMS_REVIEWER.password);
    b = await cms.unlock(b, 'Revise the amendment').finally(() => cms.dispose());

    await signInAs(page, docket.url, CMS_REVIEWER);
    await page.goto(`${docket.url}/rates/${rateId}`);
    await page.getByRole('heading', { level: 1, name: rateName }).waitFor();
    await expectRateStatus(page, 'Submitted');
    expect(await page.getByRole('button', { name: 'Undo withdraw' }).count()).toBe(0);

    await page.getByRole('button', { name: 'Withdraw rate', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Withdraw this rate?' });
    await dialog.waitFor();
    expect(await dialog.getByTestId('rate-action-contracts').getByRole('listitem').allTextContents()).toEqual(
      [a.name, b.name],
    );
    await dialog.getByLabel('Reason for withdrawing the rate').fill('Certified for the wrong rating period.');
    await check('01-withdraw-rate-dialog');
    await dialog.getByRole('button', { name: 'Withdraw rate', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });

    await page.getByRole('status').getByText('The rate was withdrawn.', { exact: true }).waitFor();
    await expectRateStatus(page, 'Withdrawn');
    await expectTexts(newestEntry(page), [
      'Rate withdrawn',
      CMS_REVIEWER.name,
      'Certified for the wrong rating period.',
      `Detached from: ${a.name}, ${b.name}`,
    ]);
    expect(await page.getByRole('button', { name: 'Withdraw rate' }).count()).toBe(0);
    await check('02-rate-withdrawn');
  });

  it('shows the rate withdrawn on the summary of the contract that links it', async () => {
    const { page, docket, check } = journey();
    await page.goto(`${docket.url}/submissions/${b.id}`);
    expect(await onSummary(page)).toBe(b.name);
    const rate = page.getByRole('region', { name: rateName });
    await expectTexts(rate.getByTestId('rate-withdrawn-note'), [
      'Withdrawn',
      'CMS withdrew this rate: it no longer goes with this submission.',
    ]);
    await check('02b-linker-shows-rate-withdrawn');
  });

  it('leaves the unlocked contract free to be saved and resubmitted by the state', async () => {
    const { docket } = journey();
    const state = await apiLogin(docket.url, MN_STATE_USER.email, MN_STATE_USER.password);
    try {
      const draft = await state.getContract(b.id);
      // The withdrawal dropped the link from B's open draft.
      expect(draft.revisions.at(-1)?.rateLinks).toEqual([]);
      const form = medicaidBaseContract(
        pmap,
        'PMAP amendment with a rate of its own',
        linkerDocuments,
        [],
        'CONTRACT_AND_RATES',
      );
      const certification = await state.upload(contractPdf('pmap-replacement-rate.pdf'));
      const saved = await state.saveDraft(draft, form, [newRate([pmap], certification)]);
      b = await state.resubmit(saved, 'A rate of our own replaces the withdrawn one.');
    } finally {
      await state.dispose();
    }
    expect(b.status).toBe('RESUBMITTED');
    // Its new submission carries its own rate, not the withdrawn one.
    const links = b.revisions.at(-1)?.rateLinks.map((link) => link.rateId) ?? [];
    expect(links).toHaveLength(1);
    expect(links).not.toContain(rateId);
  });

  it('lets the reviewer undo the withdrawal, and the rate is back under review', async () => {
    const { page, docket, check } = journey();
    await page.goto(`${docket.url}/rates/${rateId}`);
    await expectRateStatus(page, 'Withdrawn');
    await page.getByRole('button', { name: 'Undo withdraw', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Undo the rate’s withdrawal?' });
    await dialog.waitFor();
    // B was resubmitted without the rate: the dialog says the undo leaves it alone.
    expect(await dialog.getByTestId('rate-action-contracts').getByRole('listitem').allTextContents()).toEqual(
      [a.name],
    );
    expect(
      await dialog.getByTestId('rate-action-contracts-left').getByRole('listitem').allTextContents(),
    ).toEqual([b.name]);
    await dialog
      .getByLabel('Reason for undoing the withdrawal')
      .fill('The rating period was right after all.');
    await check('03-undo-withdraw-rate-dialog');
    await dialog.getByRole('button', { name: 'Undo withdraw', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });

    await page.getByRole('status').getByText('The rate’s withdrawal was undone.', { exact: true }).waitFor();
    await expectRateStatus(page, 'Submitted');
    // Linked again to A only: B was resubmitted without the rate meanwhile.
    await expectTexts(newestEntry(page), [
      'Rate withdrawal undone',
      'The rating period was right after all.',
      `Linked again to: ${a.name}`,
    ]);
    expect(await newestEntry(page).textContent()).not.toContain(`Linked again to: ${a.name}, ${b.name}`);
    expect(await page.getByRole('button', { name: 'Withdraw rate', exact: true }).count()).toBe(1);
    await check('04-rate-back-under-review');

    await page.goto(`${docket.url}/submissions/${a.id}`);
    await onSummary(page);
    // A's summary shows the rate again, no longer withdrawn.
    await page.getByTestId('current-rate-0').getByRole('link', { name: rateName }).waitFor();
    expect(await page.getByTestId('rate-withdrawn-note').count()).toBe(0);
  });
});
