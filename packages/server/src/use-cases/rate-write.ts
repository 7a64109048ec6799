import {
  actorRef,
  authorizeRateAction,
  contractStatus,
  linkerFacts,
  newId,
  NotFoundError,
  ownWithdrawal,
  RATE_COMMANDS,
  rateTransition,
  VersionConflictError,
  type AuditEvent,
  type Contract,
  type RateAction,
  type RateActionRequest,
  type User,
} from '@docket/domain';
import type { ContractApplyPart, ContractStore, RateStore, StateStore } from '@docket/store';
import { getRate, type RateDetails } from './get-rate';

export interface RateWriteStores {
  contracts: ContractStore;
  rates: RateStore;
  states: Pick<StateStore, 'listPrograms'>;
}

/** Reads each contract once, in the order asked; a contract named but gone is left out. */
async function readContracts(contracts: ContractStore, ids: readonly string[]): Promise<Contract[]> {
  const read: Contract[] = [];
  for (const id of new Set(ids.map((i) => i.toLowerCase()))) {
    try {
      read.push(await contracts.get(id));
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
    }
  }
  return read;
}

/**
 * The one path of a rate's own review actions (the domain's `RATE_ACTIONS`, docs/adr/0028-rate-withdrawals.md):
 * read the rate as the user may see it (404 otherwise), check the role (403), read the rate's parent with its rates
 * as one snapshot (the rate changes only with its parent's version) and check the caller's version of it (409),
 * read the other contracts concerned whole, check the rate's status (409), let the command plan one part per
 * contract, and write all of it with an event on each contract in one `applyAll`, each part on the version read:
 * a change to any of them meanwhile writes nothing (409). Answers the rate as its page shows it after the write.
 */
export async function writeRate(
  stores: RateWriteStores,
  user: User,
  action: RateAction,
  rateId: string,
  request: RateActionRequest,
): Promise<RateDetails> {
  const seen = await getRate(stores, user, rateId);
  authorizeRateAction(user, action);
  const { contract: parent, rates } = await stores.contracts.getWithRates(seen.rate.parentContractId);
  const rate = rates.find((r) => r.id === seen.rate.id);
  // The rate moved to another parent between the two reads: the caller reads it again.
  if (!rate || rate.parentContractId !== parent.id) {
    throw new VersionConflictError('Rate', seen.rate.id, request.version ?? parent.version, null);
  }
  if (request.version !== undefined && request.version !== parent.version) {
    throw new VersionConflictError('Contract', parent.id, request.version, parent.version);
  }
  const otherIds =
    action === 'WITHDRAW_RATE'
      ? seen.linkers.map((l) => l.contract.id)
      : (ownWithdrawal(rate)?.contractIds ?? []);
  const others = await readContracts(
    stores.contracts,
    otherIds.filter((id) => id.toLowerCase() !== parent.id),
  );
  const facts = [parent, ...others].map((c) => linkerFacts(c, rate.id));
  const allowed = rateTransition(action, rate, contractStatus(parent), facts);
  if (!allowed.ok) throw allowed.error();

  const at = new Date().toISOString();
  const by = actorRef(user);
  const planned = RATE_COMMANDS[action]({ rate, parent, others, at, by, newId }, request.reason);
  const parts: ContractApplyPart[] = planned.parts.map(({ contract, change }) => {
    const event: AuditEvent = {
      id: newId(),
      at,
      actor: by,
      action,
      reason: request.reason,
      stateCode: contract.stateCode,
      contractId: contract.id,
      revisionId: change.kind === 'RATE_REVIEW' ? (change.draftRateLinks?.revisionId ?? null) : null,
      details: planned.details,
    };
    return { id: contract.id, expectedVersion: contract.version, at, change, event };
  });
  await stores.contracts.applyAll(parts);
  return getRate(stores, user, rate.id);
}
