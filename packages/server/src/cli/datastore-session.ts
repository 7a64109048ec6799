import type { Datastore } from '@docket/store';
import { openDatastore } from '../composition-root';
import { describeStore, type Config } from '../config';
import { progress } from './terminal';

/** Opens the configured datastore, saying which one. */
export async function openConfiguredDatastore(config: Config): Promise<Datastore> {
  progress(`Opening ${describeStore(config.store)}…`);
  return openDatastore(config.store);
}

/** Runs one piece of work on the configured datastore and closes it afterwards, whatever happens. */
export async function withDatastore<T>(
  config: Config,
  work: (datastore: Datastore) => Promise<T>,
): Promise<T> {
  const datastore = await openConfiguredDatastore(config);
  try {
    return await work(datastore);
  } finally {
    await datastore.close();
  }
}

/** Creates or upgrades the schema, with progress. */
export async function migrateWithProgress(datastore: Datastore): Promise<void> {
  progress('Creating or upgrading the schema…');
  const started = Date.now();
  await datastore.migrate();
  progress(`Schema is up to date (${Date.now() - started} ms)`);
}
