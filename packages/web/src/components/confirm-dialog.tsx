import { Alert, ButtonGroup } from '@trussworks/react-uswds';
import {
  useEffect,
  useImperativeHandle,
  useRef,
  useState,
  type FormEvent,
  type ReactNode,
  type Ref,
} from 'react';
import { errorMessage } from '../api/client';
import { DialogFrame, type DialogHandle } from './dialog-frame';
import { HeldButton } from './held-button';

/**
 * How a confirmed action ended: `done` closes the dialog; `stay` keeps it open as it is (the fields say what to
 * change); a failure keeps it open and says why.
 */
export type ConfirmOutcome = 'done' | 'stay' | { failure: string };

interface Props {
  ref?: Ref<DialogHandle>;
  id: string;
  heading: string;
  /** What happens once confirmed. */
  description: ReactNode;
  /** The confirming button's text, e.g. "Submit". */
  confirmLabel: string;
  /** Its text while the action runs, e.g. "Submitting…". */
  busyLabel: string;
  /** The text of the button that closes the dialog without the action. */
  cancelLabel?: string;
  /**
   * Which choice the dialog leads with. `confirm` (the default): the action is the primary button and Cancel a
   * link-like one. `cancel`: staying is the primary button, and the action, which loses something (leaving with
   * unsaved answers, reloading over them), the secondary one.
   */
  emphasis?: 'confirm' | 'cancel';
  /** The control to focus when the dialog opens (default: the first one). */
  initialFocusId?: string;
  /** Called just before the dialog opens, to reset its fields. */
  onOpen?: () => void;
  /** Checks the fields before the action starts; false keeps the dialog open, its fields saying why. */
  check?: () => boolean;
  /**
   * Performs the action. `close` closes the dialog at once, for an action whose outcome shows on the page (an
   * error summary taking focus). A thrown error is shown in the dialog.
   */
  onConfirm: (close: () => void) => Promise<ConfirmOutcome> | ConfirmOutcome;
  /** The dialog was closed without the action: Cancel, the close button or Escape. */
  onCancel?: () => void;
  /** Fields the action needs; the dialog is a form that Enter in a field submits. */
  children?: ReactNode;
}

/**
 * The one dialog that asks before an action (submit, unlock, approve, sign in again, leave without saving). While
 * the action runs, the dialog is busy: its confirming button says so and cannot be pressed again, and Cancel, the
 * close button and Escape do nothing, since what was started cannot be called back half-way. Focus stays where it
 * is (buttons are `aria-disabled`, not `disabled`, which would drop focus to the page).
 */
export function ConfirmDialog({
  ref,
  id,
  heading,
  description,
  confirmLabel,
  busyLabel,
  cancelLabel = 'Cancel',
  emphasis = 'confirm',
  initialFocusId,
  onOpen,
  check,
  onConfirm,
  onCancel,
  children,
}: Props) {
  const frame = useRef<DialogHandle>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  /** Set at once, so a second press before the next render starts nothing. */
  const running = useRef(false);
  /** The dialog closes because the action ended or closed it, not because the user dismissed it. */
  const finished = useRef(false);
  const mounted = useRef(true);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const closeAfterAction = () => {
    finished.current = true;
    frame.current?.close();
  };

  useImperativeHandle(ref, () => ({
    open: () => frame.current?.open(),
    close: () => frame.current?.close(),
  }));

  const confirm = async () => {
    if (running.current) return;
    if (check && !check()) return;
    running.current = true;
    setFailure(null);
    setBusy(true);
    let outcome: ConfirmOutcome;
    try {
      outcome = await onConfirm(closeAfterAction);
    } catch (error) {
      outcome = { failure: errorMessage(error) };
    }
    running.current = false;
    if (!mounted.current) return;
    setBusy(false);
    if (outcome === 'done') closeAfterAction();
    else if (typeof outcome === 'object') setFailure(outcome.failure);
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void confirm();
  };

  const dismiss = () => frame.current?.close();
  const confirmButton = (
    <HeldButton key="confirm" type="submit" data-confirm="" secondary={emphasis === 'cancel'} held={busy}>
      {busy ? busyLabel : confirmLabel}
    </HeldButton>
  );
  const cancelButton =
    emphasis === 'cancel' ? (
      <HeldButton key="cancel" id={`${id}-cancel`} type="button" held={busy} onClick={dismiss}>
        {cancelLabel}
      </HeldButton>
    ) : (
      <HeldButton
        key="cancel"
        id={`${id}-cancel`}
        type="button"
        unstyled
        className="padding-105 text-center"
        held={busy}
        onClick={dismiss}
      >
        {cancelLabel}
      </HeldButton>
    );

  return (
    <DialogFrame
      ref={frame}
      id={id}
      heading={heading}
      description={description}
      initialFocusId={initialFocusId ?? (emphasis === 'cancel' ? `${id}-cancel` : undefined)}
      busy={busy}
      onOpen={() => {
        finished.current = false;
        setFailure(null);
        setBusy(false);
        onOpen?.();
      }}
      onClose={() => {
        if (!finished.current) onCancel?.();
      }}
    >
      <form onSubmit={onSubmit} noValidate className="usa-form usa-form--large">
        {failure && (
          <Alert type="error" headingLevel="h3" slim role="alert" className="margin-top-2">
            {failure}
          </Alert>
        )}
        {children}
        <div className="usa-modal__footer">
          <ButtonGroup>
            {emphasis === 'cancel' ? [cancelButton, confirmButton] : [confirmButton, cancelButton]}
          </ButtonGroup>
        </div>
      </form>
      <span className="usa-sr-only" role="status">
        {busy ? busyLabel : ''}
      </span>
    </DialogFrame>
  );
}
