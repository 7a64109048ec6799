/** Where long transfers report how far they are: one line per message, for people (the CLI writes to stderr). */
export type ProgressSink = (message: string) => void;

const REPORT_EVERY_MS = 1000;

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** Records per second over a duration, for people. */
export function formatRate(records: number, ms: number): string {
  return `${formatCount(ms > 0 ? Math.round((records * 1000) / ms) : 0)}/s`;
}

/**
 * Progress of one kind of record through a transfer: a line at most once a second while it runs (how many, of how
 * many, at what rate) and a last line when it is done.
 */
export class KindProgress {
  private readonly started = Date.now();
  private lastReport = this.started;
  private done = 0;

  constructor(
    private readonly sink: ProgressSink,
    /** What is happening, e.g. "Copying" or "Restoring". */
    private readonly verb: string,
    private readonly kind: string,
    /** How many records there are in all, when known. */
    private readonly total: number | null,
    /** Records already done before this run (a resumed copy). */
    private readonly alreadyDone = 0,
  ) {}

  add(records: number): void {
    this.done += records;
    const now = Date.now();
    if (now - this.lastReport >= REPORT_EVERY_MS) {
      this.lastReport = now;
      this.sink(
        `${this.verb} ${this.kind}: ${this.position()} (${formatRate(this.done, now - this.started)})`,
      );
    }
  }

  finish(): void {
    const ms = Date.now() - this.started;
    this.sink(
      `${this.verb} ${this.kind}: ${this.position()} in ${(ms / 1000).toFixed(1)} s (${formatRate(this.done, ms)})`,
    );
  }

  private position(): string {
    const done = this.alreadyDone + this.done;
    return this.total === null ? formatCount(done) : `${formatCount(done)} of ${formatCount(this.total)}`;
  }
}

/** A number of bytes for people, in decimal units: `812 B`, `4.2 MB`, `1.07 GB`. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return unit === 0 ? `${bytes} B` : `${value.toPrecision(3)} ${units[unit]}`;
}

/** Bytes per second over a duration, for people. */
export function formatByteRate(bytes: number, ms: number): string {
  return `${formatBytes(ms > 0 ? Math.round((bytes * 1000) / ms) : 0)}/s`;
}

/**
 * Progress of blobs through a transfer, counted in blobs and bytes: a line at most once a second while it runs,
 * also while one large blob streams (`addBytes`), and a last line when it is done.
 */
export class BlobProgress {
  private readonly started = Date.now();
  private lastReport = this.started;
  private blobs = 0;
  private bytes = 0;

  constructor(
    private readonly sink: ProgressSink,
    /** What is happening, e.g. "Backing up documents". */
    private readonly verb: string,
    /** How many blobs and bytes there are in all, when known. */
    private readonly total: { blobs: number; bytes: number } | null,
  ) {}

  /** Bytes of the blob under way went by. */
  addBytes(bytes: number): void {
    this.bytes += bytes;
    this.maybeReport();
  }

  /** One more blob is done (its bytes already counted with `addBytes`). */
  addBlob(): void {
    this.blobs += 1;
    this.maybeReport();
  }

  finish(): void {
    const ms = Date.now() - this.started;
    this.sink(
      `${this.verb}: ${this.position()} in ${(ms / 1000).toFixed(1)} s (${formatByteRate(this.bytes, ms)})`,
    );
  }

  private maybeReport(): void {
    const now = Date.now();
    if (now - this.lastReport < REPORT_EVERY_MS) return;
    this.lastReport = now;
    this.sink(`${this.verb}: ${this.position()} (${formatByteRate(this.bytes, now - this.started)})`);
  }

  private position(): string {
    if (this.total === null) return `${formatCount(this.blobs)} blobs, ${formatBytes(this.bytes)}`;
    return (
      `${formatCount(this.blobs)} of ${formatCount(this.total.blobs)} blobs, ` +
      `${formatBytes(this.bytes)} of ${formatBytes(this.total.bytes)}`
    );
  }
}
