import {
  contractName,
  lastSubmittedRevision,
  newId,
  planRateFates,
  type ActorRef,
  type AuditEvent,
  type Contract,
  type RateFate,
  type Program,
  type User,
} from '@docket/domain';
import type { ContractApplyPart, ContractStore, Filing, RateStore, StateStore } from '@docket/store';
import { findReadableWholeFiling } from './contract-access';

/**
 * What withdrawing a contract does to its rates, read from the datastore (docs/adr/0025-withdrawals.md): for each
 * rate the contract is the parent of, the other contracts that link it are read whole (the linkers index names
 * them; there are few) and the domain picks the new parent (`planRateFates`).
 */
export interface WithdrawalPlan {
  fates: RateFate[];
  /** The contracts that adopt a rate, by id, as read: their changes are based on these versions. */
  adopters: Map<string, Contract>;
}

export async function planWithdrawal(
  stores: { contracts: ContractStore; rates: RateStore },
  filing: Pick<Filing, 'contract' | 'rates'>,
): Promise<WithdrawalPlan> {
  const { contract } = filing;
  const owned = filing.rates.filter((rate) => rate.parentContractId === contract.id);
  const read = new Map<string, Contract>();
  const linkers = new Map<string, Contract[]>();
  for (const rate of owned) {
    const others = (await stores.rates.listLinkers(rate.id))
      .map((linker) => linker.contract.id)
      .filter((id) => id !== contract.id);
    const contracts: Contract[] = [];
    for (const id of others) {
      const other = read.get(id) ?? (await stores.contracts.get(id));
      read.set(id, other);
      contracts.push(other);
    }
    linkers.set(rate.id, contracts);
  }
  const fates = planRateFates(contract, owned, linkers);
  const adopters = new Map<string, Contract>();
  for (const fate of fates) {
    const adopter = fate.newParentId === null ? undefined : read.get(fate.newParentId);
    if (adopter) adopters.set(adopter.id, adopter);
  }
  return { fates, adopters };
}

/**
 * The parts of the withdrawal's write besides the withdrawn contract's own: one ADOPT_RATES change per adopting
 * contract, with a REPARENT_RATE event per rate it takes; and the REPARENT_RATE events the withdrawn contract's
 * history gets for the same moves.
 */
export function adoptionParts(
  plan: WithdrawalPlan,
  withdrawn: Contract,
  stamp: { at: string; by: ActorRef; reason: string | null },
  programs: readonly Program[],
): { parts: ContractApplyPart[]; withdrawnEvents: AuditEvent[] } {
  // Both contracts are named in the events as their last submissions name them, so that each history can say
  // where the rate went or came from without reading the other contract.
  const byId = new Map(programs.map((p) => [p.id, p]));
  const nameOf = (c: Contract) =>
    contractName(
      c.stateCode,
      c.stateNumber,
      (lastSubmittedRevision(c)?.formData.programIDs ?? []).flatMap((id) => byId.get(id) ?? []),
    );
  const names = new Map([withdrawn, ...plan.adopters.values()].map((c) => [c.id, nameOf(c)]));
  const event = (contractId: string, rateId: string, to: string): AuditEvent => ({
    id: newId(),
    at: stamp.at,
    actor: stamp.by,
    action: 'REPARENT_RATE',
    reason: stamp.reason,
    stateCode: withdrawn.stateCode,
    contractId,
    revisionId: null,
    details: {
      rateId,
      fromContractId: withdrawn.id,
      toContractId: to,
      fromContractName: names.get(withdrawn.id) ?? null,
      toContractName: names.get(to) ?? null,
    },
  });
  const parts: ContractApplyPart[] = [];
  const withdrawnEvents: AuditEvent[] = [];
  for (const adopter of plan.adopters.values()) {
    const rateIds = plan.fates.filter((f) => f.newParentId === adopter.id).map((f) => f.rateId);
    const [first, ...more] = rateIds.map((rateId) => event(adopter.id, rateId, adopter.id));
    if (!first) continue;
    parts.push({
      id: adopter.id,
      expectedVersion: adopter.version,
      at: stamp.at,
      change: {
        kind: 'ADOPT_RATES',
        rates: { adopt: rateIds.map((rateId) => ({ rateId, fromContractId: withdrawn.id })) },
      },
      event: first,
      moreEvents: more,
    });
    withdrawnEvents.push(...rateIds.map((rateId) => event(withdrawn.id, rateId, adopter.id)));
  }
  return { parts, withdrawnEvents };
}

/** What withdrawing a contract now would do to its rates, with what naming them takes. */
export interface WithdrawalPreview {
  filing: Filing;
  plan: WithdrawalPlan;
  programs: Program[];
}

/**
 * What withdrawing the contract now would do to each of its rates, for the reviewer who is about to confirm it.
 * Planned as the write plans it, so the answer is what a withdrawal made right after would do.
 * @throws NotFoundError when the user may not read the contract
 */
export async function previewWithdrawal(
  stores: { contracts: ContractStore; rates: RateStore; states: Pick<StateStore, 'listPrograms'> },
  user: User,
  contractId: string,
): Promise<WithdrawalPreview> {
  const filing = await findReadableWholeFiling(stores.contracts, user, contractId);
  const [plan, programs] = await Promise.all([
    planWithdrawal(stores, filing),
    stores.states.listPrograms(filing.contract.stateCode),
  ]);
  return { filing, plan, programs };
}
