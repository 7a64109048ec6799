import { Breadcrumb, BreadcrumbBar } from '@trussworks/react-uswds';
import { Link } from 'react-router';

export interface Crumb {
  label: string;
  /** Omit for the current page, which is the last crumb. */
  to?: string;
}

/** USWDS breadcrumbs with router links; the last crumb is the page itself. */
export function Breadcrumbs({ crumbs }: { crumbs: readonly Crumb[] }) {
  return (
    <BreadcrumbBar className="padding-top-3 padding-bottom-1">
      {crumbs.map((crumb) =>
        crumb.to ? (
          <Breadcrumb key={crumb.label}>
            <Link className="usa-breadcrumb__link" to={crumb.to}>
              <span>{crumb.label}</span>
            </Link>
          </Breadcrumb>
        ) : (
          <Breadcrumb key={crumb.label} current>
            <span>{crumb.label}</span>
          </Breadcrumb>
        ),
      )}
    </BreadcrumbBar>
  );
}
