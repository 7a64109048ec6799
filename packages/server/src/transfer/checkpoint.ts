import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { TRANSFER_KINDS, type TransferKind } from '@docket/store';
import { z } from 'zod';
import { DOCKET_FOLDER, PRIVATE_FILE_MODE, PRIVATE_FOLDER_MODE } from '../private-files';
import { DocketError } from '@docket/domain';

/**
 * Where an interrupted `docket copy` stopped: the kinds already copied whole, and the kind under way with the
 * source's cursor after the last batch written. Written after every batch (to a temporary file, then renamed
 * over the old one, so a kill never leaves half a checkpoint). A batch written but not yet recorded is simply
 * written again on resume: writes are idempotent upserts.
 */
export interface Checkpoint {
  format: typeof CHECKPOINT_FORMAT;
  version: 1;
  /** The stores it is about, as described for people (no credentials). */
  source: string;
  target: string;
  /** Kinds copied completely. */
  done: TransferKind[];
  /** The kind under way and the source cursor to read on from; null before the first batch of a kind. */
  current: { kind: TransferKind; cursor: string | null } | null;
  /** Records written so far, per kind, for progress. */
  copied: Partial<Record<TransferKind, number>>;
  updatedAt: string;
}

const CHECKPOINT_FORMAT = 'docket-copy-checkpoint';

const checkpointSchema = z.strictObject({
  format: z.literal(CHECKPOINT_FORMAT),
  version: z.literal(1),
  source: z.string(),
  target: z.string(),
  done: z.array(z.enum(TRANSFER_KINDS)),
  current: z.strictObject({ kind: z.enum(TRANSFER_KINDS), cursor: z.string().nullable() }).nullable(),
  copied: z.partialRecord(z.enum(TRANSFER_KINDS), z.number().int().nonnegative()),
  updatedAt: z.iso.datetime(),
});

/** A checkpoint file that cannot be used. */
export class CheckpointError extends DocketError {
  readonly code = 'UNUSABLE_CHECKPOINT';
}

export function newCheckpoint(source: string, target: string): Checkpoint {
  return {
    format: CHECKPOINT_FORMAT,
    version: 1,
    source,
    target,
    done: [],
    current: null,
    copied: {},
    updatedAt: new Date().toISOString(),
  };
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
}

/**
 * The default checkpoint file of a copy: under `./.docket/`, named after the two stores (with a short hash of
 * their full descriptions, so that long names that shorten alike stay apart).
 */
export function defaultCheckpointPath(cwd: string, source: string, target: string): string {
  const pair = createHash('sha256').update(`${source}\n${target}`).digest('hex').slice(0, 10);
  return join(cwd, DOCKET_FOLDER, `copy-${slug(source)}-to-${slug(target)}-${pair}.json`);
}

/** The checkpoint in the file, or null when there is none. @throws CheckpointError when it is unreadable. */
export async function readCheckpoint(path: string): Promise<Checkpoint | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const parsed = checkpointSchema.safeParse(json);
  if (!parsed.success) {
    throw new CheckpointError(
      `The checkpoint file ${path} is not a docket copy checkpoint; remove it to start over`,
    );
  }
  return parsed.data;
}

/**
 * Writes the checkpoint for the owner only (it names the stores), in a folder made for the owner only if missing.
 */
export async function writeCheckpoint(path: string, checkpoint: Checkpoint): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: PRIVATE_FOLDER_MODE });
  const temporary = `${path}.tmp`;
  // Created anew each time, so that its mode is ours even where a killed copy left one behind.
  await rm(temporary, { force: true });
  await writeFile(
    temporary,
    `${JSON.stringify({ ...checkpoint, updatedAt: new Date().toISOString() }, null, 2)}\n`,
    { mode: PRIVATE_FILE_MODE, flag: 'wx' },
  );
  await rename(temporary, path);
}

export async function removeCheckpoint(path: string): Promise<void> {
  await rm(path, { force: true });
  await rm(`${path}.tmp`, { force: true });
}
