import { resolve } from 'node:path';
import type { BlobStore } from '@docket/blobs';
import { Command } from 'commander';
import { openBlobStore, openDatastore } from '../composition-root';
import { describeBlobs, describeStore, loadConfig, type StoreLocator } from '../config';
import {
  ArchiveError,
  archiveProblems,
  formatBytes,
  formatCount,
  formatReport,
  restoreArchive,
  verifyArchive,
  VerificationError,
  type VerifiedArchive,
} from '../transfer';
import { backupKeyOf } from './backup-key-option';
import { blobsLocator } from './blobs-option';
import { migrateWithProgress } from './datastore-session';
import { DEFAULT_BATCH_SIZE, parseBatchSize, parseStoreOption } from './store-option';
import { progress } from './terminal';

interface RestoreFlags {
  in: string;
  to?: string;
  blobs?: string;
  force?: boolean;
  keyFile?: string;
  allowUnsigned?: boolean;
  batchSize: number;
}

function targetLocator(flag: string | undefined, cwd: string): StoreLocator {
  if (flag !== undefined) return parseStoreOption('--to', flag, cwd);
  return loadConfig(process.env, { cwd, requireSecret: false }).store;
}

function describeArchive(archive: VerifiedArchive): string {
  const { manifest } = archive;
  const total = manifest.parts.reduce((sum, p) => sum + p.records, 0);
  const blobs = archive.blobs?.index.expected;
  const documents = blobs
    ? ` and ${formatCount(blobs.count)} document blobs (${formatBytes(blobs.bytes)})`
    : '';
  const sealed = archive.codec.sealed
    ? 'encrypted and authenticated with the backup key'
    : 'NOT encrypted, so not authenticated';
  return (
    `The archive is sound: ${formatCount(total)} records${documents} backed up from ${manifest.source.kind} at ` +
    `${manifest.createdAt} (format version ${manifest.version}, ${sealed})`
  );
}

async function restore(flags: RestoreFlags): Promise<void> {
  const cwd = process.cwd();
  const key = await backupKeyOf(flags.keyFile, cwd);
  const locator = targetLocator(flags.to, cwd);
  const blobsAt = blobsLocator('--blobs', flags.blobs, cwd);
  const file = resolve(cwd, flags.in);

  // The whole archive is checked before the target is even opened.
  let archive: VerifiedArchive;
  try {
    archive = await verifyArchive(file, { key, allowUnsigned: flags.allowUnsigned === true, progress });
  } catch (error) {
    if (!(error instanceof ArchiveError)) throw error;
    throw new ArchiveError(`Refusing to restore ${file}: ${error.message}. Nothing was written.`);
  }
  progress(describeArchive(archive));
  const problems = archiveProblems(archive);
  for (const line of problems) {
    progress(`Warning: when the archive was made, the document blob ${line.key} ${line.problem ?? ''}`);
  }

  progress(`Opening ${describeStore(locator)}…`);
  const target = await openDatastore(locator);
  let blobs: BlobStore | undefined;
  try {
    if ((archive.blobs?.index.expected.count ?? 0) > 0) {
      progress(`Opening ${describeBlobs(blobsAt)}…`);
      blobs = await openBlobStore(blobsAt);
    }
    await migrateWithProgress(target);
    const report = await restoreArchive(archive, target, {
      batchSize: flags.batchSize,
      force: flags.force === true,
      ...(blobs ? { blobs } : {}),
      progress,
    });
    process.stdout.write(formatReport(report));
    if (problems.length > 0) {
      process.stdout.write(
        `Warning: ${formatCount(problems.length)} documents were missing or altered when the archive was made ` +
          '(listed above, on stderr); the archive restores them as they were then.\n',
      );
    }
    if (!report.ok) throw new VerificationError(report);
  } finally {
    await blobs?.close();
    await target.close();
  }
}

export function restoreCommand(): Command {
  return new Command('restore')
    .description(
      'Check an archive whole, restore its records into a datastore and its documents into a blob store, and ' +
        'verify the result',
    )
    .requiredOption('--in <file>', 'the archive made by docket backup')
    .option('--to <store>', 'the datastore to restore into (default: DOCKET_STORE); migrated first')
    .option(
      '--blobs <blobs>',
      'the blob store to restore documents into, as DOCKET_BLOBS names one (default: DOCKET_BLOBS); ' +
        'opened only when the archive holds documents',
    )
    .option(
      '--force',
      'restore into a datastore that already holds records, or a blob store that holds blobs',
    )
    .option(
      '--key-file <file>',
      'a file holding the key the archive was made with, readable by its owner only (default: DOCKET_BACKUP_KEY)',
    )
    .option(
      '--allow-unsigned',
      'restore an archive that is not encrypted (made by an older docket, or with --unencrypted), though nothing ' +
        'proves it was not altered',
    )
    .option('--batch-size <n>', 'records per write', parseBatchSize, DEFAULT_BATCH_SIZE)
    .action((flags: RestoreFlags) => restore(flags));
}
