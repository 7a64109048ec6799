/**
 * The single-table layout: every item's primary key and the index keys it carries. Why each key is shaped as it
 * is, and which access pattern of the port it serves, is in docs/adr/0003-dynamodb-single-table.md.
 *
 * Sort keys that hold a time put it first, as a normalized ISO string (`YYYY-MM-DDTHH:mm:ss.sssZ`, always 24
 * characters), then `#` and the id: comparing two such strings compares (time, id), which is the order the port
 * promises for every time-ordered list.
 */

import { normalizeEmail } from '@docket/domain';

/** An item's primary key. */
export interface ItemKey {
  PK: string;
  SK: string;
}

export const PARTITION_KEY = 'PK';
export const SORT_KEY = 'SK';

/** One global secondary index: its name and the two attributes that make its key. */
export interface IndexDefinition {
  readonly name: string;
  readonly partition: string;
  readonly sort: string;
  /** ALL when reads use the index's items; KEYS_ONLY when they only find ids there and read the items after. */
  readonly projection: 'ALL' | 'KEYS_ONLY';
}

/**
 * Items listed under an owner: a state's contracts (by number), a state's programs, a contract's events, the rates
 * a contract is the parent of (by number), a user's sessions.
 */
export const OWNER_INDEX: IndexDefinition = {
  name: 'owner',
  partition: 'ownerKey',
  sort: 'ownerSort',
  projection: 'ALL',
};

/**
 * Every item of one kind in one order, for the store-wide lists and the bulk reads of copy and backup. The kinds
 * that grow without bound are spread over several partitions (shards) and merged on read.
 */
export const GLOBAL_INDEX: IndexDefinition = {
  name: 'global',
  partition: 'globalKey',
  sort: 'globalSort',
  projection: 'ALL',
};

/**
 * Rates submitted at least once, sparse: each state's rates by number (the rates another contract may link).
 * Tables made before the list projection also hold the submitted contracts here, keys only; contract items
 * written since carry the keys of `SUBMITTED_CONTRACTS_INDEX` instead.
 */
export const SUBMITTED_INDEX: IndexDefinition = {
  name: 'submitted',
  partition: 'submittedKey',
  sort: 'submittedSort',
  projection: 'KEYS_ONLY',
};

/**
 * Contracts submitted at least once, store-wide by time of first submission, sparse (a draft has no key here).
 * It projects the whole contract item, summary facts included, so the CMS dashboard reads its rows from the
 * index alone (docs/adr/0012-list-projection.md). DynamoDB cannot change an index's projection: this index is
 * new, added by `migrate()` to a table made by an older release.
 */
export const SUBMITTED_CONTRACTS_INDEX: IndexDefinition = {
  name: 'submittedContracts',
  partition: 'submittedContractKey',
  sort: 'submittedContractSort',
  projection: 'ALL',
};

/*
 * The dashboard lists (`ContractStore.listContracts`, docs/adr/0024-dynamodb-dashboard-lists.md): one index per
 * order that no other index keeps, each on the contract item, whose keys are set from the whole contract every time
 * the item is written. A state's partitions are written a few times a day at most, so they are not sharded; the
 * store-wide ones are, as the global index's kinds are. Each projects the whole item, so a row is read from the
 * index alone, and its key attributes are named after it.
 */
function dashboardIndex(name: string): IndexDefinition {
  return { name, partition: `${name}Key`, sort: `${name}Sort`, projection: 'ALL' };
}

/** Each state's contracts, drafts included, by last update (the state dashboard's default order). */
export const STATE_UPDATED_INDEX = dashboardIndex('stateUpdated');

/** Each state's submitted contracts by their last update as reviewers see it (`sharedUpdatedAt`), sparse. */
export const STATE_SHARED_INDEX = dashboardIndex('stateShared');

/**
 * Each state's contracts by first submission; the drafts (never submitted) of a state in a partition of their
 * own, by id, read after the submitted ones.
 */
export const STATE_SUBMITTED_INDEX = dashboardIndex('stateSubmitted');

/** Every contract, drafts included, by last update, store-wide (sharded). */
export const UPDATED_INDEX = dashboardIndex('updated');

/** Every submitted contract by its last update as reviewers see it, store-wide (sharded), sparse. */
export const SHARED_INDEX = dashboardIndex('shared');

/*
 * The rate reviews dashboard (`RateStore.listRates`, docs/adr/0027-rate-reviews-dashboard.md) keeps its orders by
 * first submission and by last update in the contract dashboards' `stateSubmitted`/`submittedContracts` and
 * `stateShared`/`shared` indexes, under partitions of its own (`RATES#STATE#<code>`, `RATES_SUBMITTED#<shard>`,
 * `RATES_SHARED#<shard>`) that no contract list reads; the orders no contract has, here.
 */

/** Each state's rates submitted at least once, by the start of their rating period (then id). */
export const RATE_STATE_PERIOD_INDEX = dashboardIndex('rateStatePeriod');

/** Every rate submitted at least once by the start of its rating period, store-wide (sharded). */
export const RATE_PERIOD_INDEX = dashboardIndex('ratePeriod');

/** Each state's rates submitted at least once, by number (the dashboard's order by name). */
export const RATE_STATE_NAME_INDEX = dashboardIndex('rateStateName');

/*
 * The audit log's filters (`EventLog.query`, docs/adr/0029-audit-log-and-email-settings.md) add no index: an event
 * item carries, beside its global and owner keys (every event; a filing's events), keys of three dashboard indexes
 * under partitions of its own (`EVENTS#…`) that no contract or rate list reads, each sorted by time and id.
 */

/** An actor's events: in `stateUpdated`. */
export const EVENT_ACTOR_INDEX = STATE_UPDATED_INDEX;
/** One action's events: in `stateShared`. */
export const EVENT_ACTION_INDEX = STATE_SHARED_INDEX;
/** One state's events: in `stateSubmitted`. */
export const EVENT_STATE_INDEX = STATE_SUBMITTED_INDEX;

/** The audit log's partitions in those indexes. */
export const eventLists = {
  actor: (userId: string) => `EVENTS#ACTOR#${userId.toLowerCase()}`,
  action: (action: string) => `EVENTS#ACTION#${action}`,
  state: (stateCode: string) => `EVENTS#STATE#${stateCode}`,
};

export const INDEXES: readonly IndexDefinition[] = [
  OWNER_INDEX,
  GLOBAL_INDEX,
  SUBMITTED_INDEX,
  SUBMITTED_CONTRACTS_INDEX,
  STATE_UPDATED_INDEX,
  STATE_SHARED_INDEX,
  STATE_SUBMITTED_INDEX,
  UPDATED_INDEX,
  SHARED_INDEX,
  RATE_STATE_PERIOD_INDEX,
  RATE_PERIOD_INDEX,
  RATE_STATE_NAME_INDEX,
];

/**
 * The attribute DynamoDB's time to live reads (epoch seconds): expired sessions and forgotten failed-login counters
 * are removed by the service.
 */
export const TTL_ATTRIBUTE = 'expiresAtEpochSeconds';

/** What each item is, stored on it as `entity`. */
export type Entity =
  | 'STATE'
  | 'PROGRAM'
  | 'USER'
  | 'EMAIL'
  | 'COUNTER'
  | 'SESSION'
  | 'LOGIN_FAILURES'
  | 'CONTRACT'
  | 'REVISION'
  | 'REVIEW_ACTION'
  | 'REVISION_ID'
  | 'REVIEW_ACTION_ID'
  | 'EVENT'
  | 'HISTORY'
  | 'RATE'
  | 'RATE_REVISION'
  | 'RATE_LINK'
  | 'EMAIL_SETTINGS'
  | 'SCHEMA_MARK'
  | 'REVIEWER'
  | 'REVIEWER_HISTORY'
  | 'ANALYST'
  | 'REVIEWER_DIRECTORY';

/**
 * The kinds listed in the global index, each with its number of shards. A shard is one index partition; one
 * partition takes about 1,000 writes a second, so the kinds written with every action get several. Changing a
 * count moves items between shards: do it by copying into a new table (`docket copy`).
 */
export const GLOBAL_KINDS = {
  STATES: 1,
  PROGRAMS: 1,
  USERS: 1,
  SESSIONS: 4,
  CONTRACTS: 4,
  RATES: 4,
  EVENTS: 4,
  EMAIL_SETTINGS: 1,
  /** Reviewers assigned to filings: read by transfers only (a filing reads its own, a reviewer theirs). */
  REVIEWERS: 4,
} as const;
export type GlobalKind = keyof typeof GLOBAL_KINDS;

/** Shards of the submitted index. */
export const SUBMITTED_SHARDS = 4;

/** A stable shard for an id: FNV-1a over its characters, so ids spread evenly whatever their shape. */
export function shardOf(id: string, shards: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % shards;
}

/** Every partition value of a kind in the global index. */
export function globalKeys(kind: GlobalKind): string[] {
  return Array.from({ length: GLOBAL_KINDS[kind] }, (_, shard) => `${kind}#${shard}`);
}

export function globalKeyFor(kind: GlobalKind, id: string): string {
  return `${kind}#${shardOf(id, GLOBAL_KINDS[kind])}`;
}

export function submittedKeys(): string[] {
  return Array.from({ length: SUBMITTED_SHARDS }, (_, shard) => `SUBMITTED#${shard}`);
}

export function submittedKeyFor(contractId: string): string {
  return `SUBMITTED#${shardOf(contractId, SUBMITTED_SHARDS)}`;
}

/**
 * The store-wide partitions of the dashboard lists: contracts by last update (`UPDATED`), submitted contracts by
 * their shared last update (`SHARED`), and drafts by id (`DRAFTS`, in the submittedContracts index beside the
 * submitted ones). Sharded as the submitted list is, by the same hash of the id.
 */
export type ListKind = 'UPDATED' | 'SHARED' | 'DRAFTS';

export function listKeys(kind: ListKind): string[] {
  return Array.from({ length: SUBMITTED_SHARDS }, (_, shard) => `${kind}#${shard}`);
}

export function listKeyFor(kind: ListKind, contractId: string): string {
  return `${kind}#${shardOf(contractId, SUBMITTED_SHARDS)}`;
}

/** The store-wide partitions of the rate reviews dashboard, sharded as the contracts' are. */
export type RateListKind = 'RATES_SUBMITTED' | 'RATES_SHARED' | 'RATES_PERIOD';

export function rateListKeys(kind: RateListKind): string[] {
  return Array.from({ length: SUBMITTED_SHARDS }, (_, shard) => `${kind}#${shard}`);
}

export function rateListKeyFor(kind: RateListKind, rateId: string): string {
  return `${kind}#${shardOf(rateId, SUBMITTED_SHARDS)}`;
}

/** A state's partition of the rate reviews dashboard's per-state orders. */
export function rateStateList(stateCode: string): string {
  return `RATES#STATE#${stateCode}`;
}

/** A state's partition in the per-state dashboard indexes; its drafts' partition in `STATE_SUBMITTED_INDEX`. */
export const stateLists = {
  contracts: (stateCode: string) => `STATE#${stateCode}`,
  drafts: (stateCode: string) => `STATE#${stateCode}#DRAFTS`,
};

/** A time and an id as one sort key value: ordered by time, then id. */
export function timeAndId(time: string, id: string): string {
  return `${time}#${id}`;
}

/** Numbers as sort keys: zero-padded so that string order is number order. */
export function paddedNumber(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

const CONTRACT_NUMBER_WIDTH = 10;
const RATE_NUMBER_WIDTH = 10;
const REVISION_NUMBER_WIDTH = 6;

export const keys = {
  state: (code: string): ItemKey => ({ PK: `STATE#${code}`, SK: 'STATE' }),
  program: (id: string): ItemKey => ({ PK: `PROGRAM#${id}`, SK: 'PROGRAM' }),
  user: (id: string): ItemKey => ({ PK: `USER#${id}`, SK: 'USER' }),
  /** The guard that makes emails unique in their normal form (trimmed, lower-cased): one item per email. */
  email: (email: string): ItemKey => ({ PK: `EMAIL#${normalizeEmail(email)}`, SK: 'EMAIL' }),
  /**
   * How many enabled administrators there are, kept with every write that makes or unmakes one: the condition on
   * it refuses the change that would leave none. In no index, so transfers never see it (they count afresh).
   */
  enabledAdmins: (): ItemKey => ({ PK: 'COUNTER#ENABLED_ADMINS', SK: 'COUNTER' }),
  session: (id: string): ItemKey => ({ PK: `SESSION#${id}`, SK: 'SESSION' }),
  /** A failed-login counter: in no index, so transfers (which read kinds from the global index) never see it. */
  loginFailures: (key: string): ItemKey => ({ PK: `LOGIN_FAILURES#${key}`, SK: 'LOGIN_FAILURES' }),
  /** A contract's partition holds the contract item, its revisions and its review actions. */
  contract: (id: string): ItemKey => ({ PK: contractPartition(id), SK: CONTRACT_SORT }),
  revision: (contractId: string, number: number): ItemKey => ({
    PK: contractPartition(contractId),
    SK: `${REVISION_PREFIX}${paddedNumber(number, REVISION_NUMBER_WIDTH)}`,
  }),
  reviewAction: (contractId: string, at: string, id: string): ItemKey => ({
    PK: contractPartition(contractId),
    SK: `${REVIEW_ACTION_PREFIX}${timeAndId(at, id)}`,
  }),
  /** Guards that keep revision and review-action ids unique store-wide, as their own tables do in SQL. */
  revisionId: (id: string): ItemKey => ({ PK: `REVISION_ID#${id}`, SK: 'GUARD' }),
  reviewActionId: (id: string): ItemKey => ({ PK: `REVIEW_ACTION_ID#${id}`, SK: 'GUARD' }),
  event: (id: string): ItemKey => ({ PK: `EVENT#${id}`, SK: 'EVENT' }),
  /**
   * One saved version of the email settings. Every version is in one partition, so the latest is the first item of
   * a descending Query, and a save is a Put of the next version on condition that it does not exist yet.
   */
  emailSettings: (version: number): ItemKey => ({
    PK: EMAIL_SETTINGS_PARTITION,
    SK: `${EMAIL_SETTINGS_PREFIX}${emailSettingsSort(version)}`,
  }),
  /**
   * A copy of the event of one of a contract's changes, kept in the contract's partition so that the Query that
   * reads the contract reads its history too. The event's own item (above) stays the event of record.
   */
  history: (contractId: string, at: string, id: string): ItemKey => ({
    PK: contractPartition(contractId),
    SK: `${HISTORY_PREFIX}${timeAndId(at, id)}`,
  }),
  /** A rate's item lists its revisions' ids, in order. */
  rate: (id: string): ItemKey => ({ PK: `${RATE_PREFIX}${id}`, SK: 'RATE' }),
  /**
   * Each rate revision is an item of its own, keyed by its id: the key itself keeps the id unique store-wide, so a
   * rate write needs no guard item (see the transaction budget in the ADR).
   */
  rateRevision: (id: string): ItemKey => ({ PK: `RATE_REVISION#${id}`, SK: 'RATE_REVISION' }),
  /**
   * That a contract's submissions link a rate, in the rate's partition beside its item, so that one consistent
   * Query reads a rate's linkers (docs/adr/0021-rate-links-read.md). In no index: transfers derive it.
   */
  rateLink: (rateId: string, contractId: string): ItemKey => ({
    PK: `${RATE_PREFIX}${rateId}`,
    SK: `${RATE_LINK_PREFIX}${contractId}`,
  }),
};

/**
 * A filing's reviewers (`ContractStore.assignReviewer`), in a partition of their own beside the contract's: an
 * assignment does not move the contract's version, and the contract's snapshot read checks every item of its own
 * partition against that version. The partition also keeps a copy of each assignment's event, for the filing's
 * history (as `keys.history` does for the contract's changes).
 */
export const reviewerKeys = {
  partition: (contractId: string) => `REVIEWERS#${contractId}`,
  reviewer: (contractId: string, userId: string): ItemKey => ({
    PK: `REVIEWERS#${contractId}`,
    SK: `REVIEWER#${userId}`,
  }),
  history: (contractId: string, at: string, id: string): ItemKey => ({
    PK: `REVIEWERS#${contractId}`,
    SK: `${HISTORY_PREFIX}${timeAndId(at, id)}`,
  }),
  /** The owner-index partition of one reviewer's assignments ("Assigned to me"), sorted by contract id. */
  ofUser: (userId: string) => `USER#${userId}#REVIEWS`,
};

/**
 * A state's analysts (`UserStore.listAnalysts`): one item per (state, analyst) in the state's own partition, kept by
 * the transaction that writes the user (`analystSteps`). Derived from users: in no index, transfers rebuild them.
 */
export const analystKeys = {
  partition: (stateCode: string) => `ANALYSTS#${stateCode}`,
  analyst: (stateCode: string, userId: string): ItemKey => ({
    PK: `ANALYSTS#${stateCode}`,
    SK: `USER#${userId}`,
  }),
};

/** The reviewers that may be assigned to a filing (`UserStore.listAssignableReviewers`), by email then id. */
export const reviewerDirectoryKeys = {
  partition: 'DIRECTORY#REVIEWERS',
  reviewer: (email: string, userId: string): ItemKey => ({
    PK: 'DIRECTORY#REVIEWERS',
    SK: `${email}#${userId}`,
  }),
};

/**
 * Marks of what `migrate()` has done to the table's items (in no index, so transfers never see them): a step
 * whose mark is there is not run again.
 */
export function schemaMark(step: string): ItemKey {
  return { PK: 'SCHEMA', SK: step };
}

export const EMAIL_SETTINGS_PARTITION = 'SETTINGS#EMAIL';
export const EMAIL_SETTINGS_PREFIX = 'VERSION#';

/** A settings version as a sort key: zero-padded, so that string order is version order. */
export function emailSettingsSort(version: number): string {
  return paddedNumber(version, 10);
}

export const RATE_PREFIX = 'RATE#';
export const RATE_LINK_PREFIX = 'LINKED_BY#';

export function contractPartition(contractId: string): string {
  return `CONTRACT#${contractId}`;
}

export const CONTRACT_SORT = 'CONTRACT';
export const REVISION_PREFIX = 'REVISION#';
export const REVIEW_ACTION_PREFIX = 'REVIEW_ACTION#';
export const HISTORY_PREFIX = 'HISTORY#';

/** Owner-index partitions. */
export const owners = {
  stateContracts: (stateCode: string) => `STATE#${stateCode}#CONTRACTS`,
  statePrograms: (stateCode: string) => `STATE#${stateCode}#PROGRAMS`,
  contractEvents: (contractId: string) => `CONTRACT#${contractId}#EVENTS`,
  contractRates: (contractId: string) => `CONTRACT#${contractId}#RATES`,
  userSessions: (userId: string) => `USER#${userId}#SESSIONS`,
};

/** The submitted-index partition of one state's linkable rates (submitted at least once). */
export function linkableRatesKey(stateCode: string): string {
  return `STATE#${stateCode}#RATES`;
}

/** A state's rates sort by number, in the owner index (by parent) and the submitted index (linkable). */
export function rateNumberSort(stateNumber: number): string {
  return paddedNumber(stateNumber, RATE_NUMBER_WIDTH);
}

/** A state's contracts sort by number in the owner index. */
export function contractNumberSort(stateNumber: number): string {
  return paddedNumber(stateNumber, CONTRACT_NUMBER_WIDTH);
}
