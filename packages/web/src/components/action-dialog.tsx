import {
  CONTRACT_ACTIONS,
  RATE_ACTIONS,
  type ActionCopy,
  type ContractAction,
  type RateAction,
} from '@docket/domain';
import { useState, type ReactNode, type Ref } from 'react';
import { errorMessage, isApiError } from '../api/client';
import { CHANGED_MEANWHILE } from './changed-meanwhile';
import { ConfirmDialog, type ConfirmOutcome } from './confirm-dialog';
import type { DialogHandle } from './dialog-frame';

/** What is wrong with each field of an action's dialog, by the name the request body gives the field. */
export type FieldErrors<F extends string> = Partial<Record<F, string>>;

interface Props<F extends string> {
  ref?: Ref<DialogHandle>;
  /** The action (of `CONTRACT_ACTIONS` or `RATE_ACTIONS`) the dialog confirms: its id and words come from its row. */
  action: DialogAction;
  /** What happens once confirmed, when the row's description is not enough. */
  description?: ReactNode;
  /**
   * The id of each field's control, by the name the request body gives the field, in the order they are shown: a
   * refusal that names a field is shown on it, the first field takes focus on opening, and the first one in error
   * after a check.
   */
  fields: Record<F, string>;
  /** Called just before the dialog opens, to reset the fields. */
  onOpen: () => void;
  /** Checks the fields before the action starts: what is wrong with each (none, to go ahead). */
  check?: () => FieldErrors<F>;
  /**
   * Performs the action. `close` closes the dialog at once, for an action whose outcome shows on the page. A
   * refusal naming a field is shown on it; any other failure (a change made meanwhile included) in the dialog.
   */
  onConfirm: (close: () => void) => Promise<ConfirmOutcome>;
  /** The fields, given what is wrong with each. */
  children: (errors: FieldErrors<F>) => ReactNode;
}

/** An action a dialog confirms: one of a contract's, or one of a rate's own. */
export type DialogAction = ContractAction | RateAction;

function isRateAction(action: DialogAction): action is RateAction {
  return Object.hasOwn(RATE_ACTIONS, action);
}

/** The words of an action's button and dialog, from its table's row. */
export function actionCopy(action: DialogAction): ActionCopy {
  return isRateAction(action) ? RATE_ACTIONS[action].copy : CONTRACT_ACTIONS[action].copy;
}

/**
 * The id of an action's dialog, from the path of its operation (`unlock-dialog`, `mccrs-id-dialog`; a rate's own
 * `rate-withdraw-dialog`).
 */
export function actionDialogId(action: DialogAction): string {
  return isRateAction(action)
    ? `rate-${RATE_ACTIONS[action].http.path}-dialog`
    : `${CONTRACT_ACTIONS[action].http.path}-dialog`;
}

/**
 * The dialog that confirms an action of the table and asks for its input (a reason, a date, a number): it checks
 * the fields before the action starts, and shows the server's refusal on the field it names.
 */
export function ActionDialog<F extends string>({
  ref,
  action,
  description,
  fields,
  onOpen,
  check,
  onConfirm,
  children,
}: Props<F>) {
  const copy = actionCopy(action);
  const [errors, setErrors] = useState<FieldErrors<F>>({});
  const names = Object.keys(fields) as F[];

  const show = (found: FieldErrors<F>): F | undefined => {
    setErrors(found);
    return names.find((name) => found[name] !== undefined);
  };

  const checkFields = (): boolean => {
    const wrong = show(check?.() ?? {});
    if (wrong !== undefined) document.getElementById(fields[wrong])?.focus();
    return wrong === undefined;
  };

  const confirm = async (close: () => void): Promise<ConfirmOutcome> => {
    try {
      return await onConfirm(close);
    } catch (error) {
      if (isApiError(error) && error.issues.length > 0) {
        const found: FieldErrors<F> = {};
        for (const issue of error.issues) {
          const name = names.find((field) => field === issue.path[0]);
          if (name !== undefined) found[name] ??= issue.message;
        }
        if (show(found) !== undefined) return 'stay';
      }
      if (isApiError(error, 'VERSION_CONFLICT')) return { failure: CHANGED_MEANWHILE };
      return { failure: errorMessage(error) };
    }
  };

  return (
    <ConfirmDialog
      ref={ref}
      id={actionDialogId(action)}
      heading={copy.heading}
      description={description ?? <p>{copy.description}</p>}
      confirmLabel={copy.confirm}
      busyLabel={copy.busy}
      initialFocusId={names[0] === undefined ? undefined : fields[names[0]]}
      onOpen={() => {
        setErrors({});
        onOpen();
      }}
      check={checkFields}
      onConfirm={confirm}
    >
      {children(errors)}
    </ConfirmDialog>
  );
}
