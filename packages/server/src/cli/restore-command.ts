import { resolve } from 'node:path';
import { Command } from 'commander';
import { describeStore, openDatastore, type StoreLocator } from '../composition-root';
import { loadConfig } from '../config';
import {
  ArchiveError,
  formatCount,
  formatReport,
  restoreArchive,
  verifyArchive,
  VerificationError,
  type VerifiedArchive,
} from '../transfer';
import { migrateWithProgress } from './datastore-session';
import { DEFAULT_BATCH_SIZE, parseBatchSize, parseStoreOption } from './store-option';
import { progress } from './terminal';

interface RestoreFlags {
  in: string;
  to?: string;
  force?: boolean;
  batchSize: number;
}

function targetLocator(flag: string | undefined, cwd: string): StoreLocator {
  if (flag !== undefined) return parseStoreOption('--to', flag, cwd);
  return loadConfig(process.env, { cwd, requireSecret: false }).store;
}

async function restore(flags: RestoreFlags): Promise<void> {
  const cwd = process.cwd();
  const locator = targetLocator(flags.to, cwd);
  const file = resolve(cwd, flags.in);

  // The whole archive is checked before the target is even opened.
  let archive: VerifiedArchive;
  try {
    archive = await verifyArchive(file, progress);
  } catch (error) {
    if (!(error instanceof ArchiveError)) throw error;
    throw new ArchiveError(`Refusing to restore ${file}: ${error.message}. Nothing was written.`);
  }
  const total = archive.manifest.parts.reduce((sum, p) => sum + p.records, 0);
  progress(
    `The archive is sound: ${formatCount(total)} records backed up from ${archive.manifest.source.kind} at ` +
      `${archive.manifest.createdAt}`,
  );

  progress(`Opening ${describeStore(locator)}…`);
  const target = await openDatastore(locator);
  try {
    await migrateWithProgress(target);
    const report = await restoreArchive(archive, target, {
      batchSize: flags.batchSize,
      force: flags.force === true,
      progress,
    });
    process.stdout.write(formatReport(report));
    if (!report.ok) throw new VerificationError(report);
  } finally {
    await target.close();
  }
}

export function restoreCommand(): Command {
  return new Command('restore')
    .description('Check an archive whole, restore it into a datastore, and verify the result')
    .requiredOption('--in <file>', 'the archive made by docket backup')
    .option('--to <store>', 'the datastore to restore into (default: DOCKET_STORE); migrated first')
    .option('--force', 'restore into a datastore that already holds records')
    .option('--batch-size <n>', 'records per write', parseBatchSize, DEFAULT_BATCH_SIZE)
    .action((flags: RestoreFlags) => restore(flags));
}
