import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD, DEMO_EMAIL_DOMAIN } from '@docket/server';
import { dropDynamoDbTable, dynamoDbLocalOfRun } from '@docket/store/testing';
import { findChromium, launchChromium } from './support/chromium';
import { buildWebApp, startDocket, type RunningDocket } from './support/docket';
import { checkPage, signIn, signOut } from './support/pages';
import { available } from './support/requirements';

const chromiumPath = findChromium();
const runs = available(
  'Chromium (end-to-end journey)',
  chromiumPath !== null,
  'install Debian\'s "chromium" package or set DOCKET_TEST_CHROMIUM',
);
const dynamodb = dynamoDbLocalOfRun();
const runsOnDynamoDb =
  runs &&
  available(
    'DynamoDB Local (end-to-end journey on DynamoDB)',
    dynamodb.endpoint !== null,
    dynamodb.unavailable ?? '',
  );

const STATE_USER = `state.mn@${DEMO_EMAIL_DOMAIN}`;
const CMS_USER = `cms.reviewer@${DEMO_EMAIL_DOMAIN}`;

/** The web app is built once, for every datastore the journey runs on. */
let webAppBuilt = false;
function buildWebAppOnce(): void {
  if (webAppBuilt) return;
  buildWebApp();
  webAppBuilt = true;
}

/** A datastore the journey runs on: a `DOCKET_STORE` value, and what to remove once the journey is over. */
interface JourneyStore {
  store: string;
  dispose(): Promise<void>;
}

/**
 * The walking skeleton's slice in a real browser: a state analyst starts, saves and submits a contract; a CMS
 * reviewer finds it and unlocks it with a reason; the state resubmits with a reason; both see the history.
 */
function filingJourney(name: string, label: string, shouldRun: boolean, makeStore: () => JourneyStore): void {
  describe.skipIf(!shouldRun)(`filing journey in Chromium (${label})`, () => {
    let docket: RunningDocket;
    let browser: Browser;
    let page: Page;
    let summaryUrl: string;
    let store: JourneyStore | undefined;

    beforeAll(async () => {
      buildWebAppOnce();
      store = makeStore();
      docket = await startDocket(store.store);
      browser = await launchChromium(chromiumPath ?? '');
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      page = await context.newPage();
    }, 240_000);

    afterAll(async () => {
      await browser?.close();
      await docket?.close();
      await store?.dispose();
    });

    it('lets a state analyst start a submission and shows every missing answer at submit', async () => {
      await page.goto(`${docket.url}/login`);
      await checkPage(page, `${name}-01-login`);
      await signIn(page, docket.url, STATE_USER, DEMO_PASSWORD);
      await page.getByRole('heading', { name: 'Submissions', level: 1 }).waitFor();
      await checkPage(page, `${name}-02-state-dashboard-empty`);

      await page.getByRole('button', { name: 'Start new submission' }).click();
      await page.getByRole('heading', { name: 'Submission details', level: 1 }).waitFor();
      await checkPage(page, `${name}-03-new-submission-form`);

      await page.getByRole('button', { name: 'Submit', exact: true }).click();
      const summary = page.getByTestId('error-summary');
      await summary.waitFor();
      for (const missing of [
        /population/i,
        /program/i,
        /submission type/i,
        /contract action type/i,
        /describe/i,
      ]) {
        await expect.poll(() => summary.textContent()).toMatch(missing);
      }
      await checkPage(page, `${name}-04-submit-errors`);
    });

    it('saves a draft and submits it once every answer is given', async () => {
      await page
        .getByRole('group', { name: /populations/ })
        .getByLabel('Medicaid', { exact: true })
        .check();
      await page
        .getByRole('group', { name: /Programs/ })
        .getByRole('checkbox')
        .first()
        .check();
      await page.getByLabel('Contract action only').check();
      await page.getByLabel('Base contract', { exact: true }).check();
      await page
        .getByRole('group', { name: /risk-based/ })
        .getByLabel('Yes')
        .check();
      await page
        .getByLabel('Submission description')
        .fill('Base contract for the 2027 Medicaid managed care year.');
      await page.getByLabel('Given name').fill('Ann');
      await page.getByLabel('Family name').fill('Lee');
      await page.getByLabel('Title/role').fill('Managed care analyst');
      await page.getByLabel('Email', { exact: true }).fill('ann.lee@state.mn.example');

      await page.getByRole('button', { name: 'Save as draft' }).click();
      await page.getByText(/Draft saved at/).waitFor();
      await checkPage(page, `${name}-05-draft-saved`);

      await page.getByRole('button', { name: 'Submit', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: /^MCR-MN-\d{4}-/ }).waitFor();
      summaryUrl = page.url();
      await expect.poll(() => page.locator('main').textContent()).toContain('Submitted');
      await checkPage(page, `${name}-06-submitted-summary`);
      await signOut(page);
    });

    it('lets a CMS reviewer find the submission and unlock it with a reason', async () => {
      await signIn(page, docket.url, CMS_USER, DEMO_PASSWORD);
      await page.getByRole('heading', { name: 'Submissions', level: 1 }).waitFor();
      const link = page.getByRole('link', { name: /^MCR-MN-\d{4}-/ });
      await link.first().waitFor();
      await checkPage(page, `${name}-07-cms-dashboard`);

      await link.first().click();
      await page.getByRole('button', { name: 'Unlock submission' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('button', { name: 'Unlock' }).click();
      await dialog.getByText(/Enter a reason for unlocking/i).waitFor();
      await dialog
        .getByLabel('Reason for unlocking')
        .fill('Please correct the contract dates in the description.');
      await checkPage(page, `${name}-08-unlock-dialog`);
      await dialog.getByRole('button', { name: 'Unlock' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await expect
        .poll(() => page.locator('main').textContent())
        .toContain('Please correct the contract dates');
      await expect(page.getByRole('button', { name: 'Unlock submission' }).count()).resolves.toBe(0);
      await checkPage(page, `${name}-09-unlocked-summary-cms`);
      await signOut(page);
    });

    it('lets the state resubmit with a reason, and both sides see the history', async () => {
      await signIn(page, docket.url, STATE_USER, DEMO_PASSWORD);
      await page.goto(summaryUrl);
      await page.getByRole('link', { name: 'Edit submission' }).click();
      await page.getByRole('heading', { name: 'Submission details', level: 1 }).waitFor();
      await page
        .getByLabel('Submission description')
        .fill('Base contract for 2027, with the corrected dates.');
      await page.getByRole('button', { name: 'Resubmit' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Reason for resubmitting').fill('Corrected the dates as asked.');
      await checkPage(page, `${name}-10-resubmit-dialog`);
      await dialog.getByRole('button', { name: 'Resubmit' }).click();
      await page.getByRole('heading', { level: 1, name: /^MCR-MN-\d{4}-/ }).waitFor();
      await expect.poll(() => page.locator('main').textContent()).toContain('Resubmitted');
      const history = await page.locator('main').textContent();
      expect(history).toContain('Corrected the dates as asked.');
      expect(history).toContain('Please correct the contract dates in the description.');
      await checkPage(page, `${name}-11-resubmitted-summary-state`);
      await signOut(page);

      await signIn(page, docket.url, CMS_USER, DEMO_PASSWORD);
      await page.goto(summaryUrl);
      await page.getByRole('heading', { level: 1, name: /^MCR-MN-\d{4}-/ }).waitFor();
      await expect.poll(() => page.locator('main').textContent()).toContain('Corrected the dates as asked.');
      expect(await page.locator('main').textContent()).toContain('Minnie Lindqvist');
      await checkPage(page, `${name}-12-resubmitted-summary-cms`);
    });
  });
}

filingJourney('pglite', 'PGlite', runs, () => ({ store: 'pglite:memory', dispose: async () => {} }));

filingJourney('dynamodb', 'DynamoDB Local', runsOnDynamoDb, () => {
  const { endpoint } = dynamodb;
  if (endpoint === null) throw new Error('DynamoDB Local is not running');
  const table = `docket-e2e-${Date.now().toString(36)}`;
  return {
    store: `dynamodb://${table}?region=us-east-1&endpoint=${endpoint}`,
    dispose: () => dropDynamoDbTable(endpoint, table),
  };
});
