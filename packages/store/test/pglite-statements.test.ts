import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { meterPglite } from '../src/postgres/postgres-metering';
import { PgliteStatements } from '../src/postgres/pglite-statements';
import { StatementNames } from '../src/postgres/statement-names';

/** Repeated statements on the embedded database run prepared, and behave exactly as PGlite's own `query`. */

let client: PGlite;
let statements: PgliteStatements;

beforeAll(async () => {
  client = new PGlite();
  await client.waitReady;
  statements = new PgliteStatements(client);
  meterPglite(client, statements);
  await client.exec(`
    create table notes (id integer primary key, body text not null, tags jsonb not null default '[]');
    insert into notes (id, body, tags) values (1, 'one', '["a"]'), (2, 'two', '[]');
  `);
}, 60_000);

afterAll(async () => {
  await client.close();
});

/** Sends `text` as many times as it takes to be named, and returns the last answer. */
async function prepared<T>(text: string, params: unknown[], rowMode: 'array' | 'object' = 'object') {
  let last;
  for (let i = 0; i < 3; i++) last = await client.query<T>(text, params, { rowMode });
  return last!;
}

describe('PGlite prepared statements', () => {
  it('answers a prepared statement as an unprepared one, rows, fields and counts', async () => {
    const text = 'select id, body, tags from notes where id = any($1::integer[]) order by id';
    const first = await client.query(text, [[1, 2]]);
    const before = statements.size;
    const third = await prepared(text, [[1, 2]]);
    expect(statements.size).toBe(before + 1);
    expect(third.rows).toEqual([
      { id: 1, body: 'one', tags: ['a'] },
      { id: 2, body: 'two', tags: [] },
    ]);
    expect(third.fields).toEqual(first.fields);
    expect((await client.query(text, [[2]], { rowMode: 'array' })).rows).toEqual([[2, 'two', []]]);

    const update = 'update notes set body = body where id = $1';
    const updated = await prepared(update, [1]);
    expect(updated.affectedRows).toBe(1);
    expect(updated.rows).toEqual([]);
  });

  it('reports a prepared statement’s errors with their code and constraint', async () => {
    const insert = 'insert into notes (id, body) values ($1, $2)';
    await prepared(insert, [10, 'ten']).catch(() => {});
    const error = await client.query(insert, [10, 'again']).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: '23505', constraint: 'notes_pkey', query: insert });
    // The failure left nothing behind: the same statement goes on working.
    await client.query(insert, [11, 'eleven']);
    expect((await client.query('select body from notes where id = $1', [11])).rows).toEqual([
      { body: 'eleven' },
    ]);
  });

  it('keeps a statement prepared in a transaction that failed', async () => {
    const text = "select count(*)::int as n from notes where body like $1 || '%'";
    const failed = client.transaction(async (tx) => {
      for (let i = 0; i < 3; i++) await tx.query(text, ['o']);
      await tx.query('insert into notes (id, body) values ($1, $2)', [1, 'taken']);
    });
    await expect(failed).rejects.toMatchObject({ code: '23505' });
    const size = statements.size;
    expect((await client.query<{ n: number }>(text, ['e'])).rows).toEqual([{ n: 1 }]);
    expect(statements.size).toBe(size);
  });

  it('prepares a statement again once it could not be prepared in an aborted transaction', async () => {
    const text = 'select body from notes where id = $1 and body <> $2';
    const failed = client.transaction(async (tx) => {
      await tx.query('select 1 / $1::int', [0]).catch(() => {});
      // The transaction is aborted: the text earns its name here, but cannot be prepared.
      for (let i = 0; i < 3; i++) await tx.query(text, [1, '']).catch(() => {});
    });
    await expect(failed).rejects.toBeDefined();
    expect((await client.query(text, [1, ''])).rows).toEqual([{ body: 'one' }]);
  });

  it('runs a statement prepared inside a transaction, and one outside waits for the transaction', async () => {
    const count = 'select count(*)::int as n from notes where id >= $1';
    await prepared(count, [100]);
    let outside: Promise<{ rows: { n: number }[] }> | undefined;
    await client.transaction(async (tx) => {
      outside = client.query<{ n: number }>(count, [100]);
      for (let i = 0; i < 3; i++)
        await tx.query('insert into notes (id, body) values ($1, $2)', [100 + i, 'x']);
      expect((await tx.query<{ n: number }>(count, [100])).rows).toEqual([{ n: 3 }]);
    });
    // Sent while the transaction was open, it ran after its COMMIT.
    expect((await outside!).rows).toEqual([{ n: 3 }]);
  });

  it('goes on answering after a schema change, with the new columns', async () => {
    const text = 'select id, body from notes where id = $1';
    await prepared(text, [2]);
    await client.exec('alter table notes add column extra text');
    expect((await client.query(text, [2])).rows).toEqual([{ id: 2, body: 'two' }]);
    // A change to a type it returns fails a prepared statement in PostgreSQL; outside a transaction it is
    // prepared again and runs, and inside one the transaction fails once, then it is prepared again.
    await client.exec('alter table notes alter column body type varchar(100)');
    expect((await client.query(text, [2])).rows).toEqual([{ id: 2, body: 'two' }]);
    await client.exec('alter table notes alter column body type text');
    await expect(client.transaction((tx) => tx.query(text, [2]))).rejects.toMatchObject({ code: '0A000' });
    expect((await client.transaction((tx) => tx.query(text, [2]))).rows).toEqual([{ id: 2, body: 'two' }]);
  });

  it('prepares at most 400 texts, however many it is sent', async () => {
    const own = new PGlite();
    await own.waitReady;
    const bounded = new PgliteStatements(own, new StatementNames());
    meterPglite(own, bounded);
    try {
      for (let i = 0; i < 420; i++) {
        const text = `select $1::int + ${i} as n`;
        for (let j = 0; j < 3; j++) {
          expect((await own.query<{ n: number }>(text, [j])).rows).toEqual([{ n: i + j }]);
        }
      }
      expect(bounded.size).toBe(400);
      const prepared = await own.query<{ name: string }>(
        'select count(*)::int as n from pg_prepared_statements where name like $1',
        ['docket\\_%'],
      );
      expect(prepared.rows).toEqual([{ n: 400 }]);
    } finally {
      await own.close();
    }
  }, 60_000);
});
