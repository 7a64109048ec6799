/**
 * How the entries of an archive hold their content: as it is (format versions 1 and 2, and `--unencrypted`), or
 * encrypted and authenticated (version 3, `SealedEntries`). Writers and readers of parts, the blob index, blobs
 * and the manifest go through one of these, so that every check of an archive is the same for both.
 */
export interface EntryCodec {
  /** True when entries are encrypted and authenticated with the operator's key. */
  readonly sealed: boolean;
  /**
   * The bytes to store for an entry, from its content, streaming. `role` says what the entry is, and a sealed
   * entry is bound to it: the entry's name, or `BLOB_ROLE` for a blob (whose name comes from its content).
   */
  encode(role: string, content: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): AsyncGenerator<Buffer>;
  /**
   * An entry's content, from its bytes as stored, streaming; a sealed entry gives each piece only once it is
   * authenticated. `name` is for messages.
   * @throws ArchiveError when the bytes are not what `encode` made for this role in this archive
   */
  decode(
    role: string,
    stored: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
    name: string,
  ): AsyncGenerator<Buffer>;
  /** How many bytes an entry of `contentSize` bytes of content takes as stored. */
  storedSize(contentSize: number): number;
  /** The name of the entry that holds the blob whose content has this SHA-256. */
  blobFile(sha256: string): string;
}

/** The role of every blob entry. */
export const BLOB_ROLE = 'blobs/';

async function* asBuffers(chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): AsyncGenerator<Buffer> {
  for await (const chunk of chunks) yield Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
}

/** Entries that hold their content as it is: blobs are named by the SHA-256 of their bytes. */
export const CLEAR_ENTRIES: EntryCodec = {
  sealed: false,
  encode: (_role, content) => asBuffers(content),
  decode: (_role, stored) => asBuffers(stored),
  storedSize: (contentSize) => contentSize,
  blobFile: (sha256) => `${BLOB_ROLE}${sha256}`,
};
