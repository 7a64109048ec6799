import type { Contract } from './contract';
import { lifecycleState } from './contract';
import { transition, type ContractAction } from './contract-lifecycle';
import { NotFoundError, ForbiddenError } from './errors';
import type { Role, User } from './users';

/**
 * The central policy: who may see and do what. Every read and write of a contract asks here; the abilities it
 * returns travel with every response so that the web app never re-derives a permission.
 */

/** Which roles may perform each action (before the record's own status is considered). */
const ACTION_ROLES: Record<ContractAction, readonly Role[]> = {
  SAVE_DRAFT: ['STATE_USER'],
  SUBMIT: ['STATE_USER'],
  RESUBMIT: ['STATE_USER'],
  UNLOCK: ['CMS_USER', 'CMS_APPROVER'],
  UNDO_UNLOCK: ['ADMIN', 'HELPDESK'],
  APPROVE: ['CMS_APPROVER', 'ADMIN'],
  UNDO_APPROVAL: ['ADMIN'],
  WITHDRAW: ['CMS_USER', 'CMS_APPROVER'],
  UNDO_WITHDRAW: ['CMS_USER', 'CMS_APPROVER'],
  SET_MCCRS_ID: ['CMS_USER', 'CMS_APPROVER'],
};

/** Roles that read every filing, drafts included. */
const READ_ALL_ROLES: readonly Role[] = ['ADMIN', 'HELPDESK', 'READONLY'];
/** Roles that read every filing once it has been submitted. */
const READ_SUBMITTED_ROLES: readonly Role[] = ['CMS_USER', 'CMS_APPROVER'];

type ContractForPolicy = Pick<Contract, 'stateCode' | 'revisions' | 'reviewActions'>;

export function canReadContract(user: User, contract: ContractForPolicy): boolean {
  if (user.disabled) return false;
  if (user.role === 'STATE_USER') return user.stateCode === contract.stateCode;
  if (READ_ALL_ROLES.includes(user.role)) return true;
  if (READ_SUBMITTED_ROLES.includes(user.role)) return contract.revisions.some((r) => r.submitted !== null);
  return false;
}

/** Whether the user's role, and for state users their state, allow the action at all. */
export function roleMayAct(
  user: User,
  action: ContractAction,
  contract: Pick<Contract, 'stateCode'>,
): boolean {
  if (user.disabled || !ACTION_ROLES[action].includes(user.role)) return false;
  return user.role !== 'STATE_USER' || user.stateCode === contract.stateCode;
}

/** Whether an action needs a reason from this user (an admin approving must say why). */
export function reasonRequired(user: Pick<User, 'role'>, action: ContractAction): boolean {
  if (action === 'APPROVE') return user.role === 'ADMIN';
  return ['RESUBMIT', 'UNLOCK', 'UNDO_UNLOCK', 'UNDO_APPROVAL', 'WITHDRAW', 'UNDO_WITHDRAW'].includes(action);
}

export function canCreateContract(user: User, stateCode: string): boolean {
  return !user.disabled && user.role === 'STATE_USER' && user.stateCode === stateCode;
}

export function can(user: User, action: ContractAction, contract: ContractForPolicy): boolean {
  return (
    canReadContract(user, contract) &&
    roleMayAct(user, action, contract) &&
    transition(lifecycleState(contract), action).ok
  );
}

/** The caller's abilities on one contract, as every response carries them. */
export interface ContractAbilities {
  canRead: boolean;
  canEdit: boolean;
  canSubmit: boolean;
  canResubmit: boolean;
  canUnlock: boolean;
  canUndoUnlock: boolean;
  canApprove: boolean;
  canUndoApproval: boolean;
  canWithdraw: boolean;
  canUndoWithdraw: boolean;
  canSetMccrsId: boolean;
}

export function contractAbilities(user: User, contract: ContractForPolicy): ContractAbilities {
  return {
    canRead: canReadContract(user, contract),
    canEdit: can(user, 'SAVE_DRAFT', contract),
    canSubmit: can(user, 'SUBMIT', contract),
    canResubmit: can(user, 'RESUBMIT', contract),
    canUnlock: can(user, 'UNLOCK', contract),
    canUndoUnlock: can(user, 'UNDO_UNLOCK', contract),
    canApprove: can(user, 'APPROVE', contract),
    canUndoApproval: can(user, 'UNDO_APPROVAL', contract),
    canWithdraw: can(user, 'WITHDRAW', contract),
    canUndoWithdraw: can(user, 'UNDO_WITHDRAW', contract),
    canSetMccrsId: can(user, 'SET_MCCRS_ID', contract),
  };
}

/**
 * Narrows a possibly-missing contract to one the user may read. A missing and a forbidden record raise the same
 * NotFoundError, so nobody learns that another state's filing exists.
 */
export function authorizeRead<T extends ContractForPolicy & { id: string }>(
  user: User,
  contract: T | null | undefined,
  id: string,
): T {
  if (!contract || !canReadContract(user, contract)) throw new NotFoundError('Contract', id);
  return contract;
}

/**
 * Checks that the user may perform the action on a contract they can read, status aside (the lifecycle checks
 * that). Throws ForbiddenError: the record's existence is not a secret from someone who can read it.
 */
export function authorizeAction(
  user: User,
  action: ContractAction,
  contract: ContractForPolicy & { id: string },
): void {
  authorizeRead(user, contract, contract.id);
  if (!roleMayAct(user, action, contract)) {
    throw new ForbiddenError(
      `Your role may not ${action.toLowerCase().replaceAll('_', ' ')} this submission`,
    );
  }
}

/** Which contracts a user's list shows. Dashboards filter in the query with this, never item by item. */
export type ContractListScope =
  | { kind: 'state'; stateCode: string; includeDrafts: true }
  | { kind: 'all'; includeDrafts: boolean }
  | { kind: 'none' };

export function contractListScope(user: User): ContractListScope {
  if (user.disabled) return { kind: 'none' };
  if (user.role === 'STATE_USER') {
    return user.stateCode
      ? { kind: 'state', stateCode: user.stateCode, includeDrafts: true }
      : { kind: 'none' };
  }
  return { kind: 'all', includeDrafts: READ_ALL_ROLES.includes(user.role) };
}
