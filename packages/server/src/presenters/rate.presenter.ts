import {
  canReadSummary,
  currentRateRevisionId,
  rateSummaryRow,
  rateAbilities,
  rateHistory,
  sharedRateUpdatedAt,
  shownUpdatedAt,
  summaryRowFor,
  summaryStatus,
  visibleRevisions,
  type RateContractView,
  type Program,
  type RateDetailView,
  type RateListItem,
  type RateSummaryView,
  type User,
} from '@docket/domain';
import type { RateDetails } from '../use-cases/get-rate';
import { presentRate } from './contract.presenter';

/**
 * A rate as its page shows it to one reader: the revisions the policy lets them see, the contracts that link it
 * that they may read (each named and statused as their dashboard row shows it), and its history among those.
 */
export function presentRateDetail({ rate, linkers, programs }: RateDetails, user: User): RateDetailView {
  const readable = linkers.filter((linker) => canReadSummary(user, linker.contract));
  const named = new Map<string, RateContractView>(
    readable.map(({ contract }) => {
      const row = summaryRowFor(user, contract, programs);
      return [contract.id.toLowerCase(), { id: contract.id, name: row.name, status: row.status }];
    }),
  );
  const parentKey = rate.parentContractId.toLowerCase();
  // The parent is readable whenever the rate is (same state; submitted together); named plainly should it not be.
  const parent = named.get(parentKey) ?? { id: rate.parentContractId, name: '', status: 'DRAFT' as const };
  const shown = visibleRevisions(user, rate.stateCode, rate.revisions);
  const base = presentRate(rate, shown, programs, parent);
  // The rate's rules look at every contract that links it, whether or not this caller may read it.
  const facts = linkers.map(({ contract, submissions }) => ({
    id: contract.id,
    status: summaryStatus(contract),
    linksNow: currentRateRevisionId(submissions) !== null,
  }));
  const parentSummary = linkers.find((l) => l.contract.id.toLowerCase() === parentKey)?.contract;
  const numberOf = new Map(rate.revisions.map((r) => [r.id, r.number]));
  const history = rateHistory({
    parentContractId: rate.parentContractId,
    revisions: rate.revisions,
    linkers: readable.map((l) => ({ contractId: l.contract.id, submissions: l.submissions })),
    reviewActions: rate.reviewActions,
  });
  return {
    id: rate.id,
    stateCode: rate.stateCode,
    stateNumber: rate.stateNumber,
    name: base.name,
    status: base.status,
    reviewStatus: base.reviewStatus,
    consolidatedStatus: base.consolidatedStatus,
    version: parentSummary?.version ?? 0,
    parentContract: parent,
    createdAt: rate.createdAt,
    updatedAt: shownUpdatedAt(user, rate.stateCode, {
      updatedAt: rate.updatedAt,
      sharedUpdatedAt: sharedRateUpdatedAt(rate),
    }),
    revisions: base.revisions,
    linkedContracts: readable.flatMap(({ contract, submissions }) => {
      const view = named.get(contract.id.toLowerCase());
      if (!view) return [];
      const current = currentRateRevisionId(submissions);
      return [
        {
          ...view,
          isParent: contract.id.toLowerCase() === parentKey,
          linkedAt: submissions[0]?.submitted.at ?? null,
          currentRateRevisionNumber: current === null ? null : (numberOf.get(current) ?? null),
        },
      ];
    }),
    history: history.flatMap((entry) => {
      const contract = named.get(entry.contractId.toLowerCase());
      if (!contract) return [];
      const { userId, email, name, role } = entry.by;
      return [
        {
          kind: entry.kind,
          at: entry.at,
          actor: { userId, email, name, role },
          reason: entry.reason,
          contract,
          rateRevisionNumber: entry.rateRevisionNumber,
          contracts: entry.contractIds.flatMap((id) => named.get(id.toLowerCase()) ?? []),
        },
      ];
    }),
    abilities: rateAbilities(user, rate, parent.status, facts),
  };
}

/** A row of the rate reviews dashboard: named, and its programs and parent named, from the state's programs. */
export function presentRateSummary(item: RateListItem, programs: readonly Program[]): RateSummaryView {
  const { summary } = item;
  const row = rateSummaryRow(item, programs);
  return {
    id: summary.id,
    stateCode: summary.stateCode,
    stateNumber: summary.stateNumber,
    name: row.name,
    programNames: row.programs.map((p) => p.name),
    rateType: summary.submitted.rateType,
    ratingPeriodStart: summary.submitted.rateDateStart,
    ratingPeriodEnd: summary.submitted.rateDateEnd,
    firstSubmittedAt: summary.firstSubmittedAt,
    updatedAt: summary.sharedUpdatedAt,
    status: summary.status,
    parentContract:
      item.parent === null || row.parentName === null ? null : { id: item.parent.id, name: row.parentName },
  };
}
