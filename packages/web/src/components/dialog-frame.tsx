import { Icon } from '@trussworks/react-uswds';
import {
  useImperativeHandle,
  useLayoutEffect,
  useRef,
  type KeyboardEvent,
  type ReactNode,
  type Ref,
  type SyntheticEvent,
} from 'react';

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
  /**
   * An action started in the dialog is still running: Escape and the close button do nothing until it settles,
   * so the dialog never looks dismissed while what it started goes on. `close()` still closes it.
   */
  busy?: boolean;
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

/** Whether focus can go back to this element: still on the page, enabled and shown. */
function canTakeFocus(element: Element | null): element is HTMLElement {
  return (
    element instanceof HTMLElement &&
    element.isConnected &&
    !element.matches(':disabled') &&
    !element.closest('[inert]') &&
    element.getClientRects().length > 0
  );
}

/** Whether focus is nowhere in particular: on the body, or on something no longer on the page. */
function focusIsLost(): boolean {
  const active = document.activeElement;
  return active === null || active === document.body || !active.isConnected;
}

/**
 * Where focus goes when the control that opened a dialog is gone (an action removed its button, a submit moved
 * to another page): the page's main heading, else `main`.
 */
function focusPageHeading(): void {
  const main = document.querySelector<HTMLElement>('main');
  const heading = main?.querySelector<HTMLElement>('h1') ?? null;
  if (heading && !heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
  (heading ?? main)?.focus();
}

/**
 * A modal dialog in the USWDS modal's look, built on the native `<dialog>`: the page behind is inert, focus stays
 * inside while it is open, Escape closes it (unless it is busy), and when it closes focus returns to the control
 * that opened it — or, when that control is gone or disabled, to the page's heading.
 */
export function DialogFrame({
  ref,
  id,
  heading,
  description,
  initialFocusId,
  onOpen,
  onClose,
  busy = false,
  children,
}: Props) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  /** What had focus when the dialog opened. */
  const opener = useRef<Element | null>(null);
  /** The next close is the page's own (`close()`), not the browser's (Escape). */
  const closing = useRef(false);
  const busyRef = useRef(busy);
  busyRef.current = busy;

  /**
   * Gives focus back once the dialog has closed. The browser may already have done so (Chromium returns it to
   * the opener), and the page may have moved it on (an error summary): only focus left inside the closed dialog,
   * or lost, is moved. Checked again a moment later, for an opener that the same change removes.
   */
  const returnFocus = () => {
    const dialog = dialogRef.current;
    const from = opener.current;
    opener.current = null;
    const active = document.activeElement;
    const stranded = focusIsLost() || (dialog !== null && dialog.contains(active));
    if (stranded) {
      if (canTakeFocus(from)) from.focus();
      else focusPageHeading();
    }
    window.setTimeout(() => {
      if (focusIsLost()) focusPageHeading();
    }, 0);
  };

  const close = () => {
    const dialog = dialogRef.current;
    if (!dialog?.open) return;
    closing.current = true;
    dialog.close();
  };

  useImperativeHandle(ref, () => ({
    open() {
      const dialog = dialogRef.current;
      if (!dialog || dialog.open) return;
      const active = document.activeElement;
      opener.current = active && active !== document.body ? active : null;
      onOpen?.();
      dialog.showModal();
      if (initialFocusId) document.getElementById(initialFocusId)?.focus();
    },
    close,
  }));

  // A dialog that leaves the page while open (its action removed it) still gives focus back.
  useLayoutEffect(() => {
    const dialog = dialogRef.current;
    return () => {
      if (!dialog?.open) return;
      closing.current = true;
      dialog.close();
      returnFocus();
    };
  }, []);

  const onNativeClose = () => {
    const onPurpose = closing.current;
    closing.current = false;
    const dialog = dialogRef.current;
    // Chromium lets a second Escape in a row close a dialog whatever the page says: while busy, it comes back.
    if (busyRef.current && !onPurpose && dialog?.isConnected) {
      dialog.showModal();
      dialog.querySelector<HTMLElement>('[data-confirm]')?.focus();
      return;
    }
    returnFocus();
    onClose?.();
  };

  const onCancel = (event: SyntheticEvent<HTMLDialogElement>) => {
    if (busyRef.current) event.preventDefault();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDialogElement>) => {
    if (event.key === 'Escape' && busyRef.current) {
      event.preventDefault();
      return;
    }
    keepFocusInside(event);
  };

  return (
    <dialog
      ref={dialogRef}
      id={id}
      onClose={onNativeClose}
      onCancel={onCancel}
      className="usa-modal usa-modal--lg docket-dialog"
      aria-labelledby={`${id}-heading`}
      aria-describedby={`${id}-description`}
      onKeyDown={onKeyDown}
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
          aria-disabled={busy || undefined}
          onClick={() => {
            if (!busyRef.current) close();
          }}
        >
          <Icon.Close aria-hidden="true" focusable={false} />
        </button>
      </div>
    </dialog>
  );
}
