import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Counts what the datastore is sent on behalf of one piece of work (a request, a test step), wherever in its
 * async flow that happens. The adapters meter at the driver: every SQL statement the `pg` and PGlite drivers send
 * (a transaction's BEGIN and COMMIT or ROLLBACK included, and tallied apart as well), and every request the DynamoDB
 * client sends (each retry included). ORM-level logging would miss raw statements; the driver sees them all.
 */

/** What a meter has counted so far. */
export interface StatementCount {
  /** SQL statements or DynamoDB requests sent, transaction control included. */
  statements: number;
  /**
   * Of `statements`, those that only open or close a transaction (BEGIN, COMMIT, ROLLBACK, savepoints). Always 0
   * on DynamoDB, where a transaction is one request.
   */
  transactionControl: number;
  /**
   * Milliseconds during which at least one statement was in flight (waiting for a pooled connection or for the
   * embedded database's lock included): statements sent side by side count their overlap once.
   */
  datastoreMs: number;
}

/** The kind of statement being recorded. */
export type StatementKind = 'statement' | 'transaction-control';

/**
 * A running count. Meters nest: a statement counts in the meter it was sent under and in every meter around it,
 * so a test can meter a request that the server meters too.
 */
export class StatementMeter {
  private counted: StatementCount = { statements: 0, transactionControl: 0, datastoreMs: 0 };
  private inFlight = 0;
  private busySince = 0;

  constructor(private readonly outer: StatementMeter | null = currentStatementMeter()) {}

  /** A copy of the count so far (statements still in flight count their time up to now). */
  count(): StatementCount {
    const running = this.inFlight > 0 ? performance.now() - this.busySince : 0;
    return { ...this.counted, datastoreMs: this.counted.datastoreMs + running };
  }

  /**
   * Records that a statement is being sent. Call the function returned once its answer (or failure) is in:
   * until then the statement's time counts as time in the datastore.
   */
  begin(kind: StatementKind): () => void {
    const ends = [this.open(kind)];
    for (let meter = this.outer; meter !== null; meter = meter.outer) ends.push(meter.open(kind));
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      for (const end of ends) end();
    };
  }

  private open(kind: StatementKind): () => void {
    this.counted.statements += 1;
    if (kind === 'transaction-control') this.counted.transactionControl += 1;
    if (this.inFlight === 0) this.busySince = performance.now();
    this.inFlight += 1;
    return () => {
      this.inFlight -= 1;
      if (this.inFlight === 0) this.counted.datastoreMs += performance.now() - this.busySince;
    };
  }
}

const meters = new AsyncLocalStorage<StatementMeter>();

/** The meter of the current async flow, if any. */
export function currentStatementMeter(): StatementMeter | null {
  return meters.getStore() ?? null;
}

/** Runs `work` (and everything it starts) under `meter`. */
export function withStatementMeter<T>(meter: StatementMeter, work: () => T): T {
  return meters.run(meter, work);
}

/** Runs `work` under a new meter; answers its result and what it sent to the datastore. */
export async function meterStatements<T>(
  work: () => PromiseLike<T>,
): Promise<{ result: T; count: StatementCount }> {
  const meter = new StatementMeter();
  // Awaited inside the meter's flow: a lazy thenable (such as a request that is only sent once awaited) then
  // runs under the meter too.
  const result = await withStatementMeter(meter, async () => await work());
  return { result, count: meter.count() };
}

/**
 * Times `send` as one statement of the current flow's meter (nothing is recorded outside a metered flow). For the
 * adapters' driver wrappers.
 */
export async function meteredStatement<T>(
  kind: StatementKind,
  send: () => Promise<T>,
  meter: StatementMeter | null = currentStatementMeter(),
): Promise<T> {
  if (meter === null) return send();
  const end = meter.begin(kind);
  try {
    return await send();
  } finally {
    end();
  }
}
