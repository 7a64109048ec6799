import type { MouseEvent } from 'react';

export const MAIN_CONTENT_ID = 'main-content';

/** "Skip to main content": the first thing a keyboard reaches. Moves focus, not just the scroll position. */
export function SkipLink() {
  const skip = (event: MouseEvent<HTMLAnchorElement>) => {
    const main = document.getElementById(MAIN_CONTENT_ID);
    if (!main) return;
    event.preventDefault();
    main.focus();
    main.scrollIntoView();
  };
  return (
    <a className="usa-skipnav" href={`#${MAIN_CONTENT_ID}`} onClick={skip}>
      Skip to main content
    </a>
  );
}
