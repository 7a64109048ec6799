import { z } from 'zod';
import type { ConsolidatedStatus } from './contract';
import { contractName } from './contract-name';
import {
  RATE_CONSOLIDATED_STATUSES,
  lastSubmittedRateRevision,
  rateConsolidatedStatus,
  rateRevisionName,
  sharedRateUpdatedAt,
  type Rate,
} from './rate';
import { emptyRateForm, RATE_TYPES, type RateFormData } from './rate-form';
import { recordIdSchema, recordTimeSchema } from './record-fields';
import type { Program } from './reference-data';

/**
 * A rate reviews dashboard row's facts (DOMAIN §6): what the list shows of a rate, small enough to be stored beside
 * the rate's identity and read without its revisions. Every fact is derived from the whole rate and its parent's
 * status by {@link rateSummaryOf}, the one function each datastore calls when a change moves them, in the same
 * write as the change.
 */

const calendarDate = z.string().max(10);

/** What a row needs of the last submitted revision's answers: what names the rate, and what the columns show. */
export const rateSliceSchema = z.object({
  rateType: z.enum(RATE_TYPES).nullable(),
  /** The program ids chosen, in the order chosen. */
  programIds: z.array(z.string()),
  rateDateStart: calendarDate.nullable(),
  rateDateEnd: calendarDate.nullable(),
  rateDateCertified: calendarDate.nullable(),
  amendmentEffectiveDateStart: calendarDate.nullable(),
  amendmentEffectiveDateEnd: calendarDate.nullable(),
});
export type RateSlice = z.infer<typeof rateSliceSchema>;

export const rateSummarySchema = z.object({
  id: recordIdSchema,
  stateCode: z.string(),
  stateNumber: z.number().int(),
  parentContractId: recordIdSchema,
  /** The time of the rate's first submission. */
  firstSubmittedAt: recordTimeSchema,
  /** When the rate last changed as everyone sees it (`sharedRateUpdatedAt`). */
  sharedUpdatedAt: recordTimeSchema,
  status: z.enum(RATE_CONSOLIDATED_STATUSES),
  /** The last submitted revision's slice. */
  submitted: rateSliceSchema,
});
export type RateSummary = z.infer<typeof rateSummarySchema>;

export function rateSliceOf(form: RateFormData): RateSlice {
  return {
    rateType: form.rateType ?? null,
    programIds: [...form.rateProgramIDs],
    rateDateStart: form.rateDateStart ?? null,
    rateDateEnd: form.rateDateEnd ?? null,
    rateDateCertified: form.rateDateCertified ?? null,
    amendmentEffectiveDateStart: form.amendmentEffectiveDateStart ?? null,
    amendmentEffectiveDateEnd: form.amendmentEffectiveDateEnd ?? null,
  };
}

/**
 * The dashboard facts of a rate whose parent contract has this consolidated status, or null for a rate never submitted (CMS never sees it, and
 * the dashboard does not list it). What every datastore stores for the rate must equal this.
 */
export function rateSummaryOf(rate: Rate, parentStatus: ConsolidatedStatus): RateSummary | null {
  const submitted = lastSubmittedRateRevision(rate);
  const first = rate.revisions.find((revision) => revision.submitted !== null)?.submitted?.at;
  if (submitted === undefined || first === undefined) return null;
  return {
    id: rate.id,
    stateCode: rate.stateCode,
    stateNumber: rate.stateNumber,
    parentContractId: rate.parentContractId,
    firstSubmittedAt: first,
    sharedUpdatedAt: sharedRateUpdatedAt(rate),
    status: rateConsolidatedStatus(parentStatus, rate),
    submitted: rateSliceOf(submitted.formData),
  };
}

/** The parent contract of a listed rate, as much as names it. */
export interface RateListParent {
  id: string;
  stateNumber: number;
  /** The programs of the parent's last submission (its latest revision before any). */
  programIds: string[];
}

/** One rate of a dashboard page: its facts and its parent contract (null if the parent is not stored). */
export interface RateListItem {
  summary: RateSummary;
  parent: RateListParent | null;
}

/** A dashboard row as shown: names from the state's programs (unknown ids are left out). */
export interface RateSummaryRow {
  name: string;
  programs: Program[];
  parentName: string | null;
}

export function rateSummaryRow(item: RateListItem, programs: readonly Program[]): RateSummaryRow {
  const byId = new Map(programs.map((p) => [p.id, p]));
  const known = (ids: readonly string[]) =>
    ids.map((id) => byId.get(id)).filter((p): p is Program => p !== undefined);
  const { summary, parent } = item;
  const slice = summary.submitted;
  const form: RateFormData = {
    ...emptyRateForm(),
    rateProgramIDs: slice.programIds,
    rateType: slice.rateType ?? undefined,
    rateDateStart: slice.rateDateStart ?? undefined,
    rateDateEnd: slice.rateDateEnd ?? undefined,
    rateDateCertified: slice.rateDateCertified ?? undefined,
    amendmentEffectiveDateStart: slice.amendmentEffectiveDateStart ?? undefined,
    amendmentEffectiveDateEnd: slice.amendmentEffectiveDateEnd ?? undefined,
  };
  return {
    name: rateRevisionName(summary, form, programs),
    programs: known(slice.programIds),
    parentName:
      parent === null ? null : contractName(summary.stateCode, parent.stateNumber, known(parent.programIds)),
  };
}
