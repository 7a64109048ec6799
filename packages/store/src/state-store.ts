import { countSchema, stateSchema, type Program, type State } from '@docket/domain';
import type { z } from 'zod';

/** A state as stored, with its two counters. */
export const stateRecordSchema = stateSchema.extend({
  lastContractNumber: countSchema,
  lastRateNumber: countSchema,
});
export type StateRecord = z.infer<typeof stateRecordSchema>;

/** States and their programs: reference data, seeded from the project's `data/` files. */
export interface StateStore {
  /**
   * Inserts missing states and renames existing ones. Idempotent. Never touches a state's counters and never
   * deletes a state.
   */
  upsertStates(states: readonly State[]): Promise<void>;

  /** Every state, ordered by code. */
  listStates(): Promise<StateRecord[]>;

  /** @throws NotFoundError when no state has that code. */
  getState(code: string): Promise<StateRecord>;

  /**
   * Inserts missing programs and updates changed ones, matched by id. Idempotent. Never deletes a program.
   * @returns how many programs were inserted and how many changed.
   * @throws NotFoundError when a program names a state that is not stored.
   */
  upsertPrograms(programs: readonly Program[]): Promise<{ inserted: number; updated: number }>;

  /** The programs of one state (deprecated ones included), ordered by name. Empty for an unknown state. */
  listPrograms(stateCode: string): Promise<Program[]>;
}
