import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Where Debian's Chromium is, or null when this machine has none. Never downloads a browser. */
export function findChromium(): string | null {
  const fromEnv = process.env.DOCKET_TEST_CHROMIUM;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : null;
  for (const name of ['chromium', 'chromium-browser']) {
    try {
      const path = execFileSync('which', [name], { encoding: 'utf8' }).trim();
      if (path) return path;
    } catch {
      // not on the PATH under this name
    }
  }
  return null;
}

/**
 * Launches headless Chromium. Playwright gives every launch a fresh temporary profile (`--user-data-dir`) and
 * removes it on close; the flags keep Chromium from reaching for any network but loopback.
 */
export async function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
