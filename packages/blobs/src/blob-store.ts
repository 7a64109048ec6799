import type { Readable } from 'node:stream';

/** What `put` needs besides the key and the bytes. */
export interface PutBlobOptions {
  /** The MIME type recorded with the blob (S3 serves it back as `Content-Type`; the folder adapter ignores it). */
  readonly contentType: string;
  /** The largest body accepted, in bytes. One byte more and `put` fails with `BlobTooLargeError`. */
  readonly maxBytes: number;
}

/** What `put` measured while the body streamed through. */
export interface PutBlobResult {
  /** Bytes stored. */
  readonly size: number;
  /** SHA-256 of the bytes stored, lowercase hex. */
  readonly sha256: string;
}

/** How the storage should serve a blob at a download link. */
export interface DownloadLinkOptions {
  /** `Content-Type` of the response. */
  readonly contentType: string;
  /** `Content-Disposition` of the response, such as `attachment; filename="…"`. */
  readonly contentDisposition: string;
  /** How long the link works, in whole seconds from now: 1 to 3600. */
  readonly expiresInSeconds: number;
}

/** Longest a download link may live: an hour. */
export const MAX_DOWNLOAD_LINK_SECONDS = 3600;

/** What `head` knows about a stored blob. */
export interface BlobHead {
  readonly size: number;
}

/** One blob in a `list` page. */
export interface BlobListItem {
  readonly key: string;
  readonly size: number;
  readonly lastModified: Date;
}

/** Which blobs `list` returns. */
export interface ListBlobsOptions {
  /** Only keys starting with this; same alphabet as keys (`[a-z0-9/_-]`), may be empty or end with `/`. */
  readonly prefix?: string;
  /** The `nextCursor` of the previous page; absent for the first page. */
  readonly cursor?: string | null;
  /** Most items in the page, 1 to 1000. */
  readonly limit: number;
}

/** One page of `list`. */
export interface BlobPage {
  readonly items: BlobListItem[];
  /** Pass it back as `cursor` for the next page; null when this page is the last. */
  readonly nextCursor: string | null;
}

/** Which leftovers `removeStaleTemporaries` removes. */
export interface StaleTemporariesOptions {
  /** Only what was last written to before this time: a put in progress keeps writing, so keep this hours back. */
  readonly olderThan: Date;
  /** Count what would be removed, remove nothing. */
  readonly dryRun?: boolean;
}

/**
 * Document storage: opaque bytes under server-made keys. Adapters: a local folder (`file/`) and S3 (`s3/`); the
 * conformance suite in `test/conformance` checks both against every promise written here.
 *
 * Keys are made by the server, never taken from a user: one or more segments of `[a-z0-9_-]` joined by `/`, at
 * most 512 characters (so no `..`, no leading, trailing or doubled `/`). Every method refuses another key with
 * `ValidationError` code `INVALID_BLOB_KEY` before touching storage. A key must not also be the start of another
 * key followed by `/` (`a` and `a/b`): the folder adapter cannot hold both, so `put` may fail for the second one.
 *
 * Bodies stream both ways: no method holds a whole blob in memory (the S3 adapter buffers one multipart part).
 */
export interface BlobStore {
  /** Which adapter this is, for logs and `/readyz`. */
  readonly kind: 'file' | 's3';

  /**
   * Stores `body` under `key`, computing its size and SHA-256 as it streams through, and returns them.
   *
   * All or nothing: the blob becomes visible (to `get`, `head`, `list`) only once every byte is stored. If the
   * body errors or is destroyed, if it passes `options.maxBytes` (then the error is `BlobTooLargeError`, code
   * `TOO_LARGE`, and reading stops there), or if storage fails, the promise rejects and no blob is left under
   * `key` nor anywhere else; whatever was under `key` before is untouched. Putting to an existing key replaces
   * it atomically (readers see the old or the new blob, never a mix); the server never does this on purpose,
   * since its keys are fresh ids.
   */
  put(key: string, body: Readable, options: PutBlobOptions): Promise<PutBlobResult>;

  /**
   * Streams the blob under `key`. Rejects with `NotFoundError` (entity `Blob`) when there is none; once the
   * stream is returned, the caller must consume or destroy it.
   */
  get(key: string): Promise<Readable>;

  /** The size of the blob under `key`, or null when there is none. */
  head(key: string): Promise<BlobHead | null>;

  /** Removes the blob under `key`. Idempotent: deleting a missing blob succeeds and does nothing. */
  delete(key: string): Promise<void>;

  /**
   * One page of the stored blobs whose key starts with `prefix`, in ascending key order (byte order, which for
   * the key alphabet is `-` < `/` < digits < `_` < letters). Walking every page with `nextCursor` visits each
   * blob that exists throughout the walk exactly once. Blobs still being written are never listed. Meant for
   * the garbage collector and for copying between stores.
   */
  list(options: ListBlobsOptions): Promise<BlobPage>;

  /**
   * A URL at which the storage itself serves the blob under `key`, with the given headers, until the link expires;
   * or null when this store hands out no links (the folder adapter, or S3 configured to serve downloads through the
   * server). Whoever holds the link can read the blob until then, so call it only once the reader is authorized,
   * and keep links short-lived. Making a link reads nothing: a link to a missing blob answers 404 when used.
   * Refuses a bad key like every method, and with `ValidationError` an `expiresInSeconds` outside 1 to 3600 or a
   * header value that is blank or holds a control character.
   */
  downloadLink(key: string, options: DownloadLinkOptions): Promise<string | null>;

  /**
   * Removes what puts cut short by a crash or a kill left behind, once nothing has written to it since
   * `options.olderThan`, and answers how many there were. Never touches a blob, nor anything of a put still
   * writing after that time. The folder adapter's puts leave temporary files (see `put`); S3's leave incomplete
   * multipart uploads, which no reader sees and which a lifecycle rule on the bucket aborts, so the S3 adapter
   * answers 0.
   */
  removeStaleTemporaries(options: StaleTemporariesOptions): Promise<number>;

  /** Resolves when the storage is reachable (the folder exists, the bucket answers); rejects otherwise. */
  ping(): Promise<void>;

  /** Releases connections and handles. The store must not be used afterwards. */
  close(): Promise<void>;
}
