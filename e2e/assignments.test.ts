import { createUser, DEMO_ACCOUNTS } from '@docket/server';
import type { Locator, Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { apiLogin } from './support/api';
import { contractPdf, fileSubmission } from './support/arrange-filings';
import { describeJourney } from './support/journey';
import { signInAs, signOut } from './support/pages';
import { ADMINISTRATOR, APPROVER, CMS_REVIEWER, MN_STATE_USER } from './support/people';
import { PGLITE } from './support/stores';
import { onSummary } from './support/summary';

const JOURNEY = 'Assigning reviewers and the views of assignments';

/** A CMS reviewer assigned to Minnesota, made for this journey as an administrator's command would make them. */
const MN_ANALYST = {
  email: 'morgan.analyst@cms.example.gov',
  password: 'a long password for the journey',
  name: 'Morgan Analyst',
};

/** The names in the dashboard's table, top to bottom. */
async function rowNames(page: Page): Promise<string[]> {
  await page.getByRole('table').waitFor();
  return page.locator('tbody th[scope="row"]').allTextContents();
}

/** The reviewer dialog, once open. */
async function openReviewers(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: 'Assign reviewer' }).click();
  const dialog = page.getByRole('dialog', { name: 'Assign reviewers' });
  await dialog.waitFor();
  return dialog;
}

/**
 * An administrator assigns an approver to a submission from its summary page's dialog; the approver finds it under
 * "Assigned to me"; a CMS reviewer assigned to Minnesota finds Minnesota's submissions under "My states"; and
 * Minnesota's state user sees its CMS analysts on its dashboard. Axe looks at every page and the dialog.
 */
describeJourney('assignments', JOURNEY, [PGLITE], (journey) => {
  let summaryUrl = '';
  let name = '';

  it('starts from a Minnesota submission and a reviewer assigned to Minnesota', async () => {
    const { docket } = journey();
    const state = await apiLogin(docket.url, MN_STATE_USER.email, MN_STATE_USER.password);
    const contract = await fileSubmission(state, {
      programs: ['PMAP'],
      description: 'PMAP contract for the assignments',
      contractDocuments: [contractPdf('pmap-assignments-contract.pdf')],
    }).finally(() => state.dispose());
    summaryUrl = `${docket.url}/submissions/${contract.id}`;
    name = contract.name;
    // The demo CMS reviewer's account, as another person assigned to Minnesota alone.
    const reviewer = DEMO_ACCOUNTS.find((account) => account.email === CMS_REVIEWER.email);
    if (!reviewer) throw new Error('no demo CMS reviewer');
    await createUser(
      { users: docket.datastore.users },
      {
        ...reviewer,
        email: MN_ANALYST.email,
        givenName: 'Morgan',
        familyName: 'Analyst',
        assignedStates: ['MN'],
      },
      MN_ANALYST.password,
      null,
    );
  });

  it('lets an administrator assign an approver from the dialog', async () => {
    const { page, docket, check } = journey();
    await signInAs(page, docket.url, ADMINISTRATOR);
    await page.goto(summaryUrl);
    expect(await onSummary(page)).toBe(name);
    await page.getByText('No reviewers are assigned to this submission yet.').waitFor();
    const dialog = await openReviewers(page);
    const choice = dialog.getByLabel('Reviewer');
    await dialog.locator('option', { hasText: APPROVER.name }).waitFor({ state: 'attached' });
    await check('01-dialog');
    await dialog.getByRole('button', { name: 'Assign', exact: true }).click();
    await dialog.getByText('Choose a reviewer to assign').waitFor();
    await check('02-dialog-error');
    const value = await dialog.locator('option', { hasText: APPROVER.name }).getAttribute('value');
    await choice.selectOption(value ?? '');
    await dialog.getByRole('button', { name: 'Assign', exact: true }).click();
    await dialog.getByRole('button', { name: `Remove ${APPROVER.name}` }).waitFor();
    await check('03-dialog-assigned');
    await dialog.getByRole('button', { name: 'Done' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const listed = page.getByTestId('assigned-reviewers');
    await listed.getByText(APPROVER.name).waitFor();
    expect(await listed.textContent()).toContain(ADMINISTRATOR.name);
    await check('04-summary-assigned');

    await page.goto(`${docket.url}/admin/state-assignments`);
    await page.getByRole('heading', { name: 'State assignments', level: 1 }).waitFor();
    const minnesota = page.getByRole('row', { name: /Minnesota \(MN\)/ });
    await minnesota.getByRole('link', { name: MN_ANALYST.name }).waitFor();
    await check('05-state-assignments');
    await signOut(page);
  });

  it('shows the approver the submission under "Assigned to me"', async () => {
    const { page, docket, check } = journey();
    await signInAs(page, docket.url, APPROVER);
    await page.getByRole('heading', { name: 'Submissions', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Assigned to me' }).click();
    await expect.poll(() => new URL(page.url()).search).toBe('?assigned=1');
    expect(await rowNames(page)).toEqual([name]);
    await check('06-assigned-to-me');
    await page.getByRole('link', { name: 'My states' }).click();
    await page.getByRole('heading', { name: 'You are not assigned to any states' }).waitFor();
    await check('07-no-states');
    await signOut(page);
  });

  it('shows the reviewer assigned to Minnesota its submissions under "My states"', async () => {
    const { page, docket, check } = journey();
    await signInAs(page, docket.url, MN_ANALYST);
    await page.getByRole('heading', { name: 'Submissions', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'My states' }).click();
    await expect.poll(() => new URL(page.url()).search).toBe('?mine=1');
    expect(await rowNames(page)).toContain(name);
    await page.getByRole('link', { name: 'Assigned to me' }).click();
    await page
      .getByText(/no submissions|No submissions/i)
      .first()
      .waitFor();
    await page.getByRole('link', { name: 'My states' }).click();
    await page.getByRole('table').waitFor();
    await check('08-my-states');
    await signOut(page);
  });

  it("shows Minnesota's state user its CMS analysts", async () => {
    const { page, docket, check } = journey();
    await signInAs(page, docket.url, MN_STATE_USER);
    const analysts = page.getByTestId('cms-analysts');
    await analysts.getByText(MN_ANALYST.email).waitFor();
    expect(await page.getByRole('heading', { name: 'Your CMS analysts' }).count()).toBe(1);
    expect(await analysts.textContent()).toContain(MN_ANALYST.name);
    await check('09-your-cms-analysts');
  });
});
