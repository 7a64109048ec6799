import { Alert, Button } from '@trussworks/react-uswds';
import { errorMessage } from '../api/client';

/** Shown when a page's data could not be loaded, with a way to try again. */
export function LoadError({ what, error, onRetry }: { what: string; error: unknown; onRetry?: () => void }) {
  return (
    <Alert type="error" headingLevel="h2" heading={`We could not load ${what}`} className="margin-y-3">
      <span className="display-block margin-top-1">{errorMessage(error)}</span>
      {onRetry && (
        <Button type="button" outline onClick={onRetry}>
          Try again
        </Button>
      )}
    </Alert>
  );
}
