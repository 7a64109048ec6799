import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BlobStore } from '../../src/blob-store';
import { createFileBlobStore } from '../../src/file';
import { s3rverStore, startS3rver } from './s3rver';

/**
 * Behaviours of the port that an adapter, or its TEST ENGINE, may lack. Real S3 has them all; s3rver (the
 * in-process S3 emulator) lists in its own folder-walk order and fails every truncated listing on Node 20, since it
 * encrypts its continuation tokens with DES, which OpenSSL 3 no longer offers. The folder adapter hands out no
 * download links.
 */
export const OPTIONAL_CAPABILITIES = [
  /** `list` returns keys in byte order. */
  'byte-order-listing',
  /** `list` pages with `nextCursor` when there are more than `limit` blobs. */
  'paginated-listing',
  /** `downloadLink` hands out links the storage serves itself (a folder has no server to serve them). */
  'download-links',
] as const;
export type OptionalCapability = (typeof OPTIONAL_CAPABILITIES)[number];

/** One blob-store adapter the conformance suite runs over. */
export interface BlobStoreAdapter {
  /** Short name, shown in test titles: `file`, `s3`. */
  readonly name: string;
  /** What it is, for people. */
  readonly label: string;
  /** Capabilities its test engine lacks; the tests that need them say so instead of running. */
  readonly unsupported: readonly OptionalCapability[];
  /** A fresh, empty store. Its `close()` also disposes of whatever was made for it (folder, server). */
  create(): Promise<BlobStore>;
}

/** A store that behaves like `store` except for the methods `changes` replaces: for tests that break one. */
export function alike(store: BlobStore, changes: Partial<BlobStore>): BlobStore {
  return {
    kind: store.kind,
    put: (key, body, options) => store.put(key, body, options),
    get: (key) => store.get(key),
    head: (key) => store.head(key),
    delete: (key) => store.delete(key),
    list: (options) => store.list(options),
    downloadLink: (key, options) => store.downloadLink(key, options),
    removeStaleTemporaries: (options) => store.removeStaleTemporaries(options),
    ping: () => store.ping(),
    close: () => store.close(),
    ...changes,
  };
}

/** Replaces a store's `close()` with one that also cleans up after it. */
function closingWith(store: BlobStore, cleanup: () => Promise<void>): BlobStore {
  return alike(store, {
    close: async () => {
      try {
        await store.close();
      } finally {
        await cleanup();
      }
    },
  });
}

/** Every adapter; both run in-process, so none is ever unavailable. */
export const ADAPTERS: readonly BlobStoreAdapter[] = [
  {
    name: 'file',
    label: 'local folder',
    unsupported: ['download-links'],
    async create() {
      const dir = await mkdtemp(join(tmpdir(), 'docket-blobs-'));
      const store = await createFileBlobStore({ dir });
      return closingWith(store, () => rm(dir, { recursive: true, force: true }));
    },
  },
  {
    name: 's3',
    label: 'S3 (in-process s3rver)',
    unsupported: ['byte-order-listing', 'paginated-listing'],
    async create() {
      const server = await startS3rver();
      const store = s3rverStore(server, { presignDownloads: true });
      return closingWith(store, () => server.stop());
    },
  },
];
