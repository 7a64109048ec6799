import {
  summaryFactsOf,
  type AuditEvent,
  type Contract,
  type ContractReviewer,
  type ContractRevision,
  type EmailSettingsVersion,
  type Program,
  type Rate,
} from '@docket/domain';
import { asc, count, gt, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { DataTransfer, TransferBatch, TransferKind, TransferRecords } from '../data-transfer';
import type { Session } from '../session-store';
import type { StateRecord } from '../state-store';
import type { UserWithCredentials } from '../user-store';
import { decodeCursor, encodeCursor, keyText } from '../keyset';
import type { Database } from './database';
import { translatingErrors } from './errors';
import { withChildren } from './postgres-contract-store';
import { summaryColumns } from './postgres-contract-summaries';
import { writeRateSummaries } from './postgres-rate-summaries';
import { withRevisions } from './postgres-rate-store';
import { toEmailSettingsVersion } from './postgres-settings-store';
import { excludedColumns } from './upserts';
import { toEvent, toProgram, toSession, toStateRecord, toUser } from './rows';
import { reviewerRow, toReviewerAssignment } from './postgres-contract-reviewers';
import {
  contractReviewers,
  contractRevisions,
  contracts,
  emailSettingsVersions,
  events,
  programs,
  rateRevisions,
  rates,
  reviewActions,
  sessions,
  states,
  users,
} from './schema';

/**
 * Bulk reads and writes for copy, backup and restore. Reads walk each table by its primary key (keyset
 * pagination, so a cursor stays valid while rows are added and costs the same at any depth); writes upsert whole
 * records, one transaction per batch.
 */

/** Keeps each statement's parameter count far below PostgreSQL's limit of 65,535 (12 columns × 500 rows). */
const CHUNK = 500;

/** One page of records and the key of its last one. */
interface KeyedPage<K extends TransferKind> {
  records: TransferRecords[K][];
  lastKey: string | null;
}

/** How one kind is read, written and counted. */
interface KindAccess<K extends TransferKind> {
  /** Up to `limit` records whose key is greater than `after`, in key order. */
  page(db: Database, after: string | null, limit: number): Promise<KeyedPage<K>>;
  /** Upserts the records (already deduplicated by key) inside the caller's transaction. */
  write(tx: Database, records: readonly TransferRecords[K][]): Promise<void>;
  /** The record's key, the same one `page` orders by. */
  keyOf(record: TransferRecords[K]): string;
  count(db: Database): Promise<number>;
  /** The shape of a key in a cursor: text keys may be anything, uuid keys must be uuids for the comparison. */
  keyShape: z.ZodType<string>;
}

type Accesses = { [K in TransferKind]: KindAccess<K> };

function lastKeyOf<T>(records: readonly T[], keyOf: (record: T) => string): string | null {
  const last = records.at(-1);
  return last === undefined ? null : keyOf(last);
}

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/** The last of each key: one statement may not upsert the same row twice. */
function lastByKey<T>(items: readonly T[], key: (item: T) => string): T[] {
  return [...new Map(items.map((item) => [key(item), item])).values()];
}

async function countOf(
  db: Database,
  table:
    | typeof states
    | typeof programs
    | typeof users
    | typeof sessions
    | typeof contracts
    | typeof rates
    | typeof contractReviewers
    | typeof events
    | typeof emailSettingsVersions,
): Promise<number> {
  const [row] = await db.select({ n: count() }).from(table);
  return row?.n ?? 0;
}

const ACCESS: Accesses = {
  states: {
    keyShape: keyText,
    keyOf: (record: StateRecord) => record.code,
    async page(db, after, limit) {
      const rows = await db
        .select()
        .from(states)
        .where(after === null ? undefined : gt(states.code, after))
        .orderBy(asc(states.code))
        .limit(limit);
      const records = rows.map(toStateRecord);
      return { records, lastKey: lastKeyOf(records, (r) => r.code) };
    },
    async write(tx, records) {
      for (const part of chunks(records)) {
        await tx
          .insert(states)
          .values(part.map((s) => ({ ...s })))
          .onConflictDoUpdate({
            target: states.code,
            set: excludedColumns(states),
          });
      }
    },
    count: (db) => countOf(db, states),
  },

  programs: {
    keyShape: z.uuid(),
    keyOf: (record: Program) => record.id,
    async page(db, after, limit) {
      const rows = await db
        .select()
        .from(programs)
        .where(after === null ? undefined : gt(programs.id, after))
        .orderBy(asc(programs.id))
        .limit(limit);
      const records = rows.map(toProgram);
      return { records, lastKey: lastKeyOf(records, (r) => r.id) };
    },
    async write(tx, records) {
      for (const part of chunks(records)) {
        await tx
          .insert(programs)
          .values(part.map((p) => ({ ...p })))
          .onConflictDoUpdate({
            target: programs.id,
            set: excludedColumns(programs),
          });
      }
    },
    count: (db) => countOf(db, programs),
  },

  users: {
    keyShape: z.uuid(),
    keyOf: (record: UserWithCredentials) => record.user.id,
    async page(db, after, limit) {
      const rows = await db
        .select()
        .from(users)
        .where(after === null ? undefined : gt(users.id, after))
        .orderBy(asc(users.id))
        .limit(limit);
      const records = rows.map((row) => ({ user: toUser(row), passwordHash: row.passwordHash }));
      return { records, lastKey: lastKeyOf(records, (r) => r.user.id) };
    },
    async write(tx, records) {
      for (const part of chunks(records)) {
        await tx
          .insert(users)
          .values(
            part.map(({ user, passwordHash }) => ({
              ...user,
              assignedStates: [...user.assignedStates],
              passwordHash,
            })),
          )
          .onConflictDoUpdate({
            target: users.id,
            set: excludedColumns(users),
          });
      }
    },
    count: (db) => countOf(db, users),
  },

  sessions: {
    keyShape: keyText,
    keyOf: (record: Session) => record.id,
    async page(db, after, limit) {
      const rows = await db
        .select()
        .from(sessions)
        .where(after === null ? undefined : gt(sessions.id, after))
        .orderBy(asc(sessions.id))
        .limit(limit);
      const records = rows.map(toSession);
      return { records, lastKey: lastKeyOf(records, (r) => r.id) };
    },
    async write(tx, records) {
      for (const part of chunks(records)) {
        await tx
          .insert(sessions)
          .values(part.map((s) => ({ ...s })))
          .onConflictDoUpdate({
            target: sessions.id,
            set: excludedColumns(sessions),
          });
      }
    },
    count: (db) => countOf(db, sessions),
  },

  contracts: {
    keyShape: z.uuid(),
    keyOf: (record: Contract) => record.id,
    async page(db, after, limit) {
      const rows = await db
        .select()
        .from(contracts)
        .where(after === null ? undefined : gt(contracts.id, after))
        .orderBy(asc(contracts.id))
        .limit(limit);
      // One query for the revisions of the whole page and one for its review actions.
      const records = await withChildren(db, rows);
      return { records, lastKey: lastKeyOf(records, (r) => r.id) };
    },
    async write(tx, records) {
      for (const part of chunks(records)) {
        const ids = part.map((c) => c.id);
        await tx
          .insert(contracts)
          .values(
            part.map((c) => ({
              id: c.id,
              stateCode: c.stateCode,
              stateNumber: c.stateNumber,
              version: c.version,
              createdAt: c.createdAt,
              updatedAt: c.updatedAt,
              mccrsId: c.mccrsId,
              reversedRevisions: c.reversedRevisions,
              // Not part of the record: the list projection, derived from it again here (never carried over).
              ...summaryColumns(summaryFactsOf(c)),
            })),
          )
          .onConflictDoUpdate({
            target: contracts.id,
            set: excludedColumns(contracts),
          });
        // The children are replaced wholesale: a contract written again with fewer revisions keeps only those.
        await tx.delete(contractRevisions).where(inArray(contractRevisions.contractId, ids));
        await tx.delete(reviewActions).where(inArray(reviewActions.contractId, ids));
        const revisionRows = part.flatMap((c) =>
          c.revisions.map((r) => ({
            id: r.id,
            contractId: c.id,
            number: r.number,
            formData: r.formData,
            rateLinks: r.rateLinks,
            ...revisionColumns(r),
          })),
        );
        for (const rows of chunks(revisionRows)) await tx.insert(contractRevisions).values(rows);
        const actionRows = part.flatMap((c) => c.reviewActions.map((a) => ({ ...a, contractId: c.id })));
        for (const rows of chunks(actionRows)) await tx.insert(reviewActions).values(rows);
      }
    },
    count: (db) => countOf(db, contracts),
  },

  rates: {
    keyShape: z.uuid(),
    keyOf: (record: Rate) => record.id,
    async page(db, after, limit) {
      const rows = await db
        .select()
        .from(rates)
        .where(after === null ? undefined : gt(rates.id, after))
        .orderBy(asc(rates.id))
        .limit(limit);
      // One query for the revisions of the whole page.
      const records = await withRevisions(db, rows);
      return { records, lastKey: lastKeyOf(records, (r) => r.id) };
    },
    async write(tx, records) {
      for (const part of chunks(records)) {
        const ids = part.map((r) => r.id);
        await tx
          .insert(rates)
          .values(
            part.map((r) => ({
              id: r.id,
              stateCode: r.stateCode,
              stateNumber: r.stateNumber,
              parentContractId: r.parentContractId,
              createdAt: r.createdAt,
              updatedAt: r.updatedAt,
              reversedRevisions: r.reversedRevisions,
              reviewActions: r.reviewActions,
              // Not part of the domain record, but kept on the row to list linkable rates.
              firstSubmittedAt: r.revisions.find((v) => v.submitted)?.submitted?.at ?? null,
            })),
          )
          .onConflictDoUpdate({
            target: rates.id,
            set: excludedColumns(rates),
          });
        // The revisions are replaced wholesale, as a contract's are.
        await tx.delete(rateRevisions).where(inArray(rateRevisions.rateId, ids));
        const revisionRows = part.flatMap((rate) =>
          rate.revisions.map((r) => ({
            id: r.id,
            rateId: rate.id,
            number: r.number,
            formData: r.formData,
            ...revisionColumns(r),
          })),
        );
        for (const rows of chunks(revisionRows)) await tx.insert(rateRevisions).values(rows);
        // Not part of the record: the dashboard's facts, derived again here from the rate and its parent.
        await writeRateSummaries(tx, { rateIds: ids });
      }
    },
    count: (db) => countOf(db, rates),
  },

  reviewers: {
    keyShape: z.string().regex(/^[0-9a-f-]{36}\/[0-9a-f-]{36}$/i),
    keyOf: (record: ContractReviewer) => `${record.contractId}/${record.userId}`.toLowerCase(),
    async page(db, after, limit) {
      const [contractId, userId] = after === null ? [] : after.split('/');
      const rows = await db
        .select()
        .from(contractReviewers)
        .where(
          after === null
            ? undefined
            : sql`(${contractReviewers.contractId}, ${contractReviewers.userId}) > (${contractId}::uuid, ${userId}::uuid)`,
        )
        .orderBy(asc(contractReviewers.contractId), asc(contractReviewers.userId))
        .limit(limit);
      const records = rows.map((row) => ({ ...toReviewerAssignment(row), contractId: row.contractId }));
      return { records, lastKey: lastKeyOf(records, (r) => `${r.contractId}/${r.userId}`) };
    },
    async write(tx, records) {
      for (const part of chunks(records)) {
        await tx
          .insert(contractReviewers)
          .values(part.map(({ contractId, ...assignment }) => reviewerRow(contractId, assignment)))
          .onConflictDoUpdate({
            target: [contractReviewers.contractId, contractReviewers.userId],
            set: excludedColumns(contractReviewers),
          });
      }
    },
    count: (db) => countOf(db, contractReviewers),
  },

  events: {
    keyShape: z.uuid(),
    keyOf: (record: AuditEvent) => record.id,
    async page(db, after, limit) {
      const rows = await db
        .select()
        .from(events)
        .where(after === null ? undefined : gt(events.id, after))
        .orderBy(asc(events.id))
        .limit(limit);
      const records = rows.map(toEvent);
      return { records, lastKey: lastKeyOf(records, (r) => r.id) };
    },
    async write(tx, records) {
      for (const part of chunks(records)) {
        await tx
          .insert(events)
          .values(part.map((e) => ({ ...e })))
          .onConflictDoUpdate({
            target: events.id,
            set: excludedColumns(events),
          });
      }
    },
    count: (db) => countOf(db, events),
  },

  emailSettings: {
    keyShape: z.string().regex(/^[0-9]{1,10}$/),
    keyOf: (record: EmailSettingsVersion) => String(record.version),
    async page(db, after, limit) {
      const rows = await db
        .select()
        .from(emailSettingsVersions)
        .where(after === null ? undefined : gt(emailSettingsVersions.version, Number(after)))
        .orderBy(asc(emailSettingsVersions.version))
        .limit(limit);
      const records = rows.map(toEmailSettingsVersion);
      return { records, lastKey: lastKeyOf(records, (r) => String(r.version)) };
    },
    async write(tx, records) {
      for (const part of chunks(records)) {
        await tx
          .insert(emailSettingsVersions)
          .values(part.map((v) => ({ ...v, savedAt: savedAtOf(v) })))
          .onConflictDoUpdate({
            target: emailSettingsVersions.version,
            set: excludedColumns(emailSettingsVersions),
          });
      }
    },
    count: (db) => countOf(db, emailSettingsVersions),
  },
};

/** A stored version's time: every version a store holds was saved (only the defaults have none). */
function savedAtOf(saved: EmailSettingsVersion): string {
  if (saved.savedAt === null)
    throw new Error(`Email settings version ${saved.version} has no time of saving`);
  return saved.savedAt;
}

function checkBatchSize(batchSize: number): number {
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new RangeError(`The batch size must be a whole number of at least 1, not ${batchSize}`);
  }
  return batchSize;
}

export class PostgresDataTransfer implements DataTransfer {
  constructor(private readonly db: Database) {}

  async *read<K extends TransferKind>(
    kind: K,
    options: { after?: string | null; batchSize: number },
  ): AsyncIterable<TransferBatch<K>> {
    const access: KindAccess<K> = ACCESS[kind];
    const size = checkBatchSize(options.batchSize);
    let after = decodeCursor(options.after, z.tuple([access.keyShape]))?.[0] ?? null;
    for (;;) {
      // One row more than the batch tells whether another batch follows, so the last one has a null cursor.
      const page = await access.page(this.db, after, size + 1);
      const records = page.records.slice(0, size);
      const more = page.records.length > size;
      const lastKey = lastKeyOf(records, access.keyOf);
      const cursor = more && lastKey !== null ? encodeCursor([lastKey]) : null;
      yield { records, cursor };
      if (cursor === null || lastKey === null) return;
      after = lastKey;
    }
  }

  async write<K extends TransferKind>(kind: K, records: readonly TransferRecords[K][]): Promise<void> {
    if (records.length === 0) return;
    const access: KindAccess<K> = ACCESS[kind];
    const unique = lastByKey(records, access.keyOf);
    await translatingErrors(() => this.db.transaction((tx) => access.write(tx, unique)));
  }

  count(kind: TransferKind): Promise<number> {
    return ACCESS[kind].count(this.db);
  }
}

/** The columns every revision row has, contract's or rate's, from the domain revision. */
function revisionColumns(r: Pick<ContractRevision, 'createdAt' | 'updatedAt' | 'submitted' | 'unlocked'>) {
  return {
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    submittedAt: r.submitted?.at ?? null,
    submittedBy: r.submitted?.by ?? null,
    submittedReason: r.submitted?.reason ?? null,
    unlockedAt: r.unlocked?.at ?? null,
    unlockedBy: r.unlocked?.by ?? null,
    unlockedReason: r.unlocked?.reason ?? null,
  };
}
