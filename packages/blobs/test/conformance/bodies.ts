import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';

/** A key prefix no other test uses, ending with `/`. */
export function freshPrefix(): string {
  return `test/${randomUUID()}/`;
}

/** `size` random bytes, with their SHA-256. */
export function randomBody(size: number): { bytes: Buffer; sha256: string } {
  const bytes = randomBytes(size);
  return { bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
}

/** A stream of `bytes` in chunks of `chunkSize`, produced lazily. */
export function streamOf(bytes: Buffer, chunkSize = 64 * 1024): Readable {
  return Readable.from(
    (function* chunks() {
      for (let offset = 0; offset < bytes.length; offset += chunkSize)
        yield bytes.subarray(offset, offset + chunkSize);
    })(),
  );
}

/** `total` bytes generated chunk by chunk (never all in memory), with the SHA-256 they will have. */
export function generatedStream(
  total: number,
  chunkSize = 1024 * 1024,
): { stream: Readable; sha256: string } {
  const chunk = randomBytes(chunkSize);
  const hash = createHash('sha256');
  for (let sent = 0; sent < total; sent += chunkSize)
    hash.update(chunk.subarray(0, Math.min(chunkSize, total - sent)));
  const stream = Readable.from(
    (function* chunks() {
      for (let sent = 0; sent < total; sent += chunkSize)
        yield chunk.subarray(0, Math.min(chunkSize, total - sent));
    })(),
  );
  return { stream, sha256: hash.digest('hex') };
}

/** A stream that yields `before` bytes and then fails with `error`, as a client dropping mid-upload would. */
export function failingStream(before: number, error: Error, chunkSize = 256 * 1024): Readable {
  const chunk = randomBytes(chunkSize);
  return Readable.from(
    (async function* chunks() {
      for (let sent = 0; sent < before; sent += chunkSize)
        yield chunk.subarray(0, Math.min(chunkSize, before - sent));
      await new Promise((resolve) => setTimeout(resolve, 10));
      throw error;
    })(),
  );
}

/** Reads a stream to the end. */
export async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks);
}
