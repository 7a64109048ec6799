import { rateLinkHistories, type ContractRevision, type ContractSummary } from '@docket/domain';
import type { RateLinker } from './rate-store';

/**
 * What every adapter's `RateStore.listLinkers` shares: the links of one rate derived from the submitted revisions
 * of the contracts that hold them, and the order the port promises.
 */

/** The submissions of a contract that touched the rate, from its submitted revisions (any others are ignored). */
export function submissionsFor(
  rateId: string,
  revisions: readonly Pick<ContractRevision, 'id' | 'number' | 'submitted' | 'rateLinks'>[],
): RateLinker['submissions'] {
  const wanted = rateId.toLowerCase();
  for (const [linked, submissions] of rateLinkHistories({ revisions })) {
    if (linked.toLowerCase() === wanted) return submissions;
  }
  return [];
}

/**
 * The linkers in the port's order: the parent first, then the others by the time of the first submission that
 * included the rate, then by id. A contract named twice is kept once.
 */
export function inLinkerOrder(
  parentContractId: string,
  linkers: readonly { contract: ContractSummary; submissions: RateLinker['submissions'] }[],
): RateLinker[] {
  const parent = parentContractId.toLowerCase();
  const unique = [...new Map(linkers.map((l) => [l.contract.id.toLowerCase(), l])).values()];
  const firstAt = (linker: RateLinker) => linker.submissions[0]?.submitted.at ?? '';
  return unique.sort((a, b) => {
    const aParent = a.contract.id.toLowerCase() === parent;
    const bParent = b.contract.id.toLowerCase() === parent;
    if (aParent !== bParent) return aParent ? -1 : 1;
    const byTime = Date.parse(firstAt(a)) - Date.parse(firstAt(b));
    if (byTime !== 0 && !Number.isNaN(byTime)) return byTime;
    return a.contract.id.toLowerCase() < b.contract.id.toLowerCase() ? -1 : 1;
  });
}
