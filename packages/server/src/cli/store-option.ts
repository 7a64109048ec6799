import type { Datastore } from '@docket/store';
import { InvalidArgumentError } from 'commander';
import { storeLocatorSchema, type StoreLocator } from '../config';
import { DatastoreUnreadableError } from './cli-errors';

/** A datastore named on the command line, in the syntax of `DOCKET_STORE`. @throws InvalidArgumentError */
export function parseStoreOption(flag: string, raw: string, cwd: string): StoreLocator {
  const parsed = storeLocatorSchema(cwd).safeParse(raw);
  if (parsed.success) return parsed.data;
  throw new InvalidArgumentError(`${flag} ${parsed.error.issues[0]?.message ?? 'is not a datastore'}`);
}

/** Whether two locators name the same datastore. Two in-memory PGlites are two datastores. */
export function sameStore(a: StoreLocator, b: StoreLocator): boolean {
  if (a.kind === 'pglite' && a.dataDir === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Commander's parser for `--batch-size`. */
export function parseBatchSize(raw: string): number {
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(n) || n < 1 || n > 10_000) {
    throw new InvalidArgumentError('must be a whole number from 1 to 10000');
  }
  return n;
}

export const DEFAULT_BATCH_SIZE = 500;

/**
 * Fails early, with a hint, when a datastore to read from cannot be read: usually one that was never migrated
 * (opening an embedded one that does not exist creates it empty).
 */
export async function assertReadable(datastore: Datastore, description: string): Promise<void> {
  try {
    await datastore.transfer.count('states');
  } catch (error) {
    throw new DatastoreUnreadableError(
      `${description} cannot be read as a Docket datastore (${innermostMessage(error)}): is it the right one, ` +
        'and has it been migrated (docket migrate)?',
      { cause: error },
    );
  }
}

/** The message at the bottom of a chain of causes: the driver's own words. */
function innermostMessage(error: unknown): string {
  let current = error;
  while (current instanceof Error && current.cause instanceof Error) current = current.cause;
  return current instanceof Error ? current.message : String(current);
}
