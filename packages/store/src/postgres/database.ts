import type { PgAsyncDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';

/**
 * The Drizzle handle the stores work with, whichever driver is underneath. A transaction handle is one too, so
 * helpers that take a `Database` run inside a caller's transaction when given its `tx`. With PGlite, code inside a
 * transaction must only ever use that `tx`: PGlite has a single connection, and a query on the outer handle waits
 * for the transaction to end, which never happens.
 */
export type Database = PgAsyncDatabase<PgQueryResultHKT>;

/**
 * `build`, run once per database handle: for the statements of the hottest paths, built by Drizzle once and
 * `.prepare()`d with placeholders rather than built again on every call (building the filing read's SQL cost more
 * server CPU than the driver's work). A transaction is a handle of its own, so one built in a transaction lives
 * as long as the transaction.
 */
export function builtOncePerHandle<T>(build: (db: Database) => T): (db: Database) => T {
  const built = new WeakMap<Database, T>();
  return (db) => {
    let query = built.get(db);
    if (query === undefined) {
      query = build(db);
      built.set(db, query);
    }
    return query;
  };
}
