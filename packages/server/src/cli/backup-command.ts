import { resolve } from 'node:path';
import { Command } from 'commander';
import { describeStore, openDatastore, type StoreLocator } from '../composition-root';
import { loadConfig } from '../config';
import { backupDatastore, formatCount } from '../transfer';
import { assertReadable, DEFAULT_BATCH_SIZE, parseBatchSize, parseStoreOption } from './store-option';
import { progress } from './terminal';

interface BackupFlags {
  out: string;
  from?: string;
  batchSize: number;
}

/** `--from` when given, else the configured `DOCKET_STORE`. */
function sourceLocator(flag: string | undefined, cwd: string): StoreLocator {
  if (flag !== undefined) return parseStoreOption('--from', flag, cwd);
  return loadConfig(process.env, { cwd, requireSecret: false }).store;
}

async function backup(flags: BackupFlags): Promise<void> {
  const cwd = process.cwd();
  const locator = sourceLocator(flags.from, cwd);
  const file = resolve(cwd, flags.out);
  progress(`Opening ${describeStore(locator)}…`);
  const source = await openDatastore(locator);
  try {
    await assertReadable(source, describeStore(locator));
    const manifest = await backupDatastore(source, file, { batchSize: flags.batchSize, progress });
    const width = Math.max(...manifest.parts.map((p) => p.kind.length));
    for (const part of manifest.parts) {
      process.stdout.write(
        `${part.kind.padEnd(width)}  ${formatCount(part.records).padStart(12)}  ${part.contentHash}\n`,
      );
    }
    const total = manifest.parts.reduce((sum, p) => sum + p.records, 0);
    process.stdout.write(`Backed up ${formatCount(total)} records to ${file}\n`);
  } finally {
    await source.close();
  }
}

export function backupCommand(): Command {
  return new Command('backup')
    .description('Write every record of a datastore into a new archive (see docs/backup-format.md)')
    .requiredOption('--out <file>', 'the archive to create; it must not exist')
    .option('--from <store>', 'the datastore to back up (default: DOCKET_STORE)')
    .option('--batch-size <n>', 'records per read', parseBatchSize, DEFAULT_BATCH_SIZE)
    .action((flags: BackupFlags) => backup(flags));
}
