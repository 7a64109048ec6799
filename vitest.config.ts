import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'packages/*/test/**/*.test.ts',
      'packages/*/src/**/*.test.{ts,tsx}',
      'e2e/**/*.test.ts',
      'bench/test/**/*.test.ts',
    ],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Two test files at a time even on two cores: most tests wait on an engine in another process (the PostgreSQL
    // server, DynamoDB Local, Chromium), so one worker leaves the machine half idle. DOCKET_TEST_WORKERS overrides.
    maxWorkers: Number(process.env.DOCKET_TEST_WORKERS ?? 2),
    // One DynamoDB Local (Java) for the whole run, when Java is there; each test file makes its own tables in it.
    globalSetup: ['packages/store/test/conformance/dynamodb-local-setup.ts'],
    // The web's tests wait for what a page shows with a ceiling that allows for a busy machine.
    setupFiles: ['packages/web/src/testing/async-waits.ts'],
    // In CI every test is listed, so the log shows which adapters and engines each suite ran on.
    reporters: process.env.CI ? ['verbose'] : ['default'],
  },
});
