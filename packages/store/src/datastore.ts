import type { ContractStore } from './contract-store';
import type { DataTransfer } from './data-transfer';
import type { EventLog } from './event-log';
import type { LoginAttemptStore } from './login-attempt-store';
import type { RateStore } from './rate-store';
import type { SessionStore } from './session-store';
import type { SettingsStore } from './settings-store';
import type { StateStore } from './state-store';
import type { UserStore } from './user-store';

export type DatastoreKind = 'pglite' | 'postgres' | 'dynamodb';

/**
 * Every store of one datastore, bundled. Only the composition root and tools that move data between stores hold
 * a whole Datastore; use cases take just the stores they use.
 */
export interface Datastore {
  readonly kind: DatastoreKind;
  readonly states: StateStore;
  readonly users: UserStore;
  readonly sessions: SessionStore;
  /** Counters of failed logins, shared by every server copy (not records: transfers leave them out). */
  readonly loginAttempts: LoginAttemptStore;
  readonly contracts: ContractStore;
  readonly rates: RateStore;
  readonly events: EventLog;
  /** Installation-wide settings (the email settings), in versions. */
  readonly settings: SettingsStore;
  /** Bulk reads and writes of whole records, for copy, backup and restore. */
  readonly transfer: DataTransfer;
  /** Creates or upgrades the schema. Idempotent; safe to run on every start. */
  migrate(): Promise<void>;
  /** Resolves when the datastore answers; rejects otherwise. */
  ping(): Promise<void>;
  /** Releases connections. The datastore is unusable afterwards. */
  close(): Promise<void>;
}
