import { z } from 'zod';
import type { Contract } from './contract';
import type { AuditEvent } from './events';
import { rateRevisionName, type Rate } from './rate';
import type { Program } from './reference-data';

/**
 * What a contract's history says of its rates beside each event (DOMAIN §5, "History"): the rates a submission
 * added, linked or dropped, and the rates that moved between contracts when one was withdrawn. Derived from the
 * contract's submitted revisions (never altered) and the events' details; each note names the rate, and the other
 * contract when there is one. A new kind (a rate withdrawn, say) is one entry in `HISTORY_NOTE_KINDS` and its case.
 */

export const HISTORY_NOTE_KINDS = [
  /** A submission included a new rate of the contract's own (submitted with it). */
  'RATE_ADDED',
  /** A submission linked another contract's rate. */
  'RATE_LINKED',
  /** A submission no longer included a rate that the previous submission did. */
  'RATE_REMOVED',
  /** The contract became a rate's parent, taking it from a withdrawn contract (`contract`). */
  'RATE_TAKEN_OVER',
  /** A rate of the contract, withdrawn, moved to another contract that links it (`contract`). */
  'RATE_MOVED_AWAY',
  /** A rate withdrawn on its own, detached from this contract too. */
  'RATE_WITHDRAWN',
  /** A rate's own withdrawal undone. */
  'RATE_WITHDRAWAL_UNDONE',
] as const;
export type HistoryNoteKind = (typeof HISTORY_NOTE_KINDS)[number];

const namedSchema = z.object({ id: z.string(), name: z.string() });

export const historyNoteSchema = z.object({
  kind: z.enum(HISTORY_NOTE_KINDS),
  rate: namedSchema,
  /** The other contract concerned, if any. */
  contract: namedSchema.nullable(),
});
export type HistoryNote = z.infer<typeof historyNoteSchema>;

export interface HistoryNoteSources {
  contract: Pick<Contract, 'id' | 'revisions'>;
  events: readonly Pick<AuditEvent, 'id' | 'action' | 'revisionId' | 'details'>[];
  /** The rates the contract's revisions link, with their revisions. */
  rates: readonly Rate[];
  programs: readonly Program[];
  /** The names of the other contracts known, by id (lower case). */
  contractNames: ReadonlyMap<string, string>;
}

/** The notes of each event that has some, by event id. */
export function historyNotes({
  contract,
  events,
  rates,
  programs,
  contractNames,
}: HistoryNoteSources): Map<string, HistoryNote[]> {
  const byId = new Map(rates.map((r) => [r.id.toLowerCase(), r]));
  const rateNamed = (rateId: string, revisionId: string | null) => {
    const rate = byId.get(rateId.toLowerCase());
    const revision =
      rate?.revisions.find((r) => r.id === revisionId) ?? rate?.revisions.filter((r) => r.submitted).at(-1);
    const name = rate && revision ? rateRevisionName(rate, revision.formData, programs) : `Rate ${rateId}`;
    return { id: rateId, name };
  };
  const contractNamed = (id: string, fallback: string | undefined) => ({
    id,
    name: contractNames.get(id.toLowerCase()) ?? fallback ?? `Submission ${id}`,
  });
  const submitted = contract.revisions.filter((r) => r.submitted !== null);
  const notes = new Map<string, HistoryNote[]>();
  for (const event of events) {
    const found: HistoryNote[] = [];
    if ((event.action === 'SUBMIT' || event.action === 'RESUBMIT') && event.revisionId) {
      const index = submitted.findIndex((r) => r.id === event.revisionId);
      const revision = submitted[index];
      if (!revision?.submitted) continue;
      const before = new Map(
        (submitted[index - 1]?.rateLinks ?? []).map((l) => [l.rateId, l.rateRevisionId]),
      );
      const now = new Set(revision.rateLinks.map((l) => l.rateId));
      for (const link of revision.rateLinks) {
        if (before.has(link.rateId)) continue;
        const linked = byId
          .get(link.rateId.toLowerCase())
          ?.revisions.find((r) => r.id === link.rateRevisionId);
        const own = linked?.submitted?.at === revision.submitted.at;
        const rate = rateNamed(link.rateId, link.rateRevisionId);
        found.push({ kind: own ? 'RATE_ADDED' : 'RATE_LINKED', rate, contract: null });
      }
      for (const [rateId, rateRevisionId] of before) {
        if (!now.has(rateId))
          found.push({ kind: 'RATE_REMOVED', rate: rateNamed(rateId, rateRevisionId), contract: null });
      }
    } else if (event.action === 'REPARENT_RATE') {
      const { rateId, fromContractId, toContractId, fromContractName, toContractName } = event.details;
      if (
        typeof rateId !== 'string' ||
        typeof fromContractId !== 'string' ||
        typeof toContractId !== 'string'
      ) {
        continue;
      }
      const takenOver = toContractId.toLowerCase() === contract.id.toLowerCase();
      const other = takenOver
        ? contractNamed(fromContractId, typeof fromContractName === 'string' ? fromContractName : undefined)
        : contractNamed(toContractId, typeof toContractName === 'string' ? toContractName : undefined);
      found.push({
        kind: takenOver ? 'RATE_TAKEN_OVER' : 'RATE_MOVED_AWAY',
        rate: rateNamed(rateId, null),
        contract: other,
      });
    } else if (event.action === 'WITHDRAW_RATE' || event.action === 'UNDO_WITHDRAW_RATE') {
      const { rateId } = event.details;
      if (typeof rateId !== 'string') continue;
      found.push({
        kind: event.action === 'WITHDRAW_RATE' ? 'RATE_WITHDRAWN' : 'RATE_WITHDRAWAL_UNDONE',
        rate: rateNamed(rateId, null),
        contract: null,
      });
    }
    if (found.length > 0) notes.set(event.id, found);
  }
  return notes;
}
