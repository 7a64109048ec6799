import { REFERENCE_PROGRAMS, STATES } from '@docket/domain';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Datastore } from '../../src/datastore';
import { ADAPTERS, type DatastoreAdapter, type OptionalCapability } from './adapters';

/** What a conformance test body gets: the adapter under test and its datastore. */
export interface DatastoreUnderTest {
  readonly adapter: DatastoreAdapter;
  /** The file's datastore, seeded with the reference states and programs. Use it inside tests and hooks only. */
  readonly datastore: Datastore;
  /**
   * `it`, for a test that needs an optional capability. On an adapter that declares the capability unsupported
   * the test is still listed, titled as not supported, so that nothing is skipped silently.
   */
  itWith(capability: OptionalCapability, title: string, fn: () => Promise<void>): void;
}

/** Set in CI, where every adapter's engine is installed: an adapter that cannot run is then a failure. */
const REQUIRE_ALL = process.env.DOCKET_TEST_REQUIRE_ALL === '1';

/**
 * Runs `body` once per adapter, each in its own `describe` with one datastore for the whole block: created and
 * seeded before the first test, closed (and disposed of) after the last. Call it once per test file; tests isolate
 * themselves with fresh ids and fresh states (see `freshState`).
 *
 * An adapter that cannot run here is skipped with a loud warning, or fails when `DOCKET_TEST_REQUIRE_ALL=1`.
 */
export function describeEachDatastore(title: string, body: (t: DatastoreUnderTest) => void): void {
  for (const adapter of ADAPTERS) {
    const unavailable = adapter.unavailableReason();
    const blockTitle = `${title} [${adapter.name}]`;

    if (unavailable !== null && REQUIRE_ALL) {
      describe(blockTitle, () => {
        it(`needs ${adapter.label}`, () => {
          throw new Error(
            `${adapter.label} conformance cannot run: ${unavailable}. DOCKET_TEST_REQUIRE_ALL=1 forbids skipping it.`,
          );
        });
      });
      continue;
    }
    if (unavailable !== null) {
      console.warn(`SKIPPED: ${adapter.label} conformance — ${unavailable} [${title}]`);
    }

    describe.skipIf(unavailable !== null)(blockTitle, () => {
      let current: Datastore | null = null;
      beforeAll(async () => {
        current = await adapter.create();
        await current.states.upsertStates(STATES);
        await current.states.upsertPrograms(REFERENCE_PROGRAMS);
      });
      afterAll(async () => {
        await current?.close();
        current = null;
      });
      body({
        adapter,
        get datastore(): Datastore {
          if (!current) throw new Error('The datastore exists only inside tests and hooks');
          return current;
        },
        itWith(capability, testTitle, fn) {
          if (adapter.unsupported.includes(capability)) {
            it(`${testTitle} — not supported by ${adapter.name} (${capability})`, () => {});
          } else {
            it(testTitle, fn);
          }
        },
      });
    });
  }
}
