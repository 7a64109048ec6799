import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { createFileBlobStore } from '@docket/blobs/file';
import { buildApp, ensureDemoUsers, loadConfig, openDatastore, seedReferenceData } from '@docket/server';
import type { Datastore } from '@docket/store';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BUILDS = join(ROOT, 'test-output', 'web-builds');

/** What the built web app depends on: its own sources and configuration, the domain, the locked dependencies. */
const BUILD_INPUTS = [
  'packages/web',
  'packages/domain/src',
  'packages/domain/package.json',
  'package-lock.json',
];
const NOT_INPUTS = new Set(['node_modules', 'dist']);

function hashInputs(): string {
  const hash = createHash('sha256');
  const visit = (path: string) => {
    const stat = statSync(path);
    if (stat.isDirectory()) {
      for (const name of readdirSync(path).sort()) if (!NOT_INPUTS.has(name)) visit(join(path, name));
    } else {
      hash.update(relative(ROOT, path)).update('\0').update(readFileSync(path)).update('\0');
    }
  };
  for (const input of BUILD_INPUTS) visit(join(ROOT, input));
  return hash.digest('hex').slice(0, 16);
}

function build(outDir: string): void {
  const result = spawnSync(
    'npm',
    ['run', 'build', '--workspace', '@docket/web', '--', '--outDir', outDir, '--emptyOutDir'],
    // What ships: Vitest sets NODE_ENV=test, which would otherwise build React in development mode, whose
    // StrictMode runs each new component's effects twice.
    { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NODE_ENV: 'production' } },
  );
  if (result.status !== 0) {
    throw new Error(`Building the web app failed:\n${result.stdout}\n${result.stderr}`);
  }
}

/** Keeps the few most recent builds, so test-output does not grow with every change of the web app. */
function pruneBuilds(keep: string): void {
  const builds = readdirSync(BUILDS)
    .filter((name) => /^[0-9a-f]{16}$/.test(name) && name !== keep)
    .map((name) => ({ name, at: statSync(join(BUILDS, name)).mtimeMs }))
    .sort((a, b) => b.at - a.at);
  for (const { name } of builds.slice(2)) rmSync(join(BUILDS, name), { recursive: true, force: true });
}

/** A build lock older than this was left by a run that died while building. */
const STALE_LOCK_MS = 5 * 60_000;

/**
 * Builds the web app as `npm start` does, so the journeys run against what users get, and returns the folder
 * the server should serve. Builds are kept by the hash of their sources, so a run builds once however many test
 * files (in parallel workers) ask, and a build is never replaced under a server that is serving it (the web app
 * may be edited while the journeys run): a changed source gives a new folder.
 */
export async function buildWebApp(): Promise<string> {
  const key = hashInputs();
  const target = join(BUILDS, key);
  const lock = `${target}.lock`;
  mkdirSync(BUILDS, { recursive: true });
  for (;;) {
    if (existsSync(join(target, 'index.html'))) return target;
    try {
      mkdirSync(lock);
    } catch {
      // Another worker is building these sources: wait for it, unless it died.
      const lockedAt = statSync(lock, { throwIfNoEntry: false })?.mtimeMs;
      if (lockedAt !== undefined && Date.now() - lockedAt > STALE_LOCK_MS) {
        rmSync(lock, { recursive: true, force: true });
      }
      await sleep(250);
      continue;
    }
    try {
      if (existsSync(join(target, 'index.html'))) return target;
      const partial = `${target}.partial-${process.pid}`;
      build(partial);
      rmSync(target, { recursive: true, force: true });
      renameSync(partial, target);
      pruneBuilds(key);
      return target;
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
}

export interface RunningDocket {
  url: string;
  /** The datastore the server runs on, for a journey's setup that no page makes (a user of its own). */
  datastore: Datastore;
  close(): Promise<void>;
}

/**
 * Runs Docket in demo mode on a fresh datastore (a `DOCKET_STORE` value) and a free loopback port: migrated,
 * seeded, with the demo users, keeping documents in a temporary folder (`DOCKET_BLOBS`) removed on close, and
 * serving the web app built in `webRoot`.
 */
export async function startDocket(
  store: string,
  webRoot: string,
  options: { sessionIdleSeconds?: number } = {},
): Promise<RunningDocket> {
  const blobDir = await mkdtemp(join(tmpdir(), 'docket-e2e-blobs-'));
  const config = loadConfig(
    {
      DOCKET_STORE: store,
      DOCKET_BLOBS: `file:${blobDir}`,
      DOCKET_SECRET: randomBytes(32).toString('base64url'),
      PORT: '0',
      HOST: '127.0.0.1',
    },
    { cwd: ROOT, demo: true },
  );
  if (config.blobs.kind !== 'file') throw new Error('the journeys keep documents in a folder');
  const blobs = await createFileBlobStore({ dir: config.blobs.dir });
  const datastore = await openDatastore(config.store);
  const app = buildApp({
    datastore,
    blobs,
    maxUploadBytes: config.maxUploadBytes,
    secret: config.secret ?? '',
    demo: true,
    secureCookies: false,
    logLevel: 'warn',
    webRoot,
    ...(options.sessionIdleSeconds === undefined ? {} : { sessionIdleSeconds: options.sessionIdleSeconds }),
  });
  const close = async () => {
    try {
      await app.close();
      await blobs.close();
      await datastore.close();
    } finally {
      await rm(blobDir, { recursive: true, force: true });
    }
  };
  try {
    await datastore.migrate();
    await seedReferenceData(datastore.states);
    await ensureDemoUsers({ users: datastore.users });
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    return { url, datastore, close };
  } catch (error) {
    await close();
    throw error;
  }
}
