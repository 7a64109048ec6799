import { existsSync, readdirSync, rmSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { findChromium, launchChromium } from './chromium';
import { buildWebApp, startDocket, type RunningDocket } from './docket';
import { checkPage, keepScreenshot, SCREENSHOTS } from './pages';
import { available } from './requirements';
import type { JourneyDatastore, JourneyStore } from './stores';

const chromiumPath = findChromium();
const chromiumRuns = available(
  'Chromium (end-to-end journeys)',
  chromiumPath !== null,
  'install Debian\'s "chromium" package or set DOCKET_TEST_CHROMIUM',
);

/** Removes the screenshots an earlier run of this journey left, so the folder shows this run only. */
function removeScreenshots(prefix: string): void {
  if (!existsSync(SCREENSHOTS)) return;
  for (const file of readdirSync(SCREENSHOTS)) {
    if (file.startsWith(prefix) && file.endsWith('.png')) rmSync(`${SCREENSHOTS}${file}`);
  }
}

/** What the steps of a journey share: the running Docket, and one browser tab. */
export interface Journey {
  docket: RunningDocket;
  page: Page;
  /**
   * `checkPage` under a name that says which journey, datastore and step it is: `{journey}-{store}-{name}`, so
   * the screenshots of every run sit side by side in test-output/screenshots.
   */
  check(name: string, options?: { settle?: boolean }): Promise<void>;
}

/**
 * Declares a journey once for several datastores: for each, a suite whose steps (`it`s, in order) share one
 * Docket on a fresh datastore and one signed-out browser tab. `steps` receives a getter, since the journey only
 * exists once the suite's `beforeAll` has run.
 */
export function describeJourney(
  name: string,
  title: string,
  stores: readonly JourneyStore[],
  steps: (journey: () => Journey) => void,
  /** What the journey's server does differently: a short idle timeout of sessions. */
  server: { sessionIdleSeconds?: number } = {},
): void {
  for (const store of stores) {
    describe.skipIf(!chromiumRuns || !store.runs)(`${title} in Chromium (${store.label})`, () => {
      let current: Journey | undefined;
      let browser: Browser | undefined;
      let docket: RunningDocket | undefined;
      let datastore: JourneyDatastore | undefined;

      beforeAll(async () => {
        removeScreenshots(`${name}-${store.name}-`);
        const webRoot = await buildWebApp();
        datastore = await store.create();
        const running = await startDocket(datastore.store, webRoot, server);
        docket = running;
        browser = await launchChromium(chromiumPath ?? '');
        const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
        // Long enough for a busy machine, short enough that a missing element fails the step soon.
        context.setDefaultTimeout(15_000);
        const page = await context.newPage();
        // What goes wrong in the page shows in the test output, next to the step that fails because of it.
        page.on('pageerror', (error) =>
          console.error(`[${name}/${store.name}] page error: ${error.message}`),
        );
        current = {
          docket: running,
          page,
          check: (step, options) => checkPage(page, `${name}-${store.name}-${step}`, options),
        };
      }, 240_000);

      // A failed step leaves a screenshot of where the browser was, beside the others.
      afterEach(async ({ task }) => {
        if (task.result?.state !== 'fail' || !current) return;
        const step = task.name.replace(/[^a-z0-9]+/gi, '-').toLowerCase();
        await keepScreenshot(current.page, `${name}-${store.name}-FAILED-${step}`).catch(() => undefined);
      });

      afterAll(async () => {
        await browser?.close();
        await docket?.close();
        await datastore?.dispose();
      });

      steps(() => {
        if (!current) throw new Error('the journey did not start');
        return current;
      });
    });
  }
}
