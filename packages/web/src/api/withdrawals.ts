import { withdrawalPlanViewSchema, type WithdrawalPlanView } from '@docket/domain';
import { request } from './client';

/** What withdrawing the contract now would do to each of its rates. */
export function getWithdrawalPlan(contractId: string): Promise<WithdrawalPlanView> {
  return request('GET', `/api/contracts/${encodeURIComponent(contractId)}/withdrawal-plan`, {
    schema: withdrawalPlanViewSchema,
  });
}
