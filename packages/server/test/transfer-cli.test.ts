import { randomBytes } from 'node:crypto';
import { cp, mkdtemp, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFileBlobStore } from '@docket/blobs/file';
import type { TransferKind } from '@docket/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyCommand } from '../src/cli/copy-command';
import { formatCount, readCheckpoint, type KindMeasure } from '../src/transfer';
import { readTarIndex } from '../src/transfer/tar-reader';
import { blobsIn, countsOf, EMPTY, inspect, startDocket, type Run } from './transfer-cli-runner';
import { generateFilings, measureAll } from './transfer-fixtures';

/**
 * `docket copy`, `backup` and `restore` as people run them: the real CLI in a child process, on PGlite data
 * folders and folder blob stores, with a backup key in DOCKET_BACKUP_KEY. The test process opens a folder only
 * while no child has it open. The keys themselves are tested in transfer-cli-keys.test.ts.
 */

const CONTRACTS = 300;
const SLOW = { timeout: 240_000 };
const KEY = randomBytes(32).toString('base64');

let cwd: string;
let source: string;
let sourceBlobs: string;
let sourceMeasures: Record<TransferKind, KindMeasure>;

function start(args: string[], env: Record<string, string> = {}) {
  return startDocket(cwd, args, { DOCKET_BACKUP_KEY: KEY, ...env });
}

function docket(...args: string[]): Promise<Run> {
  return start(args).done;
}

beforeAll(async () => {
  cwd = await mkdtemp(join(tmpdir(), 'docket-transfer-cli-'));
  source = join(cwd, 'source');
  sourceBlobs = join(cwd, 'source-blobs');
  const documents = await createFileBlobStore({ dir: sourceBlobs });
  sourceMeasures = await inspect(source, async (datastore) => {
    await generateFilings(datastore, { contracts: CONTRACTS, documents });
    return measureAll(datastore);
  });
  await documents.close();
});

afterAll(async () => {
  await rm(cwd, { recursive: true, force: true });
});

describe('docket copy', () => {
  it('killed halfway, finishes when run again: verified, every record once', SLOW, async () => {
    const target = join(cwd, 'copy-killed');
    const checkpoint = join(cwd, 'copy-killed.checkpoint.json');
    const args = ['copy', '--from', `pglite:${source}`, '--to', `pglite:${target}`, '--batch-size', '5'];

    const first = start([...args, '--checkpoint', checkpoint]);
    let killedAt = null;
    while (killedAt === null) {
      const state = await readCheckpoint(checkpoint).catch(() => null);
      if ((state?.copied.contracts ?? 0) > 0) {
        first.child.kill('SIGKILL');
        killedAt = state;
      } else if (first.child.exitCode !== null) {
        break;
      } else {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
    const killed = await first.done;
    expect(killed.signal, `the copy ended before it could be killed: ${killed.stderr}`).toBe('SIGKILL');
    expect(killedAt?.done).not.toContain('contracts');
    const left = await readCheckpoint(checkpoint);
    expect(left?.done).not.toContain('events');

    const again = await docket(...args, '--checkpoint', checkpoint);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain(`Resuming the copy from ${checkpoint}`);
    expect(again.stdout).toMatch(/^Verified: [\d,]+ records in 9 kinds, same/m);
    expect(again.stdout).not.toContain('DIFFERENT');
    await expect(stat(checkpoint)).rejects.toThrow();

    const copied = await inspect(target, measureAll);
    expect(copied).toEqual(sourceMeasures);
    expect(copied.contracts.count).toBe(CONTRACTS);
  });

  it('refuses a target that holds records unless told --force, and then verifies', SLOW, async () => {
    const target = join(cwd, 'copy-forced');
    const args = ['copy', '--from', `pglite:${source}`, '--to', `pglite:${target}`, '--batch-size', '200'];
    expect((await docket(...args)).code).toBe(0);

    const refused = await docket(...args);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/docket: The target is not empty \(it holds 56 states, \d+ programs/);
    expect(refused.stderr).toContain('--force');

    const forced = await docket(...args, '--force');
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stdout).toMatch(/^Verified:/m);
    expect(await inspect(target, measureAll)).toEqual(sourceMeasures);
  });

  it('copies document blobs, alone, and skips them when run again', async () => {
    const target = join(cwd, 'copied-blobs');
    const args = ['copy', '--blobs-from', `file:${sourceBlobs}`, '--blobs-to', `file:${target}`];
    const blobs = await blobsIn(sourceBlobs);

    const first = await docket(...args);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain(
      `Blobs under documents/: ${formatCount(blobs.size)} in the source; ${formatCount(blobs.size)} copied`,
    );
    expect(await blobsIn(target)).toEqual(blobs);

    const again = await docket(...args);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain(
      `0 copied (0 B), each read back from the target with the source's SHA-256; ${formatCount(blobs.size)} already`,
    );
  });

  it('refuses bad arguments with a clear message', async () => {
    const same = await docket('copy', '--from', `pglite:${source}`, '--to', `pglite:${source}`);
    expect(same.code).toBe(1);
    expect(same.stderr).toContain('--from and --to name the same datastore');

    const bad = await docket('copy', '--from', 'mysql://x/y', '--to', 'pglite:memory');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--from must be one of pglite:<dir>');

    const size = await docket(
      'copy',
      '--from',
      'pglite:memory',
      '--to',
      'pglite:memory',
      '--batch-size',
      '0',
    );
    expect(size.code).toBe(1);
    expect(size.stderr).toContain('must be a whole number from 1 to 10000');
  });

  it('asks for the datastores, the blob stores or both, in pairs (in this process: it opens nothing)', async () => {
    const copy = (...args: string[]) => copyCommand().parseAsync(args, { from: 'user' });

    await expect(copy()).rejects.toThrow(
      'Nothing to copy: give --from and --to (the records), --blobs-from and --blobs-to (the documents), or both',
    );
    await expect(copy('--blobs-from', 'file:b')).rejects.toThrow(
      '--blobs-from and --blobs-to go together: give both',
    );
    await expect(copy('--to', 'pglite:memory')).rejects.toThrow('--from and --to go together: give both');
    await expect(copy('--blobs-from', 'file:b', '--blobs-to', 'file:./b')).rejects.toThrow(
      '--blobs-from and --blobs-to name the same blob store',
    );
    await expect(copy('--blobs-from', 'file:b', '--blobs-to', 'ftp://b')).rejects.toThrow(
      '--blobs-to must be file:<dir> or s3://<bucket>?region=…',
    );
  });
});

describe('docket backup and restore', () => {
  let archive: string;
  let bytes: Buffer;
  /** An archive of the same source in clear, for the checks that do not depend on the key. */
  let clearBytes: Buffer;

  beforeAll(async () => {
    archive = join(cwd, 'backup.tar');
    const backup = ['backup', '--from', `pglite:${source}`, '--blobs', `file:${sourceBlobs}`];
    const run = await docket(...backup, '--out', archive);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^rates +[\d,]+ +[0-9a-f]{64}$/m);
    expect(run.stdout).toMatch(/^blobs +[\d,]+ +[0-9a-f]{64}$/m);
    expect(run.stdout).toMatch(
      /^Backed up [\d,]+ records and [\d,]+ document blobs \([\d.]+ [kM]B\) to .*, encrypted with the backup key$/m,
    );
    bytes = await readFile(archive);
    const clear = join(cwd, 'backup-in-clear.tar');
    const unencrypted = await start([...backup, '--out', clear, '--unencrypted'], { DOCKET_BACKUP_KEY: '' })
      .done;
    expect(unencrypted.code, unencrypted.stderr).toBe(0);
    clearBytes = await readFile(clear);
  });

  /**
   * Runs a restore of `file` and checks it was refused with `message` before the target was even opened: into a
   * folder that does not exist (and must not afterwards), or into an existing empty datastore that must stay empty.
   */
  async function expectRefused(
    file: string,
    message: RegExp,
    into: 'nothing' | 'empty' = 'nothing',
    ...flags: string[]
  ) {
    const target = join(cwd, `refused-${Math.random().toString(36).slice(2)}`);
    if (into === 'empty') expect(await countsOf(target)).toEqual(EMPTY);
    const run = await docket(
      'restore',
      '--in',
      file,
      '--to',
      `pglite:${target}`,
      '--blobs',
      `file:${target}-blobs`,
      ...flags,
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/docket: Refusing to restore .*: /);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toContain('Nothing was written.');
    if (into === 'empty') expect(await countsOf(target)).toEqual(EMPTY);
    else await expect(stat(target)).rejects.toThrow(/ENOENT/);
    await expect(stat(`${target}-blobs`)).rejects.toThrow(/ENOENT/);
  }

  async function variant(
    name: string,
    change: (copy: Buffer) => Buffer | Promise<Buffer>,
    of = bytes,
  ): Promise<string> {
    const file = join(cwd, name);
    await writeFile(file, await change(Buffer.from(of)));
    return file;
  }

  it(
    'restores into an empty datastore and blob store, and verifies them against the manifest',
    SLOW,
    async () => {
      const target = join(cwd, 'restored');
      const targetBlobs = join(cwd, 'restored-blobs');
      const run = await docket(
        'restore',
        '--in',
        archive,
        '--to',
        `pglite:${target}`,
        '--blobs',
        `file:${targetBlobs}`,
      );
      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr).toMatch(/\(format version 3, encrypted and authenticated with the backup key\)$/m);
      expect(run.stdout).toMatch(/^kind +archive count +target count/);
      expect(run.stdout).toMatch(/^blobs +[\d,]+ +[\d,]+ +[0-9a-f]{16}… +[0-9a-f]{16}… +same$/m);
      expect(run.stdout).toMatch(
        /^Verified: [\d,]+ records in 9 kinds and [\d,]+ blobs \([\d.]+ [kM]B\), same/m,
      );
      expect(await inspect(target, measureAll)).toEqual(sourceMeasures);
      expect(await blobsIn(targetBlobs)).toEqual(await blobsIn(sourceBlobs));

      const again = await docket(
        'restore',
        '--in',
        archive,
        '--to',
        `pglite:${target}`,
        '--blobs',
        `file:${targetBlobs}`,
      );
      expect(again.code).toBe(1);
      expect(again.stderr).toContain('The target is not empty');
    },
  );

  it('refuses a truncated archive before writing anything', async () => {
    const half = await variant('half.tar', (copy) => copy.subarray(0, Math.floor(copy.length / 2)));
    await expectRefused(half, /truncated/);

    const index = await readTarIndex(archive);
    const manifest = index.find((e) => e.name === 'manifest.json');
    if (!manifest) throw new Error('no manifest in the archive');
    // Cut just before the manifest: every part is whole, the manifest is missing.
    const noManifest = join(cwd, 'no-manifest.tar');
    await writeFile(noManifest, bytes);
    await truncate(noManifest, manifest.offset - 512);
    await expectRefused(noManifest, /truncated|no manifest\.json/);
  });

  it('refuses an archive with one byte of a part changed, before writing anything', async () => {
    const contracts = (await readTarIndex(archive)).find((e) => e.name === 'records/contracts.ndjson.gz');
    if (!contracts) throw new Error('no contracts part');
    const altered = await variant('altered.tar', (copy) => {
      const at = contracts.offset + Math.floor(contracts.size / 2);
      copy[at] = (copy[at] ?? 0) ^ 0x01;
      return copy;
    });
    await expectRefused(altered, /records\/contracts\.ndjson\.gz does not match its SHA-256/, 'empty');
  });

  it('refuses an archive in clear whose manifest count was changed, even with --allow-unsigned', async () => {
    const text = clearBytes.toString('latin1');
    const count = `"records": ${CONTRACTS},`;
    expect(text.split(count)).toHaveLength(2);
    // Same length, so the archive stays a well-formed tar: only the manifest's word is changed.
    const altered = await variant(
      'miscounted.tar',
      () => Buffer.from(text.replace(count, `"records": ${CONTRACTS + 1},`), 'latin1'),
      clearBytes,
    );
    await expectRefused(
      altered,
      /records\/contracts\.ndjson\.gz holds 300 records; its manifest says 301/,
      'nothing',
      '--allow-unsigned',
    );
    // The manifest of an encrypted archive cannot be read, let alone changed: there is no such text in it.
    expect(bytes.toString('latin1')).not.toContain(count);
  });

  it('refuses an archive of an unknown format version and a file that is not there', async () => {
    const newer = await variant(
      'newer.tar',
      (copy) => Buffer.from(copy.toString('latin1').replace('"version": 2,', '"version": 9,'), 'latin1'),
      clearBytes,
    );
    await expectRefused(
      newer,
      /format version 9; this build of docket reads versions 1, 2 and 3/,
      'nothing',
      '--allow-unsigned',
    );
    const newerSealed = await variant('newer-sealed.tar', (copy) =>
      Buffer.from(copy.toString('latin1').replace('"version": 3,', '"version": 9,'), 'latin1'),
    );
    await expectRefused(
      newerSealed,
      /an encrypted archive of format version 9; this build of docket reads encrypted archives of version 3 only/,
    );
    await expectRefused(join(cwd, 'missing.tar'), /there is no such file/);
  });
});

describe('docket backup with documents missing from the blob store', () => {
  it('fails, saying which, unless --allow-missing-documents, which lists them', SLOW, async () => {
    const partial = join(cwd, 'partial-blobs');
    await cp(sourceBlobs, partial, { recursive: true });
    const [missing] = [...(await blobsIn(partial)).keys()];
    if (!missing) throw new Error('no blobs');
    await rm(join(partial, ...missing.split('/')));
    const out = join(cwd, 'partial.tar');
    const args = ['backup', '--from', `pglite:${source}`, '--blobs', `file:${partial}`, '--out', out];

    const refused = await docket(...args);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      new RegExp(
        `docket: The document "[^"]+" \\(blob ${missing}, in (contract|rate) [0-9a-f-]+\\) is missing from the blob store\\.`,
      ),
    );
    expect(refused.stderr).toContain('--allow-missing-documents');
    await expect(stat(out)).rejects.toThrow(/ENOENT/);

    const allowed = await docket(...args, '--allow-missing-documents');
    expect(allowed.code, allowed.stderr).toBe(0);
    expect(allowed.stdout).toContain(`(blob ${missing}, in `);
    expect(allowed.stdout).toMatch(/^Warning: the document ".*\) is missing from the blob store$/m);
    expect(allowed.stdout).toMatch(/; 1 documents with problems, above$/m);
  });
});
