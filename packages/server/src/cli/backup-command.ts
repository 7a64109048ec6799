import { resolve } from 'node:path';
import { Command } from 'commander';
import {
  describeBlobs,
  describeStore,
  openBlobStore,
  openDatastore,
  type StoreLocator,
} from '../composition-root';
import { loadConfig } from '../config';
import { backupDatastore, formatBytes, formatCount } from '../transfer';
import { blobsLocator } from './blobs-option';
import { assertReadable, DEFAULT_BATCH_SIZE, parseBatchSize, parseStoreOption } from './store-option';
import { progress } from './terminal';

interface BackupFlags {
  out: string;
  from?: string;
  blobs?: string;
  allowMissingDocuments?: boolean;
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
  const blobsAt = blobsLocator('--blobs', flags.blobs, cwd);
  const file = resolve(cwd, flags.out);
  progress(`Opening ${describeStore(locator)}…`);
  const source = await openDatastore(locator);
  try {
    await assertReadable(source, describeStore(locator));
    progress(`Opening ${describeBlobs(blobsAt)}…`);
    const blobs = await openBlobStore(blobsAt);
    try {
      const { manifest, problems } = await backupDatastore(source, file, {
        batchSize: flags.batchSize,
        blobs,
        allowMissingDocuments: flags.allowMissingDocuments === true,
        progress,
      });
      const width = Math.max(...manifest.parts.map((p) => p.kind.length), 'blobs'.length);
      for (const part of manifest.parts) {
        process.stdout.write(
          `${part.kind.padEnd(width)}  ${formatCount(part.records).padStart(12)}  ${part.contentHash}\n`,
        );
      }
      const held = manifest.blobs;
      process.stdout.write(
        `${'blobs'.padEnd(width)}  ${formatCount(held.blobs).padStart(12)}  ${held.contentHash}\n`,
      );
      for (const p of problems) {
        process.stdout.write(
          `Warning: the document "${p.name}" (blob ${p.key}, in ${p.referencedBy}) ${p.problem}\n`,
        );
      }
      const total = manifest.parts.reduce((sum, p) => sum + p.records, 0);
      const missing =
        problems.length > 0 ? `; ${formatCount(problems.length)} documents with problems, above` : '';
      process.stdout.write(
        `Backed up ${formatCount(total)} records and ${formatCount(held.blobs)} document blobs ` +
          `(${formatBytes(held.bytes)}) to ${file}${missing}\n`,
      );
    } finally {
      await blobs.close();
    }
  } finally {
    await source.close();
  }
}

export function backupCommand(): Command {
  return new Command('backup')
    .description(
      'Write every record of a datastore, and the documents they refer to, into a new archive ' +
        '(see docs/backup-format.md)',
    )
    .requiredOption('--out <file>', 'the archive to create; it must not exist')
    .option('--from <store>', 'the datastore to back up (default: DOCKET_STORE)')
    .option(
      '--blobs <blobs>',
      'the blob store to read documents from, as DOCKET_BLOBS names one (default: DOCKET_BLOBS)',
    )
    .option(
      '--allow-missing-documents',
      'back up even when a document is missing from the blob store or altered there: it is listed as a warning, ' +
        'in the output and in the archive, instead of failing the backup',
    )
    .option('--batch-size <n>', 'records per read', parseBatchSize, DEFAULT_BATCH_SIZE)
    .action((flags: BackupFlags) => backup(flags));
}
