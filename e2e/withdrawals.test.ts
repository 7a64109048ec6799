import { expect, it } from 'vitest';
import type { ContractView } from '@docket/domain';
import { apiLogin } from './support/api';
import { medicaidBaseContract, programId } from './support/arrange';
import { contractPdf, fileSubmission } from './support/arrange-filings';
import { focusedOnStep } from './support/filing-form';
import { describeJourney } from './support/journey';
import { signInAs, signOut } from './support/pages';
import { CMS_REVIEWER, MN_STATE_USER } from './support/people';
import { dynamoDbStore, PGLITE } from './support/stores';
import { answersOf, expectTexts, onSummary } from './support/summary';

const JOURNEY = 'Withdrawing a contract whose rate another contract links';

/**
 * Contract A owns a rate that contract B links. The reviewer withdrawing A is told first that the rate moves to
 * B; once A is withdrawn, B — unlocked — is edited and resubmitted by the state with the rate it now owns.
 */
describeJourney('withdrawals', JOURNEY, [PGLITE, dynamoDbStore(JOURNEY)], (journey) => {
  let a: ContractView;
  let b: ContractView;
  let rateName = '';

  it('tells the reviewer what happens to the rate, then withdraws the contract', async () => {
    const { page, docket, check } = journey();
    const state = await apiLogin(docket.url, MN_STATE_USER.email, MN_STATE_USER.password);
    a = await fileSubmission(state, {
      programs: ['PMAP'],
      description: 'PMAP contract with its rate',
      contractDocuments: [contractPdf('pmap-withdrawn-contract.pdf')],
      rates: [{ certification: contractPdf('pmap-withdrawn-rate.pdf') }],
    });
    const rateId = a.rates[0]?.id ?? '';
    rateName = a.rates[0]?.revisions.at(-1)?.name ?? '';
    // B relies on A's rate: a filing of its own, with the rate linked.
    const form = medicaidBaseContract(
      await programId(state, 'PMAP'),
      'PMAP amendment relying on the rate',
      [await state.upload(contractPdf('pmap-linking-contract.pdf'))],
      [],
      'CONTRACT_AND_RATES',
    );
    const created = await state.createContract(form);
    b = await state.submit(await state.saveDraft(created, form, [{ kind: 'LINKED', rateId }]));
    await state.dispose();

    await signInAs(page, docket.url, CMS_REVIEWER);
    await page.goto(`${docket.url}/submissions/${a.id}`);
    expect(await onSummary(page)).toBe(a.name);
    await page.getByRole('button', { name: 'Withdraw submission' }).click();
    const dialog = page.getByRole('dialog', { name: 'Withdraw this submission?' });
    const plan = dialog.getByTestId('withdrawal-plan');
    await expectTexts(plan, [rateName, `moves to ${b.name}`]);
    await dialog.getByLabel('Reason for withdrawing').fill('Filed in error');
    await check('01-withdraw-dialog');
    await dialog.getByRole('button', { name: 'Withdraw', exact: true }).click();
    await page.getByRole('status').getByText('The submission was withdrawn.').waitFor();
    expect(await answersOf(page.getByTestId('submission-status'))).toMatchObject({
      'Review status': 'Withdrawn',
    });
    await check('02-withdrawn');
  });

  it('lets the contract that took the rate be unlocked and resubmitted with it', async () => {
    const { page, docket, check } = journey();
    await page.goto(`${docket.url}/submissions/${b.id}`);
    await onSummary(page);
    await page.getByRole('button', { name: 'Unlock submission' }).click();
    const unlock = page.getByRole('dialog', { name: 'Unlock this submission?' });
    await unlock.getByLabel('Reason for unlocking').fill('Revise the rate you now own');
    await unlock.getByRole('button', { name: 'Unlock', exact: true }).click();
    await page.getByTestId('unlock-banner').waitFor();
    await signOut(page);

    await signInAs(page, docket.url, MN_STATE_USER);
    await page.goto(`${docket.url}/submissions/${b.id}`);
    await onSummary(page);
    await page.getByRole('link', { name: 'Edit submission' }).click();
    await focusedOnStep(page, 'Review and submit');
    await page.getByRole('button', { name: 'Resubmit', exact: true }).click();
    const resubmit = page.getByRole('dialog', { name: 'Ready to resubmit?' });
    await resubmit.getByLabel('Reason for resubmitting').fill('The rate is ours now');
    await resubmit.getByRole('button', { name: 'Resubmit', exact: true }).click();
    await onSummary(page);
    await page
      .getByRole('status')
      .getByText(/was resubmitted to CMS\.$/)
      .waitFor();
    expect(await answersOf(page.getByTestId('submission-status'))).toMatchObject({
      'Submission status': 'Resubmitted',
    });
    await expectTexts(page.getByRole('main'), [rateName]);
    await check('03-resubmitted-with-the-rate');
  });
});
