import { createHash } from 'node:crypto';
import type pg from 'pg';

/**
 * Names for the statements a PostgreSQL server should keep prepared (docs/adr/0015-prepared-statements.md).
 *
 * Drizzle sends every query unnamed, so the server parses and plans it again on every execution; for the filing
 * read, whose correlated subqueries take longer to plan than to run, planning was most of its cost. A named
 * statement is parsed and planned once per connection (and the server may move to a generic plan once it has seen
 * that one is as good), and the `pg` driver then sends only its name and parameters.
 *
 * A statement is named once its text has been sent `REPEATS_BEFORE_NAMING` times: the core paths repeat the same
 * few texts, while one-off statements (migrations, DDL in tests, batches whose text depends on their size) are not
 * worth keeping on every connection. At most `MAX_NAMED` texts are ever named by one pool, so a workload of ever-new
 * texts cannot grow the server's or the driver's per-connection caches without bound; the texts counted are
 * bounded the same way.
 */

const REPEATS_BEFORE_NAMING = 3;
const MAX_NAMED = 400;
const MAX_COUNTED = 4_000;

export class StatementNames {
  private readonly seen = new Map<string, number>();
  private readonly names = new Map<string, string>();

  /** The name to send `text` under, or undefined to send it unnamed. */
  nameFor(text: string): string | undefined {
    const name = this.names.get(text);
    if (name !== undefined) return name;
    if (this.names.size >= MAX_NAMED) return undefined;
    const times = (this.seen.get(text) ?? 0) + 1;
    if (times < REPEATS_BEFORE_NAMING) {
      if (this.seen.size < MAX_COUNTED || this.seen.has(text)) this.seen.set(text, times);
      return undefined;
    }
    this.seen.delete(text);
    // Derived from the text alone: every connection and every server copy gives the same text the same name, and
    // two texts never share one (the driver refuses a name reused for another text on the same connection).
    const named = `docket_${createHash('sha256').update(text).digest('base64url').slice(0, 22)}`;
    this.names.set(text, named);
    return named;
  }

  /**
   * `query` as it should be sent: named when its text has earned a name, else as it was. Only queries with
   * parameters are named: the driver sends one without parameters by the simple protocol, whose text may hold
   * several statements, which a named (extended protocol) statement cannot carry; BEGIN and COMMIT stay unnamed.
   */
  prepare(query: string | pg.QueryConfig, values: readonly unknown[] | undefined): string | pg.QueryConfig {
    if (typeof query === 'string' || query.name !== undefined || !values?.length) return query;
    const name = this.nameFor(query.text);
    return name === undefined ? query : { ...query, name };
  }
}
