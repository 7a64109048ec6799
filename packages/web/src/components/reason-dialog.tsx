import type { CONTRACT_ACTIONS } from '@docket/domain';
import { REASON_MAX_LENGTH, type ContractAction, type RateAction } from '@docket/domain';
import { useState, type ReactNode, type Ref } from 'react';
import { ActionDialog, actionCopy, actionDialogId } from './action-dialog';
import type { ConfirmOutcome } from './confirm-dialog';
import type { DialogHandle } from './dialog-frame';
import { TextareaWithCount } from './fields/textarea-with-count';

/**
 * The actions that always take a reason, which history records with them (unlock, resubmit, withdraw, ...; a
 * rate's own withdraw and undo).
 */
export type ActionWithReason =
  | {
      [A in ContractAction]: (typeof CONTRACT_ACTIONS)[A]['reason'] extends 'always' ? A : never;
    }[ContractAction]
  | RateAction;

interface Props {
  ref?: Ref<DialogHandle>;
  action: ActionWithReason;
  /** What happens once confirmed, when the row's description is not enough. */
  description?: ReactNode;
  /**
   * Performs the action with the reason given. `close` lets the caller close the dialog first when what follows
   * happens on the page (e.g. an error summary taking focus).
   */
  onConfirm: (reason: string, close: () => void) => Promise<ConfirmOutcome>;
  /** Called as the dialog opens, for a description that reads what it shows then. */
  onOpen?: () => void;
}

/** "Enter a reason for unlocking", from the field's label "Reason for unlocking". */
function missing(label: string): string {
  return `Enter a ${label.charAt(0).toLowerCase()}${label.slice(1)}`;
}

/** Asks why before an action that history records with a reason. */
export function ReasonDialog({ ref, action, description, onConfirm, onOpen }: Props) {
  const reasonLabel = actionCopy(action).reasonLabel ?? 'Reason';
  const [reason, setReason] = useState('');
  const reasonId = `${actionDialogId(action)}-reason`;

  const check = () => {
    const trimmed = reason.trim();
    if (!trimmed) return { reason: missing(reasonLabel) };
    if (Array.from(trimmed).length > REASON_MAX_LENGTH) {
      return { reason: `Use at most ${REASON_MAX_LENGTH} characters` };
    }
    return {};
  };

  return (
    <ActionDialog
      ref={ref}
      action={action}
      description={description}
      fields={{ reason: reasonId }}
      onOpen={() => {
        setReason('');
        onOpen?.();
      }}
      check={check}
      onConfirm={(close) => onConfirm(reason.trim(), close)}
    >
      {(errors) => (
        <TextareaWithCount
          id={reasonId}
          label={reasonLabel}
          maxLength={REASON_MAX_LENGTH}
          value={reason}
          onChange={setReason}
          error={errors.reason}
          rows={4}
        />
      )}
    </ActionDialog>
  );
}
