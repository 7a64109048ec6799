import type { ConsolidatedStatus } from './contract';

/**
 * How a dashboard's statuses read to people (submission types: `SUBMISSION_TYPE_LABELS` in form-labels.ts): on its pages and in its exports alike, so that
 * a spreadsheet says what the page said.
 */

export const STATUS_LABELS: Record<ConsolidatedStatus, string> = {
  DRAFT: 'Draft',
  SUBMITTED: 'Submitted',
  UNLOCKED: 'Unlocked',
  RESUBMITTED: 'Resubmitted',
  APPROVED: 'Approved',
  WITHDRAWN: 'Withdrawn',
  NOT_SUBJECT_TO_REVIEW: 'Not subject to review',
};
