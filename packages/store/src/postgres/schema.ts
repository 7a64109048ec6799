import { sql, type SQLWrapper } from 'drizzle-orm';
import {
  boolean,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/**
 * The Docket schema. `drizzle-kit generate` (npm run db:generate -w @docket/store) turns changes here into a new
 * numbered SQL file under `packages/store/drizzle/`, which both drivers apply. Never edit a committed migration.
 *
 * This file imports nothing but Drizzle so that drizzle-kit can load it on its own.
 */

/** The SQL type of every point in time. */
export const ISO_TIME_SQL_TYPE = 'timestamp (3) with time zone';

/** A time as PostgreSQL writes it (as text or in JSON), as the domain's ISO string in UTC. */
export function toIsoTime(value: string): string {
  return new Date(value).toISOString();
}

/**
 * A point in time. Stored as timestamptz with millisecond precision (the precision of the ISO strings the domain
 * uses) and read back as an ISO string in UTC, so a time round-trips exactly whatever the session's time zone.
 */
const isoTime = customType<{ data: string; driverData: string }>({
  dataType: () => ISO_TIME_SQL_TYPE,
  fromDriver: toIsoTime,
});

export const states = pgTable('states', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  lastContractNumber: integer('last_contract_number').notNull().default(0),
  lastRateNumber: integer('last_rate_number').notNull().default(0),
});

export const programs = pgTable(
  'programs',
  {
    id: uuid('id').primaryKey(),
    stateCode: text('state_code')
      .notNull()
      .references(() => states.code),
    name: text('name').notNull(),
    fullName: text('full_name').notNull(),
    isRateProgram: boolean('is_rate_program').notNull(),
    isDeprecated: boolean('is_deprecated').notNull(),
  },
  (t) => [index('programs_state_name_idx').on(t.stateCode, t.name)],
);

/**
 * The users who may be assigned to review a filing: enabled CMS users and approvers (the domain's
 * `isAssignableReviewer`), as SQL on the table's own column names, for the partial index and its query alike.
 */
export const ASSIGNABLE_REVIEWER = `"users"."role" in ('CMS_USER', 'CMS_APPROVER') and "users"."disabled" = false`;

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey(),
    email: text('email').notNull(),
    givenName: text('given_name').notNull(),
    familyName: text('family_name').notNull(),
    role: text('role').notNull(),
    stateCode: text('state_code'),
    division: text('division'),
    assignedStates: text('assigned_states')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    disabled: boolean('disabled').notNull().default(false),
    createdAt: isoTime('created_at').notNull(),
    /** Rows written before users had versions are at version 1. */
    version: integer('version').notNull().default(1),
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    passwordHash: text('password_hash'),
  },
  (t) => [
    // Emails are unique without regard to case; the same index serves look-ups and the list order.
    uniqueIndex('users_email_lower_unique').on(sql`lower(${t.email})`),
    // The administration's searches by role and by state, each in the list order (docs/adr/0030-user-administration.md).
    index('users_role_email_idx').on(t.role, sql`lower(${t.email})`),
    index('users_state_email_idx').on(t.stateCode, sql`lower(${t.email})`),
    index('users_assigned_states_idx').using('gin', t.assignedStates),
    // The last-admin guard locks the enabled administrators: few rows, found at once.
    index('users_enabled_admins_idx')
      .on(t.id)
      .where(sql`${t.role} = 'ADMIN' and not ${t.disabled}`),
    // The reviewers that may be assigned to a filing, by email (`UserStore.listAssignableReviewers`).
    index('users_assignable_reviewers_idx')
      .on(sql`lower(${t.email})`)
      .where(sql.raw(ASSIGNABLE_REVIEWER)),
  ],
);

/** Sessions are not tied to users by a foreign key: the session store must work the same on every adapter. */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: uuid('user_id').notNull(),
    csrfToken: text('csrf_token').notNull(),
    createdAt: isoTime('created_at').notNull(),
    expiresAt: isoTime('expires_at').notNull(),
    idleExpiresAt: isoTime('idle_expires_at').notNull(),
  },
  // By expiry for the clean-up; by user for ending every session of one user.
  (t) => [index('sessions_expires_at_idx').on(t.expiresAt), index('sessions_user_id_idx').on(t.userId)],
);

/**
 * Counters of failed logins (`LoginAttemptStore`), one row per key. Short-lived: a row whose `forget_at` has passed
 * is treated as absent and deleted as new rows arrive (the index finds them). Not a record: never copied or backed up.
 */
export const loginFailures = pgTable(
  'login_failures',
  {
    key: text('key').primaryKey(),
    failures: integer('failures').notNull(),
    lastFailureAt: isoTime('last_failure_at').notNull(),
    forgetAt: isoTime('forget_at').notNull(),
  },
  (t) => [index('login_failures_forget_at_idx').on(t.forgetAt)],
);

/**
 * The first submission as the drafts-included dashboard sorts it: contracts never submitted come after every
 * submitted one in both directions, so they sort as the end of time when ascending (`ASC`) and as its beginning
 * when descending. Index and query use this same expression, so the index serves the order.
 */
export function submittedOrNullsLast(direction: 'ASC' | 'DESC', firstSubmittedAt: SQLWrapper) {
  return direction === 'ASC'
    ? sql`coalesce(${firstSubmittedAt}, 'infinity'::timestamptz)`
    : sql`coalesce(${firstSubmittedAt}, '-infinity'::timestamptz)`;
}

export const contracts = pgTable(
  'contracts',
  {
    id: uuid('id').primaryKey(),
    stateCode: text('state_code')
      .notNull()
      .references(() => states.code),
    stateNumber: integer('state_number').notNull(),
    version: integer('version').notNull(),
    createdAt: isoTime('created_at').notNull(),
    updatedAt: isoTime('updated_at').notNull(),
    /** Set by the first SUBMIT and never changed again; orders the CMS dashboard. */
    firstSubmittedAt: isoTime('first_submitted_at'),
    mccrsId: text('mccrs_id'),
    // The summary facts (the domain's ContractSummary, docs/adr/0012-list-projection.md): what a dashboard row
    // shows, moved by every change in the same UPDATE that moves the version. Rows written before they existed
    // hold nulls here until `migrate()` fills them.
    lastSubmittedAt: isoTime('last_submitted_at'),
    /** The latest revision's slice (`SummarySlice` as JSON). */
    latestSlice: jsonb('latest_slice'),
    /** The last submitted revision's slice; null before the first submission. */
    submittedSlice: jsonb('submitted_slice'),
    submittedCount: integer('submitted_count').notNull().default(0),
    draftOpen: boolean('draft_open').notNull().default(true),
    lastReviewAction: text('last_review_action'),
    sharedUpdatedAt: isoTime('shared_updated_at'),
    /**
     * The version the facts above were last made true at. A change moves it with the version only while they
     * are equal, so facts that ever fell behind (never filled, or a write by a release that did not keep them)
     * stay marked until `migrate()` computes them again from the whole contract; lists read such rows whole.
     */
    summaryVersion: integer('summary_version'),
    /**
     * The drafts undo unlocks discarded, as the domain's `ReversedContractRevision[]` (oldest first): kept on the
     * row, never as revisions, so that nothing that reads revisions meets them (docs/adr/0026-reversed-revisions.md).
     */
    reversedRevisions: jsonb('reversed_revisions')
      .notNull()
      .default(sql`'[]'::jsonb`),
    /**
     * The consolidated status the dashboards filter on (the domain's `summaryStatus`), derived by the engine from
     * the summary columns above in every statement that writes them: it cannot disagree with them, and rows of an
     * older release got it when the column was added.
     */
    listStatus: text('list_status').generatedAlwaysAs(sql`case
      when last_review_action = 'APPROVE' then 'APPROVED'
      when last_review_action = 'WITHDRAW' then 'WITHDRAWN'
      when draft_open then case when submitted_count = 0 then 'DRAFT' else 'UNLOCKED' end
      when coalesce((submitted_slice ->> 'chipOnly')::boolean, false) then 'NOT_SUBJECT_TO_REVIEW'
      when submitted_count = 1 then 'SUBMITTED'
      else 'RESUBMITTED' end`),
  },
  (t) => [
    // Also serves listByState (newest first by state number).
    unique('contracts_state_number_unique').on(t.stateCode, t.stateNumber),
    index('contracts_created_at_idx').on(t.createdAt, t.id),
    index('contracts_first_submitted_at_idx')
      .on(t.firstSubmittedAt, t.id)
      .where(sql`${t.firstSubmittedAt} is not null`),
    // The dashboards (ADR 0023-dashboard-lists.md): one index per view and sort, alone and after the state, each
    // read forwards or backwards. The NAME sort of the drafts-included view reads contracts_state_number_unique.
    index('contracts_list_updated_idx').on(t.updatedAt, t.id),
    index('contracts_list_state_updated_idx').on(t.stateCode, t.updatedAt, t.id),
    index('contracts_list_submitted_last_idx').on(submittedOrNullsLast('ASC', t.firstSubmittedAt), t.id),
    index('contracts_list_state_submitted_last_idx').on(
      t.stateCode,
      submittedOrNullsLast('ASC', t.firstSubmittedAt),
      t.id,
    ),
    index('contracts_list_submitted_first_idx').on(submittedOrNullsLast('DESC', t.firstSubmittedAt), t.id),
    index('contracts_list_state_submitted_first_idx').on(
      t.stateCode,
      submittedOrNullsLast('DESC', t.firstSubmittedAt),
      t.id,
    ),
    index('contracts_list_shared_updated_idx')
      .on(t.sharedUpdatedAt, t.id)
      .where(sql`${t.firstSubmittedAt} is not null`),
    index('contracts_list_state_shared_updated_idx')
      .on(t.stateCode, t.sharedUpdatedAt, t.id)
      .where(sql`${t.firstSubmittedAt} is not null`),
    index('contracts_list_state_first_submitted_idx')
      .on(t.stateCode, t.firstSubmittedAt, t.id)
      .where(sql`${t.firstSubmittedAt} is not null`),
    // The reviewers' view filtered by status, in each of its orders.
    index('contracts_list_status_shared_updated_idx')
      .on(t.listStatus, t.sharedUpdatedAt, t.id)
      .where(sql`${t.firstSubmittedAt} is not null`),
    index('contracts_list_status_first_submitted_idx')
      .on(t.listStatus, t.firstSubmittedAt, t.id)
      .where(sql`${t.firstSubmittedAt} is not null`),
    index('contracts_list_status_name_idx')
      .on(t.listStatus, t.stateCode, t.stateNumber)
      .where(sql`${t.firstSubmittedAt} is not null`),
    index('contracts_list_submitted_name_idx')
      .on(t.stateCode, t.stateNumber)
      .where(sql`${t.firstSubmittedAt} is not null`),
    // Empty once every summary is current: finds the rows `migrate()` has to fill without reading the others.
    index('contracts_summary_behind_idx')
      .on(t.id)
      .where(sql`${t.summaryVersion} is distinct from ${t.version}`),
  ],
);

export const contractRevisions = pgTable(
  'contract_revisions',
  {
    id: uuid('id').primaryKey(),
    contractId: uuid('contract_id')
      .notNull()
      .references(() => contracts.id),
    number: integer('number').notNull(),
    formData: jsonb('form_data').notNull(),
    /** The revision's rate links, in order: `{ rateId, rateRevisionId }[]`. */
    rateLinks: jsonb('rate_links')
      .notNull()
      .default(sql`'[]'::jsonb`),
    createdAt: isoTime('created_at').notNull(),
    updatedAt: isoTime('updated_at').notNull(),
    submittedAt: isoTime('submitted_at'),
    submittedBy: jsonb('submitted_by'),
    submittedReason: text('submitted_reason'),
    unlockedAt: isoTime('unlocked_at'),
    unlockedBy: jsonb('unlocked_by'),
    unlockedReason: text('unlocked_reason'),
  },
  (t) => [
    unique('contract_revisions_number_unique').on(t.contractId, t.number),
    // The contracts whose submissions link a rate (RateStore.listLinkers): `rate_links @> [{"rateId": …}]`.
    index('contract_revisions_submitted_rate_links_idx')
      .using('gin', sql`${t.rateLinks} jsonb_path_ops`)
      .where(sql`${t.submittedAt} is not null`),
  ],
);

/** Rate certifications: numbered by their state's rate counter, owned (and only edited) by a parent contract. */
export const rates = pgTable(
  'rates',
  {
    id: uuid('id').primaryKey(),
    stateCode: text('state_code')
      .notNull()
      .references(() => states.code),
    stateNumber: integer('state_number').notNull(),
    parentContractId: uuid('parent_contract_id')
      .notNull()
      .references(() => contracts.id),
    createdAt: isoTime('created_at').notNull(),
    updatedAt: isoTime('updated_at').notNull(),
    /**
     * Set by the rate's first submitted revision and never changed again (submitted revisions are never
     * deleted): a rate is linkable from then on, and the partial index below lists exactly those.
     */
    firstSubmittedAt: isoTime('first_submitted_at'),
    /** The rate's draft revisions undo unlocks discarded, as the domain's `ReversedRateRevision[]`, oldest first. */
    reversedRevisions: jsonb('reversed_revisions')
      .notNull()
      .default(sql`'[]'::jsonb`),
    // The rate reviews dashboard's facts (the domain's `rateSummaryOf`, docs/adr/0027-rate-reviews-dashboard.md),
    // written from the whole rate in the same transaction as every change that moves them; null until the rate is
    // first submitted (and, for rows of an older release, until `migrate()` fills them).
    /** When the rate last changed as everyone sees it (`sharedRateUpdatedAt`). */
    sharedUpdatedAt: isoTime('shared_updated_at'),
    /** The rating period's start of the last submission, `YYYY-MM-DD` as text (any year sorts as a date). */
    periodStart: text('period_start'),
    rateType: text('rate_type'),
    /** The consolidated rate status (`rateListStatus`). */
    listStatus: text('list_status'),
    /** The last submitted revision's slice (`RateSlice` as JSON). */
    submittedSlice: jsonb('submitted_slice'),
    /** The rate's own review decisions, oldest first (`RateReviewAction[]`): append-only, few, read with the rate. */
    reviewActions: jsonb('review_actions')
      .notNull()
      .default(sql`'[]'::jsonb`),
  },
  (t) => [
    unique('rates_state_number_unique').on(t.stateCode, t.stateNumber),
    // Also the rate reviews dashboard's order by name, alone or after the state.
    index('rates_linkable_idx')
      .on(t.stateCode, t.stateNumber)
      .where(sql`${t.firstSubmittedAt} is not null`),
    index('rates_parent_idx').on(t.parentContractId, t.stateNumber),
    // The rate reviews dashboard: each order alone, after the state, and after the status, read either way.
    index('rates_list_submitted_idx')
      .on(t.firstSubmittedAt, t.id)
      .where(sql`${t.firstSubmittedAt} is not null`),
    index('rates_list_state_submitted_idx')
      .on(t.stateCode, t.firstSubmittedAt, t.id)
      .where(sql`${t.firstSubmittedAt} is not null`),
    index('rates_list_status_submitted_idx')
      .on(t.listStatus, t.firstSubmittedAt, t.id)
      .where(sql`${t.firstSubmittedAt} is not null`),
    index('rates_list_updated_idx')
      .on(t.sharedUpdatedAt, t.id)
      .where(sql`${t.firstSubmittedAt} is not null`),
    index('rates_list_state_updated_idx')
      .on(t.stateCode, t.sharedUpdatedAt, t.id)
      .where(sql`${t.firstSubmittedAt} is not null`),
    index('rates_list_status_updated_idx')
      .on(t.listStatus, t.sharedUpdatedAt, t.id)
      .where(sql`${t.firstSubmittedAt} is not null`),
    index('rates_list_period_idx')
      .on(t.periodStart, t.id)
      .where(sql`${t.firstSubmittedAt} is not null`),
    index('rates_list_state_period_idx')
      .on(t.stateCode, t.periodStart, t.id)
      .where(sql`${t.firstSubmittedAt} is not null`),
    index('rates_list_status_period_idx')
      .on(t.listStatus, t.periodStart, t.id)
      .where(sql`${t.firstSubmittedAt} is not null`),
    index('rates_list_status_name_idx')
      .on(t.listStatus, t.stateCode, t.stateNumber)
      .where(sql`${t.firstSubmittedAt} is not null`),
    // Empty once every submitted rate has its facts: what `migrate()` fills.
    index('rates_summary_missing_idx')
      .on(t.id)
      .where(sql`${t.firstSubmittedAt} is not null and ${t.listStatus} is null`),
  ],
);

export const rateRevisions = pgTable(
  'rate_revisions',
  {
    id: uuid('id').primaryKey(),
    rateId: uuid('rate_id')
      .notNull()
      .references(() => rates.id),
    number: integer('number').notNull(),
    formData: jsonb('form_data').notNull(),
    createdAt: isoTime('created_at').notNull(),
    updatedAt: isoTime('updated_at').notNull(),
    submittedAt: isoTime('submitted_at'),
    submittedBy: jsonb('submitted_by'),
    submittedReason: text('submitted_reason'),
    unlockedAt: isoTime('unlocked_at'),
    unlockedBy: jsonb('unlocked_by'),
    unlockedReason: text('unlocked_reason'),
  },
  (t) => [unique('rate_revisions_number_unique').on(t.rateId, t.number)],
);

export const reviewActions = pgTable(
  'review_actions',
  {
    id: uuid('id').primaryKey(),
    contractId: uuid('contract_id')
      .notNull()
      .references(() => contracts.id),
    action: text('action').notNull(),
    at: isoTime('at').notNull(),
    by: jsonb('by').notNull(),
    reason: text('reason'),
    dateApprovalReleasedToState: date('date_approval_released_to_state', { mode: 'string' }),
  },
  (t) => [index('review_actions_contract_idx').on(t.contractId, t.at, t.id)],
);

/**
 * Reviewers assigned to a filing. Not part of the contract's versioned record (its version does not move), so an
 * assignment never conflicts with the state's edits or a review action; the key makes each reviewer once per filing.
 */
export const contractReviewers = pgTable(
  'contract_reviewers',
  {
    contractId: uuid('contract_id')
      .notNull()
      .references(() => contracts.id),
    userId: uuid('user_id').notNull(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: text('role').notNull(),
    assignedBy: jsonb('assigned_by').notNull(),
    assignedAt: isoTime('assigned_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.contractId, t.userId] }),
    // "Assigned to me": a reviewer's filings.
    index('contract_reviewers_user_idx').on(t.userId, t.contractId),
  ],
);

/**
 * The audit log. No foreign keys: the log is append-only and outlives whatever it mentions, and events may be
 * appended on their own.
 */
export const events = pgTable(
  'events',
  {
    id: uuid('id').primaryKey(),
    at: isoTime('at').notNull(),
    actor: jsonb('actor'),
    action: text('action').notNull(),
    reason: text('reason'),
    stateCode: text('state_code'),
    contractId: uuid('contract_id'),
    revisionId: uuid('revision_id'),
    details: jsonb('details').notNull(),
  },
  (t) => [
    index('events_contract_idx').on(t.contractId, t.at, t.id),
    // A filing's milestones (its history as its page shows it), without the draft saves of a long-edited draft.
    index('events_milestones_idx')
      .on(t.contractId, t.at, t.id)
      .where(sql`${t.action} <> 'SAVE_DRAFT'`),
    index('events_at_idx').on(t.at, t.id),
    // The audit log's filters, each in the log's order (docs/adr/0029-audit-log-and-email-settings.md).
    index('events_actor_idx').on(sql`(${t.actor}->>'userId')`, t.at, t.id),
    index('events_action_idx').on(t.action, t.at, t.id),
    index('events_state_idx').on(t.stateCode, t.at, t.id),
  ],
);

/**
 * The email settings, one row per saved version; the highest version is the current one. Rows are never changed:
 * a save inserts the next version, and the primary key lets only one of two racing saves have it.
 */
export const emailSettingsVersions = pgTable('email_settings_versions', {
  version: integer('version').primaryKey(),
  settings: jsonb('settings').notNull(),
  savedAt: isoTime('saved_at').notNull(),
  savedBy: jsonb('saved_by'),
});
