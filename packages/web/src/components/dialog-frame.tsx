import { Icon } from '@trussworks/react-uswds';
import { useImperativeHandle, useRef, type KeyboardEvent, type ReactNode, type Ref } from 'react';

export interface DialogHandle {
  open(): void;
  close(): void;
}

interface Props {
  ref?: Ref<DialogHandle>;
  id: string;
  heading: string;
  description: ReactNode;
  /** The control to focus when the dialog opens (default: the first focusable one). */
  initialFocusId?: string;
  /** Called just before the dialog opens, to reset its form. */
  onOpen?: () => void;
  /** Called when the dialog has closed, however it was closed (a button, Escape). */
  onClose?: () => void;
  children: ReactNode;
}

const CONTROLS =
  'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), ' +
  'textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * Tab and Shift+Tab go round the dialog's controls, as in a USWDS modal: the native dialog makes the page behind
 * inert, but would let Tab carry focus out of it, past the last control.
 */
function keepFocusInside(event: KeyboardEvent<HTMLDialogElement>): void {
  if (event.key !== 'Tab') return;
  const controls = Array.from(event.currentTarget.querySelectorAll<HTMLElement>(CONTROLS)).filter(
    (control) => control.getClientRects().length > 0,
  );
  const first = controls[0];
  const last = controls.at(-1);
  if (!first || !last) return;
  const active = document.activeElement;
  const atEdge = event.shiftKey ? active === first : active === last;
  if (!atEdge && controls.some((control) => control === active)) return;
  event.preventDefault();
  (event.shiftKey ? last : first).focus();
}

/**
 * A modal dialog in the USWDS modal's look, built on the native `<dialog>`: the page behind is inert, focus stays
 * inside while it is open, Escape closes it, and focus returns to the button that opened it.
 */
export function DialogFrame({
  ref,
  id,
  heading,
  description,
  initialFocusId,
  onOpen,
  onClose,
  children,
}: Props) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const close = () => {
    if (dialogRef.current?.open) dialogRef.current.close();
  };
  useImperativeHandle(ref, () => ({
    open() {
      if (dialogRef.current?.open) return;
      onOpen?.();
      dialogRef.current?.showModal();
      if (initialFocusId) document.getElementById(initialFocusId)?.focus();
    },
    close,
  }));

  return (
    <dialog
      ref={dialogRef}
      id={id}
      onClose={onClose}
      className="usa-modal usa-modal--lg docket-dialog"
      aria-labelledby={`${id}-heading`}
      aria-describedby={`${id}-description`}
      onKeyDown={keepFocusInside}
    >
      <div className="usa-modal__content">
        <div className="usa-modal__main">
          <h2 className="usa-modal__heading" id={`${id}-heading`}>
            {heading}
          </h2>
          <div className="usa-prose" id={`${id}-description`}>
            {description}
          </div>
          {children}
        </div>
        <button
          type="button"
          className="usa-button usa-modal__close"
          aria-label="Close this window"
          onClick={close}
        >
          <Icon.Close aria-hidden="true" focusable={false} />
        </button>
      </div>
    </dialog>
  );
}
