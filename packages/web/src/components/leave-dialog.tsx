import { useEffect, useRef } from 'react';
import type { Blocker } from 'react-router';
import { ConfirmDialog } from './confirm-dialog';
import type { DialogHandle } from './dialog-frame';

/** Asks whether to leave a page with unsaved changes, while the router holds the move (see useUnsavedChanges). */
export function LeaveDialog({ blocker, uploading = 0 }: { blocker: Blocker; uploading?: number }) {
  const dialog = useRef<DialogHandle>(null);
  const blocked = blocker.state === 'blocked';

  useEffect(() => {
    if (blocked) dialog.current?.open();
    else dialog.current?.close();
  }, [blocked]);

  return (
    <ConfirmDialog
      ref={dialog}
      id="leave-dialog"
      heading="Leave without saving?"
      description={
        uploading > 0 ? (
          <p>
            {uploading === 1 ? 'A file is' : `${uploading} files are`} still uploading, and nothing uploaded
            is saved until the draft is. If you leave now, the {uploading === 1 ? 'upload is' : 'uploads are'}{' '}
            cancelled, and any other change not saved is lost.
          </p>
        ) : (
          <p>You have unsaved changes on this page. If you leave now, they are lost.</p>
        )
      }
      emphasis="cancel"
      cancelLabel="Stay on this page"
      confirmLabel="Leave without saving"
      busyLabel="Leaving…"
      onConfirm={() => {
        if (blocker.state === 'blocked') blocker.proceed();
        return 'done';
      }}
      // Escape and the close button stay, as "Stay on this page" does.
      onCancel={() => {
        if (blocker.state === 'blocked') blocker.reset();
      }}
    />
  );
}
