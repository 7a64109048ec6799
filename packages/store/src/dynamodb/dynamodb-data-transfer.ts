import {
  normalizeEmail,
  type AuditEvent,
  type ConsolidatedStatus,
  type Contract,
  type EmailSettingsVersion,
  type ContractReviewer,
  type Program,
  type Rate,
} from '@docket/domain';
import { QueryCommand, type QueryCommandOutput } from '@aws-sdk/lib-dynamodb';
import type { DataTransfer, TransferBatch, TransferKind, TransferRecords } from '../data-transfer';
import type { Session } from '../session-store';
import type { StateRecord } from '../state-store';
import type { UserWithCredentials } from '../user-store';
import { decodePosition, encodePosition, type ReadPosition } from './cursor';
import {
  batchGet,
  batchWrite,
  forEachLimited,
  keyCondition,
  mapLimited,
  PARALLEL_REQUESTS,
  queryAll,
  retrying,
  transact,
  type BatchRequest,
  type Database,
} from './database';
import { recountEnabledAdmins } from './dynamodb-admin-count';
import { userIndexSteps } from './dynamodb-user-indexes';
import { readContracts } from './dynamodb-contract-reads';
import { reviewerItem, toContractReviewer } from './dynamodb-contract-reviewers';
import { readListedRates } from './dynamodb-rate-store';
import { emailTaken, storedUuid } from './errors';
import {
  contractItems,
  emailItem,
  emailSettingsItem,
  eventItem,
  LIST_STATUS_ATTRIBUTE,
  programItem,
  reviewActionGuardItem,
  revisionGuardItem,
  sessionItem,
  stateItem,
  toEmailSettingsVersion,
  toEvent,
  toProgram,
  toSession,
  toStateRecord,
  toUserWithCredentials,
  userItem,
  type Item,
} from './items';
import { contractPartition, GLOBAL_INDEX, GLOBAL_KINDS, keys, type GlobalKind, type ItemKey } from './keys';
import { rateItems, toStoredRate } from './rate-items';
import { rateLinkItems, storedLinkKeys } from './dynamodb-rate-links';

/**
 * Bulk reads and writes for copy, backup and restore. Every kind is listed in the global index (its shards one
 * after another), so a read touches only that kind's items and resumes from a shard and DynamoDB's own
 * LastEvaluatedKey. Writes are batch writes of whole records, idempotent rather than atomic: a contract's
 * revisions and review actions (a rate's revisions) are written before the contract item (the rate item), which is
 * what makes the record visible to reads, and the items it no longer has are removed after.
 */

/** How one kind is read, written and keyed. */
interface KindAccess<K extends TransferKind> {
  /** The kind's partitions in the global index. */
  listedAs: GlobalKind;
  /** The records that a page of the kind's global-index items stand for, in the same order. */
  records(db: Database, items: readonly Record<string, unknown>[]): Promise<TransferRecords[K][]>;
  /** Writes the records (already deduplicated by key). */
  write(db: Database, records: readonly TransferRecords[K][]): Promise<void>;
  keyOf(record: TransferRecords[K]): string;
}

type Accesses = { [K in TransferKind]: KindAccess<K> };

/** A kind that is one item per record: written by putting its items. */
function simpleKind<K extends TransferKind>(
  listedAs: GlobalKind,
  parse: (item: unknown) => TransferRecords[K],
  toItem: (record: TransferRecords[K]) => Item,
  keyOf: (record: TransferRecords[K]) => string,
): KindAccess<K> {
  return {
    listedAs,
    records: async (_db, items) => items.map(parse),
    write: (db, records) =>
      batchWrite(
        db,
        records.map((record) => ({ put: toItem(record) })),
      ),
    keyOf,
  };
}

const ACCESS: Accesses = {
  states: simpleKind<'states'>('STATES', toStateRecord, stateItem, (r: StateRecord) => r.code),
  programs: simpleKind<'programs'>('PROGRAMS', toProgram, programItem, (r: Program) => r.id.toLowerCase()),
  users: {
    listedAs: 'USERS',
    records: async (_db, items) => items.map(toUserWithCredentials),
    write: writeUsers,
    keyOf: (r: UserWithCredentials) => r.user.id.toLowerCase(),
  },
  sessions: simpleKind<'sessions'>('SESSIONS', toSession, sessionItem, (r: Session) => r.id),
  contracts: {
    listedAs: 'CONTRACTS',
    records: readContracts,
    write: writeContracts,
    keyOf: (r: Contract) => r.id.toLowerCase(),
  },
  rates: {
    listedAs: 'RATES',
    records: readListedRates,
    write: writeRates,
    keyOf: (r: Rate) => r.id.toLowerCase(),
  },
  reviewers: simpleKind<'reviewers'>('REVIEWERS', toContractReviewer, reviewerItem, (r: ContractReviewer) =>
    `${r.contractId}/${r.userId}`.toLowerCase(),
  ),
  events: simpleKind<'events'>('EVENTS', toEvent, eventItem, (r: AuditEvent) => r.id.toLowerCase()),
  emailSettings: simpleKind<'emailSettings'>(
    'EMAIL_SETTINGS',
    toEmailSettingsVersion,
    emailSettingsItem,
    (r: EmailSettingsVersion) => String(r.version),
  ),
};

/**
 * Users with their email guards, one transaction per user: the guard is taken only where it is free or already
 * this user's (another user's email refuses the write with `EMAIL_TAKEN`), and a changed email's old guard goes.
 * The count of enabled administrators is then taken afresh from the users as written.
 */
async function writeUsers(db: Database, records: readonly UserWithCredentials[]): Promise<void> {
  const emails = new Map<string, string>();
  for (const { user } of records) {
    const email = normalizeEmail(user.email);
    const holder = emails.get(email);
    if (holder !== undefined && holder !== user.id.toLowerCase()) throw emailTaken();
    emails.set(email, user.id.toLowerCase());
  }
  const items = records.map((record) => ({ user: userItem(record), guard: emailItem(record.user) }));
  const stored = new Map(
    (
      await batchGet(
        db,
        items.map(({ user }) => keys.user(String(user.id))),
      )
    )
      .map(toUserWithCredentials)
      .map((record) => [record.user.id, record.user]),
  );
  await forEachLimited(items, PARALLEL_REQUESTS, ({ user, guard }) => {
    const id = String(user.id);
    const before = stored.get(id);
    const previous = before === undefined ? undefined : normalizeEmail(before.email);
    const ownedByThisUser = {
      ConditionExpression: 'attribute_not_exists(PK) OR #userId = :id',
      ExpressionAttributeNames: { '#userId': 'userId' },
      ExpressionAttributeValues: { ':id': id },
    };
    return retrying(() =>
      transact(db, [
        { request: { Put: { TableName: db.table, Item: user } } },
        {
          request: { Put: { TableName: db.table, Item: guard, ...ownedByThisUser } },
          onConditionFailed: emailTaken,
        },
        ...(previous === undefined || previous === normalizeEmail(String(user.email))
          ? []
          : [
              {
                request: { Delete: { TableName: db.table, Key: keys.email(previous), ...ownedByThisUser } },
                onConditionFailed: () =>
                  new Error(`The guard of ${previous} belongs to another user than ${id}`),
              },
            ]),
        ...userIndexSteps(db.table, before ?? null, toUserWithCredentials(user).user),
      ]),
    );
  });
  await recountEnabledAdmins(db);
}

/** The keys of the items in a contract's partition, without reading their (possibly large) contents. */
async function partitionKeys(
  db: Database,
  contractId: string,
): Promise<{ key: ItemKey; entity: string; id: string; item: Record<string, unknown> }[]> {
  // A revision's stamp and rate links too (not its answers): the rate links it implied (`storedLinkKeys`).
  const items = await queryAll(db, {
    KeyConditionExpression: '#pk = :pk',
    ProjectionExpression: '#pk, #sk, #entity, #id, #submitted, #rateLinks',
    ExpressionAttributeNames: {
      '#pk': 'PK',
      '#sk': 'SK',
      '#entity': 'entity',
      '#id': 'id',
      '#submitted': 'submitted',
      '#rateLinks': 'rateLinks',
    },
    ExpressionAttributeValues: { ':pk': contractPartition(contractId) },
    ConsistentRead: true,
  });
  return items.map((raw) => {
    const item = raw as Record<string, unknown>;
    return {
      key: { PK: String(item.PK), SK: String(item.SK) },
      entity: String(item.entity),
      id: String(item.id),
      item,
    };
  });
}

/**
 * Contracts whole: first every revision and review action with its id guard, then the contract items, then
 * whatever the contracts' partitions held that the records no longer have (with those items' guards). The copies
 * of a contract's events go too: a contract written whole has its history in the event log only. A partition
 * without its contract item is taken to hold nothing else than what an interrupted write of the same record left
 * there, which is written again: only stored contracts' partitions are looked into.
 */
async function writeContracts(db: Database, records: readonly Contract[]): Promise<void> {
  const built = records.map(contractItems);
  const children: BatchRequest[] = [];
  const wanted = new Set<string>();
  const keyText = (key: Item | ItemKey) => `${String(key.PK)}\u0000${String(key.SK)}`;
  for (const items of built) {
    const contractId = String(items.contract.id);
    for (const revision of items.revisions) {
      children.push({ put: revision }, { put: revisionGuardItem(String(revision.id), contractId) });
    }
    for (const action of items.reviewActions) {
      children.push({ put: action }, { put: reviewActionGuardItem(String(action.id), contractId) });
    }
  }
  for (const record of records) {
    for (const link of rateLinkItems(record).values()) children.push({ put: link });
  }
  for (const request of children) if ('put' in request) wanted.add(keyText(request.put));
  for (const items of built) wanted.add(keyText(items.contract));

  // Only a partition whose contract item is stored can hold items of another version to remove: one batch read
  // finds those, and only their partitions are queried (a query per contract costs far more than a key read).
  const stored = new Set(
    (
      await batchGet(
        db,
        built.map((items) => keys.contract(String(items.contract.id))),
        ['PK'],
      )
    ).map((item) => String((item as ItemKey).PK)),
  );
  const storedIds = built
    .map((items) => String(items.contract.id))
    .filter((id) => stored.has(contractPartition(id)));
  const existing = await mapLimited(storedIds, PARALLEL_REQUESTS, (id) => partitionKeys(db, id));
  const stale: BatchRequest[] = [];
  // The rate links the stored revisions implied that the records do not (a record of another version).
  existing.forEach((children, index) => {
    const revisions = children.filter((child) => child.entity === 'REVISION').map((child) => child.item);
    for (const key of storedLinkKeys(storedIds[index] ?? '', revisions)) {
      if (!wanted.has(keyText(key))) stale.push({ delete: key });
    }
  });
  for (const item of existing.flat()) {
    if (wanted.has(keyText(item.key))) continue;
    stale.push({ delete: item.key });
    const guard =
      item.entity === 'REVISION'
        ? keys.revisionId(item.id)
        : item.entity === 'REVIEW_ACTION'
          ? keys.reviewActionId(item.id)
          : null;
    if (guard !== null && !wanted.has(keyText(guard))) stale.push({ delete: guard });
  }

  await batchWrite(db, children);
  await batchWrite(
    db,
    built.map((items) => ({ put: items.contract })),
  );
  await batchWrite(db, stale);
}

/**
 * Rates whole, like contracts: first their revisions, then the rate items (which list the revisions and make a
 * rate visible), then the revisions the stored rates listed that the records no longer have.
 */
async function writeRates(db: Database, records: readonly Rate[]): Promise<void> {
  // Not part of the record: the dashboard's facts, derived again from the rate and its parent's status (the
  // contracts are written before their rates).
  const parents = (
    await batchGet(
      db,
      records.map((rate) => keys.contract(storedUuid(rate.parentContractId))),
      ['id', LIST_STATUS_ATTRIBUTE],
    )
  ).map((item) => item as Record<string, unknown>);
  const statusOf = new Map(parents.map((item) => [String(item.id), item[LIST_STATUS_ATTRIBUTE]]));
  const built = records.map((rate) => {
    const status = statusOf.get(storedUuid(rate.parentContractId));
    return rateItems(rate, status === undefined ? undefined : (status as ConsolidatedStatus));
  });
  const keyText = (key: Item | ItemKey) => `${String(key.PK)}\u0000${String(key.SK)}`;
  const revisions = built.flatMap((items) => items.revisions);
  const wanted = new Set(revisions.map(keyText));
  const stored = (
    await batchGet(
      db,
      built.map((items) => keys.rate(String(items.rate.id))),
    )
  ).map(toStoredRate);
  const stale = stored
    .flatMap((rate) => rate.revisionIds.map(keys.rateRevision))
    .filter((key) => !wanted.has(keyText(key)));

  await batchWrite(
    db,
    revisions.map((item) => ({ put: item })),
  );
  await batchWrite(
    db,
    built.map((items) => ({ put: items.rate })),
  );
  await batchWrite(
    db,
    stale.map((key) => ({ delete: key })),
  );
}

function checkBatchSize(batchSize: number): number {
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new RangeError(`The batch size must be a whole number of at least 1, not ${batchSize}`);
  }
  return batchSize;
}

/** The last of each key: a batch may not write one record twice. */
function lastByKey<T>(items: readonly T[], key: (item: T) => string): T[] {
  return [...new Map(items.map((item) => [key(item), item])).values()];
}

/** Where a read goes after a page of one shard: on in the shard, on to the next shard, or nowhere. */
function positionAfter(
  position: ReadPosition,
  lastKey: QueryCommandOutput['LastEvaluatedKey'],
  shards: number,
): ReadPosition | null {
  if (lastKey !== undefined) {
    return {
      shard: position.shard,
      startKey: Object.fromEntries(Object.entries(lastKey).map(([name, value]) => [name, String(value)])),
    };
  }
  return position.shard + 1 < shards ? { shard: position.shard + 1, startKey: null } : null;
}

interface PendingBatch<K extends TransferKind> {
  records: TransferRecords[K][];
  next: ReadPosition | null;
}

export class DynamoDataTransfer implements DataTransfer {
  constructor(private readonly db: Database) {}

  async *read<K extends TransferKind>(
    kind: K,
    options: { after?: string | null; batchSize: number },
  ): AsyncIterable<TransferBatch<K>> {
    const access: KindAccess<K> = ACCESS[kind];
    const size = checkBatchSize(options.batchSize);
    const start = decodePosition(options.after) ?? { shard: 0, startKey: null };
    // One batch is read ahead, so that the last batch is known to be the last and carries a null cursor.
    let current = await this.nextBatch(access, start, size);
    if (current === null) {
      yield { records: [], cursor: null };
      return;
    }
    while (current !== null) {
      const following: PendingBatch<K> | null =
        current.next === null ? null : await this.nextBatch(access, current.next, size);
      yield {
        records: current.records,
        cursor: following === null || current.next === null ? null : encodePosition(current.next),
      };
      current = following;
    }
  }

  async write<K extends TransferKind>(kind: K, records: readonly TransferRecords[K][]): Promise<void> {
    if (records.length === 0) return;
    const access: KindAccess<K> = ACCESS[kind];
    await access.write(this.db, lastByKey(records, access.keyOf));
  }

  async count(kind: TransferKind): Promise<number> {
    const listedAs = ACCESS[kind].listedAs;
    let total = 0;
    for (let shard = 0; shard < GLOBAL_KINDS[listedAs]; shard++) {
      let startKey: QueryCommandOutput['LastEvaluatedKey'] = undefined;
      do {
        const page: QueryCommandOutput = await this.db.documents.send(
          new QueryCommand({
            TableName: this.db.table,
            IndexName: GLOBAL_INDEX.name,
            ...keyCondition(GLOBAL_INDEX, `${listedAs}#${shard}`, null),
            Select: 'COUNT',
            ExclusiveStartKey: startKey,
          }),
        );
        total += page.Count ?? 0;
        startKey = page.LastEvaluatedKey;
      } while (startKey !== undefined);
    }
    return total;
  }

  /** The next non-empty page from `from` on, and where the read goes after it; null when nothing is left. */
  private async nextBatch<K extends TransferKind>(
    access: KindAccess<K>,
    from: ReadPosition,
    size: number,
  ): Promise<PendingBatch<K> | null> {
    const shards = GLOBAL_KINDS[access.listedAs];
    let position: ReadPosition | null = from.shard < shards ? from : null;
    while (position !== null) {
      const page: QueryCommandOutput = await this.db.documents.send(
        new QueryCommand({
          TableName: this.db.table,
          IndexName: GLOBAL_INDEX.name,
          ...keyCondition(GLOBAL_INDEX, `${access.listedAs}#${position.shard}`, null),
          Limit: size,
          ExclusiveStartKey: position.startKey ?? undefined,
        }),
      );
      const next = positionAfter(position, page.LastEvaluatedKey, shards);
      const items = page.Items ?? [];
      if (items.length > 0) return { records: await access.records(this.db, items), next };
      position = next;
    }
    return null;
  }
}
