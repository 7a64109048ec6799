import {
  messages,
  protocol,
  type ParserOptions,
  type PGlite,
  type QueryOptions,
  type Results,
} from '@electric-sql/pglite';
import { StatementNames } from './statement-names';

/**
 * Repeated statements kept prepared in the embedded database (docs/adr/0016-pglite-prepared-statements.md).
 *
 * PGlite's `query` sends every statement unnamed, in six calls into PostgreSQL (parse, describe, bind, describe,
 * execute, sync), so each execution is parsed and planned again; for the filing read that was three quarters of
 * its cost. Here a parameterised text that has earned a name (`StatementNames`: from its third sending, at most 400
 * texts, the name a hash of the text) is parsed and described once, on PGlite's one connection, and from then on
 * sent as one message of bind, execute and sync, with the result's columns as described when it was prepared.
 *
 * A prepared statement is PostgreSQL's, not the transaction's: one prepared inside a transaction that rolls back
 * stays prepared. It is recorded only once PostgreSQL has accepted it, so a statement that failed to prepare (in an
 * aborted transaction, or with an error in its text) is prepared again the next time. PostgreSQL plans a prepared
 * statement again by itself when a table it reads changes; a change of the columns it returns makes it fail with
 * "cached plan must not change result type", after which it is prepared again: at once outside a transaction
 * (the caller sees nothing), on its next use inside one (the error has aborted that transaction).
 */

/** What a prepared statement was described as: its parameters' types and the columns it returns. */
interface Prepared {
  parameterTypes: readonly number[];
  fields: readonly Field[];
  /** Each column's parser, for the parsers a caller gives (Drizzle gives the same object every time). */
  parsers: { given: ParserOptions | undefined; byColumn: readonly ColumnParser[] } | null;
}

interface Field {
  name: string;
  dataTypeID: number;
}

type ColumnParser = ((value: string, typeId?: number) => unknown) | null;

/** Commands whose tag's count is of rows changed. */
const CHANGING_COMMANDS = new Set(['INSERT', 'UPDATE', 'DELETE', 'COPY', 'MERGE']);

/**
 * Whether an error says that the prepared statement itself is no longer usable: the columns it returns changed
 * ("cached plan must not change result type") or PostgreSQL no longer has it.
 */
function isStale(error: unknown): boolean {
  if (!(error instanceof messages.DatabaseError)) return false;
  return (
    error.code === INVALID_STATEMENT_NAME ||
    (error.code === FEATURE_NOT_SUPPORTED && /cached plan must not change result type/.test(error.message))
  );
}

const INVALID_STATEMENT_NAME = '26000';
const FEATURE_NOT_SUPPORTED = '0A000';

/** The lock a statement runs under: the whole database's outside a transaction, the statement's inside one. */
export type StatementScope = 'outside-transaction' | 'in-transaction';

export class PgliteStatements {
  private readonly prepared = new Map<string, Prepared>();

  constructor(
    private readonly client: PGlite,
    private readonly names: StatementNames = new StatementNames(),
  ) {}

  /** How many statements are prepared now. */
  get size(): number {
    return this.prepared.size;
  }

  /**
   * Runs `text` by name if it has earned one, else returns `undefined` for the caller to send it as PGlite does.
   * `scope` says which of PGlite's locks the caller already holds: none outside a transaction, the transaction's
   * inside one (its handle's queries take only the statement lock).
   */
  run<T>(
    text: string,
    params: readonly unknown[] | undefined,
    options: QueryOptions | undefined,
    scope: StatementScope,
  ): Promise<Results<T>> | undefined {
    // Only parameterised statements: BEGIN, COMMIT and DDL have none. A blob goes through PGlite's own path.
    if (!params?.length || options?.blob !== undefined) return undefined;
    const name = this.names.nameFor(text);
    if (name === undefined) return undefined;
    const run = () => this.execute<T>(name, text, params, options, scope === 'in-transaction');
    if (scope === 'in-transaction') return this.client._runExclusiveQuery(run);
    return this.client
      ._checkReady()
      .then(() => this.client._runExclusiveTransaction(() => this.client._runExclusiveQuery(run)));
  }

  private async execute<T>(
    name: string,
    text: string,
    params: readonly unknown[],
    options: QueryOptions | undefined,
    inTransaction: boolean,
  ): Promise<Results<T>> {
    try {
      return await this.executeOnce<T>(name, text, params, options, inTransaction);
    } catch (error) {
      if (!isStale(error)) throw error;
      this.prepared.delete(name);
      // A statement that could not run as prepared did nothing. Outside a transaction it runs again, prepared
      // anew; inside one the error has aborted the transaction, and the caller sees it.
      if (inTransaction) throw error;
      return this.executeOnce<T>(name, text, params, options, inTransaction);
    }
  }

  private async executeOnce<T>(
    name: string,
    text: string,
    params: readonly unknown[],
    options: QueryOptions | undefined,
    inTransaction: boolean,
  ): Promise<Results<T>> {
    const prepared = this.prepared.get(name) ?? (await this.prepare(name, text, options));
    const values = params.map((value, i) => this.serialize(value, prepared.parameterTypes[i], options));
    let answer: messages.BackendMessage[];
    try {
      ({ messages: answer } = await this.client.execProtocol(
        concat([
          protocol.serialize.bind({ statement: name, values }),
          protocol.serialize.execute({}),
          protocol.serialize.sync(),
        ]),
        { syncToFs: !inTransaction, onNotice: options?.onNotice },
      ));
    } catch (error) {
      throw withQuery(error, text, params, options);
    }
    return this.results<T>(answer, prepared, options);
  }

  /**
   * The answer as PGlite's `query` gives it. PGlite's own parsing merges the caller's parsers into its several
   * hundred on every statement, which took longer than parsing the rows; here each column's parser is looked up
   * once per statement and parsers object.
   */
  private results<T>(
    answer: messages.BackendMessage[],
    prepared: Prepared,
    options: QueryOptions | undefined,
  ) {
    const parsers = this.columnParsers(prepared, options?.parsers);
    const { fields } = prepared;
    const rows: unknown[] = [];
    const results: Results<T> = { rows: rows as Results<T>['rows'], fields: fields.slice(), affectedRows: 0 };
    for (const message of answer) {
      if (message instanceof messages.DataRowMessage) {
        const values = message.fields.map((value, i) => {
          const parser = parsers[i];
          return value === null || !parser ? value : parser(value, fields[i]?.dataTypeID);
        });
        rows.push(
          options?.rowMode === 'array'
            ? values
            : Object.fromEntries(values.map((value, i) => [fields[i]?.name, value])),
        );
      } else if (message instanceof messages.CommandCompleteMessage) {
        const words = message.text.split(' ');
        const count = Number.parseInt(words[words.length - 1] ?? '', 10);
        results.command = words[0];
        if (!Number.isNaN(count)) {
          results.rowCount = count;
          if (CHANGING_COMMANDS.has(words[0] ?? '')) results.affectedRows = count;
        }
      }
    }
    return results;
  }

  private columnParsers(prepared: Prepared, given: ParserOptions | undefined): readonly ColumnParser[] {
    if (prepared.parsers !== null && prepared.parsers.given === given) return prepared.parsers.byColumn;
    const byColumn = prepared.fields.map(
      ({ dataTypeID }) => given?.[dataTypeID] ?? this.client.parsers[dataTypeID] ?? null,
    );
    prepared.parsers = { given, byColumn };
    return byColumn;
  }

  /**
   * Parses and describes the statement under its name. A Close first makes this safe to repeat: a statement left
   * prepared under the name (one forgotten here as stale) is replaced, and closing a name never prepared is no error.
   */
  private async prepare(name: string, text: string, options: QueryOptions | undefined): Promise<Prepared> {
    let answer: messages.BackendMessage[];
    try {
      ({ messages: answer } = await this.client.execProtocol(
        concat([
          protocol.serialize.close({ type: 'S', name }),
          protocol.serialize.parse({ name, text, types: options?.paramTypes }),
          protocol.serialize.describe({ type: 'S', name }),
          protocol.serialize.sync(),
        ]),
        { syncToFs: false, onNotice: options?.onNotice },
      ));
    } catch (error) {
      throw withQuery(error, text, undefined, options);
    }
    const parameters = answer.find(
      (message): message is messages.ParameterDescriptionMessage => message.name === 'parameterDescription',
    );
    const columns = answer.find(
      (message): message is messages.RowDescriptionMessage => message.name === 'rowDescription',
    );
    const prepared: Prepared = {
      parameterTypes: parameters?.dataTypeIDs ?? [],
      fields: (columns?.fields ?? []).map(({ name, dataTypeID }) => ({ name, dataTypeID })),
      parsers: null,
    };
    this.prepared.set(name, prepared);
    return prepared;
  }

  /** A parameter as PGlite's own `query` sends it: by the serializer of its described type, else as text. */
  private serialize(
    value: unknown,
    type: number | undefined,
    options: QueryOptions | undefined,
  ): string | null {
    if (value === null || value === undefined) return null;
    const serializer =
      type === undefined ? undefined : (options?.serializers?.[type] ?? this.client.serializers[type]);
    return serializer ? serializer(value) : String(value);
  }
}

/** Several protocol messages as one buffer, which PGlite runs in one call. */
function concat(parts: readonly Uint8Array[]): Uint8Array {
  const whole = new Uint8Array(parts.reduce((length, part) => length + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    whole.set(part, offset);
    offset += part.length;
  }
  return whole;
}

/** A database error with the statement that raised it, as PGlite's own `query` reports one. */
function withQuery(
  error: unknown,
  query: string,
  params: readonly unknown[] | undefined,
  options: QueryOptions | undefined,
): unknown {
  if (error instanceof messages.DatabaseError) Object.assign(error, { query, params, queryOptions: options });
  return error;
}
