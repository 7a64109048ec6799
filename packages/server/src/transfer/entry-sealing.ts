import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';
import { z } from 'zod';
import { ArchiveError } from './archive-entries';
import { BLOB_ROLE, type EntryCodec } from './entry-codec';
import type { BackupKey } from './backup-key';
import { canonicalJson } from './content-hash';

/**
 * The encryption of a version 3 archive (docs/backup-format.md, "Encryption"): a clear header, `encryption.json`,
 * with a random salt and a MAC made with the operator's key; every other entry sealed on its own with
 * AES-256-GCM in 64 KiB chunks, each chunk its own message whose nonce is its index and whether it is the last,
 * under a key of the entry's own (HKDF of the archive's file key and a random nonce at the start of the entry),
 * with the entry's role as additional data. A chunk out of place, a missing or added chunk, an entry moved to
 * another role, an entry of another archive or made with another key: each fails authentication.
 */

export const ENCRYPTION_FILE = 'encryption.json';
export const SEALED_VERSION = 3;
export const CIPHER = 'AES-256-GCM';
export const KDF = 'HKDF-SHA256';
/** Bytes of content per chunk. */
export const CHUNK_BYTES = 64 * 1024;

const SALT_BYTES = 32;
const ENTRY_NONCE_BYTES = 16;
const TAG_BYTES = 16;
const COUNTER_BYTES = 11;
/** Bytes of a whole chunk as stored. */
const SEALED_CHUNK = CHUNK_BYTES + TAG_BYTES;

const INFO = {
  header: 'docket-backup/3 header',
  fileKey: 'docket-backup/3 file key',
  entry: 'docket-backup/3 entry',
  blobNames: 'docket-backup/3 blob names',
};

const base64Of = (bytes: number) =>
  z
    .string()
    .refine(
      (text) =>
        Buffer.from(text, 'base64').length === bytes &&
        Buffer.from(text, 'base64').toString('base64') === text,
      `must be ${bytes} bytes in base64`,
    );

const headerSchema = z.strictObject({
  format: z.literal('docket-backup'),
  version: z.literal(SEALED_VERSION),
  encryption: z.strictObject({
    cipher: z.literal(CIPHER),
    kdf: z.literal(KDF),
    chunkSize: z.literal(CHUNK_BYTES),
    salt: base64Of(SALT_BYTES),
  }),
  mac: base64Of(32),
});
type Header = z.infer<typeof headerSchema>;

/** The MAC of a header, over everything but the MAC. */
function macOf(key: BackupKey, header: Omit<Header, 'mac'>): Buffer {
  const salt = Buffer.from(header.encryption.salt, 'base64');
  return createHmac('sha256', key.derive(salt, INFO.header)).update(canonicalJson(header), 'utf8').digest();
}

function serializeHeader(header: unknown): Buffer {
  return Buffer.from(`${JSON.stringify(header, null, 2)}\n`, 'utf8');
}

/** The 12-byte nonce of a chunk: its index, big-endian in 11 bytes, then 1 for the last chunk, else 0. */
function nonceOf(index: number, last: boolean): Buffer {
  const nonce = Buffer.alloc(COUNTER_BYTES + 1);
  nonce.writeUIntBE(index, COUNTER_BYTES - 6, 6);
  nonce[COUNTER_BYTES] = last ? 1 : 0;
  return nonce;
}

/** Gathers chunks of bytes and hands them out in pieces of a given size. */
class ByteQueue {
  private chunks: Buffer[] = [];
  length = 0;

  push(chunk: Uint8Array): void {
    this.chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
    this.length += chunk.byteLength;
  }

  /** The first `size` bytes (or all, when fewer), removed; copied only when they span chunks. */
  take(size: number): Buffer {
    const wanted = Math.min(size, this.length);
    const pieces: Buffer[] = [];
    let gathered = 0;
    while (gathered < wanted) {
      const chunk = this.chunks[0];
      if (!chunk) break;
      const piece = chunk.subarray(0, wanted - gathered);
      pieces.push(piece);
      gathered += piece.length;
      if (piece.length === chunk.length) this.chunks.shift();
      else this.chunks[0] = chunk.subarray(piece.length);
    }
    this.length -= gathered;
    return pieces.length === 1 ? (pieces[0] ?? Buffer.alloc(0)) : Buffer.concat(pieces, gathered);
  }
}

/** Entries encrypted and authenticated with keys derived from the operator's key and the archive's salt. */
export class SealedEntries implements EntryCodec {
  readonly sealed = true;
  private readonly nameKey: Buffer;

  private constructor(private readonly fileKey: Buffer) {
    this.nameKey = Buffer.from(hkdfSync('sha256', fileKey, Buffer.alloc(0), INFO.blobNames, 32));
  }

  /** A new archive's encryption, with a random salt. @returns it and the header to write as `encryption.json`. */
  static create(key: BackupKey): { entries: SealedEntries; header: Buffer } {
    const salt = randomBytes(SALT_BYTES);
    const unsigned: Omit<Header, 'mac'> = {
      format: 'docket-backup',
      version: SEALED_VERSION,
      encryption: { cipher: CIPHER, kdf: KDF, chunkSize: CHUNK_BYTES, salt: salt.toString('base64') },
    };
    const header: Header = { ...unsigned, mac: macOf(key, unsigned).toString('base64') };
    return { entries: new SealedEntries(key.derive(salt, INFO.fileKey)), header: serializeHeader(header) };
  }

  /**
   * An archive's encryption, from its header, once the header's MAC proves it was made with this key.
   * @throws ArchiveError when the header is not one, or was made with another key or altered
   */
  static open(key: BackupKey, headerBytes: Buffer): SealedEntries {
    let json: unknown;
    try {
      json = JSON.parse(headerBytes.toString('utf8'));
    } catch {
      throw new ArchiveError(`Its ${ENCRYPTION_FILE} is not JSON: the archive was altered or damaged`);
    }
    const version = z.looseObject({ version: z.number() }).safeParse(json);
    if (version.success && version.data.version !== SEALED_VERSION) {
      throw new ArchiveError(
        `It is an encrypted archive of format version ${version.data.version}; this build of docket reads ` +
          `encrypted archives of version ${SEALED_VERSION} only`,
      );
    }
    const parsed = headerSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
      throw new ArchiveError(
        `Its ${ENCRYPTION_FILE} is not valid${where} (${issue?.message ?? 'unknown problem'}): the archive was ` +
          'altered or damaged',
      );
    }
    // The MAC is of the header's values; its text must also be exactly as written, so that no byte of it is free.
    if (!serializeHeader(json).equals(headerBytes)) {
      throw new ArchiveError(`Its ${ENCRYPTION_FILE} is not as docket writes it: the archive was altered`);
    }
    const { mac, ...unsigned } = parsed.data;
    if (!timingSafeEqual(macOf(key, unsigned), Buffer.from(mac, 'base64'))) {
      throw new ArchiveError(
        'It was encrypted with another key, or its encryption.json was altered: give the key it was made with',
      );
    }
    const salt = Buffer.from(unsigned.encryption.salt, 'base64');
    return new SealedEntries(key.derive(salt, INFO.fileKey));
  }

  async *encode(
    role: string,
    content: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  ): AsyncGenerator<Buffer> {
    const entryNonce = randomBytes(ENTRY_NONCE_BYTES);
    const key = this.entryKey(entryNonce);
    const aad = Buffer.from(role, 'utf8');
    yield entryNonce;
    const queue = new ByteQueue();
    let index = 0;
    for await (const chunk of content) {
      queue.push(chunk);
      // Only bytes beyond a whole chunk prove that chunk is not the last.
      while (queue.length > CHUNK_BYTES) yield seal(key, aad, index++, false, queue.take(CHUNK_BYTES));
    }
    yield seal(key, aad, index, true, queue.take(CHUNK_BYTES));
  }

  async *decode(
    role: string,
    stored: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
    name: string,
  ): AsyncGenerator<Buffer> {
    const aad = Buffer.from(role, 'utf8');
    const queue = new ByteQueue();
    let key: Buffer | null = null;
    let index = 0;
    const open = (sealed: Buffer, last: boolean): Buffer => {
      if (key === null) throw new Error('unreachable: the key comes before the first chunk');
      const content = unseal(key, aad, index++, last, sealed);
      if (content === null) {
        throw new ArchiveError(
          `${name} cannot be decrypted: it was altered, damaged, cut short, or does not belong here`,
        );
      }
      return content;
    };
    for await (const chunk of stored) {
      queue.push(chunk);
      if (key === null && queue.length >= ENTRY_NONCE_BYTES)
        key = this.entryKey(queue.take(ENTRY_NONCE_BYTES));
      while (key !== null && queue.length > SEALED_CHUNK) yield open(queue.take(SEALED_CHUNK), false);
    }
    const last = queue.take(SEALED_CHUNK);
    // A writer ends with an empty chunk only when the entry holds nothing at all.
    if (key === null || last.length < TAG_BYTES || (index > 0 && last.length === TAG_BYTES)) {
      throw new ArchiveError(`${name} is too short to be an encrypted entry: it was cut short or altered`);
    }
    yield open(last, true);
  }

  storedSize(contentSize: number): number {
    const chunks = Math.max(1, Math.ceil(contentSize / CHUNK_BYTES));
    return ENTRY_NONCE_BYTES + contentSize + chunks * TAG_BYTES;
  }

  /** Named by a MAC of the content's SHA-256, so that the archive does not say which documents it holds. */
  blobFile(sha256: string): string {
    return `${BLOB_ROLE}${createHmac('sha256', this.nameKey).update(sha256, 'utf8').digest('hex')}`;
  }

  private entryKey(entryNonce: Buffer): Buffer {
    return Buffer.from(hkdfSync('sha256', this.fileKey, entryNonce, INFO.entry, 32));
  }
}

function seal(key: Buffer, aad: Buffer, index: number, last: boolean, content: Buffer): Buffer {
  const cipher = createCipheriv('aes-256-gcm', key, nonceOf(index, last));
  cipher.setAAD(aad);
  return Buffer.concat([cipher.update(content), cipher.final(), cipher.getAuthTag()]);
}

/** The content of a sealed chunk, or null when it does not authenticate. */
function unseal(key: Buffer, aad: Buffer, index: number, last: boolean, sealed: Buffer): Buffer | null {
  const decipher = createDecipheriv('aes-256-gcm', key, nonceOf(index, last), { authTagLength: TAG_BYTES });
  decipher.setAAD(aad);
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)), decipher.final()]);
  } catch {
    return null;
  }
}
