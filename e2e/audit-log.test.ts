import { readFile } from 'node:fs/promises';
import { expect, it } from 'vitest';
import { describeJourney } from './support/journey';
import { signInAs } from './support/pages';
import { ADMINISTRATOR } from './support/people';
import { PGLITE } from './support/stores';

const JOURNEY = 'Email settings and the audit log';

/**
 * The administrator changes the email settings (a bad address first, refused with its line named), sees the change
 * in their history, then finds it in the audit log by its action, with the before → after of the changed list, and
 * exports the view as CSV.
 */
describeJourney('audit-log', JOURNEY, [PGLITE], (journey) => {
  it('refuses a bad address, naming its list and line, and saves nothing', async () => {
    const { page, docket, check } = journey();
    await signInAs(page, docket.url, ADMINISTRATOR);
    await page.getByRole('link', { name: 'Email settings' }).click();
    await page.getByRole('heading', { name: 'Email settings', level: 1 }).waitFor();
    await page.getByLabel('OACT').fill('oact.one@cms.example\nnot an address');
    await page.getByRole('button', { name: 'Save email settings' }).click();
    await page.getByText('Some addresses are not valid').waitFor();
    expect(await page.getByText('Line 2 (not an address): Must be a valid email address').count()).toBe(1);
    await check('01-bad-address');
  });

  it('saves the corrected lists as a new version and shows the change in the history', async () => {
    const { page, check } = journey();
    await page.getByLabel('OACT').fill('oact.one@cms.example\noact.two@cms.example');
    await page.getByRole('button', { name: 'Save email settings' }).click();
    await page.getByText(/The email settings were saved as version \d+\./).waitFor();
    const history = page.getByTestId('settings-history');
    await history.getByText('oact.one@cms.example, oact.two@cms.example').first().waitFor();
    expect(await history.getByText(ADMINISTRATOR.name).count()).toBeGreaterThan(0);
    expect(await page.getByRole('form', { name: 'Email settings' }).count()).toBe(1);
    expect(await page.getByRole('heading', { level: 1 }).allTextContents()).toEqual(['Email settings']);
    await check('02-saved-with-history');
  });

  it('finds the change in the audit log by its action, with the list before and after', async () => {
    const { page, check } = journey();
    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.getByRole('heading', { name: 'Audit log', level: 1 }).waitFor();
    await page.getByLabel('Action').selectOption('UPDATE_EMAIL_SETTINGS');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/action=UPDATE_EMAIL_SETTINGS/);
    const table = page.getByTestId('audit-table');
    const row = table.getByRole('row').filter({ hasText: ADMINISTRATOR.name }).first();
    await row.getByText('oact.one@cms.example, oact.two@cms.example').waitFor();
    expect(await row.getByText('Update email settings').count()).toBe(1);
    expect(await table.getByRole('row').filter({ hasText: 'Login' }).count()).toBe(0);
    expect(await page.getByRole('heading', { level: 1 }).allTextContents()).toEqual(['Audit log']);
    await check('03-audit-log-filtered');
  });

  it('exports the filtered view as CSV', async () => {
    const { page } = journey();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Export CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('audit-log.csv');
    const path = await download.path();
    const csv = await readFile(path, 'utf8');
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toContain('When (UTC),Action,Actor email');
    expect(lines.slice(1).every((line) => line.includes('UPDATE_EMAIL_SETTINGS'))).toBe(true);
    expect(csv).toMatch(/OACT: [^\r\n]* → oact.one@cms.example, oact.two@cms.example/);
  });
});
