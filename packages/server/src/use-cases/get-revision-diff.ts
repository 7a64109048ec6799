import {
  authorizeRateRead,
  contractRevisionDiff,
  diffSides,
  NotFoundError,
  rateRevisionDiff,
  visibleFiling,
  visibleRevisions,
  type ContractRevisionDiff,
  type DiffQuery,
  type RateRevisionDiff,
  type User,
} from '@docket/domain';
import type { ContractStore, RateStore, StateStore } from '@docket/store';
import { findReadableFiling, foundOrNull, isRecordId } from './contract-access';

/**
 * What changed between two submissions of a contract or a rate (DOMAIN §5). Only the submitted revisions the
 * caller may see can be compared (`visibleRevisions`): a revision of another filing, a draft, or one hidden from
 * the caller answers like a missing one. The filing is read once, as one snapshot with its rates; the state's
 * programs come from memory (`cachingPrograms`).
 */

/**
 * @throws NotFoundError for a contract the user may not read, or a revision that is not one of its submissions
 *   the user may see
 * @throws ValidationError (400) when the filing has fewer than two submissions and `from` is not given
 */
export async function getContractDiff(
  stores: { contracts: ContractStore; states: Pick<StateStore, 'listPrograms'> },
  user: User,
  contractId: string,
  query: DiffQuery,
): Promise<ContractRevisionDiff> {
  const filing = await findReadableFiling(stores.contracts, user, contractId);
  const visible = visibleFiling(user, filing.contract, filing.rates);
  const { from, to } = diffSides(
    visible.revisions.filter((r) => r.submitted !== null),
    query,
  );
  return contractRevisionDiff({
    from,
    to,
    rates: visible.rates.map(({ rate, revisions }) => ({ ...rate, revisions })),
    programs: await stores.states.listPrograms(filing.contract.stateCode),
  });
}

/**
 * @throws NotFoundError for a rate the user may not read, or a revision that is not one of its submissions
 * @throws ValidationError (400) when the rate has fewer than two submissions and `from` is not given
 */
export async function getRateDiff(
  stores: { rates: RateStore; states: Pick<StateStore, 'listPrograms'> },
  user: User,
  rateId: string,
  query: DiffQuery,
): Promise<RateRevisionDiff> {
  if (!isRecordId(rateId)) throw new NotFoundError('Rate', rateId);
  const rate = authorizeRateRead(user, await foundOrNull(() => stores.rates.get(rateId)), rateId);
  const submitted = visibleRevisions(user, rate.stateCode, rate.revisions).filter(
    (r) => r.submitted !== null,
  );
  const { from, to } = diffSides(submitted, query);
  return rateRevisionDiff({ from, to, programs: await stores.states.listPrograms(rate.stateCode) });
}
