import { Command, InvalidArgumentError } from 'commander';
import { openBlobStore } from '../composition-root';
import { describeBlobs, loadConfig } from '../config';
import { collectDocumentGarbage } from '../documents/garbage-collector';
import { removeStaleUploads, STALE_UPLOAD_HOURS } from '../documents/stale-uploads';
import { RECEIPT_LIFETIME_HOURS } from '../documents/upload-receipts';
import { withDatastore } from './datastore-session';
import { assertReadable, DEFAULT_BATCH_SIZE, parseBatchSize } from './store-option';
import { progress } from './terminal';

interface GcFlags {
  graceHours: number;
  dryRun: boolean;
  batchSize: number;
}

export const DEFAULT_GRACE_HOURS = 24;

/** Commander's parser for `--grace-hours`. */
function parseGraceHours(raw: string): number {
  const n = Number(raw);
  if (!/^\d+(?:\.\d+)?$/.test(raw) || !Number.isFinite(n) || n > 24 * 366) {
    throw new InvalidArgumentError('must be a number of hours from 0 to 8784');
  }
  return n;
}

async function gc(flags: GcFlags): Promise<void> {
  if (flags.graceHours <= RECEIPT_LIFETIME_HOURS) {
    progress(
      `Warning: a grace period of ${flags.graceHours} h is not longer than the ${RECEIPT_LIFETIME_HOURS} h an ` +
        'upload may wait to be added to a draft; a document added now may already be collected.',
    );
  }
  const config = loadConfig(process.env, { cwd: process.cwd(), requireSecret: false });
  await withDatastore(config, async (datastore) => {
    await assertReadable(datastore, 'The datastore');
    progress(`Opening ${describeBlobs(config.blobs)}…`);
    const blobs = await openBlobStore(config.blobs);
    try {
      const result = await collectDocumentGarbage(
        { transfer: datastore.transfer, blobs },
        {
          graceMs: flags.graceHours * 60 * 60 * 1000,
          dryRun: flags.dryRun,
          batchSize: flags.batchSize,
          progress,
        },
      );
      progress('Looking for the temporary files of uploads cut short…');
      const leftovers = await removeStaleUploads(blobs, new Date(), flags.dryRun);
      process.stdout.write(
        [
          `kept (referenced): ${result.kept}`,
          `${flags.dryRun ? 'would delete' : 'deleted'} (unreferenced): ${result.deleted}`,
          `too recent (unreferenced, under ${flags.graceHours} h): ${result.tooRecent}`,
          `${flags.dryRun ? 'would delete' : 'deleted'} (temporary files of uploads cut short, untouched for ` +
            `${STALE_UPLOAD_HOURS} h): ${leftovers}`,
          '',
        ].join('\n'),
      );
    } finally {
      await blobs.close();
    }
  });
}

export function gcCommand(): Command {
  return new Command('gc')
    .description(
      'Delete uploaded documents that no contract or rate refers to (after a grace period), and what uploads ' +
        'cut short by a crash left behind',
    )
    .option(
      '--grace-hours <n>',
      'keep unreferenced documents younger than this',
      parseGraceHours,
      DEFAULT_GRACE_HOURS,
    )
    .option('--dry-run', 'only count what would be deleted', false)
    .option('--batch-size <n>', 'records per read', parseBatchSize, DEFAULT_BATCH_SIZE)
    .action((flags: GcFlags) => gc(flags));
}
