import { z } from 'zod';
import {
  contractStatus,
  draftRevision,
  lastSubmittedRevision,
  type ConsolidatedStatus,
  type Contract,
  type ContractRevision,
} from './contract';
import { CONTRACT_ACTIONS, type ActionCopy } from './contract-actions';
import { reasonSchema, versionSchema } from './contract-requests';
import type { ContractChange } from './commands/contract-change';
import { DocketError, ForbiddenError, TransitionError } from './errors';
import type { AuditEvent } from './events';
import {
  latestRateRevision,
  ownWithdrawal,
  rateConsolidatedStatus,
  type Rate,
  type RateReviewAction,
} from './rate';
import { canReadRate } from './rate.policy';
import type { ActorRef, Role, User } from './users';

/**
 * A rate's own review actions (DOMAIN §5; docs/adr/0028-rate-withdrawals.md): withdraw the rate, which detaches it
 * from every contract it touches, and undo that, which links it again where it was. One table, as the contract's
 * actions have (ADR 0018): who may act, the ability each grants on the rate's page, the HTTP operation and the
 * web's words. Whether the rate's status allows it is `rateTransition`; what it writes is its command.
 */

export interface RateActionSpec {
  roles: readonly Role[];
  /** The ability (in the rate's `abilities`) that says whether the caller may take the action now. */
  ability: `can${string}`;
  http: { path: string; summary: string; description: string };
  copy: ActionCopy;
}

export const RATE_ACTIONS = {
  WITHDRAW_RATE: {
    roles: CONTRACT_ACTIONS.WITHDRAW.roles,
    ability: 'canWithdraw',
    http: {
      path: 'withdraw',
      summary: 'Withdraw a rate: detach it from every contract that links it (CMS)',
      description:
        'From a submitted, resubmitted or unlocked rate that is not withdrawn (409 INVALID_TRANSITION otherwise), ' +
        'and only while no contract whose latest submission links it is approved (409 LINKED_TO_APPROVED). The ' +
        'contracts keep their submitted revisions; an open draft that links the rate drops it, and the rate’s own ' +
        'open draft revision is discarded, in the same atomic write, with a WITHDRAW_RATE event on each contract. ' +
        '`version`, if given, is the parent contract’s version the caller read (409 when it moved).',
    },
    copy: {
      button: 'Withdraw rate',
      heading: 'Withdraw this rate?',
      description:
        'A withdrawn rate leaves review and is detached from every submission that links it. You can undo this later.',
      reasonLabel: 'Reason for withdrawing the rate',
      confirm: 'Withdraw rate',
      busy: 'Withdrawing…',
      done: 'The rate was withdrawn.',
      secondary: true,
    },
  },
  UNDO_WITHDRAW_RATE: {
    roles: CONTRACT_ACTIONS.UNDO_WITHDRAW.roles,
    ability: 'canUndoWithdraw',
    http: {
      path: 'undo-withdraw',
      summary: 'Undo a rate’s withdrawal: link it again where it was (CMS)',
      description:
        'Only from the rate’s own withdrawal (409 INVALID_TRANSITION for a rate withdrawn with its parent contract, ' +
        'or not withdrawn). Each contract the withdrawal detached the rate from whose latest submission still ' +
        'links it is linked again (an open draft gets the link back); one resubmitted without it meanwhile is left ' +
        'as it is. The UNDO_WITHDRAW_RATE event names both.',
    },
    copy: {
      button: 'Undo withdraw',
      heading: 'Undo the rate’s withdrawal?',
      description: 'The rate returns to review and is linked again to the submissions it was detached from.',
      reasonLabel: 'Reason for undoing the withdrawal',
      confirm: 'Undo withdraw',
      busy: 'Undoing the withdrawal…',
      done: 'The rate’s withdrawal was undone.',
    },
  },
} as const satisfies Record<string, RateActionSpec>;

export type RateAction = keyof typeof RATE_ACTIONS;
export const RATE_ACTION_NAMES = Object.keys(RATE_ACTIONS) as RateAction[];
type RateAbilityName = (typeof RATE_ACTIONS)[RateAction]['ability'];

/** The caller's abilities on a rate, as its page carries them. */
export type RateAbilities = { [K in RateAbilityName]: boolean };
export const rateAbilitiesSchema = z.object(
  Object.fromEntries(RATE_ACTION_NAMES.map((a) => [RATE_ACTIONS[a].ability, z.boolean()])) as {
    [K in RateAbilityName]: z.ZodBoolean;
  },
);

/** The body of both rate actions: the reason, and the parent contract's version the caller read, if it says. */
export const rateActionRequestSchema = z.object({ reason: reasonSchema, version: versionSchema.optional() });
export type RateActionRequest = z.output<typeof rateActionRequestSchema>;

/** A contract that touches the rate, as the rate's rules see it. */
export interface RateLinkerFacts {
  id: string;
  status: ConsolidatedStatus;
  /** Whether the contract's latest submission includes the rate. */
  linksNow: boolean;
}

/** The rate's parent is linked by an approved contract: withdrawing the rate would change an approved filing. */
export class LinkedToApprovedError extends DocketError {
  readonly code = 'LINKED_TO_APPROVED';
}

export type RateTransitionResult = { ok: true } | { ok: false; error: () => DocketError };

/**
 * Whether the rate's status lets `action` happen now (who may act is `rateRoleMayAct`'s business):
 * - WITHDRAW_RATE from SUBMITTED, RESUBMITTED or UNLOCKED (not a draft, not withdrawn), and only while no
 *   contract whose latest submission links the rate (its parent included) is approved;
 * - UNDO_WITHDRAW_RATE only from the rate's own withdrawal, its parent not withdrawn (a rate withdrawn with its
 *   parent comes back with the parent's undo).
 * `linkers` are the contracts that link it, its parent among them.
 */
export function rateTransition(
  action: RateAction,
  rate: Pick<Rate, 'revisions' | 'reviewActions'>,
  parentStatus: ConsolidatedStatus,
  linkers: readonly RateLinkerFacts[],
): RateTransitionResult {
  const status = rateConsolidatedStatus(parentStatus, rate);
  const refuse = (message: string): RateTransitionResult => ({
    ok: false,
    error: () => new TransitionError(action, status, message),
  });
  if (action === 'WITHDRAW_RATE') {
    if (status === 'DRAFT') return refuse('Cannot withdraw a rate that was never submitted');
    if (status === 'WITHDRAWN') return refuse('The rate is withdrawn already');
    const approved = linkers.find((l) => l.linksNow && l.status === 'APPROVED');
    if (approved) {
      return {
        ok: false,
        error: () =>
          new LinkedToApprovedError(
            'An approved submission links this rate: undo its approval before withdrawing the rate',
          ),
      };
    }
    return { ok: true };
  }
  if (ownWithdrawal(rate) === undefined) {
    return refuse('Only a rate withdrawn on its own can have its withdrawal undone');
  }
  if (parentStatus === 'WITHDRAWN') {
    return refuse('The rate’s submission is withdrawn: undo that withdrawal instead');
  }
  return { ok: true };
}

/** Whether the user's role allows the rate action at all. */
export function rateRoleMayAct(user: User, action: RateAction): boolean {
  const roles: readonly Role[] = RATE_ACTIONS[action].roles;
  return !user.disabled && roles.includes(user.role);
}

/** The caller's abilities on the rate: each action its role may take that the rate's status allows now. */
export function rateAbilities(
  user: User,
  rate: Pick<Rate, 'stateCode' | 'revisions' | 'reviewActions'>,
  parentStatus: ConsolidatedStatus,
  linkers: readonly RateLinkerFacts[],
): RateAbilities {
  const abilities = {} as RateAbilities;
  for (const action of RATE_ACTION_NAMES) {
    abilities[RATE_ACTIONS[action].ability] =
      canReadRate(user, rate) &&
      rateRoleMayAct(user, action) &&
      rateTransition(action, rate, parentStatus, linkers).ok;
  }
  return abilities;
}

/** @throws ForbiddenError when the user's role may not take the action (the caller has checked it may read). */
export function authorizeRateAction(user: User, action: RateAction): void {
  if (!rateRoleMayAct(user, action)) {
    throw new ForbiddenError(`Your role may not ${action.toLowerCase().replaceAll('_', ' ')}`);
  }
}

/** Whether the revision includes the rate. */
function includes(revision: Pick<ContractRevision, 'rateLinks'> | undefined, rateId: string): boolean {
  return revision?.rateLinks.some((link) => link.rateId === rateId) ?? false;
}

/** A contract as the rate's rules see it: its status, and whether its latest submission includes the rate. */
export function linkerFacts(contract: Contract, rateId: string): RateLinkerFacts {
  return {
    id: contract.id,
    status: contractStatus(contract),
    linksNow: includes(lastSubmittedRevision(contract), rateId),
  };
}

/** What a rate command decides from: the rate and its parent as one snapshot, and the other contracts concerned. */
export interface RateCommandContext {
  rate: Rate;
  parent: Contract;
  /**
   * The other contracts the action concerns, read whole: for a withdrawal, those a submission of which linked the
   * rate (the linkers index); for an undo, those the withdrawal detached the rate from.
   */
  others: readonly Contract[];
  at: string;
  by: ActorRef;
  newId: () => string;
}

/** One contract's part of a rate action's write. */
export interface PlannedRatePart {
  contract: Contract;
  change: ContractChange;
}

/** What a rate command decided: the review action, one part per contract (the parent first), the event details. */
export interface PlannedRateAction {
  reviewAction: RateReviewAction;
  parts: PlannedRatePart[];
  details: AuditEvent['details'];
}

/** The draft's links with the rate dropped, or null when the contract has no open draft that links it. */
function draftWithout(contract: Contract, rateId: string): ContractChange & { kind: 'RATE_REVIEW' } {
  const draft = draftRevision(contract);
  const draftRateLinks =
    draft && includes(draft, rateId)
      ? { revisionId: draft.id, rateLinks: draft.rateLinks.filter((l) => l.rateId !== rateId) }
      : null;
  return { kind: 'RATE_REVIEW', draftRateLinks };
}

/** The draft's links with the rate back at the end, or null when there is no open draft or it links it already. */
function draftWith(contract: Contract, rateId: string): ContractChange & { kind: 'RATE_REVIEW' } {
  const draft = draftRevision(contract);
  const draftRateLinks =
    draft && !includes(draft, rateId)
      ? { revisionId: draft.id, rateLinks: [...draft.rateLinks, { rateId, rateRevisionId: null }] }
      : null;
  return { kind: 'RATE_REVIEW', draftRateLinks };
}

/**
 * Withdraws the rate: detached from its parent and from every other contract whose latest submission or open
 * draft links it. The submitted revisions are kept as they are; an open draft drops the link; the rate's own open
 * draft revision (its parent is unlocked) is discarded, so that nothing left open names a withdrawn rate.
 */
export function planRateWithdrawal(ctx: RateCommandContext, reason: string): PlannedRateAction {
  const { rate, parent, others } = ctx;
  const touching = others.filter(
    (c) =>
      c.id !== parent.id &&
      (includes(lastSubmittedRevision(c), rate.id) || includes(draftRevision(c), rate.id)),
  );
  const reviewAction: RateReviewAction = {
    id: ctx.newId(),
    action: 'WITHDRAW',
    at: ctx.at,
    by: ctx.by,
    reason,
    contractIds: [parent.id, ...touching.map((c) => c.id)],
  };
  const latest = latestRateRevision(rate);
  const parentChange = draftWithout(parent, rate.id);
  parentChange.rates = {
    review: [{ rateId: rate.id, reviewAction }],
    ...(latest.submitted === null ? { discard: [{ rateId: rate.id, revisionId: latest.id }] } : {}),
  };
  return {
    reviewAction,
    parts: [
      { contract: parent, change: parentChange },
      ...touching.map((contract) => ({ contract, change: draftWithout(contract, rate.id) })),
    ],
    details: { rateId: rate.id, detachedFrom: reviewAction.contractIds.join(',') },
  };
}

/**
 * Undoes the rate's own withdrawal: each contract it was detached from whose latest submission still includes the
 * rate is linked again (an open draft gets the link back at its end); one resubmitted without it since is left
 * alone. The parent always takes the rate's review action.
 */
export function planUndoRateWithdrawal(ctx: RateCommandContext, reason: string): PlannedRateAction {
  const { rate, parent, others } = ctx;
  const withdrawal = ownWithdrawal(rate);
  if (!withdrawal)
    throw new Error('The rate lifecycle lets only a withdrawn rate have its withdrawal undone');
  const byId = new Map([parent, ...others].map((c) => [c.id.toLowerCase(), c]));
  const detached = withdrawal.contractIds.flatMap((id) => byId.get(id.toLowerCase()) ?? []);
  const relinked = detached.filter((c) => includes(lastSubmittedRevision(c), rate.id));
  const notRelinked = withdrawal.contractIds.filter((id) => !relinked.some((c) => c.id === id));
  const reviewAction: RateReviewAction = {
    id: ctx.newId(),
    action: 'UNDO_WITHDRAW',
    at: ctx.at,
    by: ctx.by,
    reason,
    contractIds: relinked.map((c) => c.id),
  };
  const parentLinks = relinked.some((c) => c.id === parent.id);
  const parentChange: ContractChange & { kind: 'RATE_REVIEW' } = parentLinks
    ? draftWith(parent, rate.id)
    : { kind: 'RATE_REVIEW', draftRateLinks: null };
  parentChange.rates = { review: [{ rateId: rate.id, reviewAction }] };
  return {
    reviewAction,
    parts: [
      { contract: parent, change: parentChange },
      ...relinked
        .filter((c) => c.id !== parent.id)
        .map((contract) => ({ contract, change: draftWith(contract, rate.id) })),
    ],
    details: {
      rateId: rate.id,
      relinked: reviewAction.contractIds.join(',') || null,
      notRelinked: notRelinked.join(',') || null,
    },
  };
}

/** Each rate action's command. */
export const RATE_COMMANDS: {
  [A in RateAction]: (ctx: RateCommandContext, reason: string) => PlannedRateAction;
} = {
  WITHDRAW_RATE: planRateWithdrawal,
  UNDO_WITHDRAW_RATE: planUndoRateWithdrawal,
};
