import {
  actorRef,
  authorizeAction,
  lifecycleState,
  newId,
  reasonRequired,
  transition,
  ValidationError,
  VersionConflictError,
  type ActorRef,
  type AuditEvent,
  type Contract,
  type ContractAction,
  type Program,
  type Rate,
  type User,
} from '@docket/domain';
import type { ContractChange, ContractStore, RateStore, StateStore } from '@docket/store';
import { PreconditionFailedError } from '../errors';
import { findReadableWholeFiling, withPrograms, type ContractDetails } from './contract-access';

export interface ContractWriteStores {
  contracts: ContractStore;
  states: Pick<StateStore, 'listPrograms'>;
  rates: RateStore;
}

/** What a write to an existing contract is based on. */
export interface WriteBasis {
  contractId: string;
  /** The version the caller read and edited. A stale one is a conflict. */
  version: number;
  /** A version the caller requires the contract to be at (HTTP `If-Match`), or null. */
  precondition: number | null;
}

/** What the action changes, worked out once the contract and its state's programs are loaded. */
export interface PlannedChange {
  change: ContractChange;
  /** The revision the event is about, if any. */
  revisionId: string | null;
  details?: AuditEvent['details'];
  /** Rates the change newly links, read to plan it, with their filings: the answer shows them. */
  newlyLinked?: { rates: Rate[]; parents: Contract[] };
}

export interface PlanContext {
  contract: Contract;
  /** Every rate any revision of the contract links. */
  rates: Rate[];
  /** The parent contracts of those rates the contract does not own, by id. */
  rateParents: Map<string, Contract>;
  programs: Program[];
  at: string;
  by: ActorRef;
}

/**
 * The one path of every lifecycle write: load the filing (the contract with its rates as one snapshot, its history
 * and its rates' other parents) as the user may see it (404 otherwise), ask the policy whether the user's role may
 * act (403), check the caller's version (412 / 409) and the lifecycle (409), check the reason, plan the change from
 * that snapshot (which may refuse it with a ValidationError), then apply the change and its audit event in one
 * atomic `contracts.applyToFiling` on top of the version read. Nothing is written on any failure. Racing writes on
 * one version: one wins, the others conflict. The answer is the filing as the change left it, which the store
 * answers without reading it all again.
 */
export async function writeContract(
  stores: ContractWriteStores,
  user: User,
  action: ContractAction,
  basis: WriteBasis,
  reason: string | null,
  plan: (ctx: PlanContext) => PlannedChange | Promise<PlannedChange>,
): Promise<ContractDetails> {
  const filing = await findReadableWholeFiling(stores.contracts, user, basis.contractId);
  const { contract, rates } = filing;
  authorizeAction(user, action, contract);
  if (basis.precondition !== null && basis.precondition !== contract.version) {
    throw new PreconditionFailedError('Contract', contract.id, basis.precondition, contract.version);
  }
  if (basis.version !== contract.version) {
    throw new VersionConflictError('Contract', contract.id, basis.version, contract.version);
  }
  const allowed = transition(lifecycleState(contract), action);
  if (!allowed.ok) throw allowed.error;
  if (reasonRequired(user, action) && !reason) {
    throw new ValidationError('Give a reason for this action', [
      { path: ['reason'], message: 'Give a reason' },
    ]);
  }

  const programs = await stores.states.listPrograms(contract.stateCode);
  const rateParents = new Map(filing.rateParents.map((parent) => [parent.id, parent]));
  const at = new Date().toISOString();
  const by = actorRef(user);
  const planned = await plan({ contract, rates, rateParents, programs, at, by });
  const event: AuditEvent = {
    id: newId(),
    at,
    actor: by,
    action,
    reason,
    stateCode: contract.stateCode,
    contractId: contract.id,
    revisionId: planned.revisionId,
    details: planned.details ?? {},
  };
  const linked = planned.newlyLinked;
  try {
    const after = await stores.contracts.applyToFiling(contract.id, {
      expectedVersion: basis.version,
      at,
      change: planned.change,
      event,
      basis: {
        ...filing,
        rates: [...rates, ...(linked?.rates ?? [])],
        rateParents: [...filing.rateParents, ...(linked?.parents ?? [])],
      },
    });
    return await withPrograms(stores.states, after, programs);
  } catch (error) {
    if (error instanceof VersionConflictError && basis.precondition !== null) {
      throw new PreconditionFailedError('Contract', contract.id, basis.precondition, error.actualVersion);
    }
    throw error;
  }
}
