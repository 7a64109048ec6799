import { z } from 'zod';
import { reversalInfoSchema, unlockInfoSchema, type Contract, type ContractRevision } from '../contract';
import type { Rate, RateRevision } from '../rate';
import { ordinalSchema, recordIdSchema } from '../record-fields';
import type { Program } from '../reference-data';
import { contractChanges, contractChangesSchema, type ContractChanges } from './revision-diff';

/**
 * What each draft an undo unlock discarded held (docs/adr/0026-reversed-revisions.md), told as what it changed
 * from the submission it was opened from: the state's unsubmitted edits, as the summary page's history shows them.
 */

export const discardedDraftSchema = z.object({
  /** The discarded revision (the UNDO_UNLOCK event's `revisionId`). */
  id: recordIdSchema,
  number: ordinalSchema,
  /** The unlock that opened it. */
  unlocked: unlockInfoSchema.nullable(),
  /** The undo unlock that discarded it. */
  reversed: reversalInfoSchema,
  /** The submission it was opened from, which the changes start from (its number). */
  fromNumber: ordinalSchema,
  changes: contractChangesSchema,
});
export type DiscardedDraft = z.infer<typeof discardedDraftSchema>;

/**
 * The rate revision a discarded draft's link stood for when it was discarded: the rate's draft discarded with it
 * (same reversal), else the last revision of the rate submitted by then.
 */
function linkedThen(rate: Rate | undefined, reversedAt: string): RateRevision | undefined {
  if (!rate) return undefined;
  const kept = rate.reversedRevisions.find((r) => r.reversed.at === reversedAt);
  if (kept) return kept;
  const then = Date.parse(reversedAt);
  return rate.revisions.filter((r) => r.submitted !== null && Date.parse(r.submitted.at) <= then).at(-1);
}

/**
 * Each discarded draft of the contract, oldest first, with what it changed from the submission before it. `rates`
 * are the rates the filing links, with their reversed revisions; a rate only the discarded draft had (created or
 * linked in it) is named by its id.
 */
export function discardedDrafts(
  contract: Pick<Contract, 'revisions' | 'reversedRevisions'>,
  rates: readonly Rate[],
  programs: readonly Program[],
): DiscardedDraft[] {
  const byId = new Map(rates.map((r) => [r.id, r]));
  return contract.reversedRevisions.flatMap((draft) => {
    const from = contract.revisions.filter((r) => r.submitted !== null && r.number < draft.number).at(-1);
    if (!from) return [];
    const resolved = new Map<string, RateRevision>();
    const to: ContractRevision = {
      ...draft,
      rateLinks: draft.rateLinks.map(({ rateId }) => {
        const revision = linkedThen(byId.get(rateId), draft.reversed.at);
        if (revision) resolved.set(revision.id, revision);
        return { rateId, rateRevisionId: revision?.id ?? rateId };
      }),
    };
    const withKept = rates.map((rate) => ({
      ...rate,
      revisions: [...rate.revisions, ...rate.reversedRevisions.filter((r) => resolved.has(r.id))],
    }));
    return [
      {
        id: draft.id,
        number: draft.number,
        unlocked: draft.unlocked,
        reversed: draft.reversed,
        fromNumber: from.number,
        changes: withoutUntouchedRates(contractChanges({ from, to, rates: withKept, programs })),
      },
    ];
  });
}

/**
 * A rate the unlock opened is on another revision in the draft even if the state never touched it: unlike a
 * resubmission, a draft that left a rate as it was did not revise it.
 */
function withoutUntouchedRates(changes: ContractChanges): ContractChanges {
  const rates = changes.rates.filter(
    (rate) =>
      rate.kind !== 'REVISED' ||
      !rate.changes ||
      rate.changes.answers.length + rate.changes.contacts.length + rate.changes.documents.length > 0,
  );
  const { answers, contacts, documents } = changes;
  const unchanged = answers.length + contacts.length + documents.length + rates.length === 0;
  return { ...changes, rates, unchanged };
}
