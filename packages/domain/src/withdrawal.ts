import { z } from 'zod';
import {
  contractStatus,
  firstSubmittedAt,
  latestRevision,
  type ConsolidatedStatus,
  type Contract,
} from './contract';
import type { Rate } from './rate';

/**
 * What withdrawing a contract does to the rates it is the parent of (DOMAIN §5, docs/adr/0025-withdrawals.md): a
 * rate that another live contract links moves to one of them as its parent, so that contract can go on editing,
 * saving and resubmitting it; a rate no live contract links is withdrawn with its parent (it can no longer be
 * linked, `canBeLinked`), and comes back if the withdrawal is undone.
 */

/** What happens to one rate when its parent contract is withdrawn. */
export interface RateFate {
  rateId: string;
  /** The contract that becomes the rate's parent, or null when the rate is withdrawn with its contract. */
  newParentId: string | null;
}

/** The order in which live contracts are preferred as a rate's new parent, by consolidated status. */
const PARENT_RANK: Partial<Record<ConsolidatedStatus, number>> = {
  SUBMITTED: 0,
  RESUBMITTED: 0,
  NOT_SUBJECT_TO_REVIEW: 0,
  UNLOCKED: 1,
  APPROVED: 2,
};

type CandidateFacts = Pick<Contract, 'id' | 'revisions' | 'reviewActions'>;

/**
 * Whether `contract` may become the parent of `rateId`: it is live — submitted at least once and not withdrawn
 * (every status with a rank) — and its latest revision (the open draft of an unlocked one) links the rate.
 */
export function mayAdopt(contract: CandidateFacts, rateId: string): boolean {
  const live = PARENT_RANK[contractStatus(contract)] !== undefined;
  return live && latestRevision(contract).rateLinks.some((link) => link.rateId === rateId);
}

/**
 * The new parent of `rateId` among `contracts` (the contracts that link it, its withdrawn parent excluded by the
 * caller or by `mayAdopt`), or undefined when none may adopt it. The rule is deterministic: the best status rank
 * (submitted, resubmitted or not subject to review, then unlocked, then approved), then the earliest first
 * submission, then the smallest id.
 */
export function chooseNewParent<C extends CandidateFacts>(
  rateId: string,
  contracts: readonly C[],
): C | undefined {
  const key = (c: C) => [PARENT_RANK[contractStatus(c)] ?? 99, firstSubmittedAt(c) ?? '', c.id] as const;
  let best: C | undefined;
  for (const candidate of contracts.filter((c) => mayAdopt(c, rateId))) {
    if (best === undefined || compareKeys(key(candidate), key(best)) < 0) best = candidate;
  }
  return best;
}

function compareKeys(a: readonly [number, string, string], b: readonly [number, string, string]): number {
  if (a[0] !== b[0]) return a[0] - b[0];
  if (a[1] !== b[1]) return a[1] < b[1] ? -1 : 1;
  return a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0;
}

/**
 * The fate of each rate `contract` is the parent of, in the order given, from the other contracts that link each
 * one (by rate id). Contracts that are `contract` itself are ignored.
 */
export function planRateFates(
  contract: Pick<Contract, 'id'>,
  rates: readonly Pick<Rate, 'id' | 'parentContractId'>[],
  linkers: ReadonlyMap<string, readonly CandidateFacts[]>,
): RateFate[] {
  return rates
    .filter((rate) => rate.parentContractId === contract.id)
    .map((rate) => {
      const others = (linkers.get(rate.id) ?? []).filter((c) => c.id !== contract.id);
      return { rateId: rate.id, newParentId: chooseNewParent(rate.id, others)?.id ?? null };
    });
}

/** `GET /api/contracts/{id}/withdrawal-plan`: what withdrawing the contract now would do to each of its rates. */
export const withdrawalPlanViewSchema = z.object({
  /** The rates the contract is the parent of, in the order the filing lists them. */
  rates: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      /** The contract that would become the rate's parent, or null: the rate is withdrawn with the contract. */
      newParent: z.object({ id: z.string(), name: z.string() }).nullable(),
    }),
  ),
});
export type WithdrawalPlanView = z.infer<typeof withdrawalPlanViewSchema>;
