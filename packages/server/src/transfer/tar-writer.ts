import { open, type FileHandle } from 'node:fs/promises';
import { PRIVATE_FILE_MODE } from '../private-files';
import { BLOCK, END_OF_ARCHIVE, fileHeader, paddingAfter } from './tar-format';

/**
 * Writes a ustar archive to a file, streaming each entry straight to disk. An entry's header goes first but its
 * size is known only at the end (a gzip stream), so the writer leaves the header's block in place, writes the
 * data after it and then writes the header into that block: no buffering and no temporary file, whatever the
 * size of an entry. For the same reason an entry's name may be chosen after its data, and an entry may be dropped.
 */
export class TarFileWriter {
  private position = 0;

  private constructor(
    private readonly handle: FileHandle,
    private readonly mtime: number,
  ) {}

  /**
   * Creates the file, for its owner only (an archive holds every record and document); refuses one that exists.
   * `modified` is the time every entry carries.
   */
  static async create(path: string, modified: Date): Promise<TarFileWriter> {
    const handle = await open(path, 'wx', PRIVATE_FILE_MODE);
    return new TarFileWriter(handle, Math.floor(modified.getTime() / 1000));
  }

  /** Adds one regular file with the data given, chunk by chunk. @returns the entry's size in bytes. */
  async addEntry(name: string, data: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): Promise<number> {
    const size = await this.addEntryNamedAfter(data, () => name);
    if (size === null) throw new Error('unreachable: an entry with a name is never discarded');
    return size;
  }

  /**
   * Adds one regular file whose name is known only once its data is written (named after a hash of it, say):
   * `nameOf` is called after the last chunk. When it answers null, the entry is discarded and the archive is as
   * it was before. @returns the entry's size in bytes, or null when it was discarded.
   */
  async addEntryNamedAfter(
    data: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
    nameOf: () => string | null,
  ): Promise<number | null> {
    const headerAt = this.position;
    this.position += BLOCK;
    let size = 0;
    try {
      for await (const chunk of data) {
        await this.write(chunk);
        size += chunk.byteLength;
      }
    } catch (error) {
      this.position = headerAt;
      throw error;
    }
    const name = nameOf();
    if (name === null) {
      this.position = headerAt;
      return null;
    }
    await this.write(Buffer.alloc(paddingAfter(size)));
    await this.writeAt(fileHeader(name, size, this.mtime), headerAt);
    return size;
  }

  /** Ends the archive and flushes it to disk. The writer is closed afterwards. */
  async finish(): Promise<void> {
    await this.write(END_OF_ARCHIVE);
    // Whatever a discarded entry left past the end goes.
    await this.handle.truncate(this.position);
    await this.handle.sync();
    await this.handle.close();
  }

  /** Closes the file without ending the archive (after a failure). */
  async close(): Promise<void> {
    await this.handle.close();
  }

  private async write(bytes: Uint8Array): Promise<void> {
    await this.writeAt(bytes, this.position);
    this.position += bytes.byteLength;
  }

  private async writeAt(bytes: Uint8Array, position: number): Promise<void> {
    let written = 0;
    while (written < bytes.byteLength) {
      const { bytesWritten } = await this.handle.write(
        bytes,
        written,
        bytes.byteLength - written,
        position + written,
      );
      written += bytesWritten;
    }
  }
}
