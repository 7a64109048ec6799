import { getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';

/**
 * What an upsert writes over a row that is already there: every column but the primary key, each from the row the
 * insert proposed (`excluded`). Taken from the table's definition, so a column added to the table is carried too.
 */

/**
 * The columns of `table` an upsert overwrites: all but its primary key, the `except` ones, and the columns the
 * engine derives from the others (generated columns, which it recomputes as it writes the row).
 */
function updatedColumns<T extends PgTable>(table: T, except: readonly string[]) {
  return Object.entries(getTableColumns(table)).filter(
    ([key, column]) => !column.primary && column.generated === undefined && !except.includes(key),
  );
}

/** The `set` of `onConflictDoUpdate`: each column but the key (and `except`) from the proposed row. */
export function excludedColumns<T extends PgTable>(
  table: T,
  except: readonly (keyof T['_']['columns'] & string)[] = [],
): Record<string, SQL> {
  return Object.fromEntries(
    updatedColumns(table, except).map(([key, column]) => [key, sql`excluded.${sql.identifier(column.name)}`]),
  );
}

/** A `setWhere` of `onConflictDoUpdate` that skips rows the upsert would leave as they are. */
export function differsFromExcluded<T extends PgTable>(
  table: T,
  except: readonly (keyof T['_']['columns'] & string)[] = [],
): SQL {
  const columns = updatedColumns(table, except).map(([, column]) => column);
  const current = sql.join(columns, sql`, `);
  const proposed = sql.join(
    columns.map((column) => sql`excluded.${sql.identifier(column.name)}`),
    sql`, `,
  );
  return sql`(${current}) is distinct from (${proposed})`;
}
