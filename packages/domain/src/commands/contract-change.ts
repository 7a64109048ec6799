import type {
  Contract,
  ContractRevision,
  ReversalInfo,
  ReviewAction,
  SubmitInfo,
  UnlockInfo,
} from '../contract';
import type { ContractFormData } from '../contract-form';
import { VersionConflictError } from '../errors';
import type { AuditEvent } from '../events';
import type { RateLink, RateReviewAction } from '../rate';
import type { RateFormData } from '../rate-form';

/**
 * Writes to the rates a contract owns, made as part of a change to that contract (in the same transaction, under
 * the contract's version). Every rate named must have this contract as its parent, and every revision named must
 * be the rate's unsubmitted latest revision; otherwise the whole change fails with VersionConflictError.
 */
export interface RateWrites {
  /** New rates owned by the contract, each with one draft revision, numbered with the state's next rate number. */
  create?: { id: string; revisionId: string; formData: RateFormData }[];
  /** Replaces the answers of rates' draft revisions. */
  save?: { rateId: string; revisionId: string; formData: RateFormData }[];
  /** Freezes rates' draft revisions with these (cleaned) answers. */
  submit?: { rateId: string; revisionId: string; formData: RateFormData; submitted: SubmitInfo }[];
  /** Opens a new draft revision on submitted rates (the contract is being unlocked). */
  open?: { rateId: string; revision: { id: string; formData: RateFormData }; unlocked: UnlockInfo }[];
  /**
   * Discards rates' draft revisions. With a `reversal` (an undo unlock) the draft is kept on its rate as a reversed
   * revision; without (the state left the rate out of its draft) it is gone. A rate whose only revision that was
   * (never submitted) is deleted with it, either way.
   */
  discard?: { rateId: string; revisionId: string; reversal?: ReversalInfo }[];
  /**
   * Rates this contract becomes the parent of, each taken from the contract named (its parent until now, which is
   * being withdrawn in the same write). The one exception to "every rate named is this contract's": the rate must
   * be `fromContractId`'s instead. Its revisions are untouched.
   */
  adopt?: { rateId: string; fromContractId: string }[];
  /** Appends a review decision to the rate's own (withdraw the rate, undo that). Its revisions are untouched. */
  review?: { rateId: string; reviewAction: RateReviewAction }[];
}

/**
 * One write to a contract, as a command plans it and a datastore applies it. The store does not decide whether a
 * change is allowed (the lifecycle, the policy and the command do); it guarantees that each change is applied
 * atomically with its event, only on top of the version it was based on, and that submitted revisions are never
 * altered. Each kind is one way the stored contract can change: a new action reuses one, or adds one here and
 * to each adapter.
 */
export type ContractChange =
  /** Replaces the answers and the rate links of the unsubmitted latest revision. */
  | {
      kind: 'SAVE_DRAFT';
      revisionId: string;
      formData: ContractFormData;
      rateLinks: RateLink[];
      rates?: RateWrites;
    }
  /** Freezes the unsubmitted latest revision with these (cleaned) answers and the rate revisions it went with. */
  | {
      kind: 'SUBMIT';
      revisionId: string;
      formData: ContractFormData;
      rateLinks: RateLink[];
      submitted: SubmitInfo;
      rates?: RateWrites;
    }
  /** Opens a new unsubmitted revision after the last submitted one. */
  | {
      kind: 'UNLOCK';
      revision: { id: string; formData: ContractFormData; rateLinks: RateLink[] };
      unlocked: UnlockInfo;
      rates?: RateWrites;
    }
  /**
   * Discards the unsubmitted latest revision (undo unlock): it leaves `revisions` and is kept, as it was, in
   * `reversedRevisions` with the reversal. Only a revision that follows a submitted one.
   */
  | { kind: 'DISCARD_DRAFT'; revisionId: string; reversal: ReversalInfo; rates?: RateWrites }
  /** Appends a review decision (approve, withdraw, and their undoing). */
  | { kind: 'REVIEW_ACTION'; reviewAction: ReviewAction }
  /** Sets the MC-CRS number. */
  | { kind: 'SET_MCCRS_ID'; mccrsId: string }
  /**
   * Takes over rates from their parent (`rates.adopt`), which is being withdrawn in the same write: the contract
   * itself is unchanged but for its version, which every change to the rates it owns moves.
   */
  | { kind: 'ADOPT_RATES'; rates: RateWrites }
  /**
   * A rate's own review decision, as it touches this contract (docs/adr/0028-rate-withdrawals.md): on its parent,
   * the rate's review action (and, when withdrawn, its open draft revision discarded); on any contract whose open
   * draft drops the withdrawn rate (or links it again when the withdrawal is undone), the draft's new rate links.
   * The submitted revisions are never touched; the contract's version moves, so no change races it.
   */
  | {
      kind: 'RATE_REVIEW';
      draftRateLinks: { revisionId: string; rateLinks: RateLink[] } | null;
      rates?: RateWrites;
    };

/** What a command decided: the change, and what its audit event says besides the action and the reason. */
export interface PlannedChange {
  change: ContractChange;
  /** The revision the event is about, if any. */
  revisionId: string | null;
  details?: AuditEvent['details'];
}

interface ChangeContext {
  /** The version the change is based on. */
  expectedVersion: number;
  at: string;
}

/** The change was based on a revision that is not (or no longer) the contract's draft. */
function staleRevision(ctx: ChangeContext, revisionId: string): VersionConflictError {
  return new VersionConflictError('ContractRevision', revisionId, ctx.expectedVersion, null);
}

/** Only an unsubmitted revision is ever written; a contract has at most one, and it is the latest. */
function draftOf(contract: Contract, ctx: ChangeContext, revisionId: string): ContractRevision {
  const draft = contract.revisions.find((r) => r.id === revisionId.toLowerCase() && r.submitted === null);
  if (!draft) throw staleRevision(ctx, revisionId);
  return draft;
}

function replaceRevision(contract: Contract, revision: ContractRevision): ContractRevision[] {
  return contract.revisions.map((r) => (r.id === revision.id ? revision : r));
}

/**
 * The contract after `change`, at the next version: what every adapter stores. (The rates the change writes are
 * each adapter's own business.)
 * @throws VersionConflictError when the change names a revision that is not the contract's unsubmitted latest.
 */
export function contractAfter(contract: Contract, change: ContractChange, ctx: ChangeContext): Contract {
  const next: Contract = { ...contract, version: contract.version + 1, updatedAt: ctx.at };
  switch (change.kind) {
    case 'SAVE_DRAFT': {
      const draft = draftOf(contract, ctx, change.revisionId);
      return {
        ...next,
        revisions: replaceRevision(contract, {
          ...draft,
          formData: change.formData,
          rateLinks: change.rateLinks,
          updatedAt: ctx.at,
        }),
      };
    }
    case 'SUBMIT': {
      const draft = draftOf(contract, ctx, change.revisionId);
      const submitted = {
        ...draft,
        formData: change.formData,
        rateLinks: change.rateLinks,
        updatedAt: ctx.at,
        submitted: change.submitted,
      };
      return { ...next, revisions: replaceRevision(contract, submitted) };
    }
    case 'UNLOCK': {
      const latest = contract.revisions.at(-1);
      // A draft is already open: a second one would break "at most the last revision is unsubmitted".
      if (!latest || latest.submitted === null) throw staleRevision(ctx, latest?.id ?? change.revision.id);
      const opened: ContractRevision = {
        id: change.revision.id,
        contractId: contract.id,
        number: latest.number + 1,
        formData: change.revision.formData,
        rateLinks: change.revision.rateLinks,
        createdAt: ctx.at,
        updatedAt: ctx.at,
        submitted: null,
        unlocked: change.unlocked,
      };
      return { ...next, revisions: [...contract.revisions, opened] };
    }
    case 'DISCARD_DRAFT': {
      const draft = draftOf(contract, ctx, change.revisionId);
      // The first revision is the contract's only one until it is submitted, and is never discarded.
      if (draft.number <= 1) throw staleRevision(ctx, change.revisionId);
      return {
        ...next,
        revisions: contract.revisions.filter((r) => r.id !== draft.id),
        reversedRevisions: [...contract.reversedRevisions, { ...draft, reversed: change.reversal }],
      };
    }
    case 'REVIEW_ACTION':
      return { ...next, reviewActions: [...contract.reviewActions, change.reviewAction] };
    case 'SET_MCCRS_ID':
      return { ...next, mccrsId: change.mccrsId };
    case 'ADOPT_RATES':
      return next;
    case 'RATE_REVIEW': {
      if (change.draftRateLinks === null) return next;
      const draft = draftOf(contract, ctx, change.draftRateLinks.revisionId);
      const rateLinks = change.draftRateLinks.rateLinks;
      return { ...next, revisions: replaceRevision(contract, { ...draft, rateLinks, updatedAt: ctx.at }) };
    }
  }
}
