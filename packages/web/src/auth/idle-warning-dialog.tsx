import { useEffect, useRef, useState } from 'react';
import { ConfirmDialog, type ConfirmOutcome } from '../components/confirm-dialog';
import type { DialogHandle } from '../components/dialog-frame';

interface Props {
  /** When the session idles out (ms since the epoch). */
  deadline: number;
  /** Stay logged in: resolves once the server has started the idle timeout again. */
  onStay: () => Promise<void>;
  /** Log out now (also Escape and the close button: the user chose not to stay). */
  onLogOut: () => void;
}

const ID = 'idle-warning';

/** "1 minute 5 seconds": the time left, for people and screen readers alike. */
export function timeLeftWords(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  const parts = [];
  if (minutes > 0) parts.push(`${minutes} minute${minutes === 1 ? '' : 's'}`);
  if (rest > 0 || minutes === 0) parts.push(`${rest} second${rest === 1 ? '' : 's'}`);
  return parts.join(' ');
}

/**
 * What a screen reader is told of the time left: not every second (that would drown everything else), but at each
 * half minute, and each of the last ten seconds' five-second marks.
 */
export function announcedTimeLeft(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  const step = seconds > 30 ? 30 : seconds > 10 ? 10 : 5;
  return timeLeftWords(Math.ceil(seconds / step) * step * 1000);
}

/**
 * The USWDS session-timeout warning: the time left counting down, Stay logged in, Log out. It opens when rendered.
 */
export function IdleWarningDialog({ deadline, onStay, onLogOut }: Props) {
  const dialog = useRef<DialogHandle>(null);
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => dialog.current?.open(), []);
  useEffect(() => {
    const tick = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(tick);
  }, []);

  const left = deadline - now;
  const stay = async (): Promise<ConfirmOutcome> => {
    await onStay();
    return 'done';
  };

  return (
    <ConfirmDialog
      ref={dialog}
      id={ID}
      heading="Your session is about to end"
      description={
        <>
          <p>
            You have been inactive for a while. To protect your information, Docket will log you out in{' '}
            <strong aria-hidden="true" data-testid="idle-time-left">
              {timeLeftWords(left)}
            </strong>
            .
          </p>
          <p className="usa-sr-only" aria-live="polite" aria-atomic="true">
            About {announcedTimeLeft(left)} left.
          </p>
          <p>Select Stay logged in to keep working; anything not saved stays on the page.</p>
        </>
      }
      confirmLabel="Stay logged in"
      busyLabel="Staying logged in…"
      cancelLabel="Log out"
      onConfirm={stay}
      onCancel={onLogOut}
    />
  );
}
