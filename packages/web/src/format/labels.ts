import type { ReviewStatus, Role, SubmissionStatus } from '@docket/domain';

/** Shared with the server's exports, which name statuses and types as the pages do. */
export { STATUS_LABELS, SUBMISSION_TYPE_LABELS } from '@docket/domain';

/** How the domain's enum values read to people. One place, so every page says the same thing. */

/**
 * What each role is called, as words in a sentence ("Unlocked by Casey Reviewer (CMS reviewer)"): the only place
 * the web app turns a role into words, so no page ever shows `STATE_USER` or `CMS_USER`. `capitalized` starts a
 * line with one.
 */
export const ROLE_LABELS: Record<Role, string> = {
  STATE_USER: 'state user',
  CMS_USER: 'CMS reviewer',
  CMS_APPROVER: 'CMS approver',
  ADMIN: 'administrator',
  HELPDESK: 'help desk',
  READONLY: 'read-only user',
};

/** "state user" → "State user", for words that start a line or a label. */
export function capitalized(words: string): string {
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export const SUBMISSION_STATUS_LABELS: Record<SubmissionStatus, string> = {
  DRAFT: 'Draft',
  SUBMITTED: 'Submitted',
  UNLOCKED: 'Unlocked',
  RESUBMITTED: 'Resubmitted',
};

export const REVIEW_STATUS_LABELS: Record<ReviewStatus, string> = {
  UNDER_REVIEW: 'Under review',
  APPROVED: 'Approved (released to state)',
  WITHDRAWN: 'Withdrawn',
  NOT_SUBJECT_TO_REVIEW: 'Not subject to review',
};

/** What an event of the submission history did, as a short phrase. */
const EVENT_LABELS: Record<string, string> = {
  CREATE_CONTRACT: 'Started the submission',
  SAVE_DRAFT: 'Saved the draft',
  SUBMIT: 'Submitted',
  RESUBMIT: 'Resubmitted',
  UNLOCK: 'Unlocked',
  UNDO_UNLOCK: 'Undid the unlock',
  APPROVE: 'Released to state (approved)',
  UNDO_APPROVAL: 'Undid the approval',
  WITHDRAW: 'Withdrew the submission',
  UNDO_WITHDRAW: 'Undid the withdrawal',
  SET_MCCRS_ID: 'Set the MC-CRS number',
  REPARENT_RATE: 'Rate moved to a new parent submission',
  WITHDRAW_RATE: 'Withdrew a rate: it was detached from every submission that included it',
  UNDO_WITHDRAW_RATE:
    'Undid a rate’s withdrawal: it was linked again where its latest submission includes it',
  ASSIGN_REVIEWER: 'Assigned a reviewer',
  UNASSIGN_REVIEWER: 'Took a reviewer off the submission',
};

export function eventLabel(action: string): string {
  const known = EVENT_LABELS[action];
  if (known) return known;
  const words = action.toLowerCase().replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
