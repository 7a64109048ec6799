import { REFERENCE_PROGRAMS, STATES } from '@docket/domain';
import type { StateStore } from '@docket/store';

export interface SeedResult {
  states: number;
  programs: { total: number; inserted: number; updated: number };
}

/**
 * Imports the reference states and programs (the project's `data/` files, via the domain). Idempotent: inserts
 * what is missing, updates what changed, never deletes and never touches a state's counters.
 */
export async function seedReferenceData(
  states: StateStore,
  progress: (message: string) => void = () => {},
): Promise<SeedResult> {
  progress(`Importing ${STATES.length} states and territories…`);
  await states.upsertStates(STATES);
  progress(`Importing ${REFERENCE_PROGRAMS.length} programs…`);
  const programs = await states.upsertPrograms(REFERENCE_PROGRAMS);
  return { states: STATES.length, programs: { total: REFERENCE_PROGRAMS.length, ...programs } };
}
