/**
 * Suites that need something a fresh machine may lack (a PostgreSQL server, Java, Chromium) run when it is there
 * and say loudly when they skip. Under DOCKET_TEST_REQUIRE_ALL=1 a skip is a failure instead.
 */
export const requireAll = process.env.DOCKET_TEST_REQUIRE_ALL === '1';

/** Announces a skip; throws when every suite is required. Returns true when the suite should run. */
export function available(what: string, present: boolean, howToEnable: string): boolean {
  if (present) return true;
  const message = `${what} is not available: ${howToEnable}`;
  if (requireAll) throw new Error(`DOCKET_TEST_REQUIRE_ALL=1 but ${message}`);
  console.warn(`\n  SKIPPED: ${message}\n`);
  return false;
}
