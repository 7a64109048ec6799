import { isRouteErrorResponse, Link, useRouteError } from 'react-router';
import { useDocumentTitle } from '../hooks/use-document-title';
import { NotFoundContent } from './not-found-page';

/** The error boundary of every route: an unexpected failure shows this instead of a blank page. */
export function ErrorPage() {
  const error = useRouteError();
  useDocumentTitle('Something went wrong');
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundContent />;
  const detail =
    error instanceof Error ? error.message : isRouteErrorResponse(error) ? error.statusText : null;
  return (
    <div className="margin-y-6 maxw-tablet-lg">
      <h1>Something went wrong</h1>
      <p className="usa-intro">
        Docket ran into a problem showing this page. Your saved work is not affected.
      </p>
      {detail && <p className="text-base-dark">Details: {detail}</p>}
      <p>
        <a className="usa-link" href={window.location.pathname}>
          Reload the page
        </a>{' '}
        or{' '}
        <Link className="usa-link" to="/">
          go to your dashboard
        </Link>
        .
      </p>
    </div>
  );
}
