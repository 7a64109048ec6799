import { Button } from '@trussworks/react-uswds';
import type { ComponentProps, MouseEvent } from 'react';

type Props = ComponentProps<typeof Button> & {
  /** Something it started, or waits for, is still running. */
  held: boolean;
};

/**
 * A button that waits while `held`: shown as disabled and announced as such (`aria-disabled`), a press does nothing
 * (nor submits its form), but it keeps focus — a `disabled` button would drop it to the page, and a dialog it
 * opened meanwhile (signing in again) could not give it back.
 */
export function HeldButton({ held, onClick, ...props }: Props) {
  const press = (event: MouseEvent<HTMLButtonElement>) => {
    if (held) {
      event.preventDefault();
      return;
    }
    onClick?.(event);
  };
  return <Button {...props} aria-disabled={held || undefined} onClick={press} />;
}
