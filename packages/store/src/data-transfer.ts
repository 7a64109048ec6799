import type {
  AuditEvent,
  Contract,
  ContractReviewer,
  EmailSettingsVersion,
  Program,
  Rate,
} from '@docket/domain';
import type { Session } from './session-store';
import type { StateRecord } from './state-store';
import type { UserWithCredentials } from './user-store';

/**
 * Every kind of record a datastore holds, in the order they are copied or restored (what others refer to first).
 * A new aggregate added to the port is added here too, so that copy, backup and restore carry it.
 */
export const TRANSFER_KINDS = [
  'states',
  'programs',
  'users',
  'sessions',
  'contracts',
  'rates',
  /** Reviewers assigned to filings: after the contracts they name. */
  'reviewers',
  'events',
  /** Since the email settings (archives of format versions 1 to 3 written before them hold none). */
  'emailSettings',
] as const;
export type TransferKind = (typeof TRANSFER_KINDS)[number];

/** The record of each kind, whole: a contract carries its revisions and review actions, a rate its revisions. */
export interface TransferRecords {
  states: StateRecord;
  programs: Program;
  users: UserWithCredentials;
  sessions: Session;
  contracts: Contract;
  rates: Rate;
  reviewers: ContractReviewer;
  events: AuditEvent;
  /** One saved version of the email settings. */
  emailSettings: EmailSettingsVersion;
}
export type TransferRecord<K extends TransferKind = TransferKind> = TransferRecords[K];

export interface TransferBatch<K extends TransferKind> {
  records: TransferRecords[K][];
  /**
   * Where the next batch starts: pass it as `after` to resume reading after this batch. Null on the last batch.
   * Opaque, and only meaningful to the store that gave it.
   */
  cursor: string | null;
}

/**
 * Bulk access for tools that move data between datastores (copy, backup, restore). Not for use cases: it writes
 * records as given, bypassing lifecycle rules, versions and counters' increments.
 */
export interface DataTransfer {
  /**
   * Reads every record of one kind, a batch at a time, in an order that is stable for this store (not the same
   * order across stores), starting after `after` when given. Memory use is bounded by the batch size.
   */
  read<K extends TransferKind>(
    kind: K,
    options: { after?: string | null; batchSize: number },
  ): AsyncIterable<TransferBatch<K>>;

  /**
   * Stores records exactly as given — ids, versions, counters, times, revisions — replacing any record of the
   * same kind and key (and, for a contract, all of its revisions and review actions). Idempotent: writing the
   * same records again changes nothing, so an interrupted copy can simply be run again. Keeps the store's own
   * indexes and uniqueness guards (such as the one on users' emails) consistent with the records.
   * @throws UniquenessError when a record would take a unique value (an email) held by a different record.
   */
  write<K extends TransferKind>(kind: K, records: readonly TransferRecords[K][]): Promise<void>;

  /** How many records of the kind the store holds. */
  count(kind: TransferKind): Promise<number>;
}
