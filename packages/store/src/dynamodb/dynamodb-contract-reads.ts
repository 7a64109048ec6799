import { isDeepStrictEqual } from 'node:util';
import {
  summaryFactsOf,
  type AuditEvent,
  type Contract,
  type ContractSummary,
  type Rate,
  type RateRevision,
} from '@docket/domain';
import {
  batchGet,
  mapLimited,
  PARALLEL_REQUESTS,
  queryPartition,
  retrying,
  transactGet,
  type Database,
} from './database';
import { RetryableConflict } from './errors';
import {
  compare,
  entityOf,
  toContract,
  toContractStamp,
  toContractSummary,
  toHistoryEntry,
  type ContractStamp,
  type Item,
} from './items';
import { contractPartition, keys, type ItemKey } from './keys';
import { toRate, toRateRevision, toStoredRate, type StoredRate } from './rate-items';

/**
 * Contracts read from their partitions. A read of one contract (or a filing) is a snapshot; lists and bulk reads
 * take each contract on a page as one Query, unconfirmed (`readContract`, `readContracts`).
 *
 * A contract with rates, read as one snapshot. A Query of the contract's partition is strongly consistent item by
 * item but not isolated from transactions: it may see some items a change writes and not others. So a read
 *
 * 1. queries the partition: the contract item, its revisions, its review actions and the copies of its events;
 * 2. reads the items of the rates wanted (one consistent BatchGet), which list their revisions' ids;
 * 3. reads every item found again in one TransactGetItems — the contract item, its children, the rate items and
 *    their revisions — which DynamoDB answers as one snapshot;
 *
 * and keeps the answer only when the reads agree: the contract item at the version queried, counting as many
 * revisions and review actions as the query found (the counts are kept on the item for this), each child as
 * queried, each rate there or not as in step 2 and listing the same revisions. Every change to a contract's
 * partition moves its version, and a rate's revisions are written only with its item, so reads that agree are
 * the snapshot of step 3; reads that do not agree start again, a bounded number of times (`retrying`). The event
 * copies are not read again: written once with the change they record and never altered, they agree when they
 * are exactly one per version up to the version confirmed (`historyOf`).
 *
 * Past 100 items, step 3 is several TransactGetItems, each with the contract item, and all must find it at the
 * version queried. The contract's children and the rates it owns are written only in changes that move that
 * version, so those stay one snapshot; a rate another contract owns is read whole in one of them. A contract item
 * written by a release that kept no counts is checked by its version and its children alone.
 */

const TRANSACT_GET_LIMIT = 100;

/** A contract and the rates asked for that are stored, by id, read as one snapshot. */
export interface ContractSnapshot {
  contract: Contract;
  rates: Map<string, Rate>;
  /**
   * The events of the contract's changes, oldest first, from the copies its partition keeps; null for a contract
   * that does not keep them from its creation on (see `historyOf`).
   */
  history: AuditEvent[] | null;
}

/** What steps 1 and 2 found. */
interface FirstRead {
  stamp: ContractStamp;
  contract: Contract;
  /** The revisions and review actions of the partition, by `PK`/`SK`. */
  children: Map<string, Item>;
  /** The history copies of the partition (never changed once written: checked by their versions instead). */
  history: { version: number; event: AuditEvent }[];
  /** The rates asked for: the stored ones' items, and null for the others. */
  rates: Map<string, StoredRate | null>;
}

function keyOf(item: Item): ItemKey {
  return { PK: String(item.PK), SK: String(item.SK) };
}

function keyText(key: ItemKey): string {
  return `${key.PK}\u0000${key.SK}`;
}

async function firstRead(
  db: Database,
  contractId: string,
  rateIdsOf: (contract: Contract) => readonly string[],
): Promise<FirstRead | null> {
  const items = await queryPartition(db, contractPartition(contractId));
  const contractItem = items.find((item) => entityOf(item) === 'CONTRACT');
  if (contractItem === undefined) return null;
  // A contract never lacks a revision: the query met the transaction that creates it.
  if (!items.some((item) => entityOf(item) === 'REVISION')) throw moved(`Contract ${contractId}`);
  const contract = toContract(items);
  if (contract === null) return null;
  const children = new Map(
    items
      .filter((item) => item !== contractItem && entityOf(item) !== 'HISTORY')
      .map((item) => [keyText(keyOf(item)), item]),
  );
  const history = items.filter((item) => entityOf(item) === 'HISTORY').map(toHistoryEntry);
  const rateIds = [...new Set(rateIdsOf(contract).map((id) => id.toLowerCase()))];
  const stored = new Map(
    (rateIds.length === 0 ? [] : await batchGet(db, rateIds.map(keys.rate)))
      .map(toStoredRate)
      .map((rate) => [rate.id, rate]),
  );
  return {
    stamp: toContractStamp(contractItem),
    contract,
    children,
    history,
    rates: new Map(rateIds.map((id) => [id, stored.get(id) ?? null])),
  };
}

/**
 * The keys of step 3 in groups that must be read together (a rate with its revisions), packed into as few
 * TransactGetItems as fit, each led by the contract item's key.
 */
function chunksOf(contractId: string, groups: ItemKey[][]): ItemKey[][] {
  const room = TRANSACT_GET_LIMIT - 1;
  const chunks: ItemKey[][] = [];
  let current: ItemKey[] = [];
  for (const group of groups) {
    if (group.length > room) {
      throw new Error(`A rate of contract ${contractId} has too many revisions to be read in one snapshot`);
    }
    if (current.length + group.length > room) {
      chunks.push(current);
      current = [];
    }
    current.push(...group);
  }
  if (current.length > 0 || chunks.length === 0) chunks.push(current);
  return chunks.map((chunk) => [keys.contract(contractId), ...chunk]);
}

function moved(what: string): RetryableConflict {
  return new RetryableConflict(`${what} moved while it was read`);
}

/** Step 3, and the check that it agrees with `first`. @throws RetryableConflict when it does not. */
async function confirm(db: Database, contractId: string, first: FirstRead): Promise<ContractSnapshot> {
  const rateGroups = [...first.rates].map(([id, rate]) => [
    keys.rate(id),
    ...(rate?.revisionIds ?? []).map(keys.rateRevision),
  ]);
  const childKeys = [...first.children.values()].map(keyOf);
  const chunks = chunksOf(contractId, [...childKeys.map((key) => [key]), ...rateGroups]);
  const answers = await Promise.all(chunks.map((chunk) => transactGet(db, chunk)));

  const found = new Map<string, Item>();
  chunks.forEach((chunk, c) => {
    const [contractItem, ...rest] = answers[c] ?? [];
    if (contractItem === undefined) throw moved(`Contract ${contractId}`);
    const stamp = toContractStamp(contractItem);
    const { revisionCount, reviewActionCount } = stamp;
    if (
      stamp.version !== first.stamp.version ||
      (revisionCount !== undefined && revisionCount !== first.contract.revisions.length) ||
      (reviewActionCount !== undefined && reviewActionCount !== first.contract.reviewActions.length)
    ) {
      throw moved(`Contract ${contractId}`);
    }
    rest.forEach((item, i) => {
      const key = chunk[i + 1];
      if (item !== undefined && key !== undefined) found.set(keyText(key), item);
    });
  });

  for (const [key, child] of first.children) {
    if (!isDeepStrictEqual(found.get(key), child)) throw moved(`Contract ${contractId}`);
  }
  const rates = new Map<string, Rate>();
  for (const [id, before] of first.rates) {
    const item = found.get(keyText(keys.rate(id)));
    if (item === undefined || before === null) {
      if (item !== undefined || before !== null) throw moved(`Rate ${id}`);
      continue;
    }
    const stored = toStoredRate(item);
    if (!isDeepStrictEqual(stored.revisionIds, before.revisionIds)) throw moved(`Rate ${id}`);
    const revisions = new Map<string, RateRevision>();
    for (const revisionId of stored.revisionIds) {
      const revision = found.get(keyText(keys.rateRevision(revisionId)));
      if (revision !== undefined) revisions.set(revisionId, toRateRevision(revision));
    }
    const rate = toRate(stored, revisions);
    if (rate === null) throw moved(`Rate ${id}`);
    rates.set(id, rate);
  }
  return {
    contract: first.contract,
    rates,
    history: historyOf(contractId, first.history, first.stamp.version),
  };
}

/**
 * A contract's history from the copies its partition keeps: one per change, stamped with the version the change
 * made, so exactly versions 1 to the contract's version. Null when there is no copy of version 1: the contract was
 * written before copies were kept (or copied in from another datastore, which keeps its events in the event log
 * only), and its history is read from the event log instead. Copies that are not exactly one per version were
 * read while a change was being written: the read starts again.
 */
function historyOf(
  contractId: string,
  entries: readonly { version: number; event: AuditEvent }[],
  version: number,
): AuditEvent[] | null {
  if (!entries.some((entry) => entry.version === 1)) return null;
  const versions = new Set(entries.map((entry) => entry.version));
  const complete =
    entries.length === version &&
    versions.size === version &&
    [...versions].every((v) => v >= 1 && v <= version);
  if (!complete) throw moved(`The history of contract ${contractId}`);
  return entries.map((entry) => entry.event).sort((a, b) => compare(a.at, b.at) || compare(a.id, b.id));
}

/**
 * The contract (its id as stored) with the rates `rateIdsOf` names for it, as one snapshot; null when there is
 * no such contract. Rates named that are not stored are simply not in `rates`.
 */
export function readContractSnapshot(
  db: Database,
  contractId: string,
  rateIdsOf: (contract: Contract) => readonly string[] = () => [],
): Promise<ContractSnapshot | null> {
  return retrying(async () => {
    const first = await firstRead(db, contractId, rateIdsOf);
    return first === null ? null : confirm(db, contractId, first);
  });
}

/**
 * The contract with its revisions and review actions: one consistent Query on its partition, which a change being
 * written at that moment may tear (see above). For lists and bulk reads, and for what never changes (a contract's
 * state); a read of one contract takes the snapshot instead.
 */
export async function readContract(db: Database, contractId: string): Promise<Contract | null> {
  return toContract(await queryPartition(db, contractPartition(contractId)));
}

/**
 * The contracts that items of the table or an index point to (by their partition key), in their order, each
 * read whole (at most `PARALLEL_REQUESTS` at a time). One that vanished in between is left out.
 */
export async function readContracts(
  db: Database,
  found: readonly Record<string, unknown>[],
): Promise<Contract[]> {
  const prefix = contractPartition('');
  const contracts = await mapLimited(found, PARALLEL_REQUESTS, (item) =>
    readContract(db, String(item.PK).slice(prefix.length)),
  );
  return contracts.filter((contract): contract is Contract => contract !== null);
}

/**
 * The summaries of the contract items an index projected, in their order: each from its item alone, which lists
 * read in the one Query that found it. An item whose facts are not current (see `toContractSummary`) is read
 * whole instead and summarized; one that vanished in between is left out.
 */
export async function readSummaries(
  db: Database,
  found: readonly Record<string, unknown>[],
): Promise<ContractSummary[]> {
  const summaries = found.map(toContractSummary);
  const behind = found.filter((_, index) => summaries[index] === null);
  const whole = new Map(
    (await readContracts(db, behind)).map((contract) => [contract.id, summaryFactsOf(contract)]),
  );
  return found.flatMap((item, index) => summaries[index] ?? whole.get(String(item.id)) ?? []);
}
