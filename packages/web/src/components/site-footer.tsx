import { Button, Footer, GridContainer } from '@trussworks/react-uswds';
import { Link } from 'react-router';

/** The slim USWDS footer: return to top, what Docket is, and whom to ask. */
export function SiteFooter() {
  const returnToTop = (
    <GridContainer className="usa-footer__return-to-top">
      <Button type="button" unstyled onClick={() => window.scrollTo({ top: 0 })}>
        Return to top
      </Button>
    </GridContainer>
  );
  const primary = (
    <GridContainer>
      <p className="margin-y-2 font-body-xs">
        <span className="text-bold">Docket</span> — where states file managed care contracts and rate
        certifications with the Centers for Medicare &amp; Medicaid Services (CMS).
      </p>
    </GridContainer>
  );
  const secondary = (
    <p className="margin-0 font-body-3xs">
      Questions about a filing? State users find their CMS analysts under “Your CMS analysts” on{' '}
      <Link className="usa-link" to="/dashboard#cms-analysts">
        their dashboard
      </Link>
      ; anyone may ask the Docket help desk.
    </p>
  );
  return <Footer size="slim" returnToTop={returnToTop} primary={primary} secondary={secondary} />;
}
