import { z } from 'zod';
import { isoDateSchema } from './calendar-date';
import { contractFormDraftSchema } from './contract-form';
import { rateFormDraftSchema } from './rate-form';

/**
 * The bodies of the requests that change a contract, one per action of `CONTRACT_ACTIONS`. Each names the version
 * the change is based on; the rest is the action's input, as its command in `commands/` takes it.
 */

/** The longest reason an action may be given, in characters (code points), after trimming. */
export const REASON_MAX_LENGTH = 1500;

export const reasonSchema = z
  .string()
  .trim()
  .min(1, 'Give a reason')
  .max(REASON_MAX_LENGTH, `At most ${REASON_MAX_LENGTH} characters`);

/** A filing's number in the legacy MC-CRS system: four digits. */
export const MCCRS_ID_PATTERN = /^\d{4}$/;
export const MCCRS_ID_MESSAGE = 'The MC-CRS number has four digits';

export const versionSchema = z.number().int().positive();

/**
 * A rate on a draft: a new rate this contract owns (`rateId` null until the first save gives it one), or a
 * submitted rate of the state linked read-only.
 */
const rateIdSchema = z.uuid({ error: 'Must be a rate id' }).transform((id) => id.toLowerCase());
export const draftRateInputSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('NEW'), rateId: rateIdSchema.nullable(), formData: rateFormDraftSchema }),
  z.object({ kind: z.literal('LINKED'), rateId: rateIdSchema }),
]);
export type DraftRateInput = z.infer<typeof draftRateInputSchema>;
/** Rates on one contract. Keeps a submission with all its rates within one DynamoDB transaction. */
export const MAX_RATES = 20;

/**
 * Saves a draft: the contract answers and its rates, in order. Owned rates left out of `rates` are removed (a
 * rate never submitted is deleted; one submitted before keeps its history and leaves this draft).
 */
export const saveDraftRequestSchema = z.object({
  version: versionSchema,
  formData: contractFormDraftSchema,
  rates: z.array(draftRateInputSchema).max(MAX_RATES).default([]),
});
export type SaveDraftRequest = z.input<typeof saveDraftRequestSchema>;
export const submitRequestSchema = z.object({ version: versionSchema });
export const reasonRequestSchema = z.object({ version: versionSchema, reason: reasonSchema });
export const approveRequestSchema = z.object({
  version: versionSchema,
  dateApprovalReleasedToState: isoDateSchema,
  reason: reasonSchema.optional(),
});
export const mccrsIdRequestSchema = z.object({
  version: versionSchema,
  mccrsId: z.string().regex(MCCRS_ID_PATTERN, MCCRS_ID_MESSAGE),
});
