import { resolve } from 'node:path';
import { Command } from 'commander';
import { openBlobStore, openDatastore } from '../composition-root';
import { describeBlobs, describeStore, loadConfig, type StoreLocator } from '../config';
import { backupDatastore, BackupKeyError, formatBytes, formatCount, type BackupKey } from '../transfer';
import { backupKeyOf } from './backup-key-option';
import { blobsLocator } from './blobs-option';
import { assertReadable, DEFAULT_BATCH_SIZE, parseBatchSize, parseStoreOption } from './store-option';
import { progress } from './terminal';

interface BackupFlags {
  out: string;
  from?: string;
  blobs?: string;
  allowMissingDocuments?: boolean;
  keyFile?: string;
  unencrypted?: boolean;
  batchSize: number;
}

/**
 * The key to encrypt with, or null for an archive in clear, which must be asked for: an operator never makes one
 * by accident, nor asks for one while giving a key.
 * @throws BackupKeyError
 */
async function keyOf(flags: BackupFlags, cwd: string): Promise<BackupKey | null> {
  const key = await backupKeyOf(flags.keyFile, cwd);
  if (key && flags.unencrypted) {
    throw new BackupKeyError(
      '--unencrypted asks for an archive in clear, but a key was given (DOCKET_BACKUP_KEY or --key-file): ' +
        'give one or the other',
    );
  }
  if (!key && !flags.unencrypted) {
    throw new BackupKeyError(
      'No backup key: set DOCKET_BACKUP_KEY, or pass --key-file <file>, to 32 random bytes in base64 (make ' +
        'one with: openssl rand -base64 32, and keep it apart from the archives). Without a key the archive ' +
        'would hold password hashes and every document in clear, and could be altered unnoticed; pass ' +
        '--unencrypted if that is what you want.',
    );
  }
  return key;
}

/** `--from` when given, else the configured `DOCKET_STORE`. */
function sourceLocator(flag: string | undefined, cwd: string): StoreLocator {
  if (flag !== undefined) return parseStoreOption('--from', flag, cwd);
  return loadConfig(process.env, { cwd, requireSecret: false }).store;
}

async function backup(flags: BackupFlags): Promise<void> {
  const cwd = process.cwd();
  const key = await keyOf(flags, cwd);
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
      if (!key) {
        progress(
          'Warning: --unencrypted: the archive will hold password hashes, sessions and every document in ' +
            'clear, and docket restore will take it only with --allow-unsigned.',
        );
      }
      const { manifest, problems } = await backupDatastore(source, file, {
        key,
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
      const sealed = key ? 'encrypted with the backup key' : 'NOT encrypted';
      process.stdout.write(
        `Backed up ${formatCount(total)} records and ${formatCount(held.blobs)} document blobs ` +
          `(${formatBytes(held.bytes)}) to ${file}, ${sealed}${missing}\n`,
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
    .option(
      '--key-file <file>',
      'a file holding the backup key (32 random bytes in base64), readable by its owner only ' +
        '(default: DOCKET_BACKUP_KEY)',
    )
    .option(
      '--unencrypted',
      'make the archive without a key: in clear, and refused by restore unless --allow-unsigned',
    )
    .option('--batch-size <n>', 'records per read', parseBatchSize, DEFAULT_BATCH_SIZE)
    .action((flags: BackupFlags) => backup(flags));
}
