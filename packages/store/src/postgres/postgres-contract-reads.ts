import { linkedRateIds, type Contract, type EventAction, type Rate } from '@docket/domain';
import { eq, getTableColumns, getTableName, sql, type InferSelectModel, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import type { ContractWithRates, Filing } from '../contract-store';
import { builtOncePerHandle, type Database } from './database';
import { toContract, toEvent, toRate } from './rows';
import { toReviewerAssignment } from './postgres-contract-reviewers';
import {
  contractReviewers,
  contractRevisions,
  contracts,
  events,
  ISO_TIME_SQL_TYPE,
  rateRevisions,
  rates,
  reviewActions,
  toIsoTime,
} from './schema';

/**
 * Contracts read whole, each in ONE statement: the contract rows with their revisions and review actions (and, for
 * a filing, the rates its revisions link with their revisions) aggregated as JSON beside them. A single statement
 * sees one snapshot of the database whatever the isolation level, so a read never mixes the contract of one
 * change with the children of another, and it costs one round trip instead of one per table.
 */

/** A contract row with its children's rows as `to_jsonb` made them. */
interface ContractWithChildrenRow {
  row: InferSelectModel<typeof contracts>;
  revisions: unknown;
  reviewActions: unknown;
}

const jsonObjects = z.array(z.record(z.string(), z.unknown()));

/**
 * Rows of `table` from `to_jsonb` of them: keyed by column name, with times in JSON's own form. Every other
 * column this schema has (uuid, text, integer, date, jsonb) comes out of `to_jsonb` as the driver gives it.
 */
function rowsFromJson<T extends PgTable>(table: T, value: unknown): InferSelectModel<T>[] {
  const columns = Object.entries(getTableColumns(table));
  return jsonObjects.parse(value).map((json) => {
    const row: Record<string, unknown> = {};
    for (const [key, column] of columns) {
      if (!(column.name in json)) throw new Error(`A ${getTableName(table)} row read without ${column.name}`);
      const raw = json[column.name];
      row[key] = raw === null || column.getSQLType() !== ISO_TIME_SQL_TYPE ? raw : toIsoTime(String(raw));
    }
    // Each value is the column's own, read above; only TypeScript cannot follow the keys.
    return row as InferSelectModel<T>;
  });
}

/** Every row of `table` that `where` picks, as one JSON array ordered by `orderBy` (`[]` for none). */
function aggregated(table: PgTable, where: SQL, orderBy: SQL): SQL<unknown> {
  return sql<unknown>`(select coalesce(jsonb_agg(to_jsonb(${table}) order by ${orderBy}), '[]'::jsonb) from ${table} where ${where})`;
}

const UUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';

/**
 * The ids of the rates any revision of the contract (of the outer row) links; an id not a UUID links nothing. Used
 * as `= any(array${linkedRates})`, not `in ${linkedRates}`: the planner cannot estimate how many links a
 * `jsonb_array_elements` yields and, with `in`, guesses a hundred and reads whole tables to join them; an array is
 * computed first and looked up by primary key.
 */
const linkedRates = sql`(
  select case when link ->> 'rateId' ~ ${UUID_PATTERN} then (link ->> 'rateId')::uuid end
  from ${contractRevisions} cross join lateral jsonb_array_elements(${contractRevisions.rateLinks}) as link
  where ${contractRevisions.contractId} = ${contracts.id}
)`;

/** The columns of a contract read: the row, and its children aggregated (correlated with the row). */
const contractColumns = {
  row: getTableColumns(contracts),
  revisions: aggregated(
    contractRevisions,
    sql`${contractRevisions.contractId} = ${contracts.id}`,
    sql`${contractRevisions.number}`,
  ),
  reviewActions: aggregated(
    reviewActions,
    sql`${reviewActions.contractId} = ${contracts.id}`,
    sql`${reviewActions.at}, ${reviewActions.id}`,
  ),
};

/** A contract read with `contractColumns` (or `contractsQuery`), as the domain's contract. */
export function toContractWithChildren(read: ContractWithChildrenRow): Contract {
  return toContract(
    read.row,
    rowsFromJson(contractRevisions, read.revisions),
    rowsFromJson(reviewActions, read.reviewActions),
  );
}

/**
 * A select of contracts with their children, to narrow with `where`, `orderBy` and `limit`: one statement for a
 * whole page, each contract on it a snapshot.
 */
export function contractsQuery(db: Database) {
  return db.select(contractColumns).from(contracts);
}

/** The contract, or null: one statement. */
export async function readContract(db: Database, id: string): Promise<Contract | null> {
  const [read] = await contractsQuery(db).where(eq(contracts.id, id));
  return read ? toContractWithChildren(read) : null;
}

/** The rates any revision of the contract (of the outer row) links, and their revisions. */
const filingColumns = {
  ...contractColumns,
  rates: aggregated(rates, sql`${rates.id} = any(array${linkedRates})`, sql`${rates.stateNumber}`),
  rateRevisions: aggregated(
    rateRevisions,
    sql`${rateRevisions.rateId} = any(array${linkedRates})`,
    sql`${rateRevisions.rateId}, ${rateRevisions.number}`,
  ),
};

/**
 * The other contracts that own a rate the contract (of the outer row) links, each with its revisions and review
 * actions: `{ row, revisions, reviewActions }` objects, as JSON.
 */
const rateParentsColumn = sql<unknown>`(
  select coalesce(jsonb_agg(jsonb_build_object(
    'row', to_jsonb(parent),
    'revisions', (
      select coalesce(jsonb_agg(to_jsonb(r) order by r.number), '[]'::jsonb)
      from ${contractRevisions} r where r.contract_id = parent.id
    ),
    'reviewActions', (
      select coalesce(jsonb_agg(to_jsonb(a) order by a.at, a.id), '[]'::jsonb)
      from ${reviewActions} a where a.contract_id = parent.id
    )
  ) order by parent.id), '[]'::jsonb)
  from ${contracts} parent
  where parent.id <> ${contracts.id}
    and parent.id in (select ${rates.parentContractId} from ${rates} where ${rates.id} = any(array${linkedRates}))
)`;

/** The one action that is not a filing's milestone (see `isFilingMilestone`), spelled as the partial index is. */
const DRAFT_SAVE = 'SAVE_DRAFT' satisfies EventAction;

/** What the summary page shows besides: the contract's events and the parents of the rates it links. */
const wholeFilingColumns = {
  ...filingColumns,
  // The milestones (domain `isFilingMilestone`), by their own partial index: never the draft saves.
  history: aggregated(
    events,
    sql`${events.contractId} = ${contracts.id} and ${events.action} <> ${sql.raw(`'${DRAFT_SAVE}'`)}`,
    sql`${events.at}, ${events.id}`,
  ),
  rateParents: rateParentsColumn,
  reviewers: aggregated(
    contractReviewers,
    sql`${contractReviewers.contractId} = ${contracts.id}`,
    sql`${contractReviewers.assignedAt}, ${contractReviewers.userId}`,
  ),
};

/** A contract read with `filingColumns`. */
interface FilingRow extends ContractWithChildrenRow {
  rates: unknown;
  rateRevisions: unknown;
}

const parentObjects = z.array(
  z.object({ row: z.unknown(), revisions: z.unknown(), reviewActions: z.unknown() }),
);

/** The contract and its linked rates from a read with `filingColumns`. */
function toContractWithRates(read: FilingRow): ContractWithRates {
  const contract = toContractWithChildren(read);
  const revisionsOf = new Map<string, InferSelectModel<typeof rateRevisions>[]>();
  for (const revision of rowsFromJson(rateRevisions, read.rateRevisions)) {
    revisionsOf.set(revision.rateId, [...(revisionsOf.get(revision.rateId) ?? []), revision]);
  }
  const byId = new Map<string, Rate>(
    rowsFromJson(rates, read.rates).map((row) => [row.id, toRate(row, revisionsOf.get(row.id) ?? [])]),
  );
  const linked = linkedRateIds(contract.revisions).map((rateId) => {
    const rate = byId.get(rateId.toLowerCase());
    if (!rate) throw new Error(`Contract ${contract.id} links rate ${rateId}, which is not stored`);
    return rate;
  });
  return { contract, rates: linked };
}

/**
 * The contract and every rate its revisions link, or null: one statement.
 * @throws Error when a linked rate is not stored (the store is damaged: see `ContractStore.getWithRates`).
 */
export async function readFiling(db: Database, id: string): Promise<ContractWithRates | null> {
  const [read] = await db.select(filingColumns).from(contracts).where(eq(contracts.id, id));
  return read ? toContractWithRates(read) : null;
}

const wholeFilingQuery = builtOncePerHandle((db) =>
  db
    .select(wholeFilingColumns)
    .from(contracts)
    .where(eq(contracts.id, sql.placeholder('id')))
    .prepare('docket_read_whole_filing'),
);

/** `readFiling`, with the contract's history and its rates' other parents, or null: still one statement. */
export async function readWholeFiling(db: Database, id: string): Promise<Filing | null> {
  const [read] = await wholeFilingQuery(db).execute({ id });
  if (!read) return null;
  const rateParents = parentObjects.parse(read.rateParents).map((parent) => {
    const [row] = rowsFromJson(contracts, [parent.row]);
    if (!row) throw new Error(`A parent of contract ${id}'s rates was read without its row`);
    return toContract(
      row,
      rowsFromJson(contractRevisions, parent.revisions),
      rowsFromJson(reviewActions, parent.reviewActions),
    );
  });
  return {
    ...toContractWithRates(read),
    history: rowsFromJson(events, read.history).map(toEvent),
    rateParents,
    reviewers: rowsFromJson(contractReviewers, read.reviewers).map(toReviewerAssignment),
  };
}
