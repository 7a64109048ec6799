import { randomUUID } from 'node:crypto';
import { lstat, mkdir, open, readdir, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { NotFoundError } from '@docket/domain';
import { assertBlobKey, assertDownloadLinkOptions, assertListOptions } from '../blob-key';
import type {
  BlobHead,
  BlobPage,
  BlobStore,
  DownloadLinkOptions,
  ListBlobsOptions,
  PutBlobOptions,
  PutBlobResult,
  StaleTemporariesOptions,
} from '../blob-store';
import { MeasuringStream } from '../measure';
import { preparePrivateFolder, PRIVATE_FILE_MODE, PRIVATE_FOLDER_MODE } from './private-folder';

/** Where the folder adapter keeps its blobs. */
export interface FileBlobStoreOptions {
  /**
   * The folder; created if missing. Each key is a file under it, `/` in keys making subfolders. Folders are made
   * 0700 and files 0600, whatever the umask: documents are for Docket's eyes only.
   */
  readonly dir: string;
}

const TEMPORARY_SUFFIX = '.tmp';
/** What `put` names its temporary files: nothing else in the folder is named so. */
const TEMPORARY_NAME = /^\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.tmp$/;
/** Folders made for key segments; the walks go into nothing else. */
const KEY_SEGMENT = /^[a-z0-9_-]+$/;

/** Errors that mean "no such file" for a path made of key segments. */
function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR';
}

/** Flushes a file's bytes, or a folder's entries (after a rename), to disk. */
async function syncFile(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Blobs as files in a local folder. `put` writes to a temporary file beside the target (its name starts with `.`,
 * which no key segment can, so `list` never shows it), fsyncs it, renames it over the target and fsyncs the
 * folder: a crash leaves the old blob or the new one, plus at worst a stray temporary file, which
 * `removeStaleTemporaries` removes once it is old.
 */
export class FileBlobStore implements BlobStore {
  readonly kind = 'file';

  constructor(private readonly dir: string) {}

  private path(key: string): string {
    assertBlobKey(key);
    return join(this.dir, ...key.split('/'));
  }

  async put(key: string, body: Readable, options: PutBlobOptions): Promise<PutBlobResult> {
    const target = this.path(key);
    const folder = dirname(target);
    const temporary = join(folder, `.${randomUUID()}${TEMPORARY_SUFFIX}`);
    const meter = new MeasuringStream(options.maxBytes);
    let handle: FileHandle | undefined;
    try {
      await mkdir(folder, { recursive: true, mode: PRIVATE_FOLDER_MODE });
      // The file is opened before any byte flows, so a body that fails at once cannot race the clean-up below.
      handle = await open(temporary, 'wx', PRIVATE_FILE_MODE);
      await pipeline(body, meter, handle.createWriteStream());
      handle = undefined;
      await syncFile(temporary);
      await rename(temporary, target);
      await syncFile(folder);
      return meter.result();
    } catch (error) {
      body.destroy();
      await handle?.close().catch(() => undefined);
      await rm(temporary, { force: true });
      throw error;
    }
  }

  async get(key: string): Promise<Readable> {
    const path = this.path(key);
    try {
      const handle = await open(path, 'r');
      if (!(await handle.stat()).isFile()) {
        await handle.close();
        throw new NotFoundError('Blob', key);
      }
      return handle.createReadStream();
    } catch (error) {
      if (isMissing(error)) throw new NotFoundError('Blob', key);
      throw error;
    }
  }

  async head(key: string): Promise<BlobHead | null> {
    try {
      const stats = await stat(this.path(key));
      return stats.isFile() ? { size: stats.size } : null;
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    const path = this.path(key);
    try {
      const stats = await stat(path);
      if (stats.isFile()) await rm(path, { force: true });
    } catch (error) {
      if (!isMissing(error)) throw error;
    }
  }

  async list(options: ListBlobsOptions): Promise<BlobPage> {
    const prefix = options.prefix ?? '';
    assertListOptions(prefix, options.limit);
    const cursor = options.cursor ?? '';
    // Start the walk at the deepest folder the prefix names; every key under it is then filtered by the prefix.
    const base = prefix.slice(0, prefix.lastIndexOf('/') + 1);
    const keys = (await this.keysUnder(base))
      .filter((key) => key.startsWith(prefix) && key > cursor)
      .sort(compareKeys);
    const items = [];
    for (const key of keys) {
      if (items.length === options.limit) break;
      try {
        const stats = await stat(join(this.dir, ...key.split('/')));
        items.push({ key, size: stats.size, lastModified: stats.mtime });
      } catch (error) {
        if (!isMissing(error)) throw error;
      }
    }
    const last = items.at(-1);
    const more = last !== undefined && keys.some((key) => key > last.key);
    return { items, nextCursor: more ? last.key : null };
  }

  /** Every key under the folder for `base` (`''` or segments ending with `/`), unsorted. */
  private async keysUnder(base: string): Promise<string[]> {
    const keys: string[] = [];
    const walk = async (relative: string): Promise<void> => {
      let entries;
      try {
        entries = await readdir(join(this.dir, ...relative.split('/').filter(Boolean)), {
          withFileTypes: true,
        });
      } catch (error) {
        if (isMissing(error)) return;
        throw error;
      }
      for (const entry of entries) {
        if (!KEY_SEGMENT.test(entry.name)) continue; // temporary files and anything not made by us
        if (entry.isDirectory()) await walk(`${relative}${entry.name}/`);
        else if (entry.isFile()) keys.push(`${relative}${entry.name}`);
      }
    };
    await walk(base);
    return keys;
  }

  /**
   * Removes the temporary files of puts that never finished (a crash, a kill), when last written to before
   * `olderThan`, in the blob folder and every folder made for keys under it.
   */
  async removeStaleTemporaries(options: StaleTemporariesOptions): Promise<number> {
    const cutoff = options.olderThan.getTime();
    let removed = 0;
    const walk = async (folder: string): Promise<void> => {
      let entries;
      try {
        entries = await readdir(folder, { withFileTypes: true });
      } catch (error) {
        if (isMissing(error)) return;
        throw error;
      }
      for (const entry of entries) {
        const path = join(folder, entry.name);
        if (entry.isDirectory() && KEY_SEGMENT.test(entry.name)) await walk(path);
        if (!entry.isFile() || !TEMPORARY_NAME.test(entry.name)) continue;
        try {
          if ((await lstat(path)).mtimeMs >= cutoff) continue;
          if (options.dryRun !== true) await rm(path);
          removed += 1;
        } catch (error) {
          // Its put finished (renamed it) or failed (removed it) meanwhile.
          if (!isMissing(error)) throw error;
        }
      }
    };
    await walk(this.dir);
    return removed;
  }

  /** A folder has no server of its own to hand out links: documents go out through Docket's. */
  async downloadLink(key: string, options: DownloadLinkOptions): Promise<null> {
    assertBlobKey(key);
    assertDownloadLinkOptions(options);
    return null;
  }

  async ping(): Promise<void> {
    const stats = await stat(this.dir);
    if (!stats.isDirectory()) throw new Error(`blob folder ${this.dir} is not a folder`);
  }

  async close(): Promise<void> {}
}

/** Byte order of ASCII keys, which is what S3 lists in. */
function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Opens (creating if need be) a folder blob store. */
export async function openFileBlobStore(options: FileBlobStoreOptions): Promise<FileBlobStore> {
  await preparePrivateFolder(options.dir);
  return new FileBlobStore(options.dir);
}
