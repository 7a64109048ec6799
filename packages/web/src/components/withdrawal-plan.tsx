import { CONTRACT_ACTIONS, type WithdrawalPlanView } from '@docket/domain';
import { useEffect, useState } from 'react';
import { getWithdrawalPlan } from '../api/withdrawals';

interface Props {
  contractId: string;
  /** How many times the dialog has been opened: the plan is read again on each opening, as it is now. */
  opened: number;
}

/**
 * What the withdrawal dialog says before the reviewer confirms: the action's own words, then what will happen to
 * each rate of the submission — taken over by another submission that links it, or withdrawn with this one.
 */
export function WithdrawalPlanDescription({ contractId, opened }: Props) {
  const [plan, setPlan] = useState<WithdrawalPlanView | 'failed' | null>(null);
  useEffect(() => {
    if (opened === 0) return;
    let current = true;
    setPlan(null);
    getWithdrawalPlan(contractId).then(
      (read) => current && setPlan(read),
      () => current && setPlan('failed'),
    );
    return () => {
      current = false;
    };
  }, [contractId, opened]);

  return (
    <>
      <p>{CONTRACT_ACTIONS.WITHDRAW.copy.description}</p>
      {plan === null && <p>Checking what will happen to the rates of this submission…</p>}
      {plan === 'failed' && <p>What will happen to the rates of this submission could not be loaded.</p>}
      {plan !== null && plan !== 'failed' && plan.rates.length > 0 && (
        <>
          <p>What will happen to its rates:</p>
          <ul className="usa-list" data-testid="withdrawal-plan">
            {plan.rates.map((rate) => (
              <li key={rate.id}>
                <strong>{rate.name}</strong>:{' '}
                {rate.newParent
                  ? `moves to ${rate.newParent.name}, which links it, and stays there`
                  : 'is withdrawn with this submission'}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
