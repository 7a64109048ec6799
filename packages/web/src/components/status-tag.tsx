import type { ConsolidatedStatus } from '@docket/domain';
import { Tag } from '@trussworks/react-uswds';
import { STATUS_LABELS } from '../format/labels';

/** Colors chosen for contrast with their text (WCAG AA at the tag's small size). */
const STATUS_CLASSES: Record<ConsolidatedStatus, string> = {
  DRAFT: 'bg-base-lighter text-ink',
  SUBMITTED: 'bg-primary text-white',
  RESUBMITTED: 'bg-primary-dark text-white',
  UNLOCKED: 'bg-gold text-ink',
  APPROVED: 'bg-success-darker text-white',
  WITHDRAWN: 'bg-base-dark text-white',
  NOT_SUBJECT_TO_REVIEW: 'bg-accent-cool-lighter text-ink',
};

export function StatusTag({ status }: { status: ConsolidatedStatus }) {
  return (
    <Tag className={`${STATUS_CLASSES[status]} text-no-wrap`} data-status={status}>
      {STATUS_LABELS[status]}
    </Tag>
  );
}
