import {
  contractAbilities,
  contractName,
  contractStatus,
  firstSubmittedAt,
  latestRevision,
  lastSubmittedRevision,
  lifecycleState,
  type ActorRef,
  type AuditEvent,
  type Contract,
  type ContractRevision,
  type ContractSummaryView,
  type ContractView,
  type EventView,
  type LinkableRateView,
  type Program,
  type Rate,
  type RateRevision,
  type RateRevisionView,
  type RateView,
  type RevisionView,
  type User,
  lastSubmittedRateRevision,
  rateRevisionName,
  rateStatus,
} from '@docket/domain';
import type { ContractDetails } from '../use-cases/contract-access';

function presentActor(actor: ActorRef): ActorRef {
  return { userId: actor.userId, email: actor.email, name: actor.name, role: actor.role };
}

/** Who submitted and who unlocked a revision (a contract's or a rate's), and when. */
function presentStamps(
  revision: Pick<ContractRevision, 'submitted' | 'unlocked'>,
): Pick<RevisionView, 'submitted' | 'unlocked'> {
  return {
    submitted: revision.submitted && {
      at: revision.submitted.at,
      by: presentActor(revision.submitted.by),
      reason: revision.submitted.reason,
    },
    unlocked: revision.unlocked && {
      at: revision.unlocked.at,
      by: presentActor(revision.unlocked.by),
      reason: revision.unlocked.reason,
    },
  };
}

function presentRevision(revision: ContractRevision): RevisionView {
  return {
    id: revision.id,
    number: revision.number,
    formData: revision.formData,
    rateLinks: revision.rateLinks.map((l) => ({ rateId: l.rateId, rateRevisionId: l.rateRevisionId })),
    createdAt: revision.createdAt,
    updatedAt: revision.updatedAt,
    ...presentStamps(revision),
  };
}

function presentEvent(event: AuditEvent): EventView {
  return {
    id: event.id,
    at: event.at,
    actor: event.actor && presentActor(event.actor),
    action: event.action,
    reason: event.reason,
    revisionId: event.revisionId,
  };
}

/** The programs of the latest revision, in the order chosen; ids no longer known are left out. */
function chosenPrograms(contract: Contract, programs: readonly Program[]): Program[] {
  const byId = new Map(programs.map((p) => [p.id, p]));
  return latestRevision(contract)
    .formData.programIDs.map((id) => byId.get(id))
    .filter((p): p is Program => p !== undefined);
}

function nameOf(contract: Contract, programs: readonly Program[]): string {
  return contractName(contract.stateCode, contract.stateNumber, chosenPrograms(contract, programs));
}

/** A whole contract as its reader sees it, with the reader's abilities and an ETag-worthy version. */
export function presentContract(
  { contract, history, programs, rates, rateParents }: ContractDetails,
  user: User,
): ContractView {
  const parentNames = new Map([contract, ...rateParents].map((c) => [c.id, nameOf(c, programs)]));
  const state = lifecycleState(contract);
  return {
    id: contract.id,
    stateCode: contract.stateCode,
    stateNumber: contract.stateNumber,
    name: nameOf(contract, programs),
    version: contract.version,
    createdAt: contract.createdAt,
    updatedAt: contract.updatedAt,
    mccrsId: contract.mccrsId,
    status: contractStatus(contract),
    submissionStatus: state.submission,
    reviewStatus: state.review,
    revisions: contract.revisions.map(presentRevision),
    rates: rates.map((r) => presentRate(r, programs, parentNames.get(r.parentContractId) ?? '')),
    reviewActions: contract.reviewActions.map((a) => ({
      id: a.id,
      action: a.action,
      at: a.at,
      by: presentActor(a.by),
      reason: a.reason,
      dateApprovalReleasedToState: a.dateApprovalReleasedToState,
    })),
    history: history.map(presentEvent),
    abilities: contractAbilities(user, contract),
  };
}

/** One dashboard row. */
export function presentContractSummary(
  contract: Contract,
  programs: readonly Program[],
): ContractSummaryView {
  const latest = latestRevision(contract);
  return {
    id: contract.id,
    stateCode: contract.stateCode,
    name: nameOf(contract, programs),
    status: contractStatus(contract),
    submissionType: latest.formData.submissionType ?? null,
    programNames: chosenPrograms(contract, programs).map((p) => p.name),
    createdAt: contract.createdAt,
    updatedAt: contract.updatedAt,
    firstSubmittedAt: firstSubmittedAt(contract),
    lastSubmittedAt: lastSubmittedRevision(contract)?.submitted?.at ?? null,
  };
}

/** The `ETag` of a contract: its version, quoted. */
export function contractEtag(contract: Pick<Contract, 'version'>): string {
  return `"${contract.version}"`;
}

function presentRateRevision(
  rate: Rate,
  revision: RateRevision,
  programs: readonly Program[],
): RateRevisionView {
  return {
    id: revision.id,
    number: revision.number,
    name: rateRevisionName(rate, revision.formData, programs),
    formData: revision.formData,
    createdAt: revision.createdAt,
    updatedAt: revision.updatedAt,
    ...presentStamps(revision),
  };
}

/** A rate with all its revisions, each named. */
export function presentRate(rate: Rate, programs: readonly Program[], parentContractName: string): RateView {
  const revisions = rate.revisions.map((r) => presentRateRevision(rate, r, programs));
  return {
    id: rate.id,
    stateCode: rate.stateCode,
    stateNumber: rate.stateNumber,
    name: revisions.at(-1)?.name ?? '',
    status: rateStatus(rate),
    parentContractId: rate.parentContractId,
    parentContractName,
    createdAt: rate.createdAt,
    updatedAt: rate.updatedAt,
    revisions,
  };
}

/** A rate as the link picker lists it: named after its last submitted revision. */
export function presentLinkableRate(
  rate: Rate,
  parent: Contract | undefined,
  programs: readonly Program[],
): LinkableRateView {
  const submitted = lastSubmittedRateRevision(rate);
  if (!submitted?.submitted)
    throw new Error(`Rate ${rate.id} was listed as linkable but was never submitted`);
  const byId = new Map(programs.map((p) => [p.id, p]));
  return {
    id: rate.id,
    name: rateRevisionName(rate, submitted.formData, programs),
    status: rateStatus(rate),
    parentContractId: rate.parentContractId,
    parentContractName: parent ? nameOf(parent, programs) : '',
    programNames: submitted.formData.rateProgramIDs.flatMap((id) => byId.get(id)?.name ?? []),
    rateDateStart: submitted.formData.rateDateStart ?? null,
    rateDateEnd: submitted.formData.rateDateEnd ?? null,
    lastSubmittedAt: submitted.submitted.at,
  };
}
