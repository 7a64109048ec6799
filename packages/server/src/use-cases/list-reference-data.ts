import { isStateCode, NotFoundError, type Program } from '@docket/domain';
import type { StateRecord, StateStore } from '@docket/store';

/** Every state and territory, ordered by code. */
export function listStates(states: StateStore): Promise<StateRecord[]> {
  return states.listStates();
}

/** One state's programs, retired ones included (they still name old filings). @throws NotFoundError */
export async function listPrograms(states: StateStore, stateCode: string): Promise<Program[]> {
  if (!isStateCode(stateCode)) throw new NotFoundError('State', stateCode);
  return states.listPrograms(stateCode);
}
