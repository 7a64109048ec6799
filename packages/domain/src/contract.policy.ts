import { adminAbilities } from './admin.policy';
import { REVIEWER_ACTIONS, seesReviewers } from './contract-reviewers';
import type { UserAbilities } from './api';
import type { Contract, ContractRevision, SubmitInfo, UnlockInfo } from './contract';
import {
  draftRevision,
  lifecycleState,
  linkedRateIds,
  sharedUpdatedAt,
  type LifecycleState,
} from './contract';
import {
  CONTRACT_ACTION_NAMES,
  CONTRACT_ACTIONS,
  type ContractAbilities,
  type ContractAction,
} from './contract-actions';
import type { ContractListQuery } from './contract-list-query';
import { transition } from './contract-lifecycle';
import { NotFoundError, ForbiddenError } from './errors';
import type { EventAction } from './events';
import { sharedRateUpdatedAt, type Rate, type RateRevision } from './rate';
import type { Role, User } from './users';

/**
 * The central policy: who may see and do what. Every read and write of a contract asks here; the abilities it
 * returns travel with every response so that the web app never re-derives a permission.
 */

/** Roles that read every filing, drafts included. */
const READ_ALL_ROLES: readonly Role[] = ['ADMIN', 'HELPDESK', 'READONLY'];
/** Roles that read every filing once it has been submitted. */
const READ_SUBMITTED_ROLES: readonly Role[] = ['CMS_USER', 'CMS_APPROVER'];

type ContractForPolicy = Pick<Contract, 'stateCode' | 'revisions' | 'reviewActions'>;

/** What deciding who may read a filing (a contract, or a rate) looks at. */
type ReadableRecord = Pick<Contract, 'stateCode'> & {
  revisions: readonly { submitted: SubmitInfo | null }[];
};

export function canReadContract(user: User, contract: ReadableRecord): boolean {
  return canReadFiled(
    user,
    contract.stateCode,
    contract.revisions.some((r) => r.submitted !== null),
  );
}

/**
 * The read rule of every filed record (a contract, a rate) of `stateCode`, from whether it was ever submitted:
 * what `canReadContract` asks of a whole record, for readers that hold less of it (a summary, a rate's linkers).
 */
export function canReadFiled(user: User, stateCode: string, everSubmitted: boolean): boolean {
  if (user.disabled) return false;
  if (user.role === 'STATE_USER') return user.stateCode === stateCode;
  if (READ_ALL_ROLES.includes(user.role)) return true;
  if (READ_SUBMITTED_ROLES.includes(user.role)) return everSubmitted;
  return false;
}

/**
 * Roles that see a state's work in progress: the draft revision of a filing (its answers, documents and rate
 * links) and the draft revisions of its rates. DOMAIN §2 says that these roles read everything; admins and the
 * help desk also undo unlocks (which throws the draft away) and help states with their drafts, so they must see
 * what they act on, and READONLY already reads filings never submitted. The state's own users see it too: it is
 * their work.
 *
 * The reviewers (CMS_USER, CMS_APPROVER) do not: the state's edits are the state's until it resubmits. A reviewer
 * sees an unlocked filing as it was last submitted, with its rates as they were last submitted, and is told who
 * unlocked it, when and why (as the real system does).
 */
const WORK_IN_PROGRESS_ROLES: readonly Role[] = ['ADMIN', 'HELPDESK', 'READONLY'];

/** Whether the user sees the state's unsubmitted work on a filing (or rate) of this state. */
export function seesWorkInProgress(user: User, stateCode: string): boolean {
  if (user.disabled) return false;
  if (user.role === 'STATE_USER') return user.stateCode === stateCode;
  return WORK_IN_PROGRESS_ROLES.includes(user.role);
}

/**
 * The revisions of a filing of `stateCode` (a contract's, or one of its rates') that the user may see, oldest
 * first: every one, or only the submitted ones. Every read path asks here: the contract view, rate views, linkable
 * rates, document downloads and zips.
 */
export function visibleRevisions<R extends { submitted: SubmitInfo | null }>(
  user: User,
  stateCode: string,
  revisions: readonly R[],
): R[] {
  return seesWorkInProgress(user, stateCode) ? [...revisions] : revisions.filter((r) => r.submitted !== null);
}

/**
 * The time of a filing's last change that the user may know of: the contract's `updatedAt` for whoever sees the
 * state's work in progress; for anyone else its `sharedUpdatedAt` (see `sharedUpdatedAt`), which the state's draft
 * saves do not move. The filing's view and its dashboard row both show this.
 */
export function shownUpdatedAt(
  user: User,
  stateCode: string,
  times: { updatedAt: string; sharedUpdatedAt: string },
): string {
  return seesWorkInProgress(user, stateCode) ? times.updatedAt : times.sharedUpdatedAt;
}

/**
 * The actions of a filing's history that are the state's work in progress: saving a draft (the contract's and its
 * rates' answers, documents and links). Whoever does not see the draft is not told of its saves either, before
 * or after it is submitted: the submission is what they are shown. Every other action — the creation, submissions,
 * unlocks and their undoing, reviews, MC-CRS numbers — is the filing's shared history.
 */
const WORK_IN_PROGRESS_ACTIONS: ReadonlySet<EventAction> = new Set(['SAVE_DRAFT']);

/** The events of a filing of `stateCode` that the user may see, in their order. */
export function visibleHistory<E extends { action: EventAction }>(
  user: User,
  stateCode: string,
  events: readonly E[],
): E[] {
  const shown = seesReviewers(user) ? events : events.filter((event) => !REVIEWER_ACTIONS.has(event.action));
  return seesWorkInProgress(user, stateCode)
    ? [...shown]
    : shown.filter((event) => !WORK_IN_PROGRESS_ACTIONS.has(event.action));
}

/** What of a filing the user may see: `visibleRevisions` applied to the contract and to the rates it links. */
export interface VisibleFiling {
  /** The contract's revisions the user may see, oldest first. */
  revisions: ContractRevision[];
  /**
   * The rates those revisions link, in order of first mention, each with the revisions the user may see and the
   * time of its last change the user may know of. A rate only a hidden revision links is left out.
   */
  rates: { rate: Rate; revisions: RateRevision[]; updatedAt: string }[];
  /**
   * The unlock that opened the current draft, while there is one: whoever may read the filing is told who
   * unlocked it, when and why, whether or not they see the draft.
   */
  unlocked: UnlockInfo | null;
  /** The time of the filing's last change that the user may know of (`shownUpdatedAt`). */
  updatedAt: string;
}

export function visibleFiling(user: User, contract: Contract, rates: readonly Rate[]): VisibleFiling {
  const revisions = visibleRevisions(user, contract.stateCode, contract.revisions);
  const byId = new Map(rates.map((r) => [r.id, r]));
  return {
    revisions,
    rates: linkedRateIds(revisions).flatMap((id) => {
      const rate = byId.get(id);
      if (!rate) return [];
      const shown = visibleRevisions(user, rate.stateCode, rate.revisions);
      const times = { updatedAt: rate.updatedAt, sharedUpdatedAt: sharedRateUpdatedAt(rate) };
      return shown.length === 0
        ? []
        : [{ rate, revisions: shown, updatedAt: shownUpdatedAt(user, rate.stateCode, times) }];
    }),
    unlocked: draftRevision(contract)?.unlocked ?? null,
    updatedAt: shownUpdatedAt(user, contract.stateCode, {
      updatedAt: contract.updatedAt,
      sharedUpdatedAt: sharedUpdatedAt(contract),
    }),
  };
}

/** Whether the user's role, and for state users their state, allow the action at all. */
export function roleMayAct(
  user: User,
  action: ContractAction,
  contract: Pick<Contract, 'stateCode'>,
): boolean {
  const roles: readonly Role[] = CONTRACT_ACTIONS[action].roles;
  if (user.disabled || !roles.includes(user.role)) return false;
  return user.role !== 'STATE_USER' || user.stateCode === contract.stateCode;
}

export function canCreateContract(user: User, stateCode: string): boolean {
  return !user.disabled && user.role === 'STATE_USER' && user.stateCode === stateCode;
}

/** Whether the user may upload documents: state users do, into their own state's filings. */
export function canUpload(user: User): user is User & { stateCode: string } {
  return !user.disabled && user.role === 'STATE_USER' && user.stateCode !== null;
}

/** What the user may do outside any one filing, as the session view carries it. */
export function userAbilities(user: User): UserAbilities {
  return {
    canStartFiling: user.stateCode !== null && canCreateContract(user, user.stateCode),
    canUpload: canUpload(user),
    home: user.role === 'STATE_USER' ? 'STATE_DASHBOARD' : 'CMS_DASHBOARD',
    admin: adminAbilities(user),
  };
}

export function can(user: User, action: ContractAction, contract: ContractForPolicy): boolean {
  return canInState(user, action, contract, lifecycleState(contract));
}

function canInState(
  user: User,
  action: ContractAction,
  contract: ContractForPolicy,
  state: LifecycleState,
): boolean {
  return (
    canReadContract(user, contract) && roleMayAct(user, action, contract) && transition(state, action).ok
  );
}

/** The caller's abilities on one contract, as every response carries them (see `CONTRACT_ACTIONS`). */
export function contractAbilities(user: User, contract: ContractForPolicy): ContractAbilities {
  const state = lifecycleState(contract);
  const abilities = { canRead: canReadContract(user, contract) } as ContractAbilities;
  for (const action of CONTRACT_ACTION_NAMES) {
    abilities[CONTRACT_ACTIONS[action].ability] = canInState(user, action, contract, state);
  }
  return abilities;
}

/**
 * Narrows a possibly-missing contract (or other filed record) to one the user may read. A missing and a forbidden
 * record raise the same NotFoundError, so nobody learns that another state's filing exists.
 */
export function authorizeRead<T extends ReadableRecord & { id: string }>(
  user: User,
  record: T | null | undefined,
  id: string,
  entity = 'Contract',
): T {
  if (!record || !canReadContract(user, record)) throw new NotFoundError(entity, id);
  return record;
}

/**
 * Narrows a possibly-missing rate to one the user may read, on the rules of a filing (`canReadContract`): its own
 * state's users, the roles that read everything, and reviewers once the rate has been submitted. A missing and a
 * forbidden rate raise the same NotFoundError.
 */
export function authorizeRateRead<T extends Pick<Rate, 'id' | 'stateCode' | 'revisions'>>(
  user: User,
  rate: T | null | undefined,
  id: string,
): T {
  return authorizeRead(user, rate, id, 'Rate');
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

/** What a dashboard asks for, before the policy picks the view and narrows the states to what the user may see. */
export interface ContractListRequest extends Omit<ContractListQuery, 'view' | 'reviewerId'> {
  /** Only the states the user is assigned to (a reviewer's "my states"). */
  mine: boolean;
  /** Only the filings the user is an assigned reviewer of ("Assigned to me"). */
  assignedToMe?: boolean;
}

/**
 * The query a dashboard request becomes for `user`, or null when the user may list nothing. The view is the one
 * the rows are shown in (`seesWorkInProgress`: a state user on its own state and the read-everything roles see
 * the latest revision, drafts included; reviewers the last submission). A state user lists its own state only:
 * asking for another state is refused rather than answered with an empty list, so that a link to a view the user
 * may not see says so. "Mine" keeps the states the user is assigned to (none: nothing).
 * @throws ForbiddenError when a state user asks for another state.
 */
export function contractListQueryFor(user: User, request: ContractListRequest): ContractListQuery | null {
  const { mine, assignedToMe = false, ...filters } = request;
  const scope = contractListScope(user);
  if (scope.kind === 'none') return null;
  if (scope.kind === 'state') {
    if (filters.states !== null && filters.states.some((code) => code !== scope.stateCode)) {
      throw new ForbiddenError('A state user lists the submissions of its own state only');
    }
    // A state user reviews nothing: "Assigned to me" is the state's filings assigned to it, which are none.
    return {
      ...filters,
      view: 'LATEST',
      states: [scope.stateCode],
      ...(assignedToMe ? { reviewerId: user.id } : {}),
    };
  }
  const assigned = user.assignedStates;
  const states = !mine
    ? filters.states
    : filters.states === null
      ? [...assigned]
      : filters.states.filter((code) => assigned.includes(code));
  return {
    ...filters,
    view: scope.includeDrafts ? 'LATEST' : 'SUBMITTED',
    states,
    ...(assignedToMe ? { reviewerId: user.id } : {}),
  };
}
