import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { StatementNames } from '../src/postgres/statement-names';

const query = (text: string): pg.QueryConfig => ({ text });
const nameOf = (sent: string | pg.QueryConfig) => (typeof sent === 'string' ? undefined : sent.name);

describe('StatementNames', () => {
  it('names a parameterised text from its third sending on, always with the same name', () => {
    const names = new StatementNames();
    const text = 'select * from contracts where id = $1';
    expect(nameOf(names.prepare(query(text), ['a']))).toBeUndefined();
    expect(nameOf(names.prepare(query(text), ['b']))).toBeUndefined();
    const third = nameOf(names.prepare(query(text), ['c']));
    expect(third).toMatch(/^docket_[\w-]{22}$/);
    expect(nameOf(names.prepare(query(text), ['d']))).toBe(third);
    // Another pool (another server copy) names the same text the same way.
    const other = new StatementNames();
    for (let i = 0; i < 2; i++) other.prepare(query(text), ['x']);
    expect(nameOf(other.prepare(query(text), ['x']))).toBe(third);
  });

  it('gives two texts two names', () => {
    const names = new StatementNames();
    const first = ['select 1 where $1', 'select 2 where $1'].map((text) => {
      for (let i = 0; i < 2; i++) names.prepare(query(text), [1]);
      return nameOf(names.prepare(query(text), [1]));
    });
    expect(first[0]).toBeDefined();
    expect(first[0]).not.toBe(first[1]);
  });

  it('never names a statement without parameters, a bare string, or one already named', () => {
    const names = new StatementNames();
    for (let i = 0; i < 5; i++) {
      expect(nameOf(names.prepare(query('begin'), []))).toBeUndefined();
      expect(nameOf(names.prepare(query('commit'), undefined))).toBeUndefined();
      expect(names.prepare('select $1', [1])).toBe('select $1');
      expect(nameOf(names.prepare({ text: 'select $1', name: 'mine' }, [1]))).toBe('mine');
    }
  });

  it('stops naming new texts after 400, and keeps the names it gave', () => {
    const names = new StatementNames();
    const named = (text: string) => {
      for (let i = 0; i < 2; i++) names.prepare(query(text), [1]);
      return nameOf(names.prepare(query(text), [1]));
    };
    const kept = named('select 0 where $1');
    for (let i = 1; i < 400; i++) expect(named(`select ${i} where $1`)).toBeDefined();
    expect(named('select 400 where $1')).toBeUndefined();
    expect(nameOf(names.prepare(query('select 0 where $1'), [1]))).toBe(kept);
  });
});
