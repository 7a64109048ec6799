import type { RevisionView } from '@docket/domain';
import { Alert } from '@trussworks/react-uswds';
import { formatDateTime } from '../format/dates';
import { ROLE_LABELS } from '../format/labels';

/** Says what CMS asked when it unlocked a submission, who and when: shown while the unlocked draft is open. */
export function UnlockBanner({ unlocked }: { unlocked: NonNullable<RevisionView['unlocked']> }) {
  return (
    <Alert
      type="warning"
      headingLevel="h2"
      heading="CMS unlocked this submission for changes"
      className="margin-y-3"
      data-testid="unlock-banner"
    >
      {/* The alert's text is one paragraph already: its lines are blocks within it. */}
      <span className="display-block margin-bottom-1">
        <span className="text-bold">What CMS asked:</span> {unlocked.reason}
      </span>
      <span className="display-block">
        Unlocked by <span className="text-bold">{unlocked.by.name}</span> ({ROLE_LABELS[unlocked.by.role]}) on{' '}
        {formatDateTime(unlocked.at)}.
      </span>
    </Alert>
  );
}
