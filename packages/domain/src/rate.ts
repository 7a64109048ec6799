import { z } from 'zod';
import {
  contractStatus,
  filedRecordShape,
  reversalInfoSchema,
  revisionShape,
  type Contract,
} from './contract';
import { rateFormDraftSchema, rateName, type RateFormData } from './rate-form';
import { recordIdSchema } from './record-fields';
import type { Program } from './reference-data';

/** A rate on a contract revision; defined beside the revision that holds it. */
export type { RateLink } from './contract';

/** One version of a rate's answers. Write-once after `submitted` is set, like a contract revision. */
export const rateRevisionSchema = z.object({
  ...revisionShape,
  rateId: recordIdSchema,
  formData: rateFormDraftSchema,
});
export type RateRevision = z.infer<typeof rateRevisionSchema>;

/** A draft revision of the rate that an undo unlock of its parent discarded, with the reversal. */
export const reversedRateRevisionSchema = rateRevisionSchema.extend({ reversed: reversalInfoSchema });
export type ReversedRateRevision = z.infer<typeof reversedRateRevisionSchema>;

/**
 * A rate certification (DOMAIN §3.3): its own entity, numbered by its state's rate counter. Only its parent
 * contract edits it, and every write to it is part of a write to that contract (guarded by the contract's
 * version); other contracts of the state may link its submitted revisions read-only.
 */
export const rateSchema = z.object({
  ...filedRecordShape,
  /** The contract that created the rate and is the only one that can edit it. */
  parentContractId: recordIdSchema,
  /** Oldest first; never empty. At most the last one is unsubmitted. */
  revisions: z.array(rateRevisionSchema),
  /** The draft revisions undo unlocks discarded, oldest first; none in records stored before they were kept. */
  reversedRevisions: z.array(reversedRateRevisionSchema).default([]),
});
export type Rate = z.infer<typeof rateSchema>;

export type RateStatus = 'DRAFT' | 'SUBMITTED' | 'UNLOCKED' | 'RESUBMITTED';

export function latestRateRevision(rate: Pick<Rate, 'revisions'>): RateRevision {
  const last = rate.revisions.at(-1);
  if (!last) throw new Error('A rate always has at least one revision');
  return last;
}

export function lastSubmittedRateRevision(rate: Pick<Rate, 'revisions'>): RateRevision | undefined {
  return rate.revisions.filter((r) => r.submitted !== null).at(-1);
}

/**
 * When the rate last changed as everyone who may read it sees it: while a draft revision is open, the time it was
 * opened; otherwise the time of the last change (as `sharedUpdatedAt` of a contract).
 */
export function sharedRateUpdatedAt(rate: Pick<Rate, 'revisions' | 'updatedAt'>): string {
  const latest = latestRateRevision(rate);
  return latest.submitted === null ? latest.createdAt : rate.updatedAt;
}

export function rateStatus(rate: Pick<Rate, 'revisions'>): RateStatus {
  const submitted = rate.revisions.filter((r) => r.submitted !== null).length;
  if (!latestRateRevision(rate).submitted) return submitted === 0 ? 'DRAFT' : 'UNLOCKED';
  return submitted === 1 ? 'SUBMITTED' : 'RESUBMITTED';
}

/** Whether the rate has been submitted at least once (a draft rate can never be linked). */
export function isLinkable(rate: Pick<Rate, 'revisions'>): boolean {
  return lastSubmittedRateRevision(rate) !== undefined;
}

/**
 * Whether a contract of `stateCode` may link this rate: a submitted rate of the same state whose parent contract
 * is not withdrawn (a withdrawn filing's rates are withdrawn with it).
 */
export function canBeLinked(
  rate: Pick<Rate, 'revisions' | 'stateCode'>,
  parent: Pick<Contract, 'revisions' | 'reviewActions'> | undefined,
  stateCode: string,
): boolean {
  return (
    rate.stateCode === stateCode &&
    isLinkable(rate) &&
    parent !== undefined &&
    contractStatus(parent) !== 'WITHDRAWN'
  );
}

/**
 * The generated name of a rate revision's answers, or a placeholder naming the rate by its number while the
 * answers that make the name are still missing.
 */
export function rateRevisionName(
  rate: Pick<Rate, 'stateCode' | 'stateNumber'>,
  form: RateFormData,
  statePrograms: readonly Program[],
): string {
  const { rateType, rateDateStart, rateDateEnd, rateDateCertified } = form;
  if (!rateType || !rateDateStart || !rateDateEnd || !rateDateCertified) {
    return `Rate ${rate.stateCode}-${String(rate.stateNumber).padStart(4, '0')} (draft)`;
  }
  const byId = new Map(statePrograms.map((p) => [p.id, p]));
  return rateName({
    stateCode: rate.stateCode,
    programs: form.rateProgramIDs.flatMap((id) => byId.get(id) ?? []),
    rateType,
    rateDateStart,
    rateDateEnd,
    rateDateCertified,
    amendmentEffectiveDateStart: form.amendmentEffectiveDateStart,
    amendmentEffectiveDateEnd: form.amendmentEffectiveDateEnd,
  });
}
