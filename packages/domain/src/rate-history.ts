import { z } from 'zod';
import type { SubmitInfo, UnlockInfo } from './contract';
import type { RateLinkSubmission } from './rate-links';
import type { RateReviewAction, RateRevision } from './rate';
import type { ActorRef } from './users';

/**
 * A rate's history, derived from what its revisions and its linking contracts' submitted revisions record
 * (docs/adr/0021-rate-links-read.md): the submissions of its parent that submitted it, the unlocks that opened it
 * again, each contract's submissions that linked it, kept linking it, or dropped it, and the rate's own review
 * actions (withdrawn, and undone, with the contracts each touched). Nothing here is read from the audit log: every
 * fact is on a record that is never altered once written (review actions are only ever appended).
 */

export const RATE_HISTORY_KINDS = [
  /** The parent contract's submission submitted a revision of the rate. */
  'SUBMITTED',
  /** An unlock of the parent contract opened a new revision of the rate. */
  'UNLOCKED',
  /** A contract's submission included the rate, which its previous submission (if any) did not. */
  'LINKED',
  /** A contract's resubmission included the rate again, as its previous submission did. */
  'INCLUDED',
  /** A contract's resubmission no longer included the rate, which its previous submission did. */
  'UNLINKED',
  /** CMS withdrew the rate: it was detached from the contracts named. */
  'RATE_WITHDRAWN',
  /** CMS undid the rate's withdrawal: it was linked again to the contracts named. */
  'WITHDRAWAL_UNDONE',
] as const;
export type RateHistoryKind = (typeof RATE_HISTORY_KINDS)[number];

/** One entry of a rate's history. */
export interface RateHistoryEntry {
  kind: RateHistoryKind;
  at: string;
  by: ActorRef;
  reason: string | null;
  /** The contract whose action this was. */
  contractId: string;
  /** The number of the rate revision concerned: submitted, opened, or linked (for UNLINKED, the one linked last). */
  rateRevisionNumber: number | null;
  /** For the rate's own review actions: the contracts it was detached from, or linked to again. */
  contractIds: string[];
}

export const rateHistoryKindSchema = z.enum(RATE_HISTORY_KINDS);

/** What the history is derived from: the rate's revisions and each linking contract's submissions that touched it. */
export interface RateHistorySources {
  parentContractId: string;
  revisions: readonly Pick<RateRevision, 'id' | 'number' | 'submitted' | 'unlocked'>[];
  linkers: readonly { contractId: string; submissions: readonly RateLinkSubmission[] }[];
  /** The rate's own review actions (absent: none). */
  reviewActions?: readonly RateReviewAction[];
}

const KIND_ORDER = new Map(RATE_HISTORY_KINDS.map((kind, index) => [kind, index]));

/** The rate's history, oldest first (ties in the order of `RATE_HISTORY_KINDS`, then by contract id). */
export function rateHistory({
  parentContractId,
  revisions,
  linkers,
  reviewActions = [],
}: RateHistorySources): RateHistoryEntry[] {
  const numberOf = new Map(revisions.map((r) => [r.id, r.number]));
  const entries: RateHistoryEntry[] = [];
  const stamped = (
    kind: RateHistoryKind,
    stamp: SubmitInfo | UnlockInfo,
    contractId: string,
    rateRevisionNumber: number | null,
  ) =>
    entries.push({
      kind,
      at: stamp.at,
      by: stamp.by,
      reason: stamp.reason,
      contractId,
      rateRevisionNumber,
      contractIds: [],
    });

  for (const revision of revisions) {
    if (revision.unlocked) stamped('UNLOCKED', revision.unlocked, parentContractId, revision.number);
    if (revision.submitted) stamped('SUBMITTED', revision.submitted, parentContractId, revision.number);
  }
  for (const action of reviewActions) {
    entries.push({
      kind: action.action === 'WITHDRAW' ? 'RATE_WITHDRAWN' : 'WITHDRAWAL_UNDONE',
      at: action.at,
      by: action.by,
      reason: action.reason,
      contractId: parentContractId,
      rateRevisionNumber: null,
      contractIds: action.contractIds,
    });
  }
  for (const { contractId, submissions } of linkers) {
    const isParent = contractId.toLowerCase() === parentContractId.toLowerCase();
    let previous: string | null = null;
    for (const submission of submissions) {
      const current = submission.rateRevisionId;
      const number = (id: string | null) => (id === null ? null : (numberOf.get(id) ?? null));
      if (current === null) {
        stamped('UNLINKED', submission.submitted, contractId, number(previous));
      } else if (!(isParent && submittedWith(revisions, current, submission))) {
        // The parent's submission that submitted the rate is its SUBMITTED entry already.
        stamped(previous === null ? 'LINKED' : 'INCLUDED', submission.submitted, contractId, number(current));
      }
      previous = current;
    }
  }
  return entries.sort(
    (a, b) =>
      Date.parse(a.at) - Date.parse(b.at) ||
      (KIND_ORDER.get(a.kind) ?? 0) - (KIND_ORDER.get(b.kind) ?? 0) ||
      (a.contractId < b.contractId ? -1 : a.contractId > b.contractId ? 1 : 0),
  );
}

/** Whether the rate revision was submitted by this very submission (same time, same submitter). */
function submittedWith(
  revisions: RateHistorySources['revisions'],
  rateRevisionId: string,
  submission: RateLinkSubmission,
): boolean {
  const revision = revisions.find((r) => r.id === rateRevisionId);
  return revision?.submitted?.at === submission.submitted.at;
}
