import { resolve } from 'node:path';
import { Command } from 'commander';
import { DOCUMENTS_PREFIX } from '../documents/document-keys';
import { openBlobStore, openDatastore } from '../composition-root';
import { describeBlobs, describeStore, type BlobsLocator, type StoreLocator } from '../config';
import {
  copyBlobs,
  copyDatastore,
  defaultCheckpointPath,
  formatBlobCopyReport,
  formatReport,
  VerificationError,
} from '../transfer';
import { parseBlobsOption, sameBlobs } from './blobs-option';
import { UsageError } from './cli-errors';
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
  from?: string;
  to?: string;
  blobsFrom?: string;
  blobsTo?: string;
  force?: boolean;
  batchSize: number;
  checkpoint?: string;
}

/** Both of a pair of options, or neither. @throws Error naming the one missing */
function pair(
  flags: [string, string],
  values: [string | undefined, string | undefined],
): [string, string] | null {
  const [a, b] = values;
  if (a === undefined && b === undefined) return null;
  if (a === undefined || b === undefined)
    throw new UsageError(`${flags[0]} and ${flags[1]} go together: give both`);
  return [a, b];
}

async function copyRecords(
  from: StoreLocator,
  to: StoreLocator,
  flags: CopyFlags,
  cwd: string,
): Promise<void> {
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

async function copyDocuments(from: BlobsLocator, to: BlobsLocator): Promise<void> {
  progress(`Opening the source, ${describeBlobs(from)}…`);
  const source = await openBlobStore(from);
  try {
    progress(`Opening the target, ${describeBlobs(to)}…`);
    const target = await openBlobStore(to);
    try {
      const report = await copyBlobs(source, target, { prefix: DOCUMENTS_PREFIX, progress });
      process.stdout.write(formatBlobCopyReport(report));
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
}

async function copy(flags: CopyFlags): Promise<void> {
  const cwd = process.cwd();
  const stores = pair(['--from', '--to'], [flags.from, flags.to]);
  const blobStores = pair(['--blobs-from', '--blobs-to'], [flags.blobsFrom, flags.blobsTo]);
  if (!stores && !blobStores) {
    throw new UsageError(
      'Nothing to copy: give --from and --to (the records), --blobs-from and --blobs-to (the documents), or both',
    );
  }
  const records = stores && {
    from: parseStoreOption('--from', stores[0], cwd),
    to: parseStoreOption('--to', stores[1], cwd),
  };
  if (records && sameStore(records.from, records.to))
    throw new UsageError('--from and --to name the same datastore');
  const documents = blobStores && {
    from: parseBlobsOption('--blobs-from', blobStores[0], cwd),
    to: parseBlobsOption('--blobs-to', blobStores[1], cwd),
  };
  if (documents && sameBlobs(documents.from, documents.to)) {
    throw new UsageError('--blobs-from and --blobs-to name the same blob store');
  }
  if (records) await copyRecords(records.from, records.to, flags, cwd);
  if (documents) await copyDocuments(documents.from, documents.to);
}

export function copyCommand(): Command {
  return new Command('copy')
    .description(
      'Copy every record from one datastore to another, resumably, then verify counts and content hashes; and/or ' +
        'copy every document blob from one blob store to another, skipping those already there and reading each ' +
        'copy back to check its SHA-256. Give --from and --to, --blobs-from and --blobs-to, or all four (records ' +
        'first, then documents).',
    )
    .option('--from <store>', 'the datastore to copy from, as DOCKET_STORE names one')
    .option('--to <store>', 'the datastore to copy into (migrated first; must be empty unless --force)')
    .option('--blobs-from <blobs>', 'the blob store to copy documents from, as DOCKET_BLOBS names one')
    .option(
      '--blobs-to <blobs>',
      'the blob store to copy documents into; a document already there with the same size is skipped',
    )
    .option('--force', 'copy records into a datastore that already holds records')
    .option('--batch-size <n>', 'records per read and write', parseBatchSize, DEFAULT_BATCH_SIZE)
    .option('--checkpoint <file>', 'where progress is kept for resuming (default: under ./.docket/)')
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  docket copy --from pglite:./.docket/db --to postgres://docket@db:5432/docket',
        '  docket copy --blobs-from file:./.docket/blobs --blobs-to "s3://docket-documents?region=us-east-1"',
        '  docket copy --from pglite:./.docket/db --to postgres://docket@db:5432/docket \\',
        '              --blobs-from file:./.docket/blobs --blobs-to "s3://docket-documents?region=us-east-1"',
        '',
        'Both copies can be interrupted and run again: records resume from the checkpoint, documents already in',
        'the target with the same size are skipped.',
      ].join('\n'),
    )
    .action((flags: CopyFlags) => copy(flags));
}
