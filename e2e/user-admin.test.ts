import { expect, it } from 'vitest';
import { apiLogin } from './support/api';
import { contractPdf, fileSubmission } from './support/arrange-filings';
import { describeJourney } from './support/journey';
import { signIn, signInAs, signOut } from './support/pages';
import { ADMINISTRATOR, MN_STATE_USER } from './support/people';
import { PGLITE } from './support/stores';

const REVIEWER_EMAIL = 'rita.reviewer@cms.example.gov';
const REVIEWER_PASSWORD = 'a passphrase of her own';

/**
 * The administrator runs the users from the browser: adds a CMS reviewer with a division and Minnesota, resets her
 * password, disables and enables her; the reviewer signs in with the temporary password and must choose her own,
 * and finds Minnesota's submission under "My states". Then the administrator disables her while her page is open:
 * the page sends her to sign in. The audit log shows each change with what it was before and after.
 */
describeJourney('user-admin', 'User administration', [PGLITE], (journey) => {
  let temporary = '';
  let filingName = '';

  it('starts from a Minnesota submission', async () => {
    const { docket } = journey();
    const state = await apiLogin(docket.url, MN_STATE_USER.email, MN_STATE_USER.password);
    const contract = await fileSubmission(state, {
      programs: ['PMAP'],
      description: 'PMAP contract for the administration',
      contractDocuments: [contractPdf('pmap-administration-contract.pdf')],
    }).finally(() => state.dispose());
    filingName = contract.name;
  });

  it('finds the users from the header, with the search in the URL', async () => {
    const { page, docket, check } = journey();
    await signInAs(page, docket.url, ADMINISTRATOR);
    await page.getByRole('link', { name: 'Users' }).click();
    await page.getByRole('heading', { name: 'Users', level: 1 }).waitFor();
    await page.getByLabel('Role').selectOption({ label: 'Administrator' });
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/role=/);
    await page.getByRole('cell', { name: ADMINISTRATOR.email }).waitFor();
    await check('01-users');
  });

  it('adds a CMS reviewer with a division and Minnesota, shown a temporary password once', async () => {
    const { page, check } = journey();
    await page.getByRole('link', { name: 'Add a user' }).click();
    await page.getByLabel('Email').fill(REVIEWER_EMAIL);
    await page.getByLabel('Given name').fill('Rita');
    await page.getByLabel('Family name').fill('Reviewer');
    await page.getByLabel('Role').selectOption({ label: 'CMS reviewer' });
    await page.getByLabel('Division').selectOption('DMCO');
    await page.getByRole('group', { name: 'Assigned states' }).getByText('Minnesota (MN)').click();
    await check('02-new-user');
    await page.getByRole('button', { name: 'Add user' }).click();
    temporary = (await page.getByTestId('temporary-password').textContent()) ?? '';
    expect(temporary).toMatch(/^\w{5}(-\w{5}){3}$/);
    await check('03-user-added');
    await page.getByRole('link', { name: 'Rita Reviewer' }).click();
    await page.getByRole('heading', { name: 'Rita Reviewer' }).waitFor();
    expect(await page.getByText('MN', { exact: true }).count()).toBeGreaterThan(0);
    await check('04-user');
  });

  it('resets her password in a dialog that shows the new one once', async () => {
    const { page, check } = journey();
    await page.getByRole('button', { name: 'Reset password' }).click();
    const dialog = page.getByRole('dialog', { name: "Reset this user's password?" });
    await dialog.waitFor();
    await check('05-reset-dialog');
    await dialog.getByRole('button', { name: 'Reset password' }).click();
    const shown = page.getByTestId('temporary-password');
    await shown.waitFor();
    const fresh = (await shown.textContent()) ?? '';
    expect(fresh).not.toBe(temporary);
    temporary = fresh;
    await check('06-password-reset');
  });

  it('disables and enables her, each after a confirmation', async () => {
    const { page, check } = journey();
    await page.getByRole('button', { name: 'Disable user' }).click();
    const dialog = page.getByRole('dialog', { name: 'Disable this user?' });
    await dialog.waitFor();
    await check('07-disable-dialog');
    await dialog.getByRole('button', { name: 'Disable user' }).click();
    await page.getByText('The user is disabled.').waitFor();
    await page.getByRole('button', { name: 'Enable user' }).click();
    await page
      .getByRole('dialog', { name: 'Enable this user?' })
      .getByRole('button', { name: 'Enable user' })
      .click();
    await page.getByText('The user is enabled.').waitFor();
    await check('08-enabled');
    await signOut(page);
  });

  it('makes her choose her own password when she signs in with the temporary one', async () => {
    const { page, docket, check } = journey();
    await signIn(page, docket.url, REVIEWER_EMAIL, temporary);
    await page.getByRole('heading', { name: 'Change your password' }).waitFor();
    await check('09-choose-password');
    await page.getByLabel('Current password').fill(temporary);
    await page.getByLabel('New password').fill(REVIEWER_PASSWORD);
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/account'));
    await signOut(page);
    await signIn(page, docket.url, REVIEWER_EMAIL, REVIEWER_PASSWORD);
    await check('10-signed-in-with-own-password');
  });

  it('shows her the submissions of Minnesota, her state, under "My states"', async () => {
    const { page, check } = journey();
    await page.getByRole('heading', { name: 'Submissions', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'My states' }).click();
    await expect.poll(() => new URL(page.url()).search).toBe('?mine=1');
    await page.getByRole('link', { name: filingName }).waitFor();
    await check('11-my-states');
  });

  it('sends her open page to sign in once the administrator disables her', async () => {
    const { page, docket, check } = journey();
    const browser = page.context().browser();
    if (!browser) throw new Error('the journey has no browser');
    const elsewhere = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const admin = await elsewhere.newPage();
      await signInAs(admin, docket.url, ADMINISTRATOR);
      await admin.getByRole('link', { name: 'Users' }).click();
      await admin.getByRole('link', { name: 'Rita Reviewer' }).click();
      await admin.getByRole('button', { name: 'Disable user' }).click();
      await admin
        .getByRole('dialog', { name: 'Disable this user?' })
        .getByRole('button', { name: 'Disable user' })
        .click();
      await admin.getByText('The user is disabled.').waitFor();

      // Her page comes back into focus: it checks its session, and the session is gone.
      await page.evaluate(() => window.dispatchEvent(new Event('focus')));
      await page.getByRole('heading', { name: 'Sign in to Docket' }).waitFor();
      await page.getByText(/your session was ended, from another browser or by an administrator/).waitFor();
      await check('12-sent-to-sign-in');

      await admin.getByRole('link', { name: 'Audit log' }).click();
      await admin.getByLabel('Action').selectOption('DISABLE_USER');
      await admin.getByRole('button', { name: 'Apply filters' }).click();
      const rows = admin.getByTestId('audit-table').getByRole('row').filter({ hasText: REVIEWER_EMAIL });
      await expect.poll(() => rows.count()).toBe(2);
      const latest = rows.first();
      expect(await latest.getByText('Disable user').count()).toBe(1);
      expect(await latest.locator('del').allTextContents()).toEqual(['false']);
      expect(await latest.locator('ins').allTextContents()).toEqual(['true']);
      await admin.getByLabel('Action').selectOption('UPDATE_USER');
      await admin.getByRole('button', { name: 'Apply filters' }).click();
      await expect.poll(() => rows.count()).toBe(0);
      await admin.getByLabel('Action').selectOption('CREATE_USER');
      await admin.getByRole('button', { name: 'Apply filters' }).click();
      await expect.poll(() => rows.count()).toBe(1);
    } finally {
      await elsewhere.close();
    }
  });
});
