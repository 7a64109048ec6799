import {
  actorRef,
  canAdminister,
  canAssignReviewers,
  canListAnalysts,
  firstSubmittedAt,
  ForbiddenError,
  isAssignableReviewer,
  newId,
  NotFoundError,
  reviewerAssignment,
  reviewerEventDetails,
  ValidationError,
  type AssignableReviewer,
  type AuditEvent,
  type EventAction,
  type StateAnalyst,
  type User,
} from '@docket/domain';
import type { ContractStore, Filing, Page, PageRequest, StateStore, UserStore } from '@docket/store';
import { findReadableWholeFiling, foundOrNull, isRecordId, type ContractDetails } from './contract-access';
import { getContract } from './get-contract';

/**
 * Reviewers assigned to a filing, the reviewers that may be assigned, and a state's analysts. Who may is the
 * domain's (`canAssignReviewers`, `canListAnalysts`); the filing is read as its page reads it, so a filing the caller
 * may not read is not found, whatever they ask of it.
 */

type Stores = {
  contracts: ContractStore;
  users: Pick<UserStore, 'get'>;
  states: Pick<StateStore, 'listPrograms'>;
};

/** The filing, if the user may read it and assign its reviewers. @throws NotFoundError, ForbiddenError */
async function assignable(contracts: ContractStore, user: User, contractId: string): Promise<Filing> {
  const filing = await findReadableWholeFiling(contracts, user, contractId);
  if (!canAssignReviewers(user, { firstSubmittedAt: firstSubmittedAt(filing.contract) })) {
    throw new ForbiddenError(
      canAdminister(user, 'ASSIGN_REVIEWERS')
        ? 'Reviewers are assigned once the state has submitted the filing'
        : 'Your role may not assign reviewers',
    );
  }
  return filing;
}

function reviewerEvent(
  action: EventAction,
  user: User,
  filing: Filing,
  reviewer: { userId: string; email: string; name: string },
  at: string,
): AuditEvent {
  return {
    id: newId(),
    at,
    actor: actorRef(user),
    action,
    reason: null,
    stateCode: filing.contract.stateCode,
    contractId: filing.contract.id,
    revisionId: null,
    details: reviewerEventDetails(reviewer),
  };
}

/**
 * Assigns an enabled CMS user or approver to review a filing, with its ASSIGN_REVIEWER event; answers the filing as
 * its page shows it after.
 * @throws NotFoundError when the caller may not read the filing (or there is none)
 * @throws ForbiddenError when the caller may not assign reviewers, or the filing was never submitted
 * @throws ValidationError (`userId`) when the user does not exist or may not review
 * @throws UniquenessError (REVIEWER_ALREADY_ASSIGNED) when they are assigned already
 */
export async function assignReviewer(
  stores: Stores,
  user: User,
  contractId: string,
  reviewerId: string,
): Promise<ContractDetails> {
  const filing = await assignable(stores.contracts, user, contractId);
  const reviewer = isRecordId(reviewerId) ? await foundOrNull(() => stores.users.get(reviewerId)) : null;
  if (reviewer === null || !isAssignableReviewer(reviewer)) {
    throw new ValidationError('The reviewer cannot be assigned', [
      {
        path: ['userId'],
        message: reviewer === null ? 'No such user' : 'Only enabled CMS users and approvers review filings',
      },
    ]);
  }
  const at = new Date().toISOString();
  const assignment = reviewerAssignment(reviewer, actorRef(user), at);
  await stores.contracts.assignReviewer(filing.contract.id, {
    reviewer: assignment,
    event: reviewerEvent('ASSIGN_REVIEWER', user, filing, assignment, at),
  });
  return getContract(stores, user, filing.contract.id);
}

/**
 * Takes a reviewer off a filing, with its UNASSIGN_REVIEWER event; answers the filing after.
 * @throws NotFoundError when the caller may not read the filing, or the reviewer is not assigned to it
 * @throws ForbiddenError as `assignReviewer`
 */
export async function unassignReviewer(
  stores: Stores,
  user: User,
  contractId: string,
  reviewerId: string,
): Promise<ContractDetails> {
  const filing = await assignable(stores.contracts, user, contractId);
  const assigned = filing.reviewers.find((r) => r.userId.toLowerCase() === reviewerId.toLowerCase());
  if (assigned === undefined) throw new NotFoundError('Reviewer assignment', reviewerId);
  const at = new Date().toISOString();
  await stores.contracts.unassignReviewer(filing.contract.id, {
    userId: assigned.userId,
    event: reviewerEvent('UNASSIGN_REVIEWER', user, filing, assigned, at),
  });
  return getContract(stores, user, filing.contract.id);
}

/**
 * A page of the reviewers that may be assigned, for whoever may assign them.
 * @throws ForbiddenError for anyone else
 */
export function listAssignableReviewers(
  users: Pick<UserStore, 'listAssignableReviewers'>,
  user: User,
  page: PageRequest,
): Promise<Page<AssignableReviewer>> {
  if (!canAdminister(user, 'ASSIGN_REVIEWERS'))
    throw new ForbiddenError('Your role may not assign reviewers');
  return users.listAssignableReviewers(page);
}

/**
 * The analysts of a stored state: a state user's own state, any state for every other role.
 * @throws NotFoundError when the state is not stored
 * @throws ForbiddenError when a state user asks for another state
 */
export async function listStateAnalysts(
  stores: { users: Pick<UserStore, 'listAnalysts'>; states: Pick<StateStore, 'getState'> },
  user: User,
  stateCode: string,
): Promise<StateAnalyst[]> {
  if (!canListAnalysts(user, stateCode)) {
    throw new ForbiddenError("A state user sees its own state's analysts only");
  }
  await stores.states.getState(stateCode);
  return stores.users.listAnalysts(stateCode);
}
