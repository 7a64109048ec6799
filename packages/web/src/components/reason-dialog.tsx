import { Alert, Button, ButtonGroup } from '@trussworks/react-uswds';
import { useImperativeHandle, useRef, useState, type FormEvent, type ReactNode, type Ref } from 'react';
import { DialogFrame, type DialogHandle } from './dialog-frame';
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
  /**
   * Performs the action. Resolves to a message to show in the dialog, or null when it is done; `close` lets the
   * caller close the dialog first when what follows happens on the page (e.g. an error summary taking focus).
   */
  onConfirm: (reason: string, close: () => void) => Promise<string | null>;
}

/** Asks why before an action that history records with a reason (unlock, resubmit, withdraw, ...). */
export function ReasonDialog({ ref, id, heading, description, reasonLabel, confirmLabel, onConfirm }: Props) {
  const frame = useRef<DialogHandle>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const reasonId = `${id}-reason`;
  const close = () => frame.current?.close();

  useImperativeHandle(ref, () => ({ open: () => frame.current?.open(), close }));

  const reset = () => {
    setReason('');
    setError(undefined);
    setFailure(null);
    setBusy(false);
  };

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const trimmed = reason.trim();
    if (!trimmed) {
      setError(`Enter a ${reasonLabel.charAt(0).toLowerCase()}${reasonLabel.slice(1)}`);
      document.getElementById(reasonId)?.focus();
      return;
    }
    if (Array.from(trimmed).length > REASON_MAX) {
      setError(`Use at most ${REASON_MAX} characters`);
      return;
    }
    setError(undefined);
    setFailure(null);
    setBusy(true);
    const message = await onConfirm(trimmed, close);
    setBusy(false);
    if (message) setFailure(message);
    else close();
  };

  return (
    <DialogFrame
      ref={frame}
      id={id}
      heading={heading}
      description={description}
      initialFocusId={reasonId}
      onOpen={reset}
    >
      <form onSubmit={(event) => void onSubmit(event)} noValidate className="usa-form usa-form--large">
        {failure && (
          <Alert type="error" headingLevel="h3" slim role="alert" className="margin-top-2">
            {failure}
          </Alert>
        )}
        <TextareaWithCount
          id={reasonId}
          label={reasonLabel}
          maxLength={REASON_MAX}
          value={reason}
          onChange={setReason}
          error={error}
          rows={4}
        />
        <div className="usa-modal__footer">
          <ButtonGroup>
            <Button type="submit" disabled={busy}>
              {busy ? 'Working…' : confirmLabel}
            </Button>
            <Button type="button" unstyled className="padding-105 text-center" onClick={close}>
              Cancel
            </Button>
          </ButtonGroup>
        </div>
      </form>
    </DialogFrame>
  );
}
