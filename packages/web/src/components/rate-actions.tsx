import {
  RATE_ACTION_NAMES,
  RATE_ACTIONS,
  type RateAction,
  type RateContractView,
  type RateDetailView,
} from '@docket/domain';
import { Button, ButtonGroup } from '@trussworks/react-uswds';
import { useRef } from 'react';
import { performRateAction } from '../api/rates';
import { actionCopy } from './action-dialog';
import type { DialogHandle } from './dialog-frame';
import { ReasonDialog } from './reason-dialog';

interface Props {
  rate: RateDetailView;
  onChanged: (rate: RateDetailView, notice: string) => void;
}

/** The submissions a withdrawal would detach the rate from: its parent and those whose latest submission has it. */
function detachedBy(rate: RateDetailView): RateContractView[] {
  return rate.linkedContracts.filter((c) => c.isParent || c.currentRateRevisionNumber !== null);
}

/** The submissions the rate's last withdrawal detached it from. */
function detachedFrom(rate: RateDetailView): RateContractView[] {
  return rate.history.findLast((entry) => entry.kind === 'RATE_WITHDRAWN')?.contracts ?? [];
}

function ContractList({ lead, contracts }: { lead: string; contracts: readonly RateContractView[] }) {
  if (contracts.length === 0) return null;
  return (
    <>
      <p>{lead}</p>
      <ul className="usa-list" data-testid="rate-action-contracts">
        {contracts.map((c) => (
          <li key={c.id}>{c.name}</li>
        ))}
      </ul>
    </>
  );
}

/** What the dialog tells the reviewer before they confirm. */
function descriptionOf(action: RateAction, rate: RateDetailView) {
  const { description } = actionCopy(action);
  return (
    <>
      <p>{description}</p>
      {action === 'WITHDRAW_RATE' ? (
        <ContractList lead="It will be detached from:" contracts={detachedBy(rate)} />
      ) : (
        <ContractList
          lead="It will be linked again to each of these whose latest submission still includes it:"
          contracts={detachedFrom(rate)}
        />
      )}
    </>
  );
}

/** The rate's own review actions the caller may take now (its `abilities`), each a button and a reason dialog. */
export function RateActions({ rate, onChanged }: Props) {
  const dialogs = useRef<Partial<Record<RateAction, DialogHandle | null>>>({});
  const offered = RATE_ACTION_NAMES.filter((action) => rate.abilities[RATE_ACTIONS[action].ability]);
  if (offered.length === 0) return null;
  return (
    <>
      <ButtonGroup className="margin-y-3">
        {offered.map((action) => {
          const copy = actionCopy(action);
          return (
            <Button
              key={action}
              type="button"
              outline={copy.secondary === true}
              onClick={() => dialogs.current[action]?.open()}
            >
              {copy.button}
            </Button>
          );
        })}
      </ButtonGroup>
      {offered.map((action) => (
        <ReasonDialog
          key={action}
          ref={(handle) => {
            dialogs.current[action] = handle;
          }}
          action={action}
          description={descriptionOf(action, rate)}
          onConfirm={async (reason) => {
            const updated = await performRateAction(rate.id, action, { reason, version: rate.version });
            onChanged(updated, actionCopy(action).done);
            return 'done';
          }}
        />
      ))}
    </>
  );
}
