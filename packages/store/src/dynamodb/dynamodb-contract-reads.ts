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
import { itemWireSize } from './item-size';
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
 * are exactly the declared copies of each version up to the version confirmed (`historyOf`).
 *
 * Past 100 items or 4 MB of them (the service's limits on one TransactGetItems), step 3 is several, each with
 * the contract item, and all must find it at the version queried. They are planned by size: the query and the
 * BatchGet gave every item but the rates' revisions, whose sizes each rate item keeps (`revisionSizes`; a rate
 * item of an older release gets the largest size planned for each). The contract's children and the rates it owns
 * are written only in changes that move that version, so those stay one snapshot. A rate another contract owns is
 * read whole in one of them when it fits; otherwise its revisions are spread over several, each of which reads
 * the rate item and its parent contract's item again, and these must be alike in all: a stored rate is written
 * only by its parent, in a change that moves the parent's version. A contract item written by a release that kept
 * no counts is checked by its version and its children alone.
 */

const TRANSACT_GET_LIMIT = 100;
/**
 * What one TransactGetItems may read, in `itemWireSize` bytes: the service allows 4 MB of items (DynamoDB Local
 * counts its answer, 4 MiB); an eighth is left for what the estimate does not see.
 */
const TRANSACT_GET_BYTES = 3.5 * 1024 * 1024;
/** The bytes planned for an item not read yet whose size is not known: as much as an item can take. */
const UNKNOWN_ITEM_BYTES = 512 * 1024;

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
  contractItem: Item;
  stamp: ContractStamp;
  contract: Contract;
  /** The revisions and review actions of the partition, by `PK`/`SK`. */
  children: Map<string, Item>;
  /** The history copies of the partition (never changed once written: checked by their versions instead). */
  history: { version: number; copies: number; event: AuditEvent }[];
  /** The rates asked for: the stored ones' items with their sizes, and null for the others. */
  rates: Map<string, (StoredRate & { bytes: number }) | null>;
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
      .map((item) => ({ ...toStoredRate(item), bytes: itemWireSize(item as Item) }))
      .map((rate) => [rate.id, rate]),
  );
  return {
    contractItem,
    stamp: toContractStamp(contractItem),
    contract,
    children,
    history,
    rates: new Map(rateIds.map((id) => [id, stored.get(id) ?? null])),
  };
}

/** A key of step 3 and how many bytes its item is expected to take in the answer. */
interface Planned {
  key: ItemKey;
  bytes: number;
}

/**
 * Keys read together when they fit in one request: a child of the contract alone, or a rate item with its
 * revisions. A group too big for one is split: its `parts` spread over several requests, each of which reads its
 * `guards` again — the rate item, and the item of the rate's parent when that is another contract.
 */
interface Group {
  whole: Planned[];
  guards: Planned[];
  parts: Planned[];
}

/** One TransactGetItems: the contract item's key first. */
interface Chunk {
  keys: ItemKey[];
  bytes: number;
}

/**
 * The keys of step 3 packed into as few TransactGetItems as fit both of the service's limits on one (100 items,
 * 4 MB), each led by the contract item's key. A group goes whole into one when it fits in an empty one; a bigger
 * one (a rate with megabytes of revisions) is split into pieces that each repeat its guards.
 */
function chunksOf(head: Planned, groups: readonly Group[]): Chunk[] {
  const fresh = (): Chunk => ({ keys: [head.key], bytes: head.bytes });
  const fits = (chunk: Chunk, items: readonly Planned[]) =>
    chunk.keys.length + items.length <= TRANSACT_GET_LIMIT &&
    items.reduce((sum, item) => sum + item.bytes, chunk.bytes) <= TRANSACT_GET_BYTES;
  const add = (chunk: Chunk, items: readonly Planned[]) => {
    for (const item of items) {
      chunk.keys.push(item.key);
      chunk.bytes += item.bytes;
    }
  };
  const chunks: Chunk[] = [fresh()];
  const last = () => chunks[chunks.length - 1] as Chunk;
  for (const group of groups) {
    const { whole } = group;
    if (fits(last(), whole)) {
      add(last(), whole);
    } else if (fits(fresh(), whole)) {
      chunks.push(fresh());
      add(last(), whole);
    } else {
      // Each piece starts a chunk of its own with the guards, and takes as many members as fit after them.
      let piece: Chunk | null = null;
      for (const member of group.parts) {
        if (piece === null || !fits(piece, [member])) {
          piece = fresh();
          add(piece, group.guards);
          if (!fits(piece, [member])) throw new Error(`An item of ${member.key.PK} is too big to be read`);
          chunks.push(piece);
        }
        add(piece, [member]);
      }
    }
  }
  return chunks;
}

function moved(what: string): RetryableConflict {
  return new RetryableConflict(`${what} moved while it was read`);
}

/** Step 3, and the check that it agrees with `first`. @throws RetryableConflict when it does not. */
async function confirm(db: Database, contractId: string, first: FirstRead): Promise<ContractSnapshot> {
  const planned = (item: Item): Planned => ({ key: keyOf(item), bytes: itemWireSize(item) });
  const single = (item: Planned): Group => ({ whole: [item], guards: [], parts: [item] });
  const rateGroups = [...first.rates].map(([id, rate]): Group => {
    if (rate === null) return single({ key: keys.rate(id), bytes: UNKNOWN_ITEM_BYTES });
    const rateItem = { key: keys.rate(id), bytes: rate.bytes };
    const revisions = rate.revisionIds.map((revisionId, index) => ({
      key: keys.rateRevision(revisionId),
      bytes: rate.revisionSizes?.[index] ?? UNKNOWN_ITEM_BYTES,
    }));
    const owned = rate.parentContractId.toLowerCase() === contractId.toLowerCase();
    const parent = { key: keys.contract(rate.parentContractId), bytes: UNKNOWN_ITEM_BYTES };
    return {
      whole: [rateItem, ...revisions],
      guards: owned ? [rateItem] : [rateItem, parent],
      parts: revisions,
    };
  });
  const childGroups = [...first.children.values()].map((item) => single(planned(item)));
  const chunks = chunksOf(planned(first.contractItem), [...childGroups, ...rateGroups]);
  const answers = await Promise.all(chunks.map((chunk) => transactGet(db, chunk.keys)));

  const found = new Map<string, Item | undefined>();
  chunks.forEach(({ keys: chunk }, c) => {
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
      if (key === undefined) return;
      const text = keyText(key);
      // A guard read with several pieces of a rate must be alike in all of them: nothing wrote the rate between.
      if (found.has(text) && !isDeepStrictEqual(found.get(text), item)) throw moved(`Item ${key.PK}`);
      found.set(text, item);
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
 * A contract's history from the copies its partition keeps: one per event of each change, stamped with the version
 * the change made (and, when a change recorded several, how many), so exactly the declared copies of versions 1 to
 * the contract's version. Null when there is no copy of version 1: the contract was written before copies were
 * kept (or copied in from another datastore, which keeps its events in the event log only), and its history is
 * read from the event log instead. Copies that do not add up were read while a change was being written: the read
 * starts again.
 */
function historyOf(
  contractId: string,
  entries: readonly { version: number; copies: number; event: AuditEvent }[],
  version: number,
): AuditEvent[] | null {
  if (!entries.some((entry) => entry.version === 1)) return null;
  const seen = new Map<number, { count: number; copies: number }>();
  for (const entry of entries) {
    const found = seen.get(entry.version) ?? { count: 0, copies: entry.copies };
    seen.set(entry.version, { count: found.count + 1, copies: Math.max(found.copies, entry.copies) });
  }
  const complete =
    seen.size === version &&
    [...seen].every(([v, { count, copies }]) => v >= 1 && v <= version && count === copies);
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
