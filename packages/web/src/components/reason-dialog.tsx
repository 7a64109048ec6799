import { useImperativeHandle, useRef, useState, type ReactNode, type Ref } from 'react';
import { ConfirmDialog, type ConfirmOutcome } from './confirm-dialog';
import type { DialogHandle } from './dialog-frame';
import { TextareaWithCount } from './fields/textarea-with-count';

const REASON_MAX = 1500;

interface Props {
  ref?: Ref<DialogHandle>;
  id: string;
  heading: string;
  description: ReactNode;
  /** The textarea's label, e.g. "Reason for unlocking". */
  reasonLabel: string;
  /** The confirming button's text, e.g. "Unlock". */
  confirmLabel: string;
  /** Its text while the action runs, e.g. "Unlocking…". */
  busyLabel: string;
  /**
   * Performs the action with the reason given. `close` lets the caller close the dialog first when what follows
   * happens on the page (e.g. an error summary taking focus).
   */
  onConfirm: (reason: string, close: () => void) => Promise<ConfirmOutcome>;
}

/** Asks why before an action that history records with a reason (unlock, resubmit, withdraw, ...). */
export function ReasonDialog({
  ref,
  id,
  heading,
  description,
  reasonLabel,
  confirmLabel,
  busyLabel,
  onConfirm,
}: Props) {
  const dialog = useRef<DialogHandle>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const reasonId = `${id}-reason`;

  useImperativeHandle(ref, () => ({
    open: () => dialog.current?.open(),
    close: () => dialog.current?.close(),
  }));

  const check = (): boolean => {
    const trimmed = reason.trim();
    if (!trimmed) {
      setError(`Enter a ${reasonLabel.charAt(0).toLowerCase()}${reasonLabel.slice(1)}`);
      document.getElementById(reasonId)?.focus();
      return false;
    }
    if (Array.from(trimmed).length > REASON_MAX) {
      setError(`Use at most ${REASON_MAX} characters`);
      document.getElementById(reasonId)?.focus();
      return false;
    }
    setError(undefined);
    return true;
  };

  return (
    <ConfirmDialog
      ref={dialog}
      id={id}
      heading={heading}
      description={description}
      confirmLabel={confirmLabel}
      busyLabel={busyLabel}
      initialFocusId={reasonId}
      onOpen={() => {
        setReason('');
        setError(undefined);
      }}
      check={check}
      onConfirm={(close) => onConfirm(reason.trim(), close)}
    >
      <TextareaWithCount
        id={reasonId}
        label={reasonLabel}
        maxLength={REASON_MAX}
        value={reason}
        onChange={setReason}
        error={error}
        rows={4}
      />
    </ConfirmDialog>
  );
}
