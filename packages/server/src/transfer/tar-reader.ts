import { createReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { BLOCK, isZeroBlock, paddingAfter, parseHeader, TarHeaderError } from './tar-format';
import { DocketError } from '@docket/domain';

/** One regular file in an archive: where its data starts and how long it is. */
export interface TarEntry {
  name: string;
  /** Byte offset of the data in the archive file. */
  offset: number;
  size: number;
}

/** The file is not a complete, well-formed ustar archive. The message says what is wrong, for people. */
export class TarFormatError extends DocketError {
  readonly code = 'MALFORMED_TAR';
}

/** Whether `length` bytes of the file from `position` are all zero, read a block at a time. */
async function zerosAt(handle: FileHandle, position: number, length: number): Promise<boolean> {
  const block = Buffer.alloc(BLOCK);
  for (let at = position; at < position + length; at += BLOCK) {
    const size = Math.min(BLOCK, position + length - at);
    const { bytesRead } = await handle.read(block, 0, size, at);
    if (bytesRead < size || !isZeroBlock(block.subarray(0, size))) return false;
  }
  return true;
}

/**
 * Lists the entries of an archive by walking its headers, without reading the data. Checks every header's
 * checksum, that every entry's data is there in full, that the padding after it is zeros, and that the archive
 * ends with its end marker (two zero blocks) with nothing but zeros after it, so that a truncated archive is found
 * here and no byte outside the entries' data goes unchecked.
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
      if (isZeroBlock(block)) {
        const rest = fileSize - position - BLOCK;
        if (rest < BLOCK) {
          throw new TarFormatError(
            'The archive ends in the middle of its end marker: it is truncated or not a tar archive',
          );
        }
        if (!(await zerosAt(handle, position + BLOCK, rest))) {
          throw new TarFormatError('The archive holds data after its end marker: it was altered or damaged');
        }
        return entries;
      }
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
      const padding = paddingAfter(header.size);
      if (offset + header.size + padding > fileSize) {
        throw new TarFormatError(
          `The archive is truncated: it ends in the padding after entry ${header.name}`,
        );
      }
      if (!(await zerosAt(handle, offset + header.size, padding))) {
        throw new TarFormatError(
          `The archive is damaged: the padding after entry ${header.name} is not zeros`,
        );
      }
      entries.push({ name: header.name, offset, size: header.size });
      position = offset + header.size + padding;
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
