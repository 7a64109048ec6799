import { z } from 'zod';
import { canAdminister } from './admin.policy';
import { UniquenessError } from './errors';
import { recordIdSchema, recordTimeSchema } from './record-fields';
import { actorRefSchema, CMS_ROLES, DIVISIONS, ROLES, type User } from './users';

/**
 * Reviewers assigned to one filing: CMS users or approvers that an administrator, the help desk or a CMS colleague
 * put on it. Assignments are not part of the contract's versioned record: assigning or taking someone off never
 * moves the version the state's edits and the review actions are checked against, so neither refuses the other.
 */

/** One reviewer on one filing: who, as they were when assigned, and who assigned them when. */
export const reviewerAssignmentSchema = z.object({
  userId: recordIdSchema,
  email: z.string().min(1),
  /** The reviewer's name when assigned. */
  name: z.string(),
  role: z.enum(ROLES),
  assignedBy: actorRefSchema,
  assignedAt: recordTimeSchema,
});
export type ReviewerAssignment = z.infer<typeof reviewerAssignmentSchema>;

/** A reviewer assignment of one contract, as a transfer (copy, backup, restore) carries it. */
export const contractReviewerSchema = reviewerAssignmentSchema.extend({ contractId: recordIdSchema });
export type ContractReviewer = z.infer<typeof contractReviewerSchema>;

/** A reviewer who may be assigned, as the choice of reviewers shows them: a small projection of the user. */
export const assignableReviewerSchema = z.object({
  userId: recordIdSchema,
  email: z.string(),
  givenName: z.string(),
  familyName: z.string(),
  role: z.enum(ROLES),
  division: z.enum(DIVISIONS).nullable(),
});
export type AssignableReviewer = z.infer<typeof assignableReviewerSchema>;

export function assignableReviewerOf(user: User): AssignableReviewer {
  return {
    userId: user.id,
    email: user.email,
    givenName: user.givenName,
    familyName: user.familyName,
    role: user.role,
    division: user.division,
  };
}

/** Whether a user may be assigned to review a filing: an enabled CMS user or approver. */
export function isAssignableReviewer(user: Pick<User, 'role' | 'disabled'>): boolean {
  return !user.disabled && CMS_ROLES.includes(user.role);
}

/**
 * Whether `user` may assign reviewers to a filing they can read: the policy's `ASSIGN_REVIEWERS`, on a filing
 * submitted at least once (a draft never submitted is the state's alone).
 */
export function canAssignReviewers(
  user: Pick<User, 'role' | 'disabled'>,
  filing: { firstSubmittedAt: string | null },
): boolean {
  return canAdminister(user, 'ASSIGN_REVIEWERS') && filing.firstSubmittedAt !== null;
}

/** The assignment of `reviewer` by `by`, at `at`. */
export function reviewerAssignment(
  reviewer: User,
  assignedBy: z.infer<typeof actorRefSchema>,
  at: string,
): ReviewerAssignment {
  return {
    userId: reviewer.id,
    email: reviewer.email,
    name: `${reviewer.givenName} ${reviewer.familyName}`,
    role: reviewer.role,
    assignedBy,
    assignedAt: at,
  };
}

/** The details an ASSIGN_REVIEWER or UNASSIGN_REVIEWER event carries: whom it is about. */
export function reviewerEventDetails(
  reviewer: Pick<ReviewerAssignment, 'userId' | 'email' | 'name'>,
): Record<string, string> {
  return { userId: reviewer.userId, email: reviewer.email, name: reviewer.name };
}

/** A filing's reviewers in the order they are shown and stored: by time assigned, then user id. */
export function compareAssignments(a: ReviewerAssignment, b: ReviewerAssignment): number {
  return a.assignedAt < b.assignedAt
    ? -1
    : a.assignedAt > b.assignedAt
      ? 1
      : a.userId < b.userId
        ? -1
        : a.userId > b.userId
          ? 1
          : 0;
}

/** What assigning a reviewer who is already assigned answers, on every adapter. */
export function reviewerAlreadyAssigned(): UniquenessError {
  return new UniquenessError('This reviewer is already assigned to the filing', 'REVIEWER_ALREADY_ASSIGNED');
}

/** The events of assignments: only who sees a filing's reviewers sees them in its history. */
export const REVIEWER_ACTIONS: ReadonlySet<string> = new Set(['ASSIGN_REVIEWER', 'UNASSIGN_REVIEWER']);

/**
 * Whether a user sees who reviews a filing: everyone who may read it on the CMS side and in the back office; not
 * the state, for whom CMS's own division of work is not part of the filing.
 */
export function seesReviewers(user: Pick<User, 'role'>): boolean {
  return user.role !== 'STATE_USER';
}

/**
 * Whether `user` may read the analysts of `stateCode`: a state user those of its own state, every other enabled
 * role those of any state.
 */
export function canListAnalysts(
  user: Pick<User, 'role' | 'disabled' | 'stateCode'>,
  stateCode: string,
): boolean {
  if (user.disabled) return false;
  return user.role === 'STATE_USER' ? user.stateCode === stateCode : true;
}
