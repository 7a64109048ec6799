import { DocketError } from '@docket/domain';
import { TRANSFER_KINDS, type Datastore, type TransferKind } from '@docket/store';
import type { BlobMeasure } from './archive-blobs';
import { canonicalJson, ContentHash } from './content-hash';
import { formatBytes, formatCount, type ProgressSink } from './progress';
import { mapConcurrently, readingAhead } from './read-ahead';

/**
 * The end of every transfer: counts and a content hash per kind on both sides (and of the blobs, when the
 * transfer carries them), compared and printed as a table.
 */

/** What one side holds of one kind. */
export interface KindMeasure {
  /** How many records the side says it holds (the store's count, or the archive's manifest). */
  count: number;
  /** How many records were read, and so hashed. */
  read: number;
  contentHash: string;
}

export interface KindComparison {
  kind: TransferKind;
  expected: KindMeasure;
  actual: KindMeasure;
  same: boolean;
}

/** The blobs on both sides: how many, how many bytes, and a content hash of their keys, sizes and SHA-256s. */
export interface BlobComparison {
  expected: BlobMeasure;
  actual: BlobMeasure;
  same: boolean;
}

export interface VerificationReport {
  /** Names of the two sides, as column headings: e.g. "source" and "target". */
  sides: [string, string];
  kinds: KindComparison[];
  /** Null when the transfer carries no blobs. */
  blobs: BlobComparison | null;
  ok: boolean;
}

/** A transfer ended with the two sides different. The report says where. */
export class VerificationError extends DocketError {
  readonly code = 'VERIFICATION_FAILED';
  constructor(readonly report: VerificationReport) {
    const differing: string[] = report.kinds.filter((k) => !k.same).map((k) => k.kind);
    if (report.blobs && !report.blobs.same) differing.push('blobs');
    super(
      `Verification failed: ${differing.join(', ')} differ between ${report.sides[0]} and ${report.sides[1]}`,
    );
  }
}

/**
 * Counts one kind in a datastore (as the store counts it) and hashes every record it reads, the store reading
 * the next batch while the last one is hashed.
 */
export async function measureKind(
  datastore: Datastore,
  kind: TransferKind,
  batchSize: number,
): Promise<KindMeasure> {
  const hash = new ContentHash();
  for await (const batch of readingAhead(datastore.transfer.read(kind, { batchSize }))) {
    for (const record of batch.records) hash.addCanonical(canonicalJson(record));
  }
  const count = await datastore.transfer.count(kind);
  return { count, read: hash.count, contentHash: hash.digest() };
}

export function compareKind(kind: TransferKind, expected: KindMeasure, actual: KindMeasure): KindComparison {
  return {
    kind,
    expected,
    actual,
    // A side whose count and reads disagree is wrong even when the other side is wrong the same way.
    same:
      expected.count === actual.count &&
      expected.read === expected.count &&
      actual.read === actual.count &&
      expected.contentHash === actual.contentHash,
  };
}

export function compareBlobs(expected: BlobMeasure, actual: BlobMeasure): BlobComparison {
  return {
    expected,
    actual,
    same:
      expected.count === actual.count &&
      expected.bytes === actual.bytes &&
      expected.contentHash === actual.contentHash,
  };
}

export function reportOf(
  sides: [string, string],
  kinds: KindComparison[],
  blobs: BlobComparison | null = null,
): VerificationReport {
  return { sides, kinds, blobs, ok: kinds.every((k) => k.same) && (blobs?.same ?? true) };
}

/** Kinds verified at once: while one kind's records are hashed, the stores read another's. */
export const KINDS_VERIFIED_AT_ONCE = 2;

/**
 * Measures every kind on both datastores (each kind on both sides at once, and two kinds at a time) and compares
 * them; the report lists the kinds in `TRANSFER_KINDS` order.
 */
export async function verifyDatastores(
  source: Datastore,
  target: Datastore,
  options: { batchSize: number; progress: ProgressSink },
): Promise<VerificationReport> {
  const kinds = await mapConcurrently(TRANSFER_KINDS, KINDS_VERIFIED_AT_ONCE, async (kind) => {
    options.progress(`Verifying ${kind}…`);
    const [expected, actual] = await Promise.all([
      measureKind(source, kind, options.batchSize),
      measureKind(target, kind, options.batchSize),
    ]);
    return compareKind(kind, expected, actual);
  });
  return reportOf(['source', 'target'], kinds);
}

/** Shortened for the table; the full hashes are compared. */
function shortHash(hash: string): string {
  return hash.length > 16 ? `${hash.slice(0, 16)}…` : hash;
}

/** The report as a table for people, one row per kind (and one for blobs), and a last line with the verdict. */
export function formatReport(report: VerificationReport): string {
  const [left, right] = report.sides;
  const header = ['kind', `${left} count`, `${right} count`, `${left} hash`, `${right} hash`, 'result'];
  const rows = report.kinds.map((k) => [
    k.kind,
    formatCount(k.expected.count),
    formatCount(k.actual.count),
    shortHash(k.expected.contentHash),
    shortHash(k.actual.contentHash),
    k.same ? 'same' : 'DIFFERENT',
  ]);
  const { blobs } = report;
  if (blobs) {
    rows.push([
      'blobs',
      formatCount(blobs.expected.count),
      formatCount(blobs.actual.count),
      shortHash(blobs.expected.contentHash),
      shortHash(blobs.actual.contentHash),
      blobs.same ? 'same' : 'DIFFERENT',
    ]);
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const numeric = new Set([1, 2]);
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (numeric.has(i) ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  const total = report.kinds.reduce((sum, k) => sum + k.actual.count, 0);
  const blobsText = blobs
    ? ` and ${formatCount(blobs.actual.count)} blobs (${formatBytes(blobs.actual.bytes)})`
    : '';
  const differing = report.kinds.filter((k) => !k.same).length + (blobs && !blobs.same ? 1 : 0);
  const verdict = report.ok
    ? `Verified: ${formatCount(total)} records in ${report.kinds.length} kinds${blobsText}, same counts and ` +
      'content hashes.'
    : `NOT verified: ${differing} ${differing === 1 ? 'kind differs' : 'kinds differ'}.`;
  return [line(header), ...rows.map(line), verdict].join('\n') + '\n';
}
