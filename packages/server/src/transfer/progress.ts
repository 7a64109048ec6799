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
