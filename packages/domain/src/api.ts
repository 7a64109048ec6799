import { z } from 'zod';
import {
  CONSOLIDATED_STATUSES,
  rateLinkSchema,
  REVIEW_STATUSES,
  reviewActionSchema,
  submitInfoSchema,
  SUBMISSION_STATUSES,
  unlockInfoSchema,
} from './contract';
import { contractFormDraftSchema, storedContractFormSchema, SUBMISSION_TYPES } from './contract-form';
import { ADMIN_ACTIONS } from './admin.policy';
import { abilitiesSchema } from './contract-actions';
import { historyNoteSchema } from './contract-history';
import { eventDetailsSchema } from './events';
import { discardedDraftSchema } from './revision-diff/discarded-drafts';
import { documentRefSchema } from './form-fields';
import { RATE_CONSOLIDATED_STATUSES } from './rate';
import { rateFormDraftSchema, RATE_TYPES } from './rate-form';
import { programSchema, stateSchema } from './reference-data';
import { actorRefSchema, userSchema } from './users';
import { stateAnalystSchema } from './analysts';
import { assignableReviewerSchema, reviewerAssignmentSchema } from './contract-reviewers';

/**
 * The HTTP API's shapes, shared by the server (which validates and documents them) and the web app (which reads
 * them). Requests are validated at the edge with these; responses are described by them in the OpenAPI document.
 */

export const loginRequestSchema = z.object({
  email: z.string().trim().min(1, 'Enter your email').max(254),
  password: z.string().min(1, 'Enter your password').max(256),
});

/** A user as the API shows it: the whole record (it holds no secret; credentials are kept apart). */
export const userViewSchema = userSchema;
export type UserView = z.infer<typeof userViewSchema>;

/** The pages a user's journey starts from: the state's own filings, or the submissions CMS reviews. */
export const HOME_PAGES = ['STATE_DASHBOARD', 'CMS_DASHBOARD'] as const;
export type HomePage = (typeof HOME_PAGES)[number];

/**
 * What the user may do outside any one filing, from the policy (`userAbilities`): the web app shows pages and
 * buttons from these and never looks at a role itself.
 */
export const userAbilitiesSchema = z.object({
  /** May start a new filing (of the user's own state). */
  canStartFiling: z.boolean(),
  /** May upload documents (into the user's state's filings). */
  canUpload: z.boolean(),
  /** The page the user's journey starts from. */
  home: z.enum(HOME_PAGES),
  /** The back-office actions the user may take (`admin.policy.ts`). */
  admin: z.array(z.enum(ADMIN_ACTIONS)),
});
export type UserAbilities = z.infer<typeof userAbilitiesSchema>;

/**
 * When the caller's session ends: `idleExpiresAt` unless there is activity before (each request moves it later,
 * at most about once a minute), and `expiresAt` whatever happens (its absolute lifetime). The idle expiry is never
 * later than the end. Also sent on every API answer of a live session, as the headers `x-session-idle-expires` and
 * `x-session-expires`.
 */
export const sessionTimesSchema = z.object({
  idleExpiresAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  /** How long without activity ends a session, as configured (`DOCKET_SESSION_IDLE_MINUTES`). */
  idleSeconds: z.number().int().positive(),
});
export type SessionTimes = z.infer<typeof sessionTimesSchema>;

/**
 * Answer to login and to `GET /api/me`: who is logged in, what they may do, and the token to send as
 * `x-csrf-token` on writes.
 */
export const sessionViewSchema = z.object({
  user: userViewSchema,
  abilities: userAbilitiesSchema,
  csrfToken: z.string(),
  /** When this session idles out and when it ends. */
  session: sessionTimesSchema,
});

export type SessionView = z.infer<typeof sessionViewSchema>;

/** The answer to "log out of other sessions" and to ending a user's sessions: how many were ended. */
export const sessionsEndedSchema = z.object({ ended: z.number().int().nonnegative() });
export type SessionsEnded = z.infer<typeof sessionsEndedSchema>;

export const stateViewSchema = stateSchema;
export const programViewSchema = programSchema;
export type ProgramView = z.infer<typeof programViewSchema>;

export const actorViewSchema = actorRefSchema;

export const rateLinkViewSchema = rateLinkSchema;

export const revisionViewSchema = z.object({
  id: z.string(),
  number: z.number().int(),
  /** In the version of the form it was written in (`schemaVersion`); a draft is always current. */
  formData: storedContractFormSchema,
  /** The rates on this revision, in order; a submitted revision names the rate revisions it went with. */
  rateLinks: z.array(rateLinkViewSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
  submitted: submitInfoSchema.nullable(),
  unlocked: unlockInfoSchema.nullable(),
});
export type RevisionView = z.infer<typeof revisionViewSchema>;

export const rateRevisionViewSchema = z.object({
  id: z.string(),
  number: z.number().int(),
  /** The generated rate name for these answers (a placeholder while they are incomplete). */
  name: z.string(),
  formData: rateFormDraftSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
  submitted: submitInfoSchema.nullable(),
  unlocked: unlockInfoSchema.nullable(),
});
export type RateRevisionView = z.infer<typeof rateRevisionViewSchema>;

export const RATE_STATUSES = ['DRAFT', 'SUBMITTED', 'UNLOCKED', 'RESUBMITTED'] as const;

/** A rate certification with all its revisions. */
export const rateViewSchema = z.object({
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
  parentContractId: z.string(),
  /** The generated name of the parent contract. */
  parentContractName: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  revisions: z.array(rateRevisionViewSchema),
});
export type RateView = z.infer<typeof rateViewSchema>;

/** A submitted rate another contract of the state may link, as the picker lists it. */
export const linkableRateViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  status: z.enum(RATE_STATUSES),
  parentContractId: z.string(),
  parentContractName: z.string(),
  programNames: z.array(z.string()),
  rateDateStart: z.string().nullable(),
  rateDateEnd: z.string().nullable(),
  lastSubmittedAt: z.string(),
});
export type LinkableRateView = z.infer<typeof linkableRateViewSchema>;
export const linkableRateListViewSchema = z.object({
  items: z.array(linkableRateViewSchema),
  nextCursor: z.string().nullable(),
});

export const eventViewSchema = z.object({
  id: z.string(),
  at: z.string(),
  actor: actorViewSchema.nullable(),
  action: z.string(),
  reason: z.string().nullable(),
  revisionId: z.string().nullable(),
  /** The event's details as recorded (the MC-CRS number set, the approval's release date, …). */
  details: eventDetailsSchema,
  /** What the event did to rates: the rates a submission added, linked or dropped, a rate that moved. */
  notes: z.array(historyNoteSchema),
});
export type EventView = z.infer<typeof eventViewSchema>;

/** A whole contract as `GET /api/contracts/{id}` and every contract write answer it. */
export const contractViewSchema = z.object({
  id: z.string(),
  stateCode: z.string(),
  stateNumber: z.number().int(),
  name: z.string(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  mccrsId: z.string().nullable(),
  status: z.enum(CONSOLIDATED_STATUSES),
  submissionStatus: z.enum(SUBMISSION_STATUSES),
  reviewStatus: z.enum(REVIEW_STATUSES),
  /**
   * The revisions the caller may see, oldest first: every one, or for a reviewer only the submitted ones (the
   * state's unsubmitted draft is the state's until it resubmits).
   */
  revisions: z.array(revisionViewSchema),
  /**
   * The unlock that opened the current draft, while there is one (who, when, why), for every reader, whether or
   * not they see the draft.
   */
  unlocked: unlockInfoSchema.nullable(),
  /**
   * Every rate the revisions above link (owned or linked), each with the revisions of it the caller may see.
   */
  rates: z.array(rateViewSchema),
  reviewActions: z.array(reviewActionSchema),
  history: z.array(eventViewSchema),
  /**
   * The drafts undo unlocks discarded, oldest first, each with what it changed from the submission it was opened
   * from: for whoever sees the state's work in progress; empty for anyone else.
   */
  discardedDrafts: z.array(discardedDraftSchema),
  abilities: abilitiesSchema,
  /** The reviewers assigned to the filing, by time assigned; empty for a reader who does not see them (a state). */
  reviewers: z.array(reviewerAssignmentSchema),
  /** Whether the caller may assign reviewers to the filing, or take them off (`canAssignReviewers`). */
  canAssignReviewers: z.boolean(),
});
export type ContractView = z.infer<typeof contractViewSchema>;

/** `POST /api/contracts/{id}/reviewers`: whom to assign. */
export const assignReviewerRequestSchema = z.object({
  userId: z
    .uuid({ error: 'Must be the id of a user' })
    .describe('The reviewer: an enabled CMS user or approver'),
});

/** `GET /api/reviewers`: a page of the reviewers that may be assigned, by email. */
export const assignableReviewersViewSchema = z.object({
  items: z.array(assignableReviewerSchema),
  nextCursor: z.string().nullable(),
});
export type AssignableReviewersView = z.infer<typeof assignableReviewersViewSchema>;

/** `GET /api/states/{code}/analysts`: the state's analysts, by name. */
export const stateAnalystsViewSchema = z.array(stateAnalystSchema);

/** One row of a dashboard. */
export const contractSummaryViewSchema = z.object({
  id: z.string(),
  stateCode: z.string(),
  name: z.string(),
  status: z.enum(CONSOLIDATED_STATUSES),
  submissionType: z.enum(SUBMISSION_TYPES).nullable(),
  programNames: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
  firstSubmittedAt: z.string().nullable(),
  lastSubmittedAt: z.string().nullable(),
});
export type ContractSummaryView = z.infer<typeof contractSummaryViewSchema>;

export const contractListViewSchema = z.object({
  items: z.array(contractSummaryViewSchema),
  nextCursor: z.string().nullable(),
});

/** A row of the rate reviews dashboard (`GET /api/rates`), as the page and its CSV show it. */
export const rateSummaryViewSchema = z.object({
  id: z.string(),
  stateCode: z.string(),
  stateNumber: z.number().int(),
  /** The generated name of the rate's last submission. */
  name: z.string(),
  programNames: z.array(z.string()),
  rateType: z.enum(RATE_TYPES).nullable(),
  ratingPeriodStart: z.string().nullable(),
  ratingPeriodEnd: z.string().nullable(),
  firstSubmittedAt: z.string(),
  /** When the rate last changed as reviewers see it. */
  updatedAt: z.string(),
  status: z.enum(RATE_CONSOLIDATED_STATUSES),
  /** The contract that owns (is the parent of) the rate. */
  parentContract: z.object({ id: z.string(), name: z.string() }).nullable(),
});
export type RateSummaryView = z.infer<typeof rateSummaryViewSchema>;

export const rateListViewSchema = z.object({
  items: z.array(rateSummaryViewSchema),
  nextCursor: z.string().nullable(),
});
export type RateListView = z.infer<typeof rateListViewSchema>;

export const createContractRequestSchema = z.object({ formData: contractFormDraftSchema.optional() });
/** What `POST /api/documents` answers: the stored file, ready to be put in a document list of a draft. */
export const uploadedDocumentViewSchema = z.object({ document: documentRefSchema });
export type UploadedDocumentView = z.infer<typeof uploadedDocumentViewSchema>;

/** RFC 9457 problem details, with Docket's stable `code` and the fields at fault. */
export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  code: z.string(),
  issues: z
    .array(z.object({ path: z.array(z.union([z.string(), z.number()])), message: z.string() }))
    .optional(),
});
export type Problem = z.infer<typeof problemSchema>;
