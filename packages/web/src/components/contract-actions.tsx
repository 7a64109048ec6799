import type { ContractView } from '@docket/domain';
import { Button, ButtonGroup } from '@trussworks/react-uswds';
import { useRef, type ReactElement } from 'react';
import { Link } from 'react-router';
import { errorMessage, isApiError } from '../api/client';
import { contractActionWithReason, type ReasonAction } from '../api/contracts';
import { stepPath } from '../editor/editor-flash';
import { ApproveDialog } from './approve-dialog';
import { CHANGED_MEANWHILE } from './changed-meanwhile';
import type { ConfirmOutcome } from './confirm-dialog';
import type { DialogHandle } from './dialog-frame';
import { MccrsIdDialog } from './mccrs-id-dialog';
import { ReasonDialog } from './reason-dialog';

type Abilities = ContractView['abilities'];

interface ReasonActionConfig {
  action: ReasonAction;
  ability: keyof Abilities;
  button: string;
  heading: string;
  description: string;
  reasonLabel: string;
  confirm: string;
  /** The confirming button's text while the action runs. */
  busy: string;
  /** The notice shown once it is done. */
  done: string;
  secondary?: boolean;
}

/** The lifecycle actions the summary page offers, each asking for a reason. Shown only when the server allows. */
const REASON_ACTIONS: readonly ReasonActionConfig[] = [
  {
    action: 'unlock',
    ability: 'canUnlock',
    button: 'Unlock submission',
    heading: 'Unlock this submission?',
    description:
      'Unlocking lets the state edit the submission and resubmit it. The state sees your reason on the submission.',
    reasonLabel: 'Reason for unlocking',
    confirm: 'Unlock',
    busy: 'Unlocking…',
    done: 'The submission is unlocked. The state can now edit it and resubmit it.',
  },
  {
    action: 'undo-unlock',
    ability: 'canUndoUnlock',
    button: 'Undo unlock',
    heading: 'Undo the unlock?',
    description:
      "Undoing the unlock discards the state's unsubmitted edits. The submission returns to review.",
    reasonLabel: 'Reason for undoing the unlock',
    confirm: 'Undo unlock',
    busy: 'Undoing the unlock…',
    done: 'The unlock was undone.',
    secondary: true,
  },
  {
    action: 'withdraw',
    ability: 'canWithdraw',
    button: 'Withdraw submission',
    heading: 'Withdraw this submission?',
    description: 'A withdrawn submission leaves review. You can undo the withdrawal later.',
    reasonLabel: 'Reason for withdrawing',
    confirm: 'Withdraw',
    busy: 'Withdrawing…',
    done: 'The submission was withdrawn.',
    secondary: true,
  },
  {
    action: 'undo-withdraw',
    ability: 'canUndoWithdraw',
    button: 'Undo withdrawal',
    heading: 'Undo the withdrawal?',
    description: 'The submission returns to review as it was before it was withdrawn.',
    reasonLabel: 'Reason for undoing the withdrawal',
    confirm: 'Undo withdrawal',
    busy: 'Undoing the withdrawal…',
    done: 'The withdrawal was undone.',
  },
  {
    action: 'undo-approval',
    ability: 'canUndoApproval',
    button: 'Undo approval',
    heading: 'Undo the approval?',
    description: 'The submission returns to review.',
    reasonLabel: 'Reason for undoing the approval',
    confirm: 'Undo approval',
    busy: 'Undoing the approval…',
    done: 'The approval was undone.',
    secondary: true,
  },
];

interface Props {
  contract: ContractView;
  /** Called with the contract a successful action returned, and a sentence saying what happened. */
  onChanged: (contract: ContractView, notice: string) => void;
}

/** The buttons a user may press on this submission, from the abilities the server sent with it. */
export function ContractActions({ contract, onChanged }: Props) {
  const dialogs = useRef<Partial<Record<ReasonAction, DialogHandle | null>>>({});
  const approveDialog = useRef<DialogHandle>(null);
  const mccrsDialog = useRef<DialogHandle>(null);
  const { abilities } = contract;
  const available = REASON_ACTIONS.filter((config) => abilities[config.ability]);

  const buttons: ReactElement[] = [];
  if (abilities.canEdit) {
    // A draft is taken up where its journey starts; an unlocked filing opens on its review step, under what CMS
    // asked, with every answer and a link to each step.
    const draft = contract.submissionStatus === 'DRAFT';
    buttons.push(
      <Link
        key="edit"
        className="usa-button"
        to={draft ? `/submissions/${contract.id}/edit` : stepPath(contract.id, 'review')}
      >
        {draft ? 'Continue editing' : 'Edit submission'}
      </Link>,
    );
  }
  if (abilities.canApprove) {
    buttons.push(
      <Button key="approve" type="button" onClick={() => approveDialog.current?.open()}>
        Release to state
      </Button>,
    );
  }
  for (const config of available) {
    buttons.push(
      <Button
        key={config.action}
        type="button"
        outline={config.secondary}
        onClick={() => dialogs.current[config.action]?.open()}
      >
        {config.button}
      </Button>,
    );
  }
  if (abilities.canSetMccrsId) {
    buttons.push(
      <Button key="mccrs" type="button" outline onClick={() => mccrsDialog.current?.open()}>
        {contract.mccrsId ? 'Change MC-CRS number' : 'Add MC-CRS number'}
      </Button>,
    );
  }
  if (buttons.length === 0) return null;

  const confirm =
    (config: ReasonActionConfig) =>
    async (reason: string): Promise<ConfirmOutcome> => {
      try {
        const updated = await contractActionWithReason(contract.id, config.action, contract.version, reason);
        onChanged(updated, config.done);
        return 'done';
      } catch (error) {
        if (isApiError(error, 'VERSION_CONFLICT')) return { failure: CHANGED_MEANWHILE };
        return { failure: errorMessage(error) };
      }
    };

  return (
    <>
      <ButtonGroup className="margin-y-3">{buttons}</ButtonGroup>
      {available.map((config) => (
        <ReasonDialog
          key={config.action}
          ref={(handle) => {
            dialogs.current[config.action] = handle;
          }}
          id={`${config.action}-dialog`}
          heading={config.heading}
          description={<p>{config.description}</p>}
          reasonLabel={config.reasonLabel}
          confirmLabel={config.confirm}
          busyLabel={config.busy}
          onConfirm={confirm(config)}
        />
      ))}
      {abilities.canApprove && (
        <ApproveDialog
          ref={approveDialog}
          contract={contract}
          onApproved={(updated) =>
            onChanged(updated, 'The submission was approved and released to the state.')
          }
        />
      )}
      {abilities.canSetMccrsId && (
        <MccrsIdDialog
          ref={mccrsDialog}
          contract={contract}
          onSaved={(updated) =>
            onChanged(updated, `The MC-CRS record number is now ${updated.mccrsId ?? ''}.`)
          }
        />
      )}
    </>
  );
}
