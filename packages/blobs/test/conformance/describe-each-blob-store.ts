import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BlobStore } from '../../src/blob-store';
import { ADAPTERS, type BlobStoreAdapter, type OptionalCapability } from './adapters';

/** What a conformance test body gets: the adapter under test and its store. */
export interface BlobStoreUnderTest {
  readonly adapter: BlobStoreAdapter;
  /** The file's store. Use it inside tests and hooks only. */
  readonly store: BlobStore;
  /**
   * `it`, for a test that needs an optional capability. On an adapter that declares it unsupported the test is
   * still listed, titled as not supported, so that nothing is skipped silently.
   */
  itWith(capability: OptionalCapability, title: string, fn: () => Promise<void>): void;
}

/** Filters the adapters by name, e.g. `DOCKET_TEST_BLOB_STORES=file`; all of them when unset. */
function selectedAdapters(): readonly BlobStoreAdapter[] {
  const wanted = process.env.DOCKET_TEST_BLOB_STORES?.split(',').map((name) => name.trim());
  return wanted === undefined ? ADAPTERS : ADAPTERS.filter((adapter) => wanted.includes(adapter.name));
}

/**
 * Runs `body` once per adapter, each in its own `describe` with one store for the whole block: created before
 * the first test, closed (and disposed of) after the last. Tests isolate themselves with key prefixes of their
 * own (see `freshPrefix`).
 */
export function describeEachBlobStore(title: string, body: (t: BlobStoreUnderTest) => void): void {
  for (const adapter of selectedAdapters()) {
    describe(`${title} [${adapter.name}]`, () => {
      let current: BlobStore | null = null;
      beforeAll(async () => {
        current = await adapter.create();
      });
      afterAll(async () => {
        await current?.close();
        current = null;
      });
      body({
        adapter,
        itWith(capability, title, fn) {
          if (!adapter.unsupported.includes(capability)) {
            it(title, fn);
            return;
          }
          it(`${title} — NOT SUPPORTED by ${adapter.label} (${capability})`, () => {
            expect(adapter.unsupported).toContain(capability);
          });
        },
        get store(): BlobStore {
          if (current === null) throw new Error('the blob store is only available inside tests and hooks');
          return current;
        },
      });
    });
  }
}
