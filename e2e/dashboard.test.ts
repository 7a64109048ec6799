import { readFile } from 'node:fs/promises';
import { DEMO_EMAIL_DOMAIN, DEMO_PASSWORD } from '@docket/server';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { apiLogin } from './support/api';
import {
  draftContractOnly,
  medicaidBaseContract,
  submitContractOnly,
  submitContractWithRate,
} from './support/arrange';
import { pdfFile } from './support/files';
import { describeJourney } from './support/journey';
import { checkPage, signInAs } from './support/pages';
import { CMS_REVIEWER, MN_STATE_USER } from './support/people';
import { dynamoDbStore, PGLITE } from './support/stores';
import { expectTexts } from './support/summary';

const FL_STATE_USER = { email: `state.fl@${DEMO_EMAIL_DOMAIN}`, password: DEMO_PASSWORD };

const documents = (name: string) => ({
  contract: [pdfFile(`${name.toLowerCase()}-contract.pdf`, `${name} contract`)],
  supporting: [],
});

/** The names in the dashboard's table, top to bottom. */
async function rowNames(page: Page): Promise<string[]> {
  await page.getByRole('table').waitFor();
  return page.locator('tbody th[scope="row"]').allTextContents();
}

const JOURNEY = 'Filtering, sharing and exporting the CMS dashboard';

/**
 * A reviewer narrows the CMS dashboard to one state's submissions, sorted by name; the address of that view, opened
 * in another browser, shows the same rows; and the view's export holds them as CSV. On DynamoDB Local too, whose
 * lists are served by index keys of their own (docs/adr/0024-dynamodb-dashboard-lists.md).
 */
describeJourney('dashboard', JOURNEY, [PGLITE, dynamoDbStore(JOURNEY)], (journey) => {
  let filtered = '';
  let names: string[] = [];

  it('starts from submissions of two states and a draft', async () => {
    const { docket } = journey();
    for (const program of ['SNBC', 'PMAP', 'MSHO']) {
      await submitContractOnly(docket.url, MN_STATE_USER, program, documents(program));
    }
    await draftContractOnly(docket.url, MN_STATE_USER, 'PMAP', documents('draft'));
    const fl = await apiLogin(docket.url, FL_STATE_USER.email, FL_STATE_USER.password);
    try {
      const [program] = await fl.programs('FL');
      if (!program) throw new Error('Florida has no program');
      const contract = await fl.upload(pdfFile('fl-contract.pdf', 'Florida contract'));
      const draft = await fl.createContract(
        medicaidBaseContract(program.id, 'A Florida contract', [contract], [], 'CONTRACT_ONLY'),
      );
      await fl.submit(draft);
    } finally {
      await fl.dispose();
    }
  });

  it('lets a reviewer filter by state and status and sort by name, all in the address', async () => {
    const { page, docket, check } = journey();
    await signInAs(page, docket.url, CMS_REVIEWER);
    await page.getByRole('heading', { name: 'Submissions', level: 1 }).waitFor();
    await expectTexts(page.getByTestId('dashboard-count'), ['Showing 4 submissions on the first page']);
    await check('01-every-state');

    await page.getByLabel('States', { exact: true }).selectOption(['MN']);
    await expect.poll(() => new URL(page.url()).search).toBe('?state=MN');
    await page.getByLabel('Status', { exact: true }).selectOption('SUBMITTED');
    await page.getByLabel('Sort by').selectOption('name:asc');
    await expect
      .poll(() => new URL(page.url()).search)
      .toBe('?state=MN&status=SUBMITTED&sort=name&order=asc');
    await expectTexts(page.getByTestId('dashboard-count'), ['Showing 3 submissions on the first page']);
    names = await rowNames(page);
    expect(names).toHaveLength(3);
    expect(names).toEqual([...names].sort());
    expect(names.every((name) => name.startsWith('MCR-MN-'))).toBe(true);
    expect(
      await page.getByRole('columnheader', { name: 'Submission', exact: true }).getAttribute('aria-sort'),
    ).toBe('ascending');
    filtered = page.url();
    await check('02-filtered');
  });

  it('shows the same view to another browser that opens the address', async () => {
    const { page, docket, check } = journey();
    const browser = page.context().browser();
    if (!browser) throw new Error('no browser');
    const other = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const second = await other.newPage();
      await signInAs(second, docket.url, CMS_REVIEWER);
      await second.goto(filtered);
      await expectTexts(second.getByTestId('dashboard-count'), ['Showing 3 submissions on the first page']);
      expect(await rowNames(second)).toEqual(names);
      await expect.poll(() => second.getByLabel('Sort by').inputValue()).toBe('name:asc');
      await checkPage(second, 'dashboard-pglite-03-shared-view');
    } finally {
      await other.close();
    }
    await check('04-first-browser-unchanged');
  });

  it('exports the view as CSV', async () => {
    const { page } = journey();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Export CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('submissions.csv');
    const text = (await readFile(await download.path())).toString('utf8');
    expect(text.startsWith('\uFEFFSubmission,State,Submission type,')).toBe(true);
    const rows = text.slice(1).trimEnd().split('\r\n').slice(1);
    expect(rows.map((row) => row.split(',')[0])).toEqual(names);
  });

  let rateView = '';
  let rateNames: string[] = [];

  it('adds rate certifications with rating periods in three years', async () => {
    const { docket } = journey();
    await submitContractWithRate(docket.url, MN_STATE_USER, 'SNBC');
    await submitContractWithRate(docket.url, MN_STATE_USER, 'PMAP', {
      start: '2025-07-01',
      end: '2026-06-30',
    });
    await submitContractWithRate(docket.url, MN_STATE_USER, 'MSHO', {
      start: '2024-01-01',
      end: '2024-12-31',
    });
  });

  it('lets the reviewer filter the rate reviews by state and rating period, sorted by period, in the address', async () => {
    const { page, check } = journey();
    await page.getByRole('link', { name: 'Rate reviews' }).click();
    await page.getByRole('heading', { name: 'Rate reviews', level: 1 }).waitFor();
    await expectTexts(page.getByTestId('dashboard-count'), ['Showing 3 rate reviews on the first page']);
    await check('05-rate-reviews');

    await page.getByLabel('States', { exact: true }).selectOption(['MN']);
    await expect.poll(() => new URL(page.url()).search).toBe('?state=MN');
    await page.getByLabel('From', { exact: true }).fill('2025-01-01');
    await page.getByLabel('Sort by').selectOption('period:asc');
    await expect
      .poll(() => new URL(page.url()).search)
      .toBe('?state=MN&period-from=2025-01-01&sort=period&order=asc');
    // The table of the sorted view (the one before the sort shows the same count).
    await expect
      .poll(() =>
        page.getByRole('columnheader', { name: 'Rating period', exact: true }).getAttribute('aria-sort'),
      )
      .toBe('ascending');
    await expectTexts(page.getByTestId('dashboard-count'), ['Showing 2 rate reviews on the first page']);
    rateNames = await rowNames(page);
    expect(rateNames).toHaveLength(2);
    expect(rateNames[0]).toMatch(/^MCR-MN-PMAP-20250701-20260630-/);
    expect(rateNames[1]).toMatch(/^MCR-MN-SNBC-20260101-20261231-/);
    rateView = page.url();
    await check('06-rate-reviews-filtered');
  });

  it('shows the same rate reviews to another browser that opens the address, and exports them', async () => {
    const { page, docket } = journey();
    const browser = page.context().browser();
    if (!browser) throw new Error('no browser');
    const other = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const second = await other.newPage();
      await signInAs(second, docket.url, CMS_REVIEWER);
      await second.goto(rateView);
      await expectTexts(second.getByTestId('dashboard-count'), ['Showing 2 rate reviews on the first page']);
      expect(await rowNames(second)).toEqual(rateNames);
      await expect.poll(() => second.getByLabel('From', { exact: true }).inputValue()).toBe('2025-01-01');
      await checkPage(second, 'dashboard-pglite-07-rate-reviews-shared');
    } finally {
      await other.close();
    }
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Export CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('rate-reviews.csv');
    const text = (await readFile(await download.path())).toString('utf8');
    expect(text.startsWith('\uFEFFRate review,State,Rate number,')).toBe(true);
    const rows = text.slice(1).trimEnd().split('\r\n').slice(1);
    expect(rows.map((row) => row.split(',')[0])).toEqual(rateNames);
  });
});
