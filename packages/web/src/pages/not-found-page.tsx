import { Link } from 'react-router';
import { useDocumentTitle } from '../hooks/use-document-title';

/** What a missing page or record looks like: one heading, and a way back. */
export function NotFoundContent({ heading = 'Page not found' }: { heading?: string }) {
  useDocumentTitle(heading);
  return (
    <div className="margin-y-6 maxw-tablet-lg">
      <h1>{heading}</h1>
      <p className="usa-intro">
        We could not find what you were looking for. The link may be wrong, or you may not have access to it.
      </p>
      <p>
        <Link className="usa-link" to="/">
          Go to your dashboard
        </Link>
      </p>
    </div>
  );
}

export function NotFoundPage() {
  return <NotFoundContent />;
}
