import {
  CONTRACT_ACTION_NAMES,
  CONTRACT_ACTIONS,
  type ActionForm,
  type ContractAction,
  type ContractView,
  reasonRequired,
  type UserView,
} from '@docket/domain';
import { Button, ButtonGroup } from '@trussworks/react-uswds';
import { useRef, useState, type ReactElement } from 'react';
import { Link } from 'react-router';
import { performContractAction, type ContractActionBody } from '../api/contracts';
import { stepPath } from '../editor/editor-flash';
import { ApproveDialog } from './approve-dialog';
import type { ConfirmOutcome } from './confirm-dialog';
import type { DialogHandle } from './dialog-frame';
import { MccrsIdDialog } from './mccrs-id-dialog';
import { ReasonDialog } from './reason-dialog';
import { WithdrawalPlanDescription } from './withdrawal-plan';

/** The actions of the table that ask for their input in the dialog `form`. */
type ActionWithForm<F extends ActionForm> = {
  [A in ContractAction]: (typeof CONTRACT_ACTIONS)[A]['form'] extends F ? A : never;
}[ContractAction];

function hasForm<F extends ActionForm>(action: ContractAction, form: F): action is ActionWithForm<F> {
  return CONTRACT_ACTIONS[action].form === form;
}

/** The actions the summary page offers, in the table's order. */
const SUMMARY_ACTIONS = CONTRACT_ACTION_NAMES.filter(
  (action) => CONTRACT_ACTIONS[action].place === 'summary',
);

interface Props {
  contract: ContractView;
  /** Who is acting: some actions need a reason from some roles only (an administrator approving). */
  user: Pick<UserView, 'role'>;
  /** Called with the contract a successful action returned, and a sentence saying what happened. */
  onChanged: (contract: ContractView, notice: string) => void;
}

/** The buttons a user may press on this submission, from the abilities the server sent with it. */
export function ContractActions({ contract, user, onChanged }: Props) {
  const dialogs = useRef<Partial<Record<ContractAction, DialogHandle | null>>>({});
  const [withdrawOpened, setWithdrawOpened] = useState(0);
  const { abilities } = contract;
  const offered = SUMMARY_ACTIONS.filter((action) => abilities[CONTRACT_ACTIONS[action].ability]);

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
  for (const action of offered) {
    const { copy } = CONTRACT_ACTIONS[action];
    const changesNumber = hasForm(action, 'mccrs') && contract.mccrsId;
    buttons.push(
      <Button
        key={action}
        type="button"
        outline={'secondary' in copy && copy.secondary}
        onClick={() => dialogs.current[action]?.open()}
      >
        {changesNumber ? 'Change MC-CRS number' : copy.button}
      </Button>,
    );
  }
  if (buttons.length === 0) return null;

  /** Performs the action with the input its dialog asked for, on the version shown, and says what happened. */
  const perform =
    <A extends ContractAction>(action: A, notice: (updated: ContractView) => string) =>
    async (input: Omit<ContractActionBody<A>, 'version'>): Promise<ConfirmOutcome> => {
      const body = { ...input, version: contract.version } as ContractActionBody<A>;
      const updated = await performContractAction(contract.id, action, body);
      onChanged(updated, notice(updated));
      return 'done';
    };

  const dialogOf = (action: ContractAction): ReactElement | null => {
    const ref = (handle: DialogHandle | null) => {
      dialogs.current[action] = handle;
    };
    const done = () => CONTRACT_ACTIONS[action].copy.done;
    if (hasForm(action, 'reason')) {
      const confirm = perform(action, done);
      // Withdrawing says first what will happen to each rate of the submission.
      const withdrawing = action === 'WITHDRAW';
      return (
        <ReasonDialog
          key={action}
          ref={ref}
          action={action}
          onConfirm={(reason) => confirm({ reason })}
          {...(withdrawing && {
            description: <WithdrawalPlanDescription contractId={contract.id} opened={withdrawOpened} />,
            onOpen: () => setWithdrawOpened((n) => n + 1),
          })}
        />
      );
    }
    if (hasForm(action, 'approve')) {
      return (
        <ApproveDialog
          key={action}
          ref={ref}
          reasonRequired={reasonRequired(user, action)}
          onConfirm={perform(action, done)}
        />
      );
    }
    if (hasForm(action, 'mccrs')) {
      const saved = (updated: ContractView) => `The MC-CRS record number is now ${updated.mccrsId ?? ''}.`;
      return (
        <MccrsIdDialog key={action} ref={ref} current={contract.mccrsId} onConfirm={perform(action, saved)} />
      );
    }
    return null;
  };

  return (
    <>
      <ButtonGroup className="margin-y-3">{buttons}</ButtonGroup>
      {offered.map(dialogOf)}
    </>
  );
}
