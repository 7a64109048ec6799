import type { PGlite, QueryOptions, Results, Transaction } from '@electric-sql/pglite';
import type pg from 'pg';
import {
  currentStatementMeter,
  meteredStatement,
  type StatementKind,
  type StatementMeter,
} from '../statement-meter';
import { PgliteStatements } from './pglite-statements';
import { StatementNames } from './statement-names';

/**
 * The two drivers as the stores use them, with every statement they send counted in the current flow's
 * `StatementMeter` (see `statement-meter.ts`). Drizzle is given these instead of the bare drivers, so nothing it
 * sends, raw SQL included, goes uncounted; migrations and administration use the bare drivers.
 */

/** What opens, ends or marks a place in a transaction. */
const TRANSACTION_CONTROL =
  /^\s*(?:begin|start\s+transaction|commit|end|rollback|abort|savepoint|release)\b/i;

function kindOf(text: string): StatementKind {
  return TRANSACTION_CONTROL.test(text) ? 'transaction-control' : 'statement';
}

type QueryText = string | pg.QueryConfig;
type QueryValues = unknown[] | undefined;

function textOf(query: QueryText): string {
  return typeof query === 'string' ? query : query.text;
}

/**
 * The pool, with `query` and the clients `connect` checks out metered, and repeated statements sent by name so that
 * the server keeps them prepared (`statement-names.ts`). A pool queries on one of its clients: this
 * proxy counts the pool's `query` and leaves the pool's own use of its clients alone, so nothing counts twice.
 * Only the promise forms (what Drizzle calls) are offered.
 */
export function meteredPool(pool: pg.Pool, names: StatementNames = new StatementNames()): pg.Pool {
  const query = (text: QueryText, values?: QueryValues) =>
    meteredStatement(kindOf(textOf(text)), () => pool.query(names.prepare(text, values), values));
  const connect = async () => meteredClient(await pool.connect(), names);
  return new Proxy(pool, {
    get(target, property) {
      if (property === 'query') return query;
      if (property === 'connect') return connect;
      return boundMember(target, property);
    },
  });
}

/** A client checked out of the pool (a transaction's), with `query` metered. */
function meteredClient(client: pg.PoolClient, names: StatementNames): pg.PoolClient {
  const query = (text: QueryText, values?: QueryValues) =>
    meteredStatement(kindOf(textOf(text)), () => client.query(names.prepare(text, values), values));
  return new Proxy(client, {
    get(target, property) {
      return property === 'query' ? query : boundMember(target, property);
    },
  });
}

/** A member of the proxied object; methods keep the object itself as `this`, so its private state stays its own. */
function boundMember(target: object, property: string | symbol): unknown {
  const value: unknown = Reflect.get(target, property, target);
  return typeof value === 'function' ? value.bind(target) : value;
}

/**
 * Meters an embedded database in place: its `query` and `exec`, and its transactions (BEGIN and COMMIT or
 * ROLLBACK, which PGlite sends itself, with every statement run on the transaction's handle). Waiting for the
 * database's lock, which it takes for one query or one whole transaction at a time, counts as time in the
 * datastore. Repeated parameterised statements, in a transaction or not, run prepared (`pglite-statements.ts`).
 */
export function meterPglite(client: PGlite, statements = new PgliteStatements(client)): void {
  const query = client.query.bind(client);
  const exec = client.exec.bind(client);
  const transaction = client.transaction.bind(client);
  client.query = <T>(text: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>> =>
    meteredStatement(
      kindOf(text),
      () =>
        statements.run<T>(text, params, options, 'outside-transaction') ?? query<T>(text, params, options),
    );
  client.exec = (text: string, options?: QueryOptions) =>
    meteredStatement(kindOf(text), () => exec(text, options));
  client.transaction = <T>(callback: (tx: Transaction) => Promise<T>): Promise<T> => {
    const meter = currentStatementMeter();
    return meter === null
      ? transaction((tx) => callback(meteredHandle(tx, statements, null)))
      : meteredTransaction(transaction, callback, statements, meter);
  };
}

async function meteredTransaction<T>(
  transaction: PGlite['transaction'],
  callback: (tx: Transaction) => Promise<T>,
  statements: PgliteStatements,
  meter: StatementMeter,
): Promise<T> {
  const endBegin = meter.begin('transaction-control');
  // Each end is idempotent: whatever of BEGIN and COMMIT was still open when the transaction settles ends then.
  const ends = [endBegin];
  try {
    return await transaction(async (tx) => {
      endBegin();
      try {
        return await callback(meteredHandle(tx, statements, meter));
      } finally {
        // PGlite commits (or, after a failure, rolls back) once the callback is done, unless it already rolled back.
        if (!tx.closed) ends.push(meter.begin('transaction-control'));
      }
    });
  } finally {
    for (const end of ends) end();
  }
}

/**
 * A transaction's handle with what it sends metered (when a meter is given), and its repeated statements run
 * prepared; a closed transaction's handle refuses them as PGlite's does.
 */
function meteredHandle(
  tx: Transaction,
  statements: PgliteStatements,
  meter: StatementMeter | null,
): Transaction {
  const query = <T>(text: string, params?: unknown[], options?: QueryOptions) =>
    (tx.closed ? undefined : statements.run<T>(text, params, options, 'in-transaction')) ??
    tx.query<T>(text, params, options);
  return {
    query: <T>(text: string, params?: unknown[], options?: QueryOptions) =>
      meteredStatement(kindOf(text), () => query<T>(text, params, options), meter),
    sql: <T>(strings: TemplateStringsArray, ...params: unknown[]) =>
      meteredStatement('statement', () => tx.sql<T>(strings, ...params), meter),
    exec: (text: string, options?: QueryOptions) =>
      meteredStatement(kindOf(text), () => tx.exec(text, options), meter),
    rollback: () => meteredStatement('transaction-control', () => tx.rollback(), meter),
    listen: (channel, callback) => tx.listen(channel, callback),
    get closed() {
      return tx.closed;
    },
  };
}
