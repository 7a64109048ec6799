import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFileBlobStore } from '@docket/blobs/file';
import type { TransferKind } from '@docket/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupDatastore, type KindMeasure } from '../src/transfer';
import { inspect, startDocket, type Run } from './transfer-cli-runner';
import { generateFilings, measureAll } from './transfer-fixtures';
import { forgeAdmin } from './transfer-handmade-archive';

/**
 * The backup key as operators give it to `docket backup` and `docket restore` (DOCKET_BACKUP_KEY or --key-file),
 * and the explicit choices to do without one (--unencrypted, --allow-unsigned): the real CLI in a child process,
 * on a small PGlite folder with documents in a blob folder.
 */

const KEY = randomBytes(32).toString('base64');
const OTHER_KEY = randomBytes(32).toString('base64');

let cwd: string;
let source: string;
let sourceBlobs: string;
let sourceMeasures: Record<TransferKind, KindMeasure>;

/** `docket args` with only PATH and `env` in its environment: no key unless given. */
function docket(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return startDocket(cwd, args, env).done;
}

function backup(out: string, ...flags: string[]): string[] {
  return ['backup', '--from', `pglite:${source}`, '--blobs', `file:${sourceBlobs}`, '--out', out, ...flags];
}

/** A restore into a new folder and blob folder, named after `name`. */
function restore(file: string, name: string, ...flags: string[]): { args: string[]; target: string } {
  const target = join(cwd, name);
  return {
    args: ['restore', '--in', file, '--to', `pglite:${target}`, '--blobs', `file:${target}-blobs`, ...flags],
    target,
  };
}

async function keyFile(name: string, text: string, mode = 0o600): Promise<string> {
  const file = join(cwd, name);
  await writeFile(file, text);
  await chmod(file, mode);
  return file;
}

/** The run failed with exit code 1, saying `message`, and left neither the target nor its blob folder behind. */
async function expectRefused(run: Run, target: string, message: string | RegExp): Promise<void> {
  expect(run.code, run.stdout).toBe(1);
  expect(run.stderr).toMatch(message);
  await expect(stat(target)).rejects.toThrow(/ENOENT/);
  await expect(stat(`${target}-blobs`)).rejects.toThrow(/ENOENT/);
}

beforeAll(async () => {
  cwd = await mkdtemp(join(tmpdir(), 'docket-transfer-cli-keys-'));
  source = join(cwd, 'source');
  sourceBlobs = join(cwd, 'source-blobs');
  const documents = await createFileBlobStore({ dir: sourceBlobs });
  sourceMeasures = await inspect(source, async (datastore) => {
    await generateFilings(datastore, { contracts: 4, documents });
    return measureAll(datastore);
  });
  await documents.close();
});

afterAll(async () => {
  await rm(cwd, { recursive: true, force: true });
});

describe('docket backup', () => {
  it('refuses to run without a key unless told --unencrypted, and with both', async () => {
    const out = join(cwd, 'no-key.tar');
    const none = await docket(backup(out));
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('docket: No backup key: set DOCKET_BACKUP_KEY, or pass --key-file <file>');
    expect(none.stderr).toContain('openssl rand -base64 32');
    expect(none.stderr).toContain('pass --unencrypted if that is what you want');
    await expect(stat(out)).rejects.toThrow(/ENOENT/);

    const both = await docket(backup(out, '--unencrypted'), { DOCKET_BACKUP_KEY: KEY });
    expect(both.code).toBe(1);
    expect(both.stderr).toContain('--unencrypted asks for an archive in clear, but a key was given');
    await expect(stat(out)).rejects.toThrow(/ENOENT/);
  });

  it('refuses a key that is not one, saying what a key is and never what was given', async () => {
    const out = join(cwd, 'bad-key.tar');
    const hex = randomBytes(32).toString('hex');
    const inEnv = await docket(backup(out), { DOCKET_BACKUP_KEY: hex });
    expect(inEnv.code).toBe(1);
    expect(inEnv.stderr).toContain('DOCKET_BACKUP_KEY: must be 32 random bytes in base64');
    expect(inEnv.stderr).toContain('this looks like hex');
    expect(inEnv.stderr).not.toContain(hex);

    const garbage = 'not-a-key-but-a-secret-all-the-same';
    const notAKey = await docket(backup(out, '--key-file', await keyFile('garbage.key', garbage)));
    expect(notAKey.code).toBe(1);
    expect(notAKey.stderr).toMatch(
      /--key-file .*garbage\.key: does not hold a key: it must be 32 random bytes/,
    );
    expect(notAKey.stderr).not.toContain(garbage);

    const shared = await keyFile('shared.key', `${KEY}\n`, 0o644);
    const open = await docket(backup(out, '--key-file', shared));
    expect(open.code).toBe(1);
    expect(open.stderr).toContain('other users of this machine may read or change it (mode 0644)');
    expect(open.stderr).toContain(`chmod 600 ${shared}`);
    expect(open.stderr).not.toContain(KEY);

    const missing = await docket(backup(out, '--key-file', join(cwd, 'nowhere.key')));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/--key-file .*nowhere\.key: there is no such file/);
    await expect(stat(out)).rejects.toThrow(/ENOENT/);
  });
});

describe('docket backup and restore with a key', () => {
  const archive = () => join(cwd, 'sealed.tar');

  beforeAll(async () => {
    const run = await docket(backup(archive()), { DOCKET_BACKUP_KEY: KEY });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/ to .*sealed\.tar, encrypted with the backup key$/m);
  });

  it('restores with the same key from a key file, and verifies', async () => {
    // A key file as an editor leaves it: one line, with its line ending.
    const file = await keyFile('backup.key', `${KEY}\n`);
    const { args, target } = restore(archive(), 'restored', '--key-file', file);
    const run = await docket(args, { DOCKET_BACKUP_KEY: OTHER_KEY }); // the flag wins over the environment
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('(format version 3, encrypted and authenticated with the backup key)');
    expect(run.stdout).toMatch(/^Verified: [\d,]+ records in 9 kinds and [\d,]+ blobs/m);
    expect(await inspect(target, measureAll)).toEqual(sourceMeasures);
  });

  it('refuses to restore without the key or with another, before opening the target', async () => {
    const without = restore(archive(), 'without-key');
    await expectRefused(
      await docket(without.args),
      without.target,
      /Refusing to restore .*sealed\.tar: It is encrypted: give the key it was made with, in DOCKET_BACKUP_KEY or with --key-file\. Nothing was written\./,
    );
    const other = restore(archive(), 'other-key');
    await expectRefused(
      await docket(other.args, { DOCKET_BACKUP_KEY: OTHER_KEY }),
      other.target,
      'It was encrypted with another key, or its encryption.json was altered: give the key it was made with',
    );
  });
});

describe('archives in clear', () => {
  it('are made only with --unencrypted, and restored only with --allow-unsigned, with warnings', async () => {
    const clear = join(cwd, 'clear.tar');
    const made = await docket(backup(clear, '--unencrypted'));
    expect(made.code, made.stderr).toBe(0);
    expect(made.stderr).toContain('Warning: --unencrypted: the archive will hold password hashes');
    expect(made.stdout).toMatch(/ to .*clear\.tar, NOT encrypted$/m);

    const refused = restore(clear, 'clear-refused');
    await expectRefused(
      await docket(refused.args, { DOCKET_BACKUP_KEY: KEY }),
      refused.target,
      /It is not encrypted \(format version 2: made by an older docket, or with --unencrypted\).* with --allow-unsigned\. Nothing was written\./,
    );

    const allowed = restore(clear, 'clear-allowed', '--allow-unsigned');
    const run = await docket(allowed.args);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(
      'Warning: the archive is not encrypted, so nothing proves it was not altered',
    );
    expect(run.stderr).toContain('(format version 2, NOT encrypted, so not authenticated)');
    expect(await inspect(allowed.target, measureAll)).toEqual(sourceMeasures);
  });

  it('refuses the forgery of the issue: a state user made ADMIN, every hash recomputed', async () => {
    const clear = join(cwd, 'taken.tar');
    const documents = await createFileBlobStore({ dir: sourceBlobs });
    try {
      await inspect(source, (datastore) =>
        backupDatastore(datastore, clear, { key: null, batchSize: 50, blobs: documents, progress: () => {} }),
      );
    } finally {
      await documents.close();
    }
    const forged = join(cwd, 'forged.tar');
    await forgeAdmin(clear, forged);

    const attempt = restore(forged, 'forged-target');
    const run = await docket(attempt.args, { DOCKET_BACKUP_KEY: KEY });
    await expectRefused(
      run,
      attempt.target,
      /docket: Refusing to restore .*forged\.tar: It is not encrypted .*--allow-unsigned\. Nothing was written\./,
    );
  });
});
