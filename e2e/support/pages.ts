import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { expect } from 'vitest';
import { errors, type Page } from 'playwright-core';

export const SCREENSHOTS = fileURLToPath(new URL('../../test-output/screenshots/', import.meta.url));

/**
 * Looks at the page as a person and an assistive technology would: waits for it to settle, keeps a full-page
 * screenshot as test output, and fails on any axe violation (WCAG 2.1 A and AA, and 2.2 AA). `settle: false` looks at once,
 * for a page caught while a request it made is held on purpose.
 */
export async function checkPage(
  page: Page,
  name: string,
  { settle = true }: { settle?: boolean } = {},
): Promise<void> {
  if (settle) await page.waitForLoadState('networkidle');
  await keepScreenshot(page, name);
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  const violations = results.violations.map(
    (v) =>
      `${v.id} (${v.impact ?? 'unknown'}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  expect(violations, `axe violations on ${name}`).toEqual([]);
}

/**
 * Keeps a full-page screenshot as test output. Once in a CI run, on a loaded machine, headless Chromium never
 * delivered the frame a capture waited for, on a page that had settled. A capture that times out is taken once more;
 * any other failure, or a second timeout, fails the step.
 */
export async function keepScreenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const capture = () =>
    page.screenshot({
      path: `${SCREENSHOTS}${name}.png`,
      fullPage: true,
      animations: 'disabled',
      caret: 'hide',
      timeout: 15_000,
    });
  try {
    await capture();
  } catch (error) {
    if (!(error instanceof errors.TimeoutError)) throw error;
    console.warn(`[screenshot ${name}] the capture timed out; taking it again`);
    await capture();
  }
}

export async function signIn(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { name: 'Sign in to Docket' }).waitFor();
}

export async function signInAs(
  page: Page,
  baseUrl: string,
  person: { email: string; password: string },
): Promise<void> {
  await signIn(page, baseUrl, person.email, person.password);
}
