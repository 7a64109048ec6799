import {
  lastSubmittedRateRevision,
  rateRevisionName,
  type User,
  type WithdrawalPlanView,
} from '@docket/domain';
import type { WithdrawalPreview } from '../use-cases/withdrawal-plan';
import { nameOf } from './contract.presenter';

/** Each rate of the contract by the name of its last submitted revision, with the contract it would move to. */
export function presentWithdrawalPlan(
  { filing, plan, programs }: WithdrawalPreview,
  user: User,
): WithdrawalPlanView {
  const rates = new Map(filing.rates.map((rate) => [rate.id, rate]));
  return {
    rates: plan.fates.map((fate) => {
      const rate = rates.get(fate.rateId);
      const revision = rate && (lastSubmittedRateRevision(rate) ?? rate.revisions.at(-1));
      const adopter = fate.newParentId === null ? undefined : plan.adopters.get(fate.newParentId);
      return {
        id: fate.rateId,
        name: rate && revision ? rateRevisionName(rate, revision.formData, programs) : fate.rateId,
        newParent: adopter ? { id: adopter.id, name: nameOf(adopter, user, programs) } : null,
      };
    }),
  };
}
