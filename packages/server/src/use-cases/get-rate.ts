import { canReadRate, NotFoundError, type Program, type Rate, type User } from '@docket/domain';
import type { RateLinker, RateStore, StateStore } from '@docket/store';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A rate with what its page shows besides: the contracts that link it and its state's programs (for names). */
export interface RateDetails {
  rate: Rate;
  /** Every linker, before the policy picks which the caller may see (the presenter does). */
  linkers: RateLinker[];
  programs: Program[];
}

/**
 * One rate with the contracts that link it, if the user may read it. A malformed id, a missing rate and one the
 * user may not see all raise the same NotFoundError, so nobody learns that another state's rate exists. The rate
 * and its linkers are two reads, side by side: a change between them shows on the next read of the page.
 * @throws NotFoundError (missing and forbidden alike)
 */
export async function getRate(
  stores: { rates: RateStore; states: Pick<StateStore, 'listPrograms'> },
  user: User,
  id: string,
): Promise<RateDetails> {
  if (!UUID.test(id)) throw new NotFoundError('Rate', id);
  let read: [Rate, RateLinker[]];
  try {
    read = await Promise.all([stores.rates.get(id), stores.rates.listLinkers(id)]);
  } catch (error) {
    if (error instanceof NotFoundError) throw new NotFoundError('Rate', id);
    throw error;
  }
  const [rate, linkers] = read;
  if (!canReadRate(user, rate)) throw new NotFoundError('Rate', id);
  return { rate, linkers, programs: await stores.states.listPrograms(rate.stateCode) };
}
