import {
  auditEventSchema,
  emailSettingsVersionSchema,
  contractRevisionSchema,
  contractSchema,
  firstSubmittedAt,
  normalizeEmail,
  programSchema,
  reviewActionSchema,
  storedContractSummary,
  summaryFactsOf,
  summaryStatus,
  type AuditEvent,
  type EmailSettingsVersion,
  type Contract,
  type ContractSummary,
  type ContractRevision,
  type Program,
  type ReversalInfo,
  type ReversedContractRevision,
  type ReviewAction,
  type User,
  userSearchText,
} from '@docket/domain';
import { z } from 'zod';
import { sessionSchema, type Session } from '../session-store';
import { stateRecordSchema, type StateRecord } from '../state-store';
import { userWithCredentialsSchema, type UserWithCredentials } from '../user-store';
import { storedTime, storedUuid, storedUuidOrNull } from './errors';
import {
  contractNumberSort,
  emailSettingsSort,
  EVENT_ACTION_INDEX,
  EVENT_ACTOR_INDEX,
  EVENT_STATE_INDEX,
  eventLists,
  GLOBAL_INDEX,
  globalKeyFor,
  keys,
  listKeyFor,
  OWNER_INDEX,
  owners,
  SHARED_INDEX,
  STATE_SHARED_INDEX,
  STATE_SUBMITTED_INDEX,
  STATE_UPDATED_INDEX,
  stateLists,
  SUBMITTED_CONTRACTS_INDEX,
  submittedKeyFor,
  timeAndId,
  TTL_ATTRIBUTE,
  UPDATED_INDEX,
  type Entity,
} from './keys';

/**
 * Items to and from domain types. Writing, every record becomes its items with their keys and index keys, ids
 * and times normalized as the PostgreSQL adapter stores them. Reading, nothing that comes back from the table is
 * trusted to have the domain's shape: every item is parsed here with zod, so a bad item fails loudly at the
 * storage boundary instead of somewhere in a use case.
 */

/** One item as written: attribute name to value, in the document client's native form. */
export type Item = Record<string, unknown>;

export function entity<E extends Entity>(name: E) {
  return z.literal(name);
}

/**
 * An item of one kind read as its record: its `entity` is checked, then the record's schema reads the item and
 * drops what is not the record's (keys, index attributes, the entity).
 */
export function itemOf<T>(kind: Entity, record: z.ZodType<T>): z.ZodType<T> {
  return z
    .looseObject({ entity: entity(kind) })
    .transform((item): unknown => item)
    .pipe(record);
}

const stateSchema = itemOf('STATE', stateRecordSchema);
const programItemSchema = itemOf('PROGRAM', programSchema);

const userSchema = z
  .looseObject({ entity: entity('USER'), passwordHash: z.unknown() })
  .transform((item): { user: unknown; passwordHash: unknown } => ({
    user: item,
    passwordHash: item.passwordHash,
  }))
  .pipe(userWithCredentialsSchema);

const emailSchema = z.object({ entity: entity('EMAIL'), userId: z.string() });

const sessionItemSchema = itemOf('SESSION', sessionSchema);

const contractSchemaOfItem = itemOf(
  'CONTRACT',
  contractSchema.omit({ revisions: true, reviewActions: true }),
);

/** The attributes of a contract item that count the revisions and review actions of its partition. */
export const CHILD_COUNT_ATTRIBUTES = {
  revisions: 'revisionCount',
  reviewActions: 'reviewActionCount',
} as const;

/** What a read checks a contract item by: its version and, when it keeps them, its counts of children. */
const contractStampSchema = z.object({
  entity: entity('CONTRACT'),
  version: z.number().int(),
  [CHILD_COUNT_ATTRIBUTES.revisions]: z.number().int().optional(),
  [CHILD_COUNT_ATTRIBUTES.reviewActions]: z.number().int().optional(),
});
export type ContractStamp = z.infer<typeof contractStampSchema>;

export function toContractStamp(item: unknown): ContractStamp {
  return contractStampSchema.parse(item);
}

const revisionSchema = itemOf(
  'REVISION',
  // Revisions written before rates were entities have no links.
  contractRevisionSchema.extend({ rateLinks: contractRevisionSchema.shape.rateLinks.default([]) }),
);

const reviewActionItemSchema = itemOf('REVIEW_ACTION', reviewActionSchema);

const eventSchema = itemOf('EVENT', auditEventSchema);

const entityOnly = z.object({ entity: z.string() });

/** What an item is, read from its `entity` attribute. */
export function entityOf(item: unknown): string {
  return entityOnly.parse(item).entity;
}

// ---- states and programs

export function stateItem(record: StateRecord): Item {
  return {
    ...keys.state(record.code),
    entity: 'STATE',
    code: record.code,
    name: record.name,
    lastContractNumber: record.lastContractNumber,
    lastRateNumber: record.lastRateNumber,
    [GLOBAL_INDEX.partition]: globalKeyFor('STATES', record.code),
    [GLOBAL_INDEX.sort]: record.code,
  };
}

export function toStateRecord(item: unknown): StateRecord {
  return stateSchema.parse(item);
}

export function programItem(program: Program): Item {
  const id = storedUuid(program.id);
  return {
    ...keys.program(id),
    entity: 'PROGRAM',
    id,
    stateCode: program.stateCode,
    name: program.name,
    fullName: program.fullName,
    isRateProgram: program.isRateProgram,
    isDeprecated: program.isDeprecated,
    [OWNER_INDEX.partition]: owners.statePrograms(program.stateCode),
    [OWNER_INDEX.sort]: program.name,
    [GLOBAL_INDEX.partition]: globalKeyFor('PROGRAMS', id),
    [GLOBAL_INDEX.sort]: id,
  };
}

export function toProgram(item: unknown): Program {
  return programItemSchema.parse(item);
}

// ---- users and sessions

export function userItem({ user, passwordHash }: UserWithCredentials): Item {
  const id = storedUuid(user.id);
  return {
    ...keys.user(id),
    entity: 'USER',
    id,
    email: user.email,
    givenName: user.givenName,
    familyName: user.familyName,
    role: user.role,
    stateCode: user.stateCode,
    division: user.division,
    assignedStates: [...user.assignedStates],
    disabled: user.disabled,
    createdAt: storedTime(user.createdAt),
    version: user.version,
    mustChangePassword: user.mustChangePassword,
    /** What the administration's text search looks in (`userSearchText`). */
    [USER_SEARCH_TEXT_ATTRIBUTE]: userSearchText(user),
    passwordHash,
    [GLOBAL_INDEX.partition]: globalKeyFor('USERS', id),
    [GLOBAL_INDEX.sort]: normalizeEmail(user.email),
  };
}

/** The attribute of a user item that a text search reads. */
export const USER_SEARCH_TEXT_ATTRIBUTE = 'searchText';

/** The guard item that holds an email (in normal form) for one user. */
export function emailItem(user: User): Item {
  return { ...keys.email(user.email), entity: 'EMAIL', userId: storedUuid(user.id) };
}

export function toUserWithCredentials(item: unknown): UserWithCredentials {
  return userSchema.parse(item);
}

export function toUser(item: unknown): User {
  return toUserWithCredentials(item).user;
}

/** The user id an email guard points to. */
export function toEmailOwner(item: unknown): string {
  return emailSchema.parse(item).userId;
}

export function sessionItem(session: Session): Item {
  const expiresAt = storedTime(session.expiresAt);
  return {
    ...keys.session(session.id),
    entity: 'SESSION',
    id: session.id,
    userId: storedUuid(session.userId),
    csrfToken: session.csrfToken,
    createdAt: storedTime(session.createdAt),
    expiresAt,
    idleExpiresAt: storedTime(session.idleExpiresAt),
    // Rounded up: the service may remove a session only once it has expired.
    [TTL_ATTRIBUTE]: Math.ceil(Date.parse(expiresAt) / 1000),
    [GLOBAL_INDEX.partition]: globalKeyFor('SESSIONS', session.id),
    [GLOBAL_INDEX.sort]: timeAndId(expiresAt, session.id),
    // Listed under their user, so every session of one user can be ended.
    [OWNER_INDEX.partition]: owners.userSessions(storedUuid(session.userId)),
    [OWNER_INDEX.sort]: session.id,
  };
}

export function toSession(item: unknown): Session {
  return sessionItemSchema.parse(item);
}

// ---- events

export function eventItem(event: AuditEvent): Item {
  const id = storedUuid(event.id);
  const at = storedTime(event.at);
  const contractId = storedUuidOrNull(event.contractId);
  return {
    ...keys.event(id),
    entity: 'EVENT',
    id,
    at,
    actor: event.actor,
    action: event.action,
    reason: event.reason,
    stateCode: event.stateCode,
    contractId,
    revisionId: storedUuidOrNull(event.revisionId),
    details: event.details,
    ...(contractId === null
      ? {}
      : {
          [OWNER_INDEX.partition]: owners.contractEvents(contractId),
          [OWNER_INDEX.sort]: timeAndId(at, id),
        }),
    [GLOBAL_INDEX.partition]: globalKeyFor('EVENTS', id),
    [GLOBAL_INDEX.sort]: timeAndId(at, id),
    ...eventListKeys(event, timeAndId(at, id)),
  };
}

/** The indexes an event item is listed in, beside the global one: a history copy is in none of them. */
export const EVENT_INDEXES = [
  OWNER_INDEX,
  GLOBAL_INDEX,
  EVENT_ACTOR_INDEX,
  EVENT_ACTION_INDEX,
  EVENT_STATE_INDEX,
];

/** An event's keys in the audit log's filter partitions (see `eventLists`). */
function eventListKeys(event: AuditEvent, sort: string): Item {
  return {
    ...(event.actor === null
      ? {}
      : {
          [EVENT_ACTOR_INDEX.partition]: eventLists.actor(event.actor.userId),
          [EVENT_ACTOR_INDEX.sort]: sort,
        }),
    [EVENT_ACTION_INDEX.partition]: eventLists.action(event.action),
    [EVENT_ACTION_INDEX.sort]: sort,
    ...(event.stateCode === null
      ? {}
      : { [EVENT_STATE_INDEX.partition]: eventLists.state(event.stateCode), [EVENT_STATE_INDEX.sort]: sort }),
  };
}

/** Whether an event item lacks the keys of the audit log's filters (written before they existed). */
export function lacksEventListKeys(item: Record<string, unknown>): boolean {
  return item[EVENT_ACTION_INDEX.partition] === undefined;
}

// ---- settings

export function emailSettingsItem(saved: EmailSettingsVersion): Item {
  if (saved.savedAt === null) throw new Error('Only a saved version of the email settings is stored');
  return {
    ...keys.emailSettings(saved.version),
    entity: 'EMAIL_SETTINGS',
    version: saved.version,
    settings: saved.settings,
    savedAt: storedTime(saved.savedAt),
    savedBy: saved.savedBy,
    [GLOBAL_INDEX.partition]: globalKeyFor('EMAIL_SETTINGS', String(saved.version)),
    [GLOBAL_INDEX.sort]: emailSettingsSort(saved.version),
  };
}

const emailSettingsItemSchema = itemOf('EMAIL_SETTINGS', emailSettingsVersionSchema);

export function toEmailSettingsVersion(item: unknown): EmailSettingsVersion {
  return emailSettingsItemSchema.parse(item);
}

export function toEvent(item: unknown): AuditEvent {
  return eventSchema.parse(item);
}

/**
 * The copy of a change's event kept in its contract's partition, stamped with the contract version the change
 * made: a contract's copies are exactly versions 1 to its version, one per change, which a read checks.
 */
export function historyItem(contractId: string, event: AuditEvent, version: number, copies = 1): Item {
  const fields = eventFields(event);
  return {
    ...fields,
    ...keys.history(storedUuid(contractId), String(fields.at), String(fields.id)),
    entity: 'HISTORY',
    version,
    // A change that records several events about the contract (a withdrawal that moves rates) keeps a copy of
    // each, all stamped with its version: each says how many there are, so a read can tell it saw them all.
    ...(copies > 1 ? { copies } : {}),
  };
}

/** An event as stored, without its keys. */
function eventFields(event: AuditEvent): Item {
  const { PK: _pk, SK: _sk, entity: _entity, ...fields } = eventItem(event);
  for (const index of EVENT_INDEXES) {
    delete fields[index.partition];
    delete fields[index.sort];
  }
  return fields;
}

const historySchema = z
  .looseObject({
    entity: entity('HISTORY'),
    version: z.number().int(),
    copies: z.number().int().min(1).optional(),
  })
  .transform((item): { version: number; copies: number; event: unknown } => ({
    version: item.version,
    copies: item.copies ?? 1,
    event: item,
  }))
  .pipe(z.object({ version: z.number().int(), copies: z.number().int(), event: auditEventSchema }));

/** A contract's history copy: the event, the contract version its change made, and how many copies that has. */
export function toHistoryEntry(item: unknown): { version: number; copies: number; event: AuditEvent } {
  return historySchema.parse(item);
}

// ---- contracts

/** A contract as items: the contract item, then one item per revision and per review action. */
export interface ContractItems {
  contract: Item;
  revisions: Item[];
  reviewActions: Item[];
}

function revisionItem(contractId: string, revision: ContractRevision): Item {
  return {
    ...keys.revision(contractId, revision.number),
    entity: 'REVISION',
    ...revisionAttributes(contractId, revision),
  };
}

/** A revision's own attributes, ids and times as stored. */
function revisionAttributes(contractId: string, revision: ContractRevision): Item {
  return {
    id: storedUuid(revision.id),
    contractId,
    number: revision.number,
    formData: revision.formData,
    rateLinks: revision.rateLinks.map(({ rateId, rateRevisionId }) => ({ rateId, rateRevisionId })),
    createdAt: storedTime(revision.createdAt),
    updatedAt: storedTime(revision.updatedAt),
    submitted: revision.submitted && { ...revision.submitted, at: storedTime(revision.submitted.at) },
    unlocked: revision.unlocked && { ...revision.unlocked, at: storedTime(revision.unlocked.at) },
  };
}

/** A discarded draft and its reversal, as the contract item keeps it. */
function reversedAttributes(contractId: string, revision: ReversedContractRevision): Item {
  return { ...revisionAttributes(contractId, revision), reversed: storedReversal(revision.reversed) };
}

/** A reversal (undo unlock) as stored: its time as every time is. */
export function storedReversal(reversal: ReversalInfo): ReversalInfo {
  return { ...reversal, at: storedTime(reversal.at) };
}

function reviewActionItem(contractId: string, action: ReviewAction): Item {
  const id = storedUuid(action.id);
  const at = storedTime(action.at);
  return {
    ...keys.reviewAction(contractId, at, id),
    entity: 'REVIEW_ACTION',
    id,
    action: action.action,
    at,
    by: action.by,
    reason: action.reason,
    dateApprovalReleasedToState: action.dateApprovalReleasedToState,
  };
}

/** A time of the summary, stored as every time is; null stays null. */
function storedTimeOrNull(time: string | null): string | null {
  return time === null ? null : storedTime(time);
}

/**
 * The summary facts of a contract item (docs/adr/0012-list-projection.md): derived from the whole contract each
 * time its item is written, which every change to the contract does, under the version condition. They are
 * current at `summaryVersion`; an item without them (written by an older release) is read whole by lists.
 */
function summaryAttributes(summary: ContractSummary): Item {
  return {
    lastSubmittedAt: storedTimeOrNull(summary.lastSubmittedAt),
    latestSlice: summary.latest,
    submittedSlice: summary.submitted,
    submittedCount: summary.submittedCount,
    draftOpen: summary.draftOpen,
    lastReviewAction: summary.lastReviewAction,
    sharedUpdatedAt: storedTime(summary.sharedUpdatedAt),
    summaryVersion: summary.version,
  };
}

/** The contract's summary facts, from its review actions in the order a read returns them. */
function storedSummaryOf(contract: Contract): ContractSummary {
  // A change appends its action, which may sort before others.
  const reviewActions = [...contract.reviewActions].sort(inStoredOrder);
  return summaryFactsOf({ ...contract, reviewActions });
}

/** The attribute that holds a contract's consolidated status, which dashboard lists filter on. */
export const LIST_STATUS_ATTRIBUTE = 'listStatus';

/**
 * The keys of the dashboard lists (docs/adr/0024-dynamodb-dashboard-lists.md) and the status they filter on, set
 * from the summary each time the item is written: by last update (all contracts), by shared last update and by
 * first submission (submitted ones; a draft sits in its state's, and the store's, drafts partitions by id).
 */
function listAttributes(id: string, summary: ContractSummary): Item {
  const { stateCode } = summary;
  const updated = timeAndId(storedTime(summary.updatedAt), id);
  const firstSubmitted = storedTimeOrNull(summary.firstSubmittedAt);
  const submitted =
    firstSubmitted === null
      ? {
          [STATE_SUBMITTED_INDEX.partition]: stateLists.drafts(stateCode),
          [STATE_SUBMITTED_INDEX.sort]: id,
          [SUBMITTED_CONTRACTS_INDEX.partition]: listKeyFor('DRAFTS', id),
          [SUBMITTED_CONTRACTS_INDEX.sort]: id,
        }
      : {
          [STATE_SUBMITTED_INDEX.partition]: stateLists.contracts(stateCode),
          [STATE_SUBMITTED_INDEX.sort]: timeAndId(firstSubmitted, id),
          [SUBMITTED_CONTRACTS_INDEX.partition]: submittedKeyFor(id),
          [SUBMITTED_CONTRACTS_INDEX.sort]: timeAndId(firstSubmitted, id),
        };
  const shared = timeAndId(storedTime(summary.sharedUpdatedAt), id);
  return {
    [LIST_STATUS_ATTRIBUTE]: summaryStatus(summary),
    [STATE_UPDATED_INDEX.partition]: stateLists.contracts(stateCode),
    [STATE_UPDATED_INDEX.sort]: updated,
    [UPDATED_INDEX.partition]: listKeyFor('UPDATED', id),
    [UPDATED_INDEX.sort]: updated,
    ...submitted,
    ...(firstSubmitted === null
      ? {}
      : {
          [STATE_SHARED_INDEX.partition]: stateLists.contracts(stateCode),
          [STATE_SHARED_INDEX.sort]: shared,
          [SHARED_INDEX.partition]: listKeyFor('SHARED', id),
          [SHARED_INDEX.sort]: shared,
        }),
  };
}

export function contractItems(contract: Contract): ContractItems {
  const id = storedUuid(contract.id);
  const createdAt = storedTime(contract.createdAt);
  const firstSubmitted = storedTimeOrNull(firstSubmittedAt(contract));
  const summary = storedSummaryOf(contract);
  return {
    contract: {
      ...keys.contract(id),
      entity: 'CONTRACT',
      id,
      stateCode: contract.stateCode,
      stateNumber: contract.stateNumber,
      version: contract.version,
      createdAt,
      updatedAt: storedTime(contract.updatedAt),
      mccrsId: contract.mccrsId,
      // Kept on the item, not as revision items: nothing that reads revisions may meet them (ADR 0026).
      reversedRevisions: contract.reversedRevisions.map((r) => reversedAttributes(id, r)),
      // How many children the partition holds at this version: a read checks that it found them all
      // (dynamodb-contract-reads.ts). Contract items written before these were kept have neither.
      [CHILD_COUNT_ATTRIBUTES.revisions]: contract.revisions.length,
      [CHILD_COUNT_ATTRIBUTES.reviewActions]: contract.reviewActions.length,
      // Derived from the revisions; orders the submitted list, so it never moves once set.
      firstSubmittedAt: firstSubmitted,
      ...summaryAttributes(summary),
      [OWNER_INDEX.partition]: owners.stateContracts(contract.stateCode),
      [OWNER_INDEX.sort]: contractNumberSort(contract.stateNumber),
      [GLOBAL_INDEX.partition]: globalKeyFor('CONTRACTS', id),
      [GLOBAL_INDEX.sort]: timeAndId(createdAt, id),
      ...listAttributes(id, summary),
    },
    revisions: contract.revisions.map((revision) => revisionItem(id, revision)),
    reviewActions: contract.reviewActions.map((action) => reviewActionItem(id, action)),
  };
}

/** The guard that keeps a revision id unique store-wide; it names the contract that holds the revision. */
export function revisionGuardItem(revisionId: string, contractId: string): Item {
  return { ...keys.revisionId(storedUuid(revisionId)), entity: 'REVISION_ID', contractId };
}

export function reviewActionGuardItem(reviewActionId: string, contractId: string): Item {
  return { ...keys.reviewActionId(storedUuid(reviewActionId)), entity: 'REVIEW_ACTION_ID', contractId };
}

/**
 * A contract from the items of its partition, in any order. Null when the partition holds no contract item
 * (nothing was ever written there, or a bulk write has not reached its contract item yet).
 */
export function toContract(items: readonly unknown[]): Contract | null {
  let contract: Omit<Contract, 'revisions' | 'reviewActions'> | null = null;
  const revisions: ContractRevision[] = [];
  const reviewActions: ReviewAction[] = [];
  for (const item of items) {
    const kind = entityOf(item);
    if (kind === 'CONTRACT') contract = contractSchemaOfItem.parse(item);
    else if (kind === 'REVISION') revisions.push(revisionSchema.parse(item));
    else if (kind === 'REVIEW_ACTION') reviewActions.push(reviewActionItemSchema.parse(item));
    else if (kind === 'HISTORY') continue;
    else throw new Error(`A contract partition holds an item of kind ${kind}`);
  }
  if (contract === null) return null;
  if (revisions.length === 0) throw new Error(`Contract ${contract.id} has no revision`);
  revisions.sort((a, b) => a.number - b.number);
  reviewActions.sort(inStoredOrder);
  return { ...contract, revisions, reviewActions };
}

/** What tells whether a contract item's summary facts are current. */
const summaryStampSchema = z.object({
  version: z.number().int(),
  summaryVersion: z.number().int().optional(),
});

/** A contract item, as an index projects it. */
const summaryItemSchema = z.looseObject({ entity: entity('CONTRACT') });

/**
 * A contract's summary from its item alone, or null when the item's summary facts are not current (an item
 * written by a release that did not keep them): the caller then reads that contract whole.
 */
export function toContractSummary(item: unknown): ContractSummary | null {
  const stamp = summaryStampSchema.parse(item);
  if (stamp.summaryVersion !== stamp.version) return null;
  return storedContractSummary(summaryItemSchema.parse(item));
}

/** The order of a contract's review actions: by time, then id, as stored (their sort keys' order). */
function inStoredOrder(a: ReviewAction, b: ReviewAction): number {
  return compare(storedTime(a.at), storedTime(b.at)) || compare(a.id.toLowerCase(), b.id.toLowerCase());
}

export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
