import { createHash } from 'node:crypto';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip, createGzip } from 'node:zlib';
import { DocketError } from '@docket/domain';
import type { z } from 'zod';
import type { EntryCodec } from './entry-codec';
import { entryStream, type TarEntry } from './tar-reader';
import type { TarFileWriter } from './tar-writer';

/**
 * The entries of an archive as bytes and as gzip'd lines, each with the SHA-256 of its bytes as stored; their
 * content goes through the archive's codec (as it is, or encrypted), the entry's name being its role.
 */

/** An archive that cannot be restored: truncated, altered, or not a Docket backup of a version this build reads. */
export class ArchiveError extends DocketError {
  readonly code = 'UNUSABLE_ARCHIVE';
}

/** Passes bytes through unchanged, hashing them on the way. */
function sha256Tap(hash: ReturnType<typeof createHash>): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      done(null, chunk);
    },
  });
}

/**
 * Writes text, chunk by chunk, gzip'd (then encoded) into one entry of the archive.
 * @returns the SHA-256 of the entry's bytes as stored.
 */
export async function writeGzipEntry(
  writer: TarFileWriter,
  file: string,
  text: AsyncIterable<Buffer> | Iterable<Buffer>,
  codec: EntryCodec,
): Promise<string> {
  const bytesHash = createHash('sha256');
  await pipeline(
    Readable.from(text),
    createGzip(),
    (gzipped: AsyncIterable<Buffer>) => codec.encode(file, gzipped),
    sha256Tap(bytesHash),
    async (gzipped: AsyncIterable<Buffer>) => {
      await writer.addEntry(file, gzipped);
    },
  );
  return bytesHash.digest('hex');
}

/** The SHA-256 of an entry's bytes, as stored, reporting progress in bytes when asked. */
export async function sha256OfEntry(
  path: string,
  entry: TarEntry,
  onBytes: (bytes: number) => void = () => {},
): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of entryStream(path, entry) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    onBytes(chunk.length);
  }
  return hash.digest('hex');
}

/**
 * The SHA-256 of an entry's content, decoded, reporting progress in bytes of content when asked.
 * @throws ArchiveError when the entry cannot be decoded
 */
export async function contentSha256OfEntry(
  path: string,
  entry: TarEntry,
  codec: EntryCodec,
  role: string,
  onBytes: (bytes: number) => void = () => {},
): Promise<string> {
  const hash = createHash('sha256');
  const stored = entryStream(path, entry) as AsyncIterable<Buffer>;
  for await (const chunk of codec.decode(role, stored, entry.name)) {
    hash.update(chunk);
    onBytes(chunk.length);
  }
  return hash.digest('hex');
}

/**
 * Reads a gzip'd NDJSON entry line by line, handing each line (without its newline) and its number to `onLine`.
 * @returns the SHA-256 of the entry's bytes, as stored.
 * @throws ArchiveError when it cannot be decoded, is not gzip, or ends in the middle of a line
 */
export async function readGzipLines(
  path: string,
  entry: TarEntry,
  codec: EntryCodec,
  onLine: (text: string, line: number) => Promise<void> | void,
): Promise<string> {
  const bytesHash = createHash('sha256');
  let line = 0;
  try {
    await pipeline(
      entryStream(path, entry),
      sha256Tap(bytesHash),
      (stored: AsyncIterable<Buffer>) => codec.decode(entry.name, stored, entry.name),
      createGunzip(),
      async (text: AsyncIterable<Buffer>) => {
        const decoder = new StringDecoder('utf8');
        let rest = '';
        for await (const chunk of text) {
          rest += decoder.write(chunk);
          let start = 0;
          for (let end = rest.indexOf('\n'); end !== -1; end = rest.indexOf('\n', start)) {
            line += 1;
            await onLine(rest.slice(start, end), line);
            start = end + 1;
          }
          rest = rest.slice(start);
        }
        rest += decoder.end();
        if (rest !== '') throw new ArchiveError(`${entry.name} ends in the middle of a line`);
      },
    );
  } catch (error) {
    if (error instanceof ArchiveError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (code.startsWith('Z_') || code === 'ERR_ZLIB') {
      throw new ArchiveError(`${entry.name} is not valid gzip data (${(error as Error).message})`);
    }
    throw error;
  }
  return bytesHash.digest('hex');
}

/** Parses a line's JSON. @throws ArchiveError naming the entry and line */
export function parseLine(text: string, entry: TarEntry, line: number): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new ArchiveError(`Line ${line} of ${entry.name} is not JSON`);
  }
}

/** The first issue of a failed parse, for people: `path: message`. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return `${where}${issue?.message ?? 'invalid'}`;
}
