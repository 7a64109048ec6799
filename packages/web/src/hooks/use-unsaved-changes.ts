import { useEffect } from 'react';
import { useBlocker, type Blocker } from 'react-router';

let askBeforeUnload = true;

/**
 * Lets the page be left without the browser asking, for a reload the app itself decides on (another user signed
 * in over a page whose answers are not theirs to keep).
 */
export function leaveWithoutAsking(): void {
  askBeforeUnload = false;
}

/** What every mounted page with answers to lose says about them now. */
const unsavedCheckers = new Set<() => boolean>();

/**
 * Whether a page has answers not saved (or a file still uploading), for what would otherwise leave it without
 * asking: the session ending by itself renews over the page instead (docs/adr/0008, and the idle-timeout ADR).
 */
export function pageHasUnsavedWork(): boolean {
  return [...unsavedCheckers].some((check) => check());
}

/**
 * Asks before the user leaves a page with changes not saved. Moves inside the app (a link, the browser's back
 * button, the app's own navigation) are held by React Router's blocker, which the caller shows as a dialog;
 * reloading or closing the tab gets the browser's own question (`beforeunload`). `hasUnsaved` is read when the
 * user leaves, so it may read refs; moves to paths under `keptUnder` keep the changes (the steps of one editor
 * share its draft) and go through — unless `lostOnAnyMove` says that something on this very page would be lost
 * by any move at all (a file still uploading).
 */
export function useUnsavedChanges(
  hasUnsaved: () => boolean,
  keptUnder: string,
  lostOnAnyMove: () => boolean = () => false,
): Blocker {
  const blocker = useBlocker(({ currentLocation, nextLocation }) => {
    if (nextLocation.pathname === currentLocation.pathname) return false;
    if (lostOnAnyMove()) return true;
    return !nextLocation.pathname.startsWith(keptUnder) && hasUnsaved();
  });

  useEffect(() => {
    const check = () => hasUnsaved() || lostOnAnyMove();
    unsavedCheckers.add(check);
    return () => {
      unsavedCheckers.delete(check);
    };
  }, [hasUnsaved, lostOnAnyMove]);

  useEffect(() => {
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (askBeforeUnload && (hasUnsaved() || lostOnAnyMove())) event.preventDefault();
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [hasUnsaved, lostOnAnyMove]);

  return blocker;
}
