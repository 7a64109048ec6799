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

/**
 * The submissions the rate's last withdrawal detached it from, split by whether the undo links it again: only
 * those whose latest submission still includes the rate are (a contract resubmitted without it is left alone).
 */
function detachedFrom(rate: RateDetailView): { relinked: RateContractView[]; left: RateContractView[] } {
  const detached = rate.history.findLast((entry) => entry.kind === 'RATE_WITHDRAWN')?.contracts ?? [];
  const stillIncluded = new Set(
    rate.linkedContracts.filter((c) => c.currentRateRevisionNumber !== null).map((c) => c.id),
  );
  return {
    relinked: detached.filter((c) => stillIncluded.has(c.id)),
    left: detached.filter((c) => !stillIncluded.has(c.id)),
  };
}

function ContractList({
  lead,
  contracts,
  testId = 'rate-action-contracts',
}: {
  lead: string;
  contracts: readonly RateContractView[];
  testId?: string;
}) {
  if (contracts.length === 0) return null;
  return (
    <>
      <p>{lead}</p>
      <ul className="usa-list" data-testid={testId}>
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
  if (action === 'WITHDRAW_RATE') {
    return (
      <>
        <p>{description}</p>
        <ContractList lead="It will be detached from:" contracts={detachedBy(rate)} />
      </>
    );
  }
  const { relinked, left } = detachedFrom(rate);
  return (
    <>
      <p>{description}</p>
      <ContractList lead="It will be linked again to:" contracts={relinked} />
      <ContractList
        lead="It will not be linked again to these, whose latest submission no longer includes it:"
        contracts={left}
        testId="rate-action-contracts-left"
      />
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
