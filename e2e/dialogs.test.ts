import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { apiLogin } from './support/api';
import { draftContractOnly, medicaidBaseContract, programId } from './support/arrange';
import { pdfFile } from './support/files';
import { onStep, submitDialog } from './support/filing-form';
import { describeJourney } from './support/journey';
import { signInAs } from './support/pages';
import { MN_STATE_USER } from './support/people';
import { PGLITE } from './support/stores';
import { expectTexts } from './support/summary';

/** The text of the element that has focus, and its tag. */
function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const active = document.activeElement;
    return active ? `${active.tagName.toLowerCase()}: ${(active.textContent ?? '').trim()}` : '';
  });
}

/** A gate the test opens: requests routed through it wait until then. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

/**
 * The dialogs in a real browser: Chromium's own Escape handling (which a second Escape in a row forces), its own
 * return of focus, and how the busy and conflict dialogs look, with axe run on each.
 */
describeJourney('dialogs', 'Dialogs that wait, give focus back and ask', [PGLITE], (journey) => {
  it('gives focus back to Submit when "Ready to submit?" is closed with Escape', async () => {
    const { page, docket } = journey();
    const draft = await draftContractOnly(docket.url, MN_STATE_USER, 'PMAP', {
      contract: [pdfFile('pmap-2026-contract.pdf', 'PMAP contract 2026')],
      supporting: [],
    });
    await signInAs(page, docket.url, MN_STATE_USER);
    await page.goto(`${docket.url}/submissions/${draft.id}/edit/review`);
    await onStep(page, 'Review and submit');
    await page.getByRole('button', { name: 'Submit', exact: true }).click();
    await submitDialog(page).waitFor();
    expect(await focused(page)).toBe('button: Submit');
    await page.keyboard.press('Escape');
    await submitDialog(page).waitFor({ state: 'hidden' });
    expect(await focused(page)).toBe('button: Submit');
  });

  it('keeps "Ready to submit?" open and busy while the submission is on its way', async () => {
    const { page, check } = journey();
    const submit = gate();
    await page.route('**/api/contracts/*/submit', async (route) => {
      await submit.opened;
      await route.continue();
    });
    await page.getByRole('button', { name: 'Submit', exact: true }).click();
    const dialog = submitDialog(page);
    await dialog.getByRole('button', { name: 'Submit', exact: true }).click();
    const busy = dialog.getByRole('button', { name: 'Submitting…' });
    await busy.waitFor();
    expect(await busy.getAttribute('aria-disabled')).toBe('true');
    await check('01-submit-busy', { settle: false });

    // Escape twice (Chromium closes a dialog on a second Escape whatever the page says), Cancel, the close button.
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await dialog.getByRole('button', { name: 'Cancel' }).click({ force: true });
    await dialog.getByRole('button', { name: 'Close this window' }).click({ force: true });
    expect(await dialog.isVisible()).toBe(true);
    expect(await busy.isVisible()).toBe(true);

    submit.open();
    await page.getByText(/was submitted to CMS\.$/).waitFor();
    await page.unroute('**/api/contracts/*/submit');
  });

  let editPath = '';

  it('asks what to do when someone else saved first, keeping what was typed', async () => {
    const { page, docket, check } = journey();
    const draft = await draftContractOnly(docket.url, MN_STATE_USER, 'SNBC', {
      contract: [pdfFile('snbc-2026-contract.pdf', 'SNBC contract 2026')],
      supporting: [],
    });
    editPath = `/submissions/${draft.id}/edit/submission-type`;
    await page.goto(`${docket.url}${editPath}`);
    await onStep(page, 'Submission details');

    // A colleague saves the same draft meanwhile.
    const colleague = await apiLogin(docket.url, MN_STATE_USER.email, MN_STATE_USER.password);
    try {
      const form = medicaidBaseContract(
        await programId(colleague, 'SNBC'),
        'The colleague’s description.',
        [await colleague.upload(pdfFile('snbc-2026-contract-v2.pdf', 'SNBC contract 2026, v2'))],
        [],
        'CONTRACT_ONLY',
      );
      await colleague.saveDraft(draft, form, []);
    } finally {
      await colleague.dispose();
    }

    const description = page.getByLabel('Submission description');
    await description.fill('My own description, typed here.');
    const save = page.getByRole('button', { name: 'Save as draft' });
    await save.click();
    const dialog = page.getByRole('dialog', { name: 'Someone else changed this submission' });
    await dialog.waitFor();
    expect(await focused(page)).toBe('button: Keep editing');
    await check('02-conflict-question');

    await dialog.getByRole('button', { name: 'Keep editing' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await description.inputValue()).toBe('My own description, typed here.');
    expect(await focused(page)).toBe('button: Save as draft');

    await page.getByRole('button', { name: 'Reload the submission…' }).click();
    await dialog.getByRole('button', { name: 'Reload and lose my changes' }).click();
    await expect.poll(() => description.inputValue()).toBe('The colleague’s description.');
  });

  it('signs out with a CSRF token gone stale, and the session really ends', async () => {
    const { page, docket } = journey();
    // Signing in again elsewhere in the browser (another tab) gives it a new session: this page's token is stale.
    const again = await page.context().request.post(`${docket.url}/api/auth/login`, {
      data: { email: MN_STATE_USER.email, password: MN_STATE_USER.password },
    });
    expect(again.status()).toBe(200);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to Docket' }).waitFor();
    await expectTexts(page.getByRole('main'), ['You have signed out.']);
    const me = await page.request.get(`${docket.url}/api/me`);
    expect(me.status()).toBe(401);
    await page.goto(`${docket.url}${editPath}`);
    await page.getByRole('heading', { name: 'Sign in to Docket' }).waitFor();
  });
});
