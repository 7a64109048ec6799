import { createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { BackupKey } from '../src/transfer/backup-key';
import { SealedEntries } from '../src/transfer/entry-sealing';

/**
 * docs/backup-format.md ("Encryption") read as another implementation would: its test vector holds for Docket,
 * and a reader written from the page alone, with node:crypto and nothing of Docket's, decrypts what Docket seals.
 */

const VECTOR = {
  key: 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=',
  header: `{
  "format": "docket-backup",
  "version": 3,
  "encryption": {
    "cipher": "AES-256-GCM",
    "kdf": "HKDF-SHA256",
    "chunkSize": 65536,
    "salt": "zE9BYa2x04+IxCUarvh10ZntGT4RSNcwJERbLFyaXxk="
  },
  "mac": "1F6zmcxyE8xImiIAHW6QqNH5TVZaUH3pZ/7ESrfFegk="
}
`,
  headerKey: '8ef6753c67886a0da6e5e94ed54fecad95bfbd04748c26e2dca10b03d83bf44c',
  fileKey: 'd1252da014579986fd6562484c58ed34a54425aa8e21d25691f0683b79d0c653',
  entry: 'c2abcf4e034f8e608cc5027e4ff999997d3bbb90c03ea28821d21918f0924438b05930c82b60c7',
  entryKey: '90af923df8740824db82893d9519dcf8694a30555080eb7eebe471696ee5c78c',
  content: 'docket\n',
  emptyBlob: 'blobs/9b54ba67f4601207ce50b84a21a8d8a15a9c433e144946003f4918ac38b919ff',
};
const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/** The page's reader: no Docket code below this line but the types of its inputs. */
const spec = {
  hkdf: (ikm: Buffer, salt: Buffer, info: string) => Buffer.from(hkdfSync('sha256', ikm, salt, info, 32)),

  canonical(value: unknown): string {
    if (value === null || typeof value !== 'object') return JSON.stringify(value);
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${spec.canonical(v)}`).join(',')}}`;
  },

  /** The header's keys, once its MAC verifies with the operator's key `k`. */
  open(k: Buffer, headerText: string) {
    const { mac, ...unsigned } = JSON.parse(headerText) as { mac: string; encryption: { salt: string } };
    const salt = Buffer.from(unsigned.encryption.salt, 'base64');
    const headerKey = spec.hkdf(k, salt, 'docket-backup/3 header');
    const expected = createHmac('sha256', headerKey).update(spec.canonical(unsigned)).digest('base64');
    if (expected !== mac) throw new Error('MAC');
    const fileKey = spec.hkdf(k, salt, 'docket-backup/3 file key');
    return { headerKey, fileKey, nameKey: spec.hkdf(fileKey, Buffer.alloc(0), 'docket-backup/3 blob names') };
  },

  /** An entry's content: 16 bytes of nonce, then chunks of 65536 + 16 bytes, the last one shorter or equal. */
  decrypt(fileKey: Buffer, role: string, stored: Buffer): { entryKey: Buffer; content: Buffer } {
    const entryKey = spec.hkdf(fileKey, stored.subarray(0, 16), 'docket-backup/3 entry');
    const chunks: Buffer[] = [];
    for (let at = 16, i = 0; at < stored.length; at += 65552, i++) {
      const chunk = stored.subarray(at, at + 65552);
      const nonce = Buffer.alloc(12);
      nonce.writeUIntBE(i, 5, 6);
      nonce[11] = at + 65552 >= stored.length ? 1 : 0;
      const decipher = createDecipheriv('aes-256-gcm', entryKey, nonce);
      decipher.setAAD(Buffer.from(role, 'utf8'));
      decipher.setAuthTag(chunk.subarray(chunk.length - 16));
      chunks.push(decipher.update(chunk.subarray(0, chunk.length - 16)), decipher.final());
    }
    return { entryKey, content: Buffer.concat(chunks) };
  },
};

async function collect(chunks: AsyncIterable<Buffer>): Promise<Buffer> {
  const out: Buffer[] = [];
  for await (const chunk of chunks) out.push(chunk);
  return Buffer.concat(out);
}

describe('the format page', () => {
  it("gives a test vector that holds for Docket's own reader", async () => {
    const entries = SealedEntries.open(BackupKey.fromBase64(VECTOR.key), Buffer.from(VECTOR.header));
    const stored = Buffer.from(VECTOR.entry, 'hex');
    const content = await collect(entries.decode('manifest.json', [stored], 'manifest.json'));
    expect(content.toString('utf8')).toBe(VECTOR.content);
    expect(entries.blobFile(EMPTY_SHA256)).toBe(VECTOR.emptyBlob);
  });

  it('gives a test vector that a reader written from the page alone reproduces', () => {
    const keys = spec.open(Buffer.from(VECTOR.key, 'base64'), VECTOR.header);
    expect(keys.headerKey.toString('hex')).toBe(VECTOR.headerKey);
    expect(keys.fileKey.toString('hex')).toBe(VECTOR.fileKey);
    const entry = spec.decrypt(keys.fileKey, 'manifest.json', Buffer.from(VECTOR.entry, 'hex'));
    expect(entry.entryKey.toString('hex')).toBe(VECTOR.entryKey);
    expect(entry.content.toString('utf8')).toBe(VECTOR.content);
    expect(`blobs/${createHmac('sha256', keys.nameKey).update(EMPTY_SHA256).digest('hex')}`).toBe(
      VECTOR.emptyBlob,
    );
  });

  it('describes what Docket seals well enough for that reader to decrypt entries of many chunks', async () => {
    const keyText = randomBytes(32).toString('base64');
    const { entries, header } = SealedEntries.create(BackupKey.fromBase64(keyText));
    const keys = spec.open(Buffer.from(keyText, 'base64'), header.toString('utf8'));
    for (const size of [0, 65536, 65537, 200_000]) {
      const content = randomBytes(size);
      const stored = await collect(entries.encode('records/users.ndjson.gz', [content]));
      const read = spec.decrypt(keys.fileKey, 'records/users.ndjson.gz', stored);
      expect(read.content.equals(content), `${size} bytes`).toBe(true);
    }
  });
});
