import { GovBanner, GridContainer } from '@trussworks/react-uswds';
import { useRef, type ReactNode } from 'react';
import { Outlet } from 'react-router';
import { useFocusOnNavigation } from '../hooks/use-focus-on-navigation';
import { SiteFooter } from './site-footer';
import { SiteHeader } from './site-header';
import { MAIN_CONTENT_ID, SkipLink } from './skip-link';

/** Every page's frame: skip link, government banner, header, one `main`, footer. */
export function AppShell({ children }: { children: ReactNode }) {
  const mainRef = useRef<HTMLElement>(null);
  useFocusOnNavigation(mainRef);

  return (
    <div className="docket-page">
      <SkipLink />
      <GovBanner />
      <SiteHeader />
      <main id={MAIN_CONTENT_ID} ref={mainRef} tabIndex={-1} className="docket-main">
        <GridContainer className="padding-bottom-6">{children}</GridContainer>
      </main>
      <SiteFooter />
    </div>
  );
}

/** The shell around the routed page. */
export function AppLayout() {
  return (
    <AppShell>
      <Outlet />
    </AppShell>
  );
}
