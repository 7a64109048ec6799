import { expect, it } from 'vitest';
import { describeJourney } from './support/journey';
import { checkPage, signInAs } from './support/pages';
import { MN_STATE_USER } from './support/people';
import { PGLITE } from './support/stores';

const JOURNEY = 'Session timeout and ending sessions';
/** Short, so the warning (a third of it before the end: 10 seconds) and the end come within the journey. */
const IDLE_SECONDS = 30;

/**
 * The state user's account page, logging out of another browser's session (which that browser notices by itself),
 * then the idle warning: staying logged in keeps the page; letting it run out lands on the sign-in page saying why.
 */
describeJourney(
  'session-timeout',
  JOURNEY,
  [PGLITE],
  (journey) => {
    it('shows the account page from the name in the header', async () => {
      const { page, docket, check } = journey();
      await signInAs(page, docket.url, MN_STATE_USER);
      await page.getByRole('link', { name: MN_STATE_USER.name }).click();
      await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
      await expect.poll(() => page.getByText(MN_STATE_USER.email).count()).toBeGreaterThan(0);
      await check('01-account');
    });

    it('logs out of the other sessions, and the other browser is sent to sign in by its own check', async () => {
      const { page, docket, check } = journey();
      const browser = page.context().browser();
      if (!browser) throw new Error('the journey has no browser');
      const elsewhere = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      try {
        const other = await elsewhere.newPage();
        await signInAs(other, docket.url, MN_STATE_USER);

        await page.getByRole('button', { name: 'Log out of other sessions' }).click();
        const dialog = page.getByRole('dialog', { name: 'Log out of other sessions?' });
        await dialog.waitFor();
        await check('02-end-other-sessions-dialog');
        await dialog.getByRole('button', { name: 'Log out of other sessions' }).click();
        await page.getByText('You were logged out of 1 session elsewhere.').waitFor();

        // The other browser's page comes back into focus: it checks its session, without extending it.
        await other.evaluate(() => window.dispatchEvent(new Event('focus')));
        await other.getByRole('heading', { name: 'Sign in to Docket' }).waitFor();
        await other
          .getByText(/your session was ended, from another browser or by an administrator/)
          .waitFor();
        await checkPage(other, 'session-timeout-pglite-03-ended-elsewhere');
      } finally {
        await elsewhere.close();
      }
    });

    it('warns before the idle timeout; Stay logged in keeps the page', async () => {
      const { page, check } = journey();
      const warning = page.getByRole('dialog', { name: 'Your session is about to end' });
      await warning.waitFor({ timeout: 45_000 });
      await expect.poll(() => warning.getByTestId('idle-time-left').textContent()).toMatch(/seconds?$/);
      await check('04-idle-warning', { settle: false });
      await warning.getByRole('button', { name: 'Stay logged in' }).click();
      await warning.waitFor({ state: 'hidden' });
      expect(new URL(page.url()).pathname).toBe('/account');
      await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
    });

    it('lands on the sign-in page saying why when the time runs out', async () => {
      const { page, check } = journey();
      await page.getByRole('dialog', { name: 'Your session is about to end' }).waitFor({ timeout: 45_000 });
      await page.getByRole('heading', { name: 'Sign in to Docket' }).waitFor({ timeout: 30_000 });
      await page.getByText('You were logged out because your session was inactive for too long.').waitFor();
      await check('05-timed-out');
    });
  },
  { sessionIdleSeconds: IDLE_SECONDS },
);
