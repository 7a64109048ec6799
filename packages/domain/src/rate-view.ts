import { z } from 'zod';
import { actorViewSchema, RATE_STATUSES, rateRevisionViewSchema } from './api';
import { CONSOLIDATED_STATUSES } from './contract';
import { RATE_CONSOLIDATED_STATUSES } from './rate';
import { rateAbilitiesSchema } from './rate-actions';
import { rateHistoryKindSchema } from './rate-history';

/** The shapes of `GET /api/rates/{id}`: a rate as its own page shows it (docs/adr/0021-rate-links-read.md). */

/** A contract as the rate's page names it: its generated name and its consolidated status. */
export const rateContractViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  status: z.enum(CONSOLIDATED_STATUSES),
});
export type RateContractView = z.infer<typeof rateContractViewSchema>;

/** A contract that links the rate: its parent, or one whose submissions linked it. */
export const rateLinkerViewSchema = rateContractViewSchema.extend({
  /** Whether this contract is the rate's parent (the one that edits it). */
  isParent: z.boolean(),
  /** When a submission of the contract first included the rate; null for a parent never submitted. */
  linkedAt: z.string().nullable(),
  /**
   * The revision of the rate that the contract's latest submission went with (its number), or null when that
   * submission no longer included the rate, or there has been none.
   */
  currentRateRevisionNumber: z.number().int().nullable(),
});
export type RateLinkerView = z.infer<typeof rateLinkerViewSchema>;

/** One entry of the rate's history. */
export const rateHistoryEntryViewSchema = z.object({
  kind: rateHistoryKindSchema,
  at: z.string(),
  actor: actorViewSchema,
  reason: z.string().nullable(),
  /** The contract whose submission or unlock this was, as the caller may see it. */
  contract: rateContractViewSchema,
  /** The number of the rate revision concerned (for an unlink, the one linked last). */
  rateRevisionNumber: z.number().int().nullable(),
  /**
   * For a withdrawal of the rate, the contracts it was detached from; for its undoing, those it was linked to again
   * (each as the caller may see it; empty for other entries).
   */
  contracts: z.array(rateContractViewSchema),
});
export type RateHistoryEntryView = z.infer<typeof rateHistoryEntryViewSchema>;

/** A rate certification as `GET /api/rates/{id}` answers it. */
export const rateDetailViewSchema = z.object({
  id: z.string(),
  stateCode: z.string(),
  stateNumber: z.number().int(),
  /** The name of the latest revision the caller may see. */
  name: z.string(),
  status: z.enum(RATE_STATUSES),
  /** WITHDRAWN when the rate was withdrawn on its own or with its parent contract (`rateReviewStatus`). */
  reviewStatus: z.enum(['UNDER_REVIEW', 'WITHDRAWN']),
  /** The one status to show: `status`, or WITHDRAWN (`rateConsolidatedStatus`). */
  consolidatedStatus: z.enum(RATE_CONSOLIDATED_STATUSES),
  /**
   * The parent contract's version: a rate changes only with its parent, so this is what a rate action may say it
   * was decided from (`version` of `POST /api/rates/{id}/withdraw`).
   */
  version: z.number().int(),
  /** The contract that owns the rate; its documents are downloaded through it (`/api/contracts/{id}/documents/…`). */
  parentContract: rateContractViewSchema,
  createdAt: z.string(),
  /** When the rate last changed, of what the caller may see. */
  updatedAt: z.string(),
  /** The revisions the caller may see, oldest first: every one, or for a reviewer only the submitted ones. */
  revisions: z.array(rateRevisionViewSchema),
  /** The parent first, then the contracts whose submissions linked the rate, each only if the caller may read it. */
  linkedContracts: z.array(rateLinkerViewSchema),
  /** Oldest first; entries of contracts the caller may not read are left out. */
  history: z.array(rateHistoryEntryViewSchema),
  /** What the caller may do to the rate now (`RATE_ACTIONS`). */
  abilities: rateAbilitiesSchema,
});
export type RateDetailView = z.infer<typeof rateDetailViewSchema>;
