import { resolve } from 'node:path';
import { Command } from 'commander';
import { describeStore, openDatastore } from '../composition-root';
import { copyDatastore, defaultCheckpointPath, formatReport, VerificationError } from '../transfer';
import { migrateWithProgress } from './datastore-session';
import {
  assertReadable,
  DEFAULT_BATCH_SIZE,
  parseBatchSize,
  parseStoreOption,
  sameStore,
} from './store-option';
import { progress } from './terminal';

interface CopyFlags {
  from: string;
  to: string;
  force?: boolean;
  batchSize: number;
  checkpoint?: string;
}

async function copy(flags: CopyFlags): Promise<void> {
  const cwd = process.cwd();
  const from = parseStoreOption('--from', flags.from, cwd);
  const to = parseStoreOption('--to', flags.to, cwd);
  if (sameStore(from, to)) throw new Error('--from and --to name the same datastore');
  const sourceName = describeStore(from);
  const targetName = describeStore(to);
  const checkpointFile =
    flags.checkpoint === undefined
      ? defaultCheckpointPath(cwd, sourceName, targetName)
      : resolve(cwd, flags.checkpoint);

  progress(`Opening the source, ${sourceName}…`);
  const source = await openDatastore(from);
  try {
    await assertReadable(source, `The source, ${sourceName},`);
    progress(`Opening the target, ${targetName}…`);
    const target = await openDatastore(to);
    try {
      await migrateWithProgress(target);
      const report = await copyDatastore(source, target, {
        sourceName,
        targetName,
        batchSize: flags.batchSize,
        force: flags.force === true,
        checkpointFile,
        progress,
      });
      process.stdout.write(formatReport(report));
      if (!report.ok) throw new VerificationError(report);
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
}

export function copyCommand(): Command {
  return new Command('copy')
    .description(
      'Copy every record from one datastore to another, resumably, then verify counts and content hashes',
    )
    .requiredOption('--from <store>', 'the datastore to copy from, as DOCKET_STORE names one')
    .requiredOption(
      '--to <store>',
      'the datastore to copy into (migrated first; must be empty unless --force)',
    )
    .option('--force', 'copy into a datastore that already holds records')
    .option('--batch-size <n>', 'records per read and write', parseBatchSize, DEFAULT_BATCH_SIZE)
    .option('--checkpoint <file>', 'where progress is kept for resuming (default: under ./.docket/)')
    .action((flags: CopyFlags) => copy(flags));
}
