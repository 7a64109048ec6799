import {
  contractAbilities,
  contractName,
  contractStatus,
  discardedDrafts,
  historyNotes,
  lifecycleState,
  canAssignReviewers,
  firstSubmittedAt,
  seesReviewers,
  seesWorkInProgress,
  summaryRowFor,
  visibleFiling,
  visibleHistory,
  visibleRevisions,
  type ActorRef,
  type AuditEvent,
  type Contract,
  type ContractRevision,
  type ContractSummary,
  type ContractSummaryView,
  type ContractView,
  type EventView,
  type HistoryNote,
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
  rateConsolidatedStatus,
  rateReviewStatus,
  rateStatus,
  type ConsolidatedStatus,
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

function presentEvent(event: AuditEvent, notes: readonly HistoryNote[]): EventView {
  return {
    id: event.id,
    at: event.at,
    actor: event.actor && presentActor(event.actor),
    action: event.action,
    reason: event.reason,
    revisionId: event.revisionId,
    details: event.details,
    notes: [...notes],
  };
}

/**
 * The latest revision of the contract the user may see: a reviewer's view of an unlocked filing, its name
 * included, follows the last submission, never the state's draft.
 */
function shownRevision(contract: Contract, user: User): ContractRevision | undefined {
  return visibleRevisions(user, contract.stateCode, contract.revisions).at(-1);
}

/** The programs of the revision shown, in the order chosen; ids no longer known are left out. */
function chosenPrograms(contract: Contract, user: User, programs: readonly Program[]): Program[] {
  const byId = new Map(programs.map((p) => [p.id, p]));
  return (shownRevision(contract, user)?.formData.programIDs ?? [])
    .map((id) => byId.get(id))
    .filter((p): p is Program => p !== undefined);
}

/** The contract's generated name, from the revision the user sees. */
export function nameOf(contract: Contract, user: User, programs: readonly Program[]): string {
  return contractName(contract.stateCode, contract.stateNumber, chosenPrograms(contract, user, programs));
}

/**
 * A whole contract as its reader sees it (the policy's `visibleFiling` and `visibleHistory`: a reviewer gets an
 * unlocked filing as last submitted, with the unlock, updated when it was unlocked, and a history without the
 * state's draft saves), with the reader's abilities and an ETag-worthy version. Statuses and abilities are the
 * filing's own, whatever of it the reader sees.
 */
export function presentContract(
  { contract, history, programs, rates, rateParents, reviewers }: ContractDetails,
  user: User,
): ContractView {
  const parents = new Map(
    [contract, ...rateParents].map((c) => [
      c.id,
      { name: nameOf(c, user, programs), status: contractStatus(c) },
    ]),
  );
  const state = lifecycleState(contract);
  const visible = visibleFiling(user, contract, rates);
  const contractNames = new Map([...parents].map(([id, { name }]) => [id.toLowerCase(), name]));
  const notes = historyNotes({ contract, events: history, rates, programs, contractNames });
  return {
    id: contract.id,
    stateCode: contract.stateCode,
    stateNumber: contract.stateNumber,
    name: nameOf(contract, user, programs),
    version: contract.version,
    createdAt: contract.createdAt,
    updatedAt: visible.updatedAt,
    mccrsId: contract.mccrsId,
    status: contractStatus(contract),
    submissionStatus: state.submission,
    reviewStatus: state.review,
    revisions: visible.revisions.map(presentRevision),
    unlocked: visible.unlocked && {
      at: visible.unlocked.at,
      by: presentActor(visible.unlocked.by),
      reason: visible.unlocked.reason,
    },
    rates: visible.rates.map(({ rate, revisions, updatedAt }) => ({
      ...presentRate(
        rate,
        revisions,
        programs,
        parents.get(rate.parentContractId) ?? { name: '', status: 'SUBMITTED' },
      ),
      updatedAt,
    })),
    reviewActions: contract.reviewActions.map((a) => ({
      id: a.id,
      action: a.action,
      at: a.at,
      by: presentActor(a.by),
      reason: a.reason,
      dateApprovalReleasedToState: a.dateApprovalReleasedToState,
    })),
    history: visibleHistory(user, contract.stateCode, history).map((event) =>
      presentEvent(event, notes.get(event.id) ?? []),
    ),
    discardedDrafts: seesWorkInProgress(user, contract.stateCode)
      ? discardedDrafts(contract, rates, programs)
      : [],
    abilities: contractAbilities(user, contract),
    reviewers: seesReviewers(user)
      ? reviewers.map((r) => ({ ...r, assignedBy: presentActor(r.assignedBy) }))
      : [],
    canAssignReviewers: canAssignReviewers(user, { firstSubmittedAt: firstSubmittedAt(contract) }),
  };
}

/** One dashboard row, from a contract's summary: the revision, status and dates the policy lets the user see. */
export function presentContractSummary(
  summary: ContractSummary,
  programs: readonly Program[],
  user: User,
): ContractSummaryView {
  const row = summaryRowFor(user, summary, programs);
  return {
    id: summary.id,
    stateCode: summary.stateCode,
    name: row.name,
    status: row.status,
    submissionType: row.submissionType,
    programNames: row.programs.map((p) => p.name),
    createdAt: summary.createdAt,
    updatedAt: row.updatedAt,
    firstSubmittedAt: summary.firstSubmittedAt,
    lastSubmittedAt: summary.lastSubmittedAt,
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

/** A rate with the revisions of it the reader may see, each named; its status is the rate's own. */
export function presentRate(
  rate: Rate,
  shown: readonly RateRevision[],
  programs: readonly Program[],
  parent: { name: string; status: ConsolidatedStatus },
): RateView {
  const revisions = shown.map((r) => presentRateRevision(rate, r, programs));
  return {
    id: rate.id,
    stateCode: rate.stateCode,
    stateNumber: rate.stateNumber,
    name: revisions.at(-1)?.name ?? '',
    status: rateStatus(rate),
    reviewStatus: rateReviewStatus(parent.status, rate),
    consolidatedStatus: rateConsolidatedStatus(parent.status, rate),
    parentContractId: rate.parentContractId,
    parentContractName: parent.name,
    createdAt: rate.createdAt,
    updatedAt: rate.updatedAt,
    revisions,
  };
}

/** A rate as the link picker lists it: named after its last submitted revision, its parent as the user sees it. */
export function presentLinkableRate(
  rate: Rate,
  parent: Contract | undefined,
  programs: readonly Program[],
  user: User,
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
    parentContractName: parent ? nameOf(parent, user, programs) : '',
    programNames: submitted.formData.rateProgramIDs.flatMap((id) => byId.get(id)?.name ?? []),
    rateDateStart: submitted.formData.rateDateStart ?? null,
    rateDateEnd: submitted.formData.rateDateEnd ?? null,
    lastSubmittedAt: submitted.submitted.at,
  };
}
