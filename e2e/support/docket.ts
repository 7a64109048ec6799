import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { buildApp, ensureDemoUsers, loadConfig, openDatastore, seedReferenceData } from '@docket/server';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Builds the web app as `npm start` does, so the journey runs against what users get. */
export function buildWebApp(): void {
  const result = spawnSync('npm', ['run', 'build', '--workspace', '@docket/web'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (result.status !== 0)
    throw new Error(`Building the web app failed:\n${result.stdout}\n${result.stderr}`);
}

export interface RunningDocket {
  url: string;
  close(): Promise<void>;
}

/**
 * Runs Docket in demo mode on a fresh datastore (a `DOCKET_STORE` value) and a free loopback port: migrated,
 * seeded, with the demo users, serving the built web app.
 */
export async function startDocket(store: string): Promise<RunningDocket> {
  const config = loadConfig(
    {
      DOCKET_STORE: store,
      DOCKET_SECRET: randomBytes(32).toString('base64url'),
      PORT: '0',
      HOST: '127.0.0.1',
    },
    { cwd: ROOT, demo: true },
  );
  const datastore = await openDatastore(config.store);
  await datastore.migrate();
  await seedReferenceData(datastore.states);
  await ensureDemoUsers({ users: datastore.users });
  const app = buildApp({
    datastore,
    secret: config.secret ?? '',
    demo: true,
    secureCookies: false,
    logLevel: 'warn',
    loginRateLimit: { max: 1000, timeWindowMs: 60_000 },
  });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url,
    async close() {
      await app.close();
      await datastore.close();
    },
  };
}
