import type { ConsolidatedStatus } from './contract';
import type { SubmissionType } from './contract-form';

/**
 * How a dashboard's statuses and submission types read to people: on its pages and in its exports alike, so that
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

export const SUBMISSION_TYPE_LABELS: Record<SubmissionType, string> = {
  CONTRACT_ONLY: 'Contract action only',
  CONTRACT_AND_RATES: 'Contract action and rate certification',
};
