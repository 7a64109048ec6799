import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { byId, choose, onStep } from './support/filing-form';
import { describeJourney } from './support/journey';
import { signInAs } from './support/pages';
import { PMAP, MN_STATE_USER } from './support/people';
import { PGLITE } from './support/stores';

/** The id of the element that has focus. */
function focusedId(page: Page): Promise<string> {
  return page.evaluate(() => document.activeElement?.id ?? '');
}

function description(page: Page) {
  return page.getByLabel('Submission description');
}

/** Types into the description as a person does, key by key (which also lets the page ask before unloading). */
async function typeDescription(page: Page, text: string): Promise<void> {
  await description(page).fill('');
  await description(page).pressSequentially(text);
}

async function saveDraft(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Save as draft' }).click();
}

/**
 * What keeps a state user's answers: a description the server refuses is shown at its field; leaving with
 * answers not saved asks first; and a session that ends while typing is renewed over the page, then the answers
 * are saved.
 */
describeJourney(
  'unsaved-answers',
  'Answers kept through refusals, leaving and an ended session',
  [PGLITE],
  (journey) => {
    let editPath = '';

    it('shows a description the server refuses as too long at its field, linked from the summary', async () => {
      const { page, docket, check } = journey();
      await signInAs(page, docket.url, MN_STATE_USER);
      await page.getByRole('link', { name: 'Start new submission' }).click();
      await onStep(page, 'Submission details');
      await choose(page, /populations/, 'Medicaid');
      await page
        .getByRole('group', { name: /^Programs this contract action covers/ })
        .getByLabel(PMAP, { exact: true })
        .check();
      await choose(page, /submission type/, 'Contract action only');
      await choose(page, /^Contract action type/, 'Base contract');
      await saveDraft(page);
      await page.getByText(/^Draft saved at /).waitFor();
      editPath = new URL(page.url()).pathname;

      // The field takes a 1,501st character (its count says how many are over); the server refuses it.
      await description(page).fill('x'.repeat(1501));
      await saveDraft(page);
      const link = page
        .getByTestId('error-summary')
        .getByRole('link', { name: 'Submission description: At most 1500 characters' });
      await link.waitFor();
      await expect
        .poll(() => byId(page, 'submissionDescription-error').textContent())
        .toBe('At most 1500 characters');
      await check('01-description-too-long');
      await link.click();
      await expect.poll(() => focusedId(page)).toBe('submissionDescription');

      await typeDescription(page, 'Base contract for 2027.');
      await saveDraft(page);
      await page.getByText(/^Draft saved at /).waitFor();
      expect(await page.getByTestId('error-summary').count()).toBe(0);
    });

    it('asks before a link leads away from answers not saved, and before a reload', async () => {
      const { page, check } = journey();
      await typeDescription(page, 'Base contract for 2027, with a change not saved.');
      await page
        .getByRole('navigation', { name: 'Breadcrumbs' })
        .getByRole('link', { name: 'Dashboard' })
        .click();
      const dialog = page.getByRole('dialog', { name: 'Leave without saving?' });
      await dialog.waitFor();
      await check('02-leave-dialog');
      await dialog.getByRole('button', { name: 'Stay on this page' }).click();
      await dialog.waitFor({ state: 'hidden' });
      expect(new URL(page.url()).pathname).toBe(editPath);
      expect(await description(page).inputValue()).toBe('Base contract for 2027, with a change not saved.');

      const asked = new Promise<string>((resolve) => {
        page.once('dialog', (question) => {
          resolve(question.type());
          void question.dismiss();
        });
      });
      void page.evaluate(() => window.location.reload()).catch(() => undefined);
      expect(await asked).toBe('beforeunload');
      expect(await description(page).inputValue()).toBe('Base contract for 2027, with a change not saved.');

      // Leaving goes, once chosen.
      await page
        .getByRole('navigation', { name: 'Breadcrumbs' })
        .getByRole('link', { name: 'Dashboard' })
        .click();
      await dialog.getByRole('button', { name: 'Leave without saving' }).click();
      await page.getByRole('heading', { name: 'Submissions', level: 1 }).waitFor();
    });

    it('renews a session that ended while typing, over the page, and saves what was typed', async () => {
      const { page, docket, check } = journey();
      await page.goto(`${docket.url}${editPath}`);
      await onStep(page, 'Submission details');
      await typeDescription(page, 'Typed while the session ended.');

      // The session ends: the browser no longer holds its cookie.
      await page.context().clearCookies();
      await saveDraft(page);
      const dialog = page.getByRole('dialog', { name: 'Your session has ended' });
      await dialog.waitFor();
      expect(await dialog.getByLabel('Email address').inputValue()).toBe(MN_STATE_USER.email);
      expect(await description(page).inputValue()).toBe('Typed while the session ended.');
      await check('03-sign-in-again');

      await dialog.getByLabel('Password').fill(MN_STATE_USER.password);
      await dialog.getByRole('button', { name: 'Sign in and continue' }).click();
      await page.getByText(/^Draft saved at /).waitFor();
      await dialog.waitFor({ state: 'hidden' });
      expect(new URL(page.url()).pathname).toBe(editPath);
      await check('04-saved-after-sign-in');

      // What the server holds now: the page loaded afresh shows the answer typed before the session ended.
      await page.reload();
      await onStep(page, 'Submission details');
      expect(await description(page).inputValue()).toBe('Typed while the session ended.');
    });
  },
);
