import { describeStore, loadConfig } from '../config';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../use-cases/demo-accounts';
import { ensureDemoEmailSettings } from '../use-cases/ensure-demo-email-settings';
import { ensureDemoUsers } from '../use-cases/ensure-demo-users';
import { seedReferenceData } from '../use-cases/seed-reference-data';
import { migrateWithProgress, openConfiguredDatastore } from './datastore-session';
import { startServer } from './serve-command';
import { progress } from './terminal';

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

function loginTable(): string {
  const rows = DEMO_ACCOUNTS.map((a) => [
    a.role,
    a.stateCode ?? (a.assignedStates.length > 0 ? `(${a.assignedStates.join(', ')})` : ''),
    a.email,
  ]);
  const header = ['role', 'state', 'email'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/**
 * Demo mode, as `npm start` runs it: the embedded database is migrated and seeded, every demo account exists,
 * and the server runs with demo logins allowed. Restarting keeps the data.
 */
export async function demoCommand(): Promise<void> {
  const cwd = process.cwd();
  const config = loadConfig(process.env, { cwd, demo: true });
  const datastore = await openConfiguredDatastore(config);
  let url: string;
  try {
    await migrateWithProgress(datastore);
    const seeded = await seedReferenceData(datastore.states, progress);
    progress(`${seeded.states} states and ${seeded.programs.total} programs in place`);
    const users = await ensureDemoUsers({ users: datastore.users }, progress);
    if (await ensureDemoEmailSettings(datastore)) progress('Example email settings saved');
    progress(`Demo users: ${users.created} created, ${users.existing} already there`);
    ({ url } = await startServer(config, datastore, cwd));
  } catch (error) {
    await datastore.close();
    throw error;
  }
  if (!LOOPBACK.has(config.host)) {
    progress(
      `Warning: demo mode listens on ${config.host}; anyone who reaches it can log in with the demo password`,
    );
  }
  const inMemory = config.store.kind === 'pglite' && config.store.dataDir === null;
  process.stdout.write(
    [
      '',
      `Docket demo is running at ${url}`,
      '',
      loginTable(),
      '',
      `Every demo account's password: ${DEMO_PASSWORD}`,
      `Data: ${describeStore(config.store)} (${inMemory ? 'gone when the demo stops' : 'kept for the next start'})`,
      'Press Ctrl+C to stop.',
      '',
    ].join('\n'),
  );
}
