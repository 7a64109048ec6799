import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { BLOCK, isZeroBlock, paddingAfter, parseHeader, TarHeaderError } from './tar-format';

/** One regular file in an archive: where its data starts and how long it is. */
export interface TarEntry {
  name: string;
  /** Byte offset of the data in the archive file. */
  offset: number;
  size: number;
}

/** The file is not a complete, well-formed ustar archive. The message says what is wrong, for people. */
export class TarFormatError extends Error {}

/**
 * Lists the entries of an archive by walking its headers, without reading the data. Checks every header's
 * checksum, that every entry's data is there in full, and that the archive ends with its end marker, so a
 * truncated archive is found here.
 * @throws TarFormatError
 */
export async function readTarIndex(path: string): Promise<TarEntry[]> {
  const handle = await open(path, 'r');
  try {
    const { size: fileSize } = await handle.stat();
    const entries: TarEntry[] = [];
    const block = Buffer.alloc(BLOCK);
    let position = 0;
    for (;;) {
      const { bytesRead } = await handle.read(block, 0, BLOCK, position);
      if (bytesRead < BLOCK) {
        throw new TarFormatError(
          `The archive ends at byte ${fileSize} without its end marker: it is truncated or not a tar archive`,
        );
      }
      if (isZeroBlock(block)) return entries;
      let header: { name: string; size: number };
      try {
        header = parseHeader(block);
      } catch (error) {
        if (!(error instanceof TarHeaderError)) throw error;
        const after = entries.at(-1);
        const where = after ? `after entry ${after.name}` : 'at the start';
        throw new TarFormatError(
          `The archive is damaged: the header ${where} is unreadable (${error.message})`,
        );
      }
      const offset = position + BLOCK;
      if (offset + header.size > fileSize) {
        throw new TarFormatError(
          `The archive is truncated: entry ${header.name} should hold ${header.size} bytes, but the file ends ` +
            `${fileSize - offset} bytes into it`,
        );
      }
      if (entries.some((e) => e.name === header.name)) {
        throw new TarFormatError(`The archive holds ${header.name} twice`);
      }
      entries.push({ name: header.name, offset, size: header.size });
      position = offset + header.size + paddingAfter(header.size);
    }
  } finally {
    await handle.close();
  }
}

/** The data of one entry, as a stream of bytes. */
export function entryStream(path: string, entry: TarEntry): Readable {
  if (entry.size === 0) return Readable.from([]);
  return createReadStream(path, { start: entry.offset, end: entry.offset + entry.size - 1 });
}
