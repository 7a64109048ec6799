import {
  actorRef,
  authorizeAction,
  CONTRACT_COMMANDS,
  contractAfterAction,
  lifecycleState,
  newId,
  NotFoundError,
  reasonRequired,
  transition,
  ValidationError,
  VersionConflictError,
  type AuditEvent,
  type CommandContext,
  type Contract,
  type ContractAction,
  type ContractActionInput,
  type ContractCommand,
  type DocumentRef,
  type Rate,
  type User,
} from '@docket/domain';
import type { ContractStore, Filing, RateStore, StateStore } from '@docket/store';
import type { UploadReceipts } from '../documents/upload-receipts';
import { PreconditionFailedError } from '../errors';
import { findReadableWholeFiling, withPrograms, type ContractDetails } from './contract-access';
import { adoptionParts, planWithdrawal, type WithdrawalPlan } from './withdrawal-plan';

/**
 * What a withdrawal's event says of the contract's rates: how many move to another parent and how many are
 * withdrawn with it; and an undone withdrawal's, which rates stay with the parents they moved to (the contract's
 * history names them in its REPARENT_RATE events).
 */
function withdrawalDetails(
  action: ContractAction,
  filing: Filing,
  withdrawal: WithdrawalPlan | null,
): AuditEvent['details'] {
  if (withdrawal !== null) {
    const moved = withdrawal.fates.filter((f) => f.newParentId !== null).length;
    return { ratesReparented: moved, ratesWithdrawn: withdrawal.fates.length - moved };
  }
  if (action !== 'UNDO_WITHDRAW') return {};
  const moved = filing.history
    .filter((e) => e.action === 'REPARENT_RATE' && e.details.fromContractId === filing.contract.id)
    .map((e) => String(e.details.rateId));
  const restored = filing.rates.filter((r) => r.parentContractId === filing.contract.id).length;
  return { ratesRestored: restored, ratesStayingReparented: [...new Set(moved)].join(',') || null };
}

export interface ContractWriteStores {
  contracts: ContractStore;
  states: Pick<StateStore, 'listPrograms'>;
  rates: RateStore;
}

/** What a contract write needs: the stores, and the upload receipts that vouch for new documents. */
export interface ContractWriteDeps {
  stores: ContractWriteStores;
  receipts: UploadReceipts;
}

/** What a write to an existing contract is based on. */
export interface WriteBasis {
  contractId: string;
  /** The version the caller read and edited. A stale one is a conflict. */
  version: number;
  /** A version the caller requires the contract to be at (HTTP `If-Match`), or null. */
  precondition: number | null;
}

/** The reason given with an action's input, if it takes one. */
function reasonOf(input: object): string | null {
  return 'reason' in input && typeof input.reason === 'string' ? input.reason : null;
}

/**
 * The rates the input names that the filing does not link, loaded with their parent contracts. A rate that does
 * not exist is simply not loaded: the command reports it with the others that cannot be linked.
 */
async function loadNamed(
  stores: ContractWriteStores,
  filing: Filing,
  ids: readonly string[],
): Promise<CommandContext['named']> {
  const rates = new Map<string, Rate>();
  const parents = new Map<string, Contract>();
  const held = new Set(filing.rates.map((r) => r.id));
  const heldParents = new Set([filing.contract.id, ...filing.rateParents.map((p) => p.id)]);
  for (const id of ids) {
    if (held.has(id) || rates.has(id)) continue;
    try {
      const rate = await stores.rates.get(id);
      rates.set(rate.id, rate);
      const parentId = rate.parentContractId;
      if (!heldParents.has(parentId) && !parents.has(parentId)) {
        parents.set(parentId, await stores.contracts.get(parentId));
      }
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
    }
  }
  return { rates, parents };
}

/**
 * The one path of every contract action (the domain's `CONTRACT_ACTIONS`): load the filing (the contract with its
 * rates as one snapshot, its history and its rates' other parents) as the user may see it (404 otherwise), ask the
 * policy whether the user's role may act (403), check the caller's version (412 / 409), the lifecycle (409) and
 * the reason (422), let the action's command plan the change from that snapshot (which may refuse it with a
 * ValidationError), check that the change leads where the lifecycle says, then apply the change and its audit
 * event in one atomic `contracts.applyToFiling` on top of the version read. Nothing is written on any failure.
 * Racing writes on one version: one wins, the others conflict. The answer is the filing as the change left it,
 * which the store answers without reading it all again.
 */
export async function writeContract<A extends ContractAction>(
  { stores, receipts }: ContractWriteDeps,
  user: User,
  action: A,
  basis: WriteBasis,
  input: ContractActionInput<A>,
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
  const reason = reasonOf(input);
  if (reasonRequired(user, action) && !reason) {
    throw new ValidationError('Give a reason for this action', [
      { path: ['reason'], message: 'Give a reason' },
    ]);
  }

  const command: ContractCommand<A> = CONTRACT_COMMANDS[action];
  const [programs, named] = await Promise.all([
    stores.states.listPrograms(contract.stateCode),
    loadNamed(stores, filing, command.ratesNamed?.(input) ?? []),
  ]);
  const at = new Date().toISOString();
  const by = actorRef(user);
  const planned = command.plan(
    {
      contract,
      rates,
      rateParents: new Map(filing.rateParents.map((parent) => [parent.id, parent])),
      programs,
      at,
      by,
      named,
      newId,
      verifyUpload: (document: DocumentRef) => receipts.verify(document, user.stateCode),
    },
    input,
  );
  contractAfterAction(contract, action, planned.change, { expectedVersion: basis.version, at });
  const withdrawal = action === 'WITHDRAW' ? await planWithdrawal(stores, filing) : null;
  const event: AuditEvent = {
    id: newId(),
    at,
    actor: by,
    action,
    reason,
    stateCode: contract.stateCode,
    contractId: contract.id,
    revisionId: planned.revisionId,
    details: { ...planned.details, ...withdrawalDetails(action, filing, withdrawal) },
  };
  const linked = planned.newlyLinked;
  try {
    if (withdrawal !== null && withdrawal.adopters.size > 0) {
      // The contract's withdrawal and the rates other contracts take over, in one atomic write.
      const { parts, withdrawnEvents } = adoptionParts(withdrawal, contract, { at, by, reason }, programs);
      const own = { id: contract.id, expectedVersion: basis.version, at, change: planned.change, event };
      await stores.contracts.applyAll([{ ...own, moreEvents: withdrawnEvents }, ...parts]);
      return await withPrograms(stores.states, await stores.contracts.getFiling(contract.id), programs);
    }
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
