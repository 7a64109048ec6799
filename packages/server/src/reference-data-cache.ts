import type { Program } from '@docket/domain';
import type { StateStore } from '@docket/store';

/**
 * The state store, with each state's programs kept in memory once read. Programs are reference data: seeded from
 * `data/` before a server starts serving (`docket seed`, `docket demo`) and written by no request, so a server
 * reads each state's programs once and names every filing from memory after that. Writing programs through the
 * store returned forgets what it kept. Programs changed by another process (a `docket seed` run beside running
 * servers) are seen by each server once it restarts (see the ADR on statement budgets). States themselves
 * are read as before: they hold counters that move with every new filing.
 */
export function cachingPrograms(states: StateStore): StateStore {
  const kept = new Map<string, Promise<readonly Program[]>>();
  return {
    upsertStates: (list) => states.upsertStates(list),
    listStates: () => states.listStates(),
    getState: (code) => states.getState(code),
    async upsertPrograms(programs) {
      kept.clear();
      try {
        return await states.upsertPrograms(programs);
      } finally {
        kept.clear();
      }
    },
    async listPrograms(stateCode) {
      let found = kept.get(stateCode);
      if (found === undefined) {
        found = states.listPrograms(stateCode);
        kept.set(stateCode, found);
        // A failed read is not kept, and neither is an empty answer: codes of no state are not worth memory.
        found.then(
          (programs) => programs.length > 0 || kept.delete(stateCode),
          () => kept.delete(stateCode),
        );
      }
      return [...(await found)];
    },
  };
}
