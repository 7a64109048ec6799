import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Datastore } from '../datastore';
import type { Database } from './database';
import { DynamoContractStore } from './dynamodb-contract-store';
import { fillUserLists } from './dynamodb-user-indexes';
import { fillListKeys, fillSummaries } from './dynamodb-contract-summaries';
import { fillRateListKeys } from './dynamodb-rate-summaries';
import { fillEnabledAdminCount } from './dynamodb-admin-count';
import { fillUserSearchText } from './dynamodb-user-store';
import { DynamoDataTransfer } from './dynamodb-data-transfer';
import { DynamoEventLog } from './dynamodb-event-log';
import { fillEventListKeys } from './dynamodb-event-queries';
import { DynamoLoginAttemptStore } from './dynamodb-login-attempt-store';
import { meterRequests } from './dynamodb-metering';
import { fillRateLinks } from './dynamodb-rate-links';
import { DynamoRateStore } from './dynamodb-rate-store';
import { DynamoSessionStore } from './dynamodb-session-store';
import { DynamoSettingsStore } from './dynamodb-settings-store';
import { DynamoStateStore } from './dynamodb-state-store';
import { DynamoUserStore } from './dynamodb-user-store';
import { describeTable, ensureTable } from './schema';

export interface DynamoDatastoreOptions {
  /** The one table that holds everything (see docs/adr/0003-dynamodb-single-table.md). */
  table: string;
  region: string;
  /** Another endpoint than AWS's, such as a DynamoDB Local at `http://127.0.0.1:8000`. */
  endpoint?: string;
  /** Omitted: the AWS SDK's default chain (environment, shared files, SSO, container or instance role). */
  credentials?: DynamoDBClientConfig['credentials'];
}

class DynamoDatastore implements Datastore {
  readonly kind = 'dynamodb';
  readonly states: DynamoStateStore;
  readonly users: DynamoUserStore;
  readonly sessions: DynamoSessionStore;
  readonly loginAttempts: DynamoLoginAttemptStore;
  readonly contracts: DynamoContractStore;
  readonly rates: DynamoRateStore;
  readonly events: DynamoEventLog;
  readonly settings: DynamoSettingsStore;
  readonly transfer: DynamoDataTransfer;

  constructor(private readonly db: Database) {
    this.states = new DynamoStateStore(db);
    this.users = new DynamoUserStore(db);
    this.sessions = new DynamoSessionStore(db);
    this.loginAttempts = new DynamoLoginAttemptStore(db);
    this.contracts = new DynamoContractStore(db);
    this.rates = new DynamoRateStore(db);
    this.events = new DynamoEventLog(db);
    this.settings = new DynamoSettingsStore(db);
    this.transfer = new DynamoDataTransfer(db);
  }

  async migrate(): Promise<void> {
    await ensureTable(this.db.client, this.db.table);
    await fillSummaries(this.db);
    await fillRateLinks(this.db);
    await fillListKeys(this.db);
    // After the contracts' list keys: a rate's review status is read from its parent's item.
    await fillRateListKeys(this.db);
    await fillEventListKeys(this.db);
    await fillUserSearchText(this.db);
    await fillEnabledAdminCount(this.db);
    await fillUserLists(this.db);
  }

  ping(): Promise<void> {
    return describeTable(this.db.client, this.db.table);
  }

  async close(): Promise<void> {
    this.db.documents.destroy();
    this.db.client.destroy();
  }
}

/**
 * Opens a DynamoDB datastore on one table. Nothing is sent until the first call; the table and its indexes are
 * created by `migrate()`. Call `close()` when done: it releases the client's connections.
 */
export function createDynamoDatastore(options: DynamoDatastoreOptions): Datastore {
  const client = new DynamoDBClient({
    region: options.region,
    ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
    ...(options.credentials === undefined ? {} : { credentials: options.credentials }),
  });
  meterRequests(client);
  const documents = DynamoDBDocumentClient.from(client, {
    // Optional fields the domain leaves out are simply not stored; nullable ones are stored as null.
    marshallOptions: { removeUndefinedValues: true },
  });
  return new DynamoDatastore({ client, documents, table: options.table });
}
