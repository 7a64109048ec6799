import { useEffect, useRef, type RefObject } from 'react';
import { useLocation } from 'react-router';

/**
 * After a client-side navigation, starts screen-reader and keyboard users at the new page: on its heading when
 * the page lets its h1 take focus (`tabIndex={-1}`, as each step of the filing journey does, so "Continue" lands
 * on "Step 3 of 5 Contacts"), else on `main`. The first page load is left to the browser.
 */
export function useFocusOnNavigation(main: RefObject<HTMLElement | null>): void {
  const { pathname } = useLocation();
  const firstRender = useRef(true);

  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    const heading = main.current?.querySelector<HTMLElement>('h1[tabindex="-1"]');
    (heading ?? main.current)?.focus();
    window.scrollTo({ top: 0 });
  }, [pathname, main]);
}
