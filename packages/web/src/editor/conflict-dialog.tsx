import { useEffect, useImperativeHandle, useRef, type Ref } from 'react';
import { ConfirmDialog } from '../components/confirm-dialog';
import type { DialogHandle } from '../components/dialog-frame';

interface Props {
  ref?: Ref<DialogHandle>;
  /** A new value each time a save finds the submission changed by someone else: the dialog opens for it. */
  conflict: object | null;
  /** Loads the submission as it is now, dropping the changes made on this page. */
  onReload: () => void;
}

/**
 * Asks what to do when a save found that someone else saved the submission first (409): reload their version,
 * losing the changes made here, or keep editing — the answers stay on the page, to be copied before reloading.
 * Nothing typed is dropped without this question.
 */
export function ConflictDialog({ ref, conflict, onReload }: Props) {
  const dialog = useRef<DialogHandle>(null);

  useImperativeHandle(ref, () => ({
    open: () => dialog.current?.open(),
    close: () => dialog.current?.close(),
  }));

  useEffect(() => {
    if (conflict) dialog.current?.open();
  }, [conflict]);

  return (
    <ConfirmDialog
      ref={dialog}
      id="conflict-dialog"
      heading="Someone else changed this submission"
      description={
        <>
          <p>
            Another person saved changes to this submission after you opened it, so your latest changes were
            not saved. Docket does not mix their changes with yours.
          </p>
          <p>
            Reload to see the submission as it is now: the changes you made on this page are lost. Or keep
            editing: your answers stay on this page, so you can copy what you need before you reload.
          </p>
        </>
      }
      emphasis="cancel"
      cancelLabel="Keep editing"
      confirmLabel="Reload and lose my changes"
      busyLabel="Reloading…"
      onConfirm={() => {
        onReload();
        return 'done';
      }}
    />
  );
}
