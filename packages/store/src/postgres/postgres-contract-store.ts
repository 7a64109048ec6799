import {
  NotFoundError,
  summaryFactsOf,
  VersionConflictError,
  type Contract,
  type ContractListQuery,
  type ContractSummary,
  type AuditEvent,
  type ReviewerAssignment,
} from '@docket/domain';
import { and, asc, desc, eq, inArray, isNotNull, lt, sql } from 'drizzle-orm';
import {
  firstVersionOf,
  checkParts,
  type ContractApply,
  type ContractApplyPart,
  type ContractStore,
  type ContractWithRates,
  type Filing,
  type NewContract,
} from '../contract-store';
import type { Page, PageRequest } from '../page';
import { cutPage, decodeCursor, fetchSize, stateNumberKey, timeAndIdKey } from '../keyset';
import type { Database } from './database';
import { isUuid, translatingErrors } from './errors';
import { moveVersion, writeChange } from './postgres-contract-changes';
import { listContractRows } from './postgres-contract-list';
import { assignReviewer, unassignReviewer } from './postgres-contract-reviewers';
import { readContract, readFiling, readWholeFiling } from './postgres-contract-reads';
import { summariesOf, summaryColumns } from './postgres-contract-summaries';
import { insertEvent } from './postgres-event-log';
import { toContract } from './rows';
import { contractRevisions, contracts, reviewActions, states } from './schema';

type ContractRow = typeof contracts.$inferSelect;

export class PostgresContractStore implements ContractStore {
  constructor(private readonly db: Database) {}

  async create(input: NewContract): Promise<Contract> {
    return translatingErrors(() =>
      this.db.transaction(async (tx) => {
        // The row lock taken by this update serializes concurrent creates for one state until commit, so a
        // number is handed out once; a rollback (e.g. a duplicate id below) gives it back.
        const [counter] = await tx
          .update(states)
          .set({ lastContractNumber: sql`${states.lastContractNumber} + 1` })
          .where(eq(states.code, input.stateCode))
          .returning({ number: states.lastContractNumber });
        if (!counter) throw new NotFoundError('State', input.stateCode);
        const contract = firstVersionOf(input, counter.number);
        const [first] = contract.revisions;
        if (!first) throw new Error('A new contract without its first revision');
        const [row] = await tx
          .insert(contracts)
          .values({
            id: contract.id,
            stateCode: contract.stateCode,
            stateNumber: contract.stateNumber,
            version: contract.version,
            createdAt: contract.createdAt,
            updatedAt: contract.updatedAt,
            ...summaryColumns(summaryFactsOf(contract)),
          })
          .returning();
        const [revision] = await tx
          .insert(contractRevisions)
          .values({
            id: first.id,
            contractId: first.contractId,
            number: first.number,
            formData: first.formData,
            rateLinks: first.rateLinks,
            createdAt: first.createdAt,
            updatedAt: first.updatedAt,
          })
          .returning();
        await insertEvent(tx, input.event);
        if (!row || !revision) throw new Error('A contract insert returned no row');
        return toContract(row, [revision], []);
      }),
    );
  }

  async get(id: string): Promise<Contract> {
    const contract = isUuid(id) ? await readContract(this.db, id) : null;
    if (!contract) throw new NotFoundError('Contract', id);
    return contract;
  }

  async getWithRates(id: string): Promise<ContractWithRates> {
    const filing = isUuid(id) ? await readFiling(this.db, id) : null;
    if (!filing) throw new NotFoundError('Contract', id);
    return filing;
  }

  async getFiling(id: string): Promise<Filing> {
    const filing = isUuid(id) ? await readWholeFiling(this.db, id) : null;
    if (!filing) throw new NotFoundError('Contract', id);
    return filing;
  }

  assignReviewer(
    contractId: string,
    input: { reviewer: ReviewerAssignment; event: AuditEvent },
  ): Promise<void> {
    return assignReviewer(this.db, contractId, input);
  }

  unassignReviewer(contractId: string, input: { userId: string; event: AuditEvent }): Promise<void> {
    return unassignReviewer(this.db, contractId, input);
  }

  apply(id: string, input: ContractApply): Promise<Contract> {
    return this.applying(id, input, (tx) => readContract(tx, id));
  }

  /** The statements check everything in place: the basis is not needed to write the change. */
  applyToFiling(id: string, input: ContractApply & { basis: Filing }): Promise<Filing> {
    const { basis: _basis, ...change } = input;
    return this.applying(id, change, (tx) => readWholeFiling(tx, id));
  }

  /**
   * Every part in one transaction, each as `applying` writes one change. Contracts are moved in the order of their
   * ids, so two writes to overlapping sets of contracts lock them in the same order and never deadlock.
   */
  async applyAll(parts: readonly ContractApplyPart[]): Promise<Contract[]> {
    checkParts(parts);
    for (const part of parts) if (!isUuid(part.id)) throw new NotFoundError('Contract', part.id);
    const ordered = [...parts].sort((a, b) => (a.id.toLowerCase() < b.id.toLowerCase() ? -1 : 1));
    return translatingErrors(() =>
      this.db.transaction(async (tx) => {
        for (const part of ordered) {
          const { id, expectedVersion, at, change } = part;
          const stateCode = await moveVersion(tx, id, part);
          if (stateCode === null) throw await missingOrConflict(tx, id, expectedVersion);
          await writeChange(tx, change, { contractId: id, stateCode, expectedVersion, at });
          for (const event of part.moreEvents ?? []) await insertEvent(tx, event);
        }
        const after: Contract[] = [];
        for (const { id } of parts) {
          const contract = await readContract(tx, id);
          if (!contract) throw new Error(`Contract ${id} vanished inside its own transaction`);
          after.push(contract);
        }
        return after;
      }),
    );
  }

  /** One change in one transaction, answered with what `answer` reads in it once the change is written. */
  private async applying<T>(
    id: string,
    input: ContractApply,
    answer: (tx: Database) => Promise<T | null>,
  ): Promise<T> {
    if (!isUuid(id)) throw new NotFoundError('Contract', id);
    const { expectedVersion, at, change } = input;
    return translatingErrors(() =>
      this.db.transaction(async (tx) => {
        const stateCode = await moveVersion(tx, id, input);
        if (stateCode === null) throw await missingOrConflict(tx, id, expectedVersion);
        await writeChange(tx, change, { contractId: id, stateCode, expectedVersion, at });
        // Still under the row lock the version took: the contract as this change left it.
        const answered = await answer(tx);
        if (answered === null) throw new Error(`Contract ${id} vanished inside its own transaction`);
        return answered;
      }),
    );
  }

  listContracts(query: ContractListQuery, page: PageRequest): Promise<Page<ContractSummary>> {
    return listContractRows(this.db, query, page);
  }

  async listByState(stateCode: string, page: PageRequest): Promise<Page<ContractSummary>> {
    const after = decodeCursor(page.cursor, stateNumberKey);
    const rows = await this.db
      .select()
      .from(contracts)
      .where(and(eq(contracts.stateCode, stateCode), after ? lt(contracts.stateNumber, after[0]) : undefined))
      .orderBy(desc(contracts.stateNumber))
      .limit(fetchSize(page));
    const cut = cutPage(rows, page, (row) => [row.stateNumber]);
    return { items: await summariesOf(this.db, cut.items), nextCursor: cut.nextCursor };
  }

  async listSubmitted(page: PageRequest): Promise<Page<ContractSummary>> {
    const after = decodeCursor(page.cursor, timeAndIdKey);
    const rows = await this.db
      .select()
      .from(contracts)
      .where(
        and(
          isNotNull(contracts.firstSubmittedAt),
          after
            ? sql`(${contracts.firstSubmittedAt}, ${contracts.id}) < (${after[0]}::timestamptz, ${after[1]}::uuid)`
            : undefined,
        ),
      )
      .orderBy(desc(contracts.firstSubmittedAt), desc(contracts.id))
      .limit(fetchSize(page));
    const cut = cutPage(rows, page, (row) => [row.firstSubmittedAt ?? '', row.id]);
    return { items: await summariesOf(this.db, cut.items), nextCursor: cut.nextCursor };
  }

  async listAll(page: PageRequest): Promise<Page<ContractSummary>> {
    const after = decodeCursor(page.cursor, timeAndIdKey);
    const rows = await this.db
      .select()
      .from(contracts)
      .where(
        after
          ? sql`(${contracts.createdAt}, ${contracts.id}) < (${after[0]}::timestamptz, ${after[1]}::uuid)`
          : undefined,
      )
      .orderBy(desc(contracts.createdAt), desc(contracts.id))
      .limit(fetchSize(page));
    const cut = cutPage(rows, page, (row) => [row.createdAt, row.id]);
    return { items: await summariesOf(this.db, cut.items), nextCursor: cut.nextCursor };
  }
}

/** Tells a missing contract from one that moved past the expected version. */
async function missingOrConflict(db: Database, id: string, expectedVersion: number): Promise<Error> {
  const [current] = await db
    .select({ version: contracts.version })
    .from(contracts)
    .where(eq(contracts.id, id));
  return current
    ? new VersionConflictError('Contract', id, expectedVersion, current.version)
    : new NotFoundError('Contract', id);
}

/**
 * Contracts with their revisions and review actions, in the order of `rows`: two queries for the whole batch,
 * however many contracts it holds. For bulk reads of a datastore at rest (copy, backup): unlike the reads in
 * `postgres-contract-reads.ts`, the three statements are not one snapshot.
 */
export async function withChildren(db: Database, rows: ContractRow[]): Promise<Contract[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const revisionRows = await db
    .select()
    .from(contractRevisions)
    .where(inArray(contractRevisions.contractId, ids))
    .orderBy(asc(contractRevisions.contractId), asc(contractRevisions.number));
  const actionRows = await db
    .select()
    .from(reviewActions)
    .where(inArray(reviewActions.contractId, ids))
    .orderBy(asc(reviewActions.contractId), asc(reviewActions.at), asc(reviewActions.id));
  const revisionsOf = groupBy(revisionRows, (row) => row.contractId);
  const actionsOf = groupBy(actionRows, (row) => row.contractId);
  return rows.map((row) => toContract(row, revisionsOf.get(row.id) ?? [], actionsOf.get(row.id) ?? []));
}

export function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}
