import { useEffect, useRef, type RefObject } from 'react';
import { useLocation } from 'react-router';

/**
 * After a client-side navigation, starts screen-reader and keyboard users at the new page: on its heading when
 * the page lets its h1 take focus (`tabIndex={-1}`, as each step of the filing journey does, so "Continue" lands
 * on "Step 3 of 5 Contacts"), else on `main`. A page that loads its data first shows its heading later: focus
 * moves on to it then, unless the user or the page has put focus elsewhere meanwhile. The first page load is
 * left to the browser.
 */
export function useFocusOnNavigation(main: RefObject<HTMLElement | null>): void {
  const { pathname } = useLocation();
  const firstRender = useRef(true);

  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    const root = main.current;
    if (!root) return;
    const heading = () => root.querySelector<HTMLElement>('h1[tabindex="-1"]');
    const found = heading();
    (found ?? root).focus();
    window.scrollTo({ top: 0 });
    if (found) return;

    const observer = new MutationObserver(() => {
      if (document.activeElement !== root) return observer.disconnect();
      const late = heading();
      if (!late) return;
      observer.disconnect();
      late.focus();
    });
    observer.observe(root, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [pathname, main]);
}
