import { createHash, randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ArchiveError } from '../src/transfer/archive-entries';
import { BackupKey, BackupKeyError } from '../src/transfer/backup-key';
import { CHUNK_BYTES, SealedEntries } from '../src/transfer/entry-sealing';

/**
 * The encryption of a version 3 archive, entry by entry (docs/backup-format.md, "Encryption"): what it keeps
 * secret, and every way of tampering with an entry that it must catch. Pure crypto, no datastore.
 */

const SEALED_CHUNK = CHUNK_BYTES + 16;
const NONCE = 16;

async function collect(chunks: AsyncIterable<Buffer>): Promise<Buffer> {
  const out: Buffer[] = [];
  for await (const chunk of chunks) out.push(chunk);
  return Buffer.concat(out);
}

/** Feeds bytes in uneven pieces, as a file stream or a gzip stream would. */
function* pieces(bytes: Buffer, size = 10_007): Generator<Buffer> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

const key = BackupKey.generate();
const { entries, header } = SealedEntries.create(key);

const seal = (content: Buffer, role = 'records/users.ndjson.gz', codec = entries) =>
  collect(codec.encode(role, pieces(content)));
const open = (stored: Buffer, role = 'records/users.ndjson.gz', codec = entries) =>
  collect(codec.decode(role, pieces(stored), role));

/** The stored pieces of an entry: its nonce, then each sealed chunk. */
function chunksOf(stored: Buffer): { nonce: Buffer; chunks: Buffer[] } {
  const chunks: Buffer[] = [];
  for (let at = NONCE; at < stored.length; at += SEALED_CHUNK)
    chunks.push(stored.subarray(at, at + SEALED_CHUNK));
  return { nonce: stored.subarray(0, NONCE), chunks };
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const REFUSED = /cannot be decrypted: it was altered, damaged, cut short, or does not belong here|too short/;

describe('a sealed entry', () => {
  it('gives back exactly its content, whatever its size, and takes the size it is said to', async () => {
    for (const size of [0, 1, 1000, CHUNK_BYTES - 1, CHUNK_BYTES, CHUNK_BYTES + 1, 3 * CHUNK_BYTES + 5]) {
      const content = randomBytes(size);
      const stored = await seal(content);
      expect(stored.length, `${size} bytes`).toBe(entries.storedSize(size));
      expect((await open(stored)).equals(content), `${size} bytes`).toBe(true);
    }
  });

  it('holds nothing of its content in clear, and differs every time it is written', async () => {
    const content = Buffer.from('"passwordHash":"$argon2id$v=19$m=19456,t=2,p=1$secret"\n'.repeat(50));
    const once = await seal(content);
    const twice = await seal(content);
    expect(once.includes(Buffer.from('argon2id'))).toBe(false);
    expect(once.includes(Buffer.from('passwordHash'))).toBe(false);
    expect(once.equals(twice)).toBe(false);
  });

  it('is refused with any one byte flipped', async () => {
    const stored = await seal(Buffer.from('{"role":"STATE_USER"}\n'.repeat(3)));
    for (let at = 0; at < stored.length; at++) {
      const flipped = Buffer.from(stored);
      flipped[at] = (flipped[at] ?? 0) ^ 0x04;
      await expect(open(flipped), `byte ${at}`).rejects.toThrow(ArchiveError);
    }
  });

  it('is refused with its chunks reordered, one dropped, cut short, or one added', async () => {
    const stored = await seal(randomBytes(3 * CHUNK_BYTES + 100));
    const { nonce, chunks } = chunksOf(stored);
    const [a, b, c, d] = chunks;
    if (!a || !b || !c || !d) throw new Error('expected four chunks');

    const variants: Record<string, Buffer> = {
      reordered: Buffer.concat([nonce, b, a, c, d]),
      'last chunk dropped': Buffer.concat([nonce, a, b, c]),
      'middle chunk dropped': Buffer.concat([nonce, a, b, d]),
      'cut in the last chunk': stored.subarray(0, stored.length - 50),
      'cut to its nonce': nonce,
      empty: Buffer.alloc(0),
      'a chunk repeated': Buffer.concat([nonce, a, a, b, c, d]),
      'the last chunk repeated': Buffer.concat([nonce, a, b, c, d, d]),
      'bytes added': Buffer.concat([stored, Buffer.alloc(16)]),
    };
    for (const [name, variant] of Object.entries(variants)) {
      await expect(open(variant), name).rejects.toThrow(REFUSED);
    }
  });

  it('is refused as another entry, in another archive, or with a chunk of another entry', async () => {
    const content = randomBytes(2 * CHUNK_BYTES + 7);
    const stored = await seal(content);
    await expect(open(stored, 'records/events.ndjson.gz')).rejects.toThrow(REFUSED);
    await expect(open(stored, 'blobs/')).rejects.toThrow(REFUSED);

    const sameKeyOtherArchive = SealedEntries.create(key).entries;
    await expect(open(stored, 'records/users.ndjson.gz', sameKeyOtherArchive)).rejects.toThrow(REFUSED);

    const other = chunksOf(await seal(content));
    const mine = chunksOf(stored);
    const spliced = Buffer.concat([mine.nonce, mine.chunks[0] ?? Buffer.alloc(0), ...other.chunks.slice(1)]);
    await expect(open(spliced)).rejects.toThrow(REFUSED);
  });
});

describe('the encryption header', () => {
  it('opens the entries with the key it was made with, and refuses any other key', async () => {
    const stored = await seal(Buffer.from('content'));
    const reopened = SealedEntries.open(key, header);
    expect((await open(stored, 'records/users.ndjson.gz', reopened)).toString()).toBe('content');
    expect(() => SealedEntries.open(BackupKey.generate(), header)).toThrow(
      'It was encrypted with another key, or its encryption.json was altered: give the key it was made with',
    );
  });

  it('is refused with any value or any byte of it changed', () => {
    const text = header.toString('utf8');
    const json = JSON.parse(text) as { encryption: { salt: string } };
    const otherSalt = randomBytes(32).toString('base64');
    const changed: Record<string, string> = {
      salt: text.replace(json.encryption.salt, otherSalt),
      'chunk size': text.replace('"chunkSize": 65536', '"chunkSize": 65535'),
      cipher: text.replace('AES-256-GCM', 'AES-128-GCM'),
      spacing: text.replace('\n  "version"', '\n "version"'),
      'extra field': text.replace('"version": 3,', '"version": 3, "note": "x",'),
    };
    for (const [what, variant] of Object.entries(changed)) {
      expect(variant, what).not.toBe(text);
      expect(() => SealedEntries.open(key, Buffer.from(variant)), what).toThrow(ArchiveError);
    }
    for (let at = 0; at < header.length; at++) {
      const flipped = Buffer.from(header);
      flipped[at] = (flipped[at] ?? 0) ^ 0x01;
      expect(() => SealedEntries.open(key, flipped), `byte ${at}`).toThrow(ArchiveError);
    }
    expect(() => SealedEntries.open(key, Buffer.from(text.replace('"version": 3', '"version": 4')))).toThrow(
      'It is an encrypted archive of format version 4; this build of docket reads encrypted archives of version 3 only',
    );
  });

  it('names blobs by a MAC of their SHA-256 that only the archive and key can make', () => {
    const sha = createHash('sha256').update('a document').digest('hex');
    const name = entries.blobFile(sha);
    expect(name).toMatch(/^blobs\/[0-9a-f]{64}$/);
    expect(name).not.toContain(sha);
    expect(SealedEntries.open(key, header).blobFile(sha)).toBe(name);
    expect(SealedEntries.create(key).entries.blobFile(sha)).not.toBe(name);
  });
});

describe('the backup key', () => {
  it('is 32 bytes in standard base64, exactly', () => {
    const text = randomBytes(32).toString('base64');
    expect(() => BackupKey.fromBase64(text)).not.toThrow();
    const bad = [
      '',
      randomBytes(16).toString('base64'),
      randomBytes(33).toString('base64'),
      randomBytes(32).toString('hex'),
      randomBytes(32).toString('base64url'),
      `${text}\n`,
      ` ${text}`,
      text.replace(/=$/, ''),
      // The same bytes, but for padding bits that are not zero: not the key's only form.
      `${text.slice(0, 42)}${ALPHABET[ALPHABET.indexOf(text[42] ?? 'A') | 1] ?? ''}=`,
    ];
    for (const value of bad) {
      let message = '';
      try {
        BackupKey.fromBase64(value);
      } catch (error) {
        expect(error).toBeInstanceOf(BackupKeyError);
        message = (error as Error).message;
      }
      expect(message, JSON.stringify(value)).toMatch(/^must be 32 random bytes in base64/);
      if (value.trim() !== '') expect(message).not.toContain(value.trim());
    }
    expect(() => BackupKey.fromBase64(randomBytes(32).toString('hex'))).toThrow('this looks like hex');
  });

  it('never shows its bytes', () => {
    const text = randomBytes(32).toString('base64');
    const parsed = BackupKey.fromBase64(text);
    for (const shown of [
      String(parsed),
      JSON.stringify({ parsed }),
      inspect(parsed),
      `${inspect({ parsed })}`,
    ]) {
      expect(shown).toContain('[BackupKey]');
      expect(shown).not.toContain(text);
    }
  });
});
