import { Button, ButtonGroup } from '@trussworks/react-uswds';
import { useEffect, useRef } from 'react';
import type { Blocker } from 'react-router';
import { DialogFrame, type DialogHandle } from './dialog-frame';

/** Asks whether to leave a page with unsaved changes, while the router holds the move (see useUnsavedChanges). */
export function LeaveDialog({ blocker }: { blocker: Blocker }) {
  const frame = useRef<DialogHandle>(null);
  const blocked = blocker.state === 'blocked';

  useEffect(() => {
    if (blocked) frame.current?.open();
    else frame.current?.close();
  }, [blocked]);

  // Escape and the close button stay, as "Stay on this page" does.
  const stay = () => {
    if (blocker.state === 'blocked') blocker.reset();
  };

  return (
    <DialogFrame
      ref={frame}
      id="leave-dialog"
      heading="Leave without saving?"
      description={<p>You have unsaved changes on this page. If you leave now, they are lost.</p>}
      initialFocusId="leave-dialog-stay"
      onClose={stay}
    >
      <div className="usa-modal__footer">
        <ButtonGroup>
          <Button id="leave-dialog-stay" type="button" onClick={() => frame.current?.close()}>
            Stay on this page
          </Button>
          <Button
            type="button"
            secondary
            onClick={() => {
              if (blocker.state === 'blocked') blocker.proceed();
            }}
          >
            Leave without saving
          </Button>
        </ButtonGroup>
      </div>
    </DialogFrame>
  );
}
