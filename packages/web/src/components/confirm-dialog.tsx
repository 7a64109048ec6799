import { Alert, Button, ButtonGroup } from '@trussworks/react-uswds';
import { useImperativeHandle, useRef, useState, type ReactNode, type Ref } from 'react';
import { DialogFrame, type DialogHandle } from './dialog-frame';

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
  /**
   * Performs the action. Resolves to a message to show in the dialog, or null when it is done; `close` lets the
   * caller close the dialog first when what follows happens on the page (e.g. an error summary taking focus).
   */
  onConfirm: (close: () => void) => Promise<string | null>;
}

/** Asks before an action that cannot be taken back by the person taking it ("Ready to submit?"). */
export function ConfirmDialog({ ref, id, heading, description, confirmLabel, busyLabel, onConfirm }: Props) {
  const frame = useRef<DialogHandle>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const close = () => frame.current?.close();

  useImperativeHandle(ref, () => ({ open: () => frame.current?.open(), close }));

  const confirm = async () => {
    setFailure(null);
    setBusy(true);
    const message = await onConfirm(close);
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
      onOpen={() => {
        setFailure(null);
        setBusy(false);
      }}
    >
      {failure && (
        <Alert type="error" headingLevel="h3" slim role="alert" className="margin-top-2">
          {failure}
        </Alert>
      )}
      <div className="usa-modal__footer">
        <ButtonGroup>
          <Button type="button" disabled={busy} onClick={() => void confirm()}>
            {busy ? busyLabel : confirmLabel}
          </Button>
          <Button type="button" unstyled className="padding-105 text-center" onClick={close}>
            Cancel
          </Button>
        </ButtonGroup>
      </div>
    </DialogFrame>
  );
}
