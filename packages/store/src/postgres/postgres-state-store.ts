import { NotFoundError, type Program, type State } from '@docket/domain';
import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { StateRecord, StateStore } from '../state-store';
import type { Database } from './database';
import { translatingErrors } from './errors';
import { toProgram, toStateRecord } from './rows';
import { programs, states } from './schema';
import { differsFromExcluded, excludedColumns } from './upserts';

/** Keeps each statement's parameter count far below PostgreSQL's limit of 65,535. */
const CHUNK = 500;

/** The last of each key: one statement may not upsert the same row twice. */
function lastByKey<T>(items: readonly T[], key: (item: T) => string): T[] {
  return [...new Map(items.map((item) => [key(item), item])).values()];
}

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

export class PostgresStateStore implements StateStore {
  constructor(private readonly db: Database) {}

  async upsertStates(list: readonly State[]): Promise<void> {
    if (list.length === 0) return;
    await this.db.transaction(async (tx) => {
      for (const part of chunks(lastByKey(list, (s) => s.code))) {
        // Only the name is ever updated: the counters belong to the contracts and rates numbered from them.
        await tx
          .insert(states)
          .values(part.map((s) => ({ code: s.code, name: s.name })))
          .onConflictDoUpdate({
            target: states.code,
            set: { name: sql`excluded.name` },
            setWhere: sql`${states.name} is distinct from excluded.name`,
          });
      }
    });
  }

  async listStates(): Promise<StateRecord[]> {
    const rows = await this.db.select().from(states).orderBy(asc(states.code));
    return rows.map(toStateRecord);
  }

  async getState(code: string): Promise<StateRecord> {
    const [row] = await this.db.select().from(states).where(eq(states.code, code));
    if (!row) throw new NotFoundError('State', code);
    return toStateRecord(row);
  }

  async upsertPrograms(list: readonly Program[]): Promise<{ inserted: number; updated: number }> {
    if (list.length === 0) return { inserted: 0, updated: 0 };
    return translatingErrors(() =>
      this.db.transaction(async (tx) => {
        const codes = [...new Set(list.map((p) => p.stateCode))];
        const known = await tx.select({ code: states.code }).from(states).where(inArray(states.code, codes));
        const missing = codes.find((code) => !known.some((k) => k.code === code));
        if (missing !== undefined) throw new NotFoundError('State', missing);

        let inserted = 0;
        let updated = 0;
        for (const part of chunks(lastByKey(list, (p) => p.id))) {
          // Unchanged rows are skipped by `setWhere` and so not returned; `xmax = 0` tells a fresh insert from
          // an update, which gives exact counts from one statement.
          const written = await tx
            .insert(programs)
            .values(part.map((p) => ({ ...p })))
            .onConflictDoUpdate({
              target: programs.id,
              set: excludedColumns(programs),
              setWhere: differsFromExcluded(programs),
            })
            .returning({ inserted: sql<boolean>`(xmax = 0)` });
          for (const row of written) {
            if (row.inserted) inserted += 1;
            else updated += 1;
          }
        }
        return { inserted, updated };
      }),
    );
  }

  async listPrograms(stateCode: string): Promise<Program[]> {
    const rows = await this.db
      .select()
      .from(programs)
      .where(eq(programs.stateCode, stateCode))
      .orderBy(asc(programs.name), asc(programs.id));
    return rows.map(toProgram);
  }
}
