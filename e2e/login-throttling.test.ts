import { expect, it } from 'vitest';
import { describeJourney } from './support/journey';
import { checkPage, signInAs, signOut } from './support/pages';
import { MN_STATE_USER } from './support/people';
import { PGLITE } from './support/stores';

const JOURNEY = 'Sign-in throttling';

/** Someone other than the state user guesses at the state user's password, outside any browser. */
async function guessAtPassword(baseUrl: string, times: number): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < times; i++) {
    const response = await fetch(`${baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: MN_STATE_USER.email, password: `guess ${i}` }),
    });
    statuses.push(response.status);
  }
  return statuses;
}

/**
 * Failed sign-ins slow down further attempts at an account, but never in the browser its user signed in from
 * before: a browser the account never used is told how long to wait; the state user's own browser signs in.
 */
describeJourney('login-throttling', JOURNEY, [PGLITE], (journey) => {
  it('signs the state user in once, which remembers this browser', async () => {
    const { page, docket } = journey();
    await signInAs(page, docket.url, MN_STATE_USER);
    await signOut(page);
  });

  it('tells a browser the account never used how long to wait, after someone failed at it too often', async () => {
    const { page, docket } = journey();
    expect(await guessAtPassword(docket.url, 6)).toEqual([401, 401, 401, 401, 401, 429]);

    const browser = page.context().browser();
    if (!browser) throw new Error('the journey has no browser');
    const elsewhere = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const stranger = await elsewhere.newPage();
      await stranger.goto(`${docket.url}/login`);
      await stranger.getByLabel('Email address').fill(MN_STATE_USER.email);
      await stranger.getByLabel('Password').fill(MN_STATE_USER.password);
      await stranger.getByRole('button', { name: 'Sign in' }).click();
      const alert = stranger.getByRole('alert');
      await alert.getByText(/^Too many failed attempts; try again in \d+ seconds\.$/).waitFor();
      expect(await alert.getByRole('heading').textContent()).toBe('You could not be signed in');
      await checkPage(stranger, 'login-throttling-pglite-01-refused-elsewhere');
    } finally {
      await elsewhere.close();
    }
  });

  it('still signs the state user in from the browser they used before', async () => {
    const { page, docket, check } = journey();
    await signInAs(page, docket.url, MN_STATE_USER);
    await check('02-signed-in-from-known-browser');
  });
});
