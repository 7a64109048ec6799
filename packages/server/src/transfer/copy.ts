import { TRANSFER_KINDS, type Datastore, type TransferKind } from '@docket/store';
import {
  newCheckpoint,
  readCheckpoint,
  removeCheckpoint,
  writeCheckpoint,
  CheckpointError,
  type Checkpoint,
} from './checkpoint';
import { KindProgress, type ProgressSink } from './progress';
import { assertEmpty } from './target-guard';
import { verifyDatastores, type VerificationReport } from './verification';

export interface CopyOptions {
  /** The two stores as described for people; the checkpoint records them so it is never used for another pair. */
  sourceName: string;
  targetName: string;
  /** Records per read and per write. */
  batchSize: number;
  /** Write into a target that already holds records (same ids are replaced, the rest kept). */
  force: boolean;
  /** Where progress is recorded after every batch, so that a run after an interruption resumes. */
  checkpointFile: string;
  progress: ProgressSink;
}

/**
 * Copies every kind of record from one datastore to another, in `TRANSFER_KINDS` order (states before the
 * contracts numbered from them), a batch at a time so that memory stays flat whatever the size. The target must
 * be migrated. A checkpoint after every batch makes the copy resumable: run it again after an interruption and it
 * carries on from the last batch recorded. Ends by verifying counts and content hashes of every kind on both
 * sides; the checkpoint is removed once verification has run.
 * @returns the verification report; check `ok`.
 * @throws CheckpointError when the checkpoint file belongs to another pair of stores
 * @throws TargetNotEmptyError when the target holds records and neither `force` nor a checkpoint allows it
 */
export async function copyDatastore(
  source: Datastore,
  target: Datastore,
  options: CopyOptions,
): Promise<VerificationReport> {
  const { progress, checkpointFile } = options;
  let checkpoint = await readCheckpoint(checkpointFile);
  if (checkpoint) {
    if (checkpoint.source !== options.sourceName || checkpoint.target !== options.targetName) {
      throw new CheckpointError(
        `The checkpoint ${checkpointFile} is for copying ${checkpoint.source} to ${checkpoint.target}, not ` +
          `${options.sourceName} to ${options.targetName}: pass another --checkpoint, or remove it`,
      );
    }
    progress(`Resuming the copy from ${checkpointFile} (${describeCheckpoint(checkpoint)})`);
  } else {
    if (!options.force) await assertEmpty(target, 'copy into');
    checkpoint = newCheckpoint(options.sourceName, options.targetName);
    await writeCheckpoint(checkpointFile, checkpoint);
  }

  for (const kind of TRANSFER_KINDS) {
    if (checkpoint.done.includes(kind)) continue;
    await copyKind(source, target, kind, checkpoint, options);
  }

  const report = await verifyDatastores(source, target, { batchSize: options.batchSize, progress });
  await removeCheckpoint(checkpointFile);
  return report;
}

/**
 * Batches of one kind written at once: the source reads the next batch while the target writes, and a second
 * write keeps the target busy while the first one commits. The checkpoint still moves in the source's order, to
 * the cursor after the last batch whose predecessors are all written, so a resumed copy misses nothing; batches
 * written beyond it are written again, which writes' idempotence allows.
 */
export const WRITES_IN_FLIGHT = 2;

interface PendingWrite {
  written: Promise<void>;
  records: number;
  cursor: string | null;
}

async function copyKind(
  source: Datastore,
  target: Datastore,
  kind: TransferKind,
  checkpoint: Checkpoint,
  options: CopyOptions,
): Promise<void> {
  const after = checkpoint.current?.kind === kind ? checkpoint.current.cursor : null;
  const already = after === null ? 0 : (checkpoint.copied[kind] ?? 0);
  const bar = new KindProgress(options.progress, 'Copying', kind, await source.transfer.count(kind), already);
  let copied = already;
  const pending: PendingWrite[] = [];
  const settle = async (write: PendingWrite) => {
    await write.written;
    copied += write.records;
    bar.add(write.records);
    checkpoint.copied[kind] = copied;
    checkpoint.current = { kind, cursor: write.cursor };
    if (write.cursor !== null) await writeCheckpoint(options.checkpointFile, checkpoint);
  };
  try {
    for await (const batch of source.transfer.read(kind, { after, batchSize: options.batchSize })) {
      const written = target.transfer.write(kind, batch.records);
      // Awaited in turn below; until then a failure must not count as unhandled.
      written.catch(() => {});
      pending.push({ written, records: batch.records.length, cursor: batch.cursor });
      while (pending.length >= WRITES_IN_FLIGHT) await settle(pending.shift() as PendingWrite);
      if (batch.cursor === null) break;
    }
    while (pending.length > 0) await settle(pending.shift() as PendingWrite);
  } finally {
    // A failed batch ends the copy only once the writes still under way have ended too.
    await Promise.allSettled(pending.map((write) => write.written));
  }
  checkpoint.done.push(kind);
  checkpoint.current = null;
  await writeCheckpoint(options.checkpointFile, checkpoint);
  bar.finish();
}

function describeCheckpoint(checkpoint: Checkpoint): string {
  const done = checkpoint.done.length > 0 ? `done: ${checkpoint.done.join(', ')}` : 'nothing complete yet';
  const current = checkpoint.current
    ? `; ${checkpoint.current.kind} under way, ${checkpoint.copied[checkpoint.current.kind] ?? 0} copied`
    : '';
  return `${done}${current}`;
}
