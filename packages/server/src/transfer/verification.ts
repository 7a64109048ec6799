import { TRANSFER_KINDS, type Datastore, type TransferKind } from '@docket/store';
import { canonicalJson, ContentHash } from './content-hash';
import { formatCount, type ProgressSink } from './progress';

/**
 * The end of every transfer: counts and a content hash per kind on both sides, compared and printed as a table.
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

export interface VerificationReport {
  /** Names of the two sides, as column headings: e.g. "source" and "target". */
  sides: [string, string];
  kinds: KindComparison[];
  ok: boolean;
}

/** A transfer ended with the two sides different. The report says where. */
export class VerificationError extends Error {
  constructor(readonly report: VerificationReport) {
    const differing = report.kinds.filter((k) => !k.same).map((k) => k.kind);
    super(
      `Verification failed: ${differing.join(', ')} differ between ${report.sides[0]} and ${report.sides[1]}`,
    );
    this.name = 'VerificationError';
  }
}

/** Counts one kind in a datastore (as the store counts it) and hashes every record it reads. */
export async function measureKind(
  datastore: Datastore,
  kind: TransferKind,
  batchSize: number,
): Promise<KindMeasure> {
  const hash = new ContentHash();
  for await (const batch of datastore.transfer.read(kind, { batchSize })) {
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

export function reportOf(sides: [string, string], kinds: KindComparison[]): VerificationReport {
  return { sides, kinds, ok: kinds.every((k) => k.same) };
}

/** Measures every kind on both datastores (each kind on both sides at once) and compares them. */
export async function verifyDatastores(
  source: Datastore,
  target: Datastore,
  options: { batchSize: number; progress: ProgressSink },
): Promise<VerificationReport> {
  const kinds: KindComparison[] = [];
  for (const kind of TRANSFER_KINDS) {
    options.progress(`Verifying ${kind}…`);
    const [expected, actual] = await Promise.all([
      measureKind(source, kind, options.batchSize),
      measureKind(target, kind, options.batchSize),
    ]);
    kinds.push(compareKind(kind, expected, actual));
  }
  return reportOf(['source', 'target'], kinds);
}

/** Shortened for the table; the full hashes are compared. */
function shortHash(hash: string): string {
  return hash.length > 16 ? `${hash.slice(0, 16)}…` : hash;
}

/** The report as a table for people, one row per kind, and a last line with the verdict. */
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
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const numeric = new Set([1, 2]);
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (numeric.has(i) ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  const total = report.kinds.reduce((sum, k) => sum + k.actual.count, 0);
  const verdict = report.ok
    ? `Verified: ${formatCount(total)} records in ${report.kinds.length} kinds, same counts and content hashes.`
    : `NOT verified: ${report.kinds.filter((k) => !k.same).length} kinds differ.`;
  return [line(header), ...rows.map(line), verdict].join('\n') + '\n';
}
