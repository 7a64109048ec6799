import { canReadFiled } from './contract.policy';
import type { ContractSummary } from './contract-summary';
import { isLinkable, type Rate } from './rate';
import type { User } from './users';

/**
 * Who may read a rate, and which of the contracts that link it: the contracts' own rule (`canReadFiled`), so that
 * a rate is seen exactly where the filings it goes with are.
 */

/**
 * Whether the user may read the rate: a state user of its state; the roles that read everything; a reviewer once
 * it has been submitted. A missing and a forbidden rate answer the same (the caller raises NotFoundError).
 */
export function canReadRate(user: User, rate: Pick<Rate, 'stateCode' | 'revisions'>): boolean {
  return canReadFiled(user, rate.stateCode, isLinkable(rate));
}

/** Whether the user may read the contract a summary lists, from the summary alone (as `canReadContract`). */
export function canReadSummary(
  user: User,
  summary: Pick<ContractSummary, 'stateCode' | 'submittedCount'>,
): boolean {
  return canReadFiled(user, summary.stateCode, summary.submittedCount > 0);
}
