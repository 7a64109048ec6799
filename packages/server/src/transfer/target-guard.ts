import type { BlobStore } from '@docket/blobs';
import { TRANSFER_KINDS, type Datastore } from '@docket/store';
import { formatCount } from './progress';
import { DocketError } from '@docket/domain';

/** The target of a copy, a restore or a generation already holds records, and the caller did not say to go on. */
export class TargetNotEmptyError extends DocketError {
  readonly code = 'TARGET_NOT_EMPTY';
}

/**
 * Refuses a target that holds any record: a copy or restore into it would mix two datastores' records and
 * could not be verified. `--force` skips this check.
 * @throws TargetNotEmptyError naming what the target holds
 */
export async function assertEmpty(target: Datastore, action: string): Promise<void> {
  const held: string[] = [];
  for (const kind of TRANSFER_KINDS) {
    const count = await target.transfer.count(kind);
    if (count > 0) held.push(`${formatCount(count)} ${kind}`);
  }
  if (held.length > 0) {
    throw new TargetNotEmptyError(
      `The target is not empty (it holds ${held.join(', ')}). Refusing to ${action} it: use an empty ` +
        'datastore, or pass --force to write over it (records with the same ids are replaced, others are kept, ' +
        'and verification then reports the difference).',
    );
  }
}

/**
 * Refuses a blob store that holds any blob: restored blobs would mix with others, and a blob of the same key
 * would be replaced. `--force` skips this check.
 * @throws TargetNotEmptyError
 */
export async function assertNoBlobs(target: BlobStore, action: string): Promise<void> {
  const page = await target.list({ limit: 1 });
  if (page.items.length > 0) {
    throw new TargetNotEmptyError(
      `The blob store is not empty (it holds ${page.items[0]?.key ?? 'blobs'}, at least). Refusing to ${action} ` +
        'it: use an empty blob store, or pass --force to write over it (blobs with the same keys are replaced, ' +
        'others are kept).',
    );
  }
}
