import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { lstat, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readOrCreateDemoSecret } from '../src/demo-secret';
import { newCheckpoint, writeCheckpoint } from '../src/transfer/checkpoint';

/**
 * Whatever the umask, every folder Docket makes for data is 0700 and every file 0600: `.docket/`, the embedded
 * database and the documents in it, the demo secret, copy checkpoints, backup archives. The umask here is the most
 * permissive there is, 000, and child processes inherit it.
 */

const MAIN = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

const scratch: string[] = [];
let umask: number;
beforeEach(() => {
  umask = process.umask(0);
});
afterEach(() => {
  process.umask(umask);
});
afterAll(async () => {
  await Promise.all(scratch.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function scratchDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'docket-modes-'));
  scratch.push(dir);
  return dir;
}

/** The mode of one file or folder, as octal text. */
async function modeOf(path: string): Promise<string> {
  return ((await lstat(path)).mode & 0o777).toString(8);
}

/** Every folder and file under `root` (itself included) that is not 0700 or 0600, with its mode; and how many. */
async function openToOthers(root: string): Promise<{ count: number; loose: string[] }> {
  const loose: string[] = [];
  let count = 0;
  const walk = async (path: string): Promise<void> => {
    const stats = await lstat(path);
    count += 1;
    const mode = stats.mode & 0o777;
    if (mode !== (stats.isDirectory() ? 0o700 : 0o600)) {
      loose.push(`${relative(root, path) || '.'} ${mode.toString(8)}`);
    }
    if (stats.isDirectory()) for (const name of await readdir(path)) await walk(join(path, name));
  };
  await walk(root);
  return { count, loose };
}

describe('file modes', () => {
  it('keeps the demo secret 0600 in a 0700 folder, tightening both when an older release left them open', async () => {
    const fresh = join(await scratchDir(), '.docket');
    await readOrCreateDemoSecret(fresh);
    expect([await modeOf(fresh), await modeOf(join(fresh, 'secret'))]).toEqual(['700', '600']);

    const old = join(await scratchDir(), '.docket');
    await mkdir(old, { mode: 0o755 });
    await writeFile(join(old, 'secret'), `${'s'.repeat(48)}\n`, { mode: 0o644 });
    expect(await readOrCreateDemoSecret(old)).toBe('s'.repeat(48));
    expect([await modeOf(old), await modeOf(join(old, 'secret'))]).toEqual(['700', '600']);
  });

  it('writes copy checkpoints 0600 in a 0700 folder, even over a temporary file a killed copy left open', async () => {
    const dir = join(await scratchDir(), '.docket');
    const path = join(dir, 'copy-a-to-b.json');
    await writeCheckpoint(path, newCheckpoint('a', 'b'));
    expect([await modeOf(dir), await modeOf(path)]).toEqual(['700', '600']);
    await writeFile(`${path}.tmp`, 'left by a killed copy', { mode: 0o666 });
    await writeCheckpoint(path, newCheckpoint('a', 'b'));
    expect(await modeOf(path)).toBe('600');
  });

  it('makes .docket, its database, its documents and a backup private from the command line', async () => {
    const cwd = await scratchDir();
    // `.docket/` as an older release left it: open to everyone.
    await mkdir(join(cwd, '.docket'), { mode: 0o777 });
    const docket = (args: string[]) =>
      new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
        const child = spawn(process.execPath, ['--import', TSX, MAIN, ...args], {
          cwd,
          env: { PATH: process.env.PATH ?? '', DOCKET_BACKUP_KEY: randomBytes(32).toString('base64') },
          stdio: ['ignore', 'ignore', 'pipe'],
        });
        let stderr = '';
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        child.on('error', reject);
        child.on('close', (code) => resolve({ code, stderr }));
      });
    const migrated = await docket(['migrate']);
    expect(migrated.code, migrated.stderr).toBe(0);
    const backedUp = await docket(['backup', '--out', 'docket-backup.tar']);
    expect(backedUp.code, backedUp.stderr).toBe(0);

    const data = await openToOthers(join(cwd, '.docket'));
    expect(data.count).toBeGreaterThan(500);
    expect(data.loose).toEqual([]);
    expect(await modeOf(join(cwd, '.docket', 'blobs'))).toBe('700');
    expect(await modeOf(join(cwd, 'docket-backup.tar'))).toBe('600');
  });
});
