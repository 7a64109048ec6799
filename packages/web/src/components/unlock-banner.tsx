import type { RevisionView } from '@docket/domain';
import { Alert } from '@trussworks/react-uswds';
import { formatDateTime } from '../format/dates';
import { ROLE_LABELS } from '../format/labels';

/** Says who unlocked a submission, when and why: shown while the unlocked draft is open. */
export function UnlockBanner({ unlocked }: { unlocked: NonNullable<RevisionView['unlocked']> }) {
  return (
    <Alert type="warning" headingLevel="h2" heading="This submission was unlocked" className="margin-y-3">
      <p className="margin-y-1" data-testid="unlock-banner">
        Unlocked by <span className="text-bold">{unlocked.by.name}</span> ({ROLE_LABELS[unlocked.by.role]}) on{' '}
        {formatDateTime(unlocked.at)}.
      </p>
      <p className="margin-y-1">
        <span className="text-bold">Reason for unlock:</span> {unlocked.reason}
      </p>
    </Alert>
  );
}
