import type { PgAsyncDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';

/**
 * The Drizzle handle the stores work with, whichever driver is underneath. A transaction handle is one too, so
 * helpers that take a `Database` run inside a caller's transaction when given its `tx`. With PGlite, code inside a
 * transaction must only ever use that `tx`: PGlite has a single connection, and a query on the outer handle waits
 * for the transaction to end, which never happens.
 */
export type Database = PgAsyncDatabase<PgQueryResultHKT>;
