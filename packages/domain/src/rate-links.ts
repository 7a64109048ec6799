import { z } from 'zod';
import { submitInfoSchema, type ContractRevision } from './contract';
import { ordinalSchema, recordIdSchema } from './record-fields';

/**
 * Which contracts link a rate, and since when: facts derived from the contracts' submitted revisions alone. A
 * submitted contract revision names every rate it went with and the rate revision of each (ADR 0004), and a
 * submitted revision is never altered, so the history of one contract's link to one rate is a pure function of
 * that contract. The datastores keep it beside the rate (docs/adr/0021-rate-links-read.md) and the conformance
 * suite checks that they answer exactly what `rateLinkHistories` derives.
 *
 * A state's draft is left out: what a draft links is the state's work in progress until it is submitted.
 */

/**
 * One submission of a contract, as it touched one rate: it included the rate (`rateRevisionId`, the revision of
 * the rate it went with), or it dropped a rate that the contract's previous submission included
 * (`rateRevisionId` null).
 */
export const rateLinkSubmissionSchema = z.object({
  /** The contract revision submitted. */
  revisionId: recordIdSchema,
  revisionNumber: ordinalSchema,
  submitted: submitInfoSchema,
  /** The rate revision the submission went with; null when it no longer included the rate. */
  rateRevisionId: recordIdSchema.nullable(),
});
export type RateLinkSubmission = z.infer<typeof rateLinkSubmissionSchema>;

/**
 * For every rate a submitted revision of the contract links (by id, as the revision names it), the submissions
 * that touched it, oldest first: each one that included it, and the next one after such a one when that one
 * did not include it.
 */
export function rateLinkHistories(contract: {
  revisions: readonly Pick<ContractRevision, 'id' | 'number' | 'submitted' | 'rateLinks'>[];
}): Map<string, RateLinkSubmission[]> {
  const histories = new Map<string, RateLinkSubmission[]>();
  let previous = new Set<string>();
  for (const revision of contract.revisions) {
    const submitted = revision.submitted;
    if (submitted === null) continue;
    const stamp = { revisionId: revision.id, revisionNumber: revision.number, submitted };
    const current = new Set<string>();
    for (const link of revision.rateLinks) {
      if (current.has(link.rateId)) continue;
      current.add(link.rateId);
      const entries = histories.get(link.rateId) ?? [];
      entries.push({ ...stamp, rateRevisionId: link.rateRevisionId });
      histories.set(link.rateId, entries);
    }
    for (const rateId of previous) {
      if (!current.has(rateId)) histories.get(rateId)?.push({ ...stamp, rateRevisionId: null });
    }
    previous = current;
  }
  return histories;
}

/** The rate revision the contract's last submission went with, or null when it did not include the rate. */
export function currentRateRevisionId(submissions: readonly RateLinkSubmission[]): string | null {
  return submissions.at(-1)?.rateRevisionId ?? null;
}
