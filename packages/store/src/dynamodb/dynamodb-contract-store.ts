import {
  contractAfter,
  isFilingMilestone,
  linkedRateIds,
  NotFoundError,
  contractStatus,
  ValidationError,
  VersionConflictError,
  type AuditEvent,
  type Contract,
  type ContractChange,
  type ContractListQuery,
  type ContractSummary,
  type Rate,
  type RateWrites,
  type ReviewerAssignment,
} from '@docket/domain';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import {
  checkParts,
  firstVersionOf,
  type ContractApplyPart,
  type ContractStore,
  type ContractWithRates,
  type Filing,
  type NewContract,
} from '../contract-store';
import type { Page, PageRequest } from '../page';
import type { StateRecord } from '../state-store';
import { cutPage, decodeCursor, fetchSize, stateNumberKey, timeAndIdKey } from '../keyset';
import { timeAndIdSort } from './cursor';
import {
  keyCondition,
  queryAll,
  queryShards,
  retrying,
  transact,
  TRANSACTION_LIMIT,
  type Database,
  type TransactionStep,
} from './database';
import { childSteps } from './dynamodb-contract-changes';
import { rateLinkSteps } from './dynamodb-rate-links';
import { listContracts } from './dynamodb-contract-lists';
import {
  assignReviewer,
  listReviewerContracts,
  readReviewers,
  unassignReviewer,
} from './dynamodb-contract-reviewers';
import {
  readContract,
  readContractSnapshot,
  readSummaries,
  type ContractSnapshot,
} from './dynamodb-contract-reads';
import { putEventStep, putHistoryStep, queryContractEvents } from './dynamodb-event-log';
import {
  applyRateWrites,
  namedRateIds,
  rateCreates,
  rateReviewSteps,
  rateSteps,
} from './dynamodb-rate-changes';
import { readRates } from './dynamodb-rate-store';
import { alreadyExists, isUuid, numberAttribute, RetryableConflict, storedUuid } from './errors';
import { contractItems, eventItem, toContract, toEvent, toStateRecord, type ContractItems } from './items';
import { rateItems, toRate, toRateRevision, toStoredRate } from './rate-items';
import {
  contractNumberSort,
  GLOBAL_INDEX,
  globalKeys,
  keys,
  OWNER_INDEX,
  owners,
  SUBMITTED_CONTRACTS_INDEX,
  submittedKeys,
} from './keys';

function itemsOf(items: ContractItems): unknown[] {
  return [items.contract, ...items.revisions, ...items.reviewActions];
}

/** The contract its items make; they were just built from a contract, so one is always there. */
function contractOf(items: ContractItems): Contract {
  const contract = toContract(itemsOf(items));
  if (!contract) throw new Error('Contract items without a contract item');
  return contract;
}

type ApplyInput = Parameters<ContractStore['apply']>[1];

/** A change as written: the contract after it, and the rates it wrote, by id (null for a rate it deleted). */
interface Applied {
  contract: Contract;
  written: Map<string, Rate | null>;
}

/** The contract and the rates named (by stored id) of a filing read before, as a snapshot read here would give them. */
function snapshotOf(basis: ContractWithRates, named: readonly string[]): ContractSnapshot {
  const wanted = new Set(named);
  const rates = new Map(
    basis.rates.map((rate) => [rate.id.toLowerCase(), rate] as const).filter(([id]) => wanted.has(id)),
  );
  return { contract: basis.contract, rates, history: null };
}

/** A rate as a read of its items gives it back. */
function asStored(rate: Rate): Rate {
  const items = rateItems(rate);
  const revisions = new Map(items.revisions.map(toRateRevision).map((revision) => [revision.id, revision]));
  const stored = toRate(toStoredRate(items.rate), revisions);
  if (stored === null) throw new Error(`Rate ${rate.id} does not hold together`);
  return stored;
}

/** Whether a change moves the review status of the rates its contract is the parent of (DOMAIN §5). */
function movesRateReview(change: ContractChange): boolean {
  return (
    change.kind === 'REVIEW_ACTION' &&
    (change.reviewAction.action === 'WITHDRAW' || change.reviewAction.action === 'UNDO_WITHDRAW')
  );
}

function ratesOf(change: ContractChange): RateWrites | undefined {
  return 'rates' in change ? change.rates : undefined;
}

/** The state's record, read consistently. @throws NotFoundError */
async function readState(db: Database, stateCode: string): Promise<StateRecord> {
  const { Item } = await db.documents.send(
    new GetCommand({ TableName: db.table, Key: keys.state(stateCode), ConsistentRead: true }),
  );
  if (!Item) throw new NotFoundError('State', stateCode);
  return toStateRecord(Item);
}

/**
 * Moves one of the state's counters from the value read to `next`, on condition that it is still that value:
 * of writers that race for it, one wins and the others read again and retry (`RetryableConflict`).
 */
function counterStep(
  table: string,
  stateCode: string,
  counter: 'lastContractNumber' | 'lastRateNumber',
  last: number,
  next: number,
): TransactionStep {
  return {
    request: {
      Update: {
        TableName: table,
        Key: keys.state(stateCode),
        UpdateExpression: 'SET #number = :next',
        ConditionExpression: '#number = :last',
        ExpressionAttributeNames: { '#number': counter },
        ExpressionAttributeValues: { ':next': next, ':last': last },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      },
    },
    onConditionFailed: (old) =>
      old === undefined
        ? new NotFoundError('State', stateCode)
        : new RetryableConflict(`the state's ${counter} moved`),
  };
}

/**
 * Runs work one at a time per key, in order of arrival; different keys run side by side. Creates for one state
 * in one process queue here instead of racing for its counter: the race is still settled by the counter's
 * condition (other processes), but the losers of a race within one process would only retry for nothing.
 */
class OneAtATimePerKey {
  private readonly tails = new Map<string, Promise<void>>();

  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(work);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}

export class DynamoContractStore implements ContractStore {
  /** Creates of contracts, and changes that create rates, queue per state for its counters (see above). */
  private readonly numbering = new OneAtATimePerKey();

  constructor(private readonly db: Database) {}

  create(input: NewContract): Promise<Contract> {
    return this.numbering.run(input.stateCode, () => this.createNow(input));
  }

  private async createNow(input: NewContract): Promise<Contract> {
    const { table } = this.db;
    return retrying(async () => {
      // The number comes from the state's counter, moved from the value read to the next in the same
      // transaction as the contract's items: of creates that race, one wins and the others read again and retry,
      // so no number is ever skipped or handed out twice, and a failed create leaves the counter as it was.
      const last = (await readState(this.db, input.stateCode)).lastContractNumber;
      const items = contractItems(firstVersionOf(input, last + 1));
      const contract: TransactionStep = {
        request: {
          Put: { TableName: table, Item: items.contract, ConditionExpression: 'attribute_not_exists(PK)' },
        },
        onConditionFailed: () => alreadyExists('contract'),
      };
      await transact(this.db, [
        counterStep(table, input.stateCode, 'lastContractNumber', last, last + 1),
        contract,
        ...childSteps(table, null, items),
        putEventStep(table, input.event),
        putHistoryStep(table, input.id, input.event, 1),
      ]);
      return contractOf(items);
    });
  }

  async get(id: string): Promise<Contract> {
    const read = isUuid(id) ? await readContractSnapshot(this.db, id.toLowerCase()) : null;
    if (!read) throw new NotFoundError('Contract', id);
    return read.contract;
  }

  async getWithRates(id: string): Promise<ContractWithRates> {
    const { contract, rates } = await this.readFiling(id);
    return { contract, rates };
  }

  async getFiling(id: string): Promise<Filing> {
    const { contract, rates, history } = await this.readFiling(id);
    const parentIds = [...new Set(rates.map((rate) => rate.parentContractId))].filter(
      (p) => p !== contract.id,
    );
    const [events, parents, assigned] = await Promise.all([
      history ?? queryContractEvents(this.db, contract.id),
      Promise.all(parentIds.map((parentId) => readContract(this.db, parentId))),
      readReviewers(this.db, contract.id),
    ]);
    const rateParents = parents.filter((parent): parent is Contract => parent !== null);
    // The partition keeps a copy of every change's event, which the snapshot's check needs; the filing shows its
    // milestones. (Draft saves are still read here: see docs/adr/0015-prepared-statements-and-read-plans.md.) The
    // events of assignments are kept beside the reviewers; the event log, when read instead, holds them already.
    const all = history === null ? events : [...events, ...assigned.events].sort(byTimeAndId);
    return {
      contract,
      rates,
      history: all.filter(isFilingMilestone),
      rateParents,
      reviewers: assigned.reviewers,
    };
  }

  /** The snapshot of a contract with every rate it links, and the history its partition keeps, if it does. */
  private async readFiling(id: string): Promise<ContractWithRates & { history: AuditEvent[] | null }> {
    const linked = (contract: Contract) => linkedRateIds(contract.revisions);
    const read = isUuid(id) ? await readContractSnapshot(this.db, id.toLowerCase(), linked) : null;
    if (!read) throw new NotFoundError('Contract', id);
    const { contract } = read;
    const rates = linked(contract).map((rateId) => {
      const rate = read.rates.get(rateId.toLowerCase());
      if (!rate) throw new Error(`Contract ${contract.id} links rate ${rateId}, which is not stored`);
      return rate;
    });
    return { contract, rates, history: read.history };
  }

  async apply(id: string, input: ApplyInput): Promise<Contract> {
    return (await this.applying(id, input, null)).contract;
  }

  async applyToFiling(id: string, input: ApplyInput & { basis: Filing }): Promise<Filing> {
    const { basis, ...change } = input;
    const { contract, written } = await this.applying(id, change, basis);
    const known = new Map(basis.rates.map((rate) => [rate.id.toLowerCase(), rate]));
    for (const [rateId, rate] of written) {
      if (rate === null) known.delete(rateId);
      else known.set(rateId, asStored(rate));
    }
    const rates = linkedRateIds(contract.revisions).map((rateId) => {
      const rate = known.get(rateId.toLowerCase());
      if (!rate)
        throw new Error(`Contract ${contract.id} links rate ${rateId}, which its change's basis lacks`);
      return rate;
    });
    const parentIds = new Set(rates.map((rate) => rate.parentContractId).filter((p) => p !== contract.id));
    const rateParents = [...new Map(basis.rateParents.map((parent) => [parent.id, parent])).values()].filter(
      (parent) => parentIds.has(parent.id),
    );
    const history = isFilingMilestone(input.event)
      ? [...basis.history, toEvent(eventItem(input.event))]
      : basis.history;
    return { contract, rates, history, rateParents, reviewers: basis.reviewers };
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

  /**
   * Applies a change, decided from `basis` when it is given at the version expected (nothing is read first), and
   * otherwise from a snapshot read here. Answers the contract after it and the rates it wrote (null for deleted).
   */
  private async applying(id: string, input: ApplyInput, basis: ContractWithRates | null): Promise<Applied> {
    if (!isUuid(id)) throw new NotFoundError('Contract', id);
    const usable =
      basis !== null &&
      basis.contract.version === input.expectedVersion &&
      basis.contract.id.toLowerCase() === id.toLowerCase()
        ? basis
        : null;
    if (rateCreates(ratesOf(input.change)) === 0) return this.applyNow(id, input, usable);
    // New rates take numbers from the state's rate counter, as contracts do from theirs: queue with them.
    const contract = usable?.contract ?? (await readContract(this.db, storedUuid(id)));
    if (!contract) throw new NotFoundError('Contract', id);
    return this.numbering.run(contract.stateCode, () => this.applyNow(id, input, usable));
  }

  private applyNow(id: string, input: ApplyInput, basis: ContractWithRates | null): Promise<Applied> {
    return retrying(async () => {
      const { steps, applied } = await this.stepsOf(id, input, basis);
      await transact(this.db, steps);
      return applied;
    });
  }

  /**
   * Every part read as its own snapshot, then written in one TransactWriteItems: each part's steps are
   * conditioned on its contract's version (and its rates as read), so the write as a whole applies only to what
   * was read, or not at all. A write over the transaction's item limit is refused before anything is sent.
   */
  async applyAll(parts: readonly ContractApplyPart[]): Promise<Contract[]> {
    checkParts(parts);
    for (const part of parts) if (!isUuid(part.id)) throw new NotFoundError('Contract', part.id);
    return retrying(async () => {
      const steps: TransactionStep[] = [];
      const contracts: Contract[] = [];
      // A rate another part adopts is written by that part, with its new parent's status: only once per write.
      const adopted = new Set(
        parts.flatMap((part) =>
          part.change.kind === 'ADOPT_RATES'
            ? (part.change.rates.adopt ?? []).map((adopt) => adopt.rateId.toLowerCase())
            : [],
        ),
      );
      for (const part of parts) {
        const { steps: own, applied } = await this.stepsOf(part.id, part, null, part.moreEvents, adopted);
        steps.push(...own);
        contracts.push(applied.contract);
      }
      if (steps.length > TRANSACTION_LIMIT) {
        throw new ValidationError(
          `This change would write ${steps.length} items at once, over the datastore's limit of ` +
            `${TRANSACTION_LIMIT} for one atomic write; nothing was written`,
        );
      }
      await transact(this.db, steps);
      return contracts;
    });
  }

  /**
   * The transaction steps of one change, decided from `basis` when it is given (nothing is read first) and
   * otherwise from a snapshot read here, with what the change makes of the contract and the rates it writes.
   */
  private async stepsOf(
    id: string,
    input: ApplyInput,
    basis: ContractWithRates | null,
    moreEvents: readonly AuditEvent[] = [],
    adoptedElsewhere: ReadonlySet<string> = new Set(),
  ): Promise<{ steps: TransactionStep[]; applied: Applied }> {
    const contractId = storedUuid(id);
    const { expectedVersion, at, change } = input;
    const writes = ratesOf(change);
    const { table } = this.db;
    // The contract and the rates the change names, as one snapshot: what the change is decided from.
    const read =
      basis === null
        ? await readContractSnapshot(this.db, contractId, () => namedRateIds(writes))
        : snapshotOf(basis, namedRateIds(writes));
    if (!read) throw new NotFoundError('Contract', id);
    const { contract: current, rates: ratesBefore } = read;
    if (current.version !== expectedVersion) {
      throw new VersionConflictError('Contract', id, expectedVersion, current.version);
    }
    const before = contractItems(current);
    const next = contractAfter(current, change, { expectedVersion, at });
    const after = contractItems(next);
    // The version condition makes the whole change apply only to the contract as read.
    const contract: TransactionStep = {
      request: {
        Put: {
          TableName: table,
          Item: after.contract,
          ConditionExpression: '#version = :expected',
          ExpressionAttributeNames: { '#version': 'version' },
          ExpressionAttributeValues: { ':expected': expectedVersion },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      },
      onConditionFailed: (old) =>
        old === undefined
          ? new NotFoundError('Contract', id)
          : new VersionConflictError('Contract', id, expectedVersion, numberAttribute(old, 'version')),
    };
    const steps = [contract, ...childSteps(table, before, after), ...rateLinkSteps(table, current, next)];
    let written = new Map<string, Rate | null>();
    if (writes) {
      const creates = rateCreates(writes);
      const last = creates === 0 ? 0 : (await readState(this.db, current.stateCode)).lastRateNumber;
      written = applyRateWrites(ratesBefore, writes, {
        contractId,
        stateCode: current.stateCode,
        expectedVersion,
        at,
        lastRateNumber: last,
      });
      if (creates > 0)
        steps.push(counterStep(table, current.stateCode, 'lastRateNumber', last, last + creates));
      steps.push(
        ...rateSteps(table, { contractId, expectedVersion }, ratesBefore, written, contractStatus(next)),
      );
    }
    if (movesRateReview(change)) {
      const owned = await this.ratesOwnedBy(current, adoptedElsewhere);
      steps.push(...rateReviewSteps(table, { expectedVersion }, owned, contractStatus(next)));
    }
    const events = [input.event, ...moreEvents];
    for (const event of events) {
      steps.push(
        putEventStep(table, event),
        putHistoryStep(table, contractId, event, expectedVersion + 1, events.length),
      );
    }
    return { steps, applied: { contract: contractOf(after), written } };
  }

  /**
   * The submitted rates `contract` is the parent of, read consistently, but those another part of the same write
   * adopts: the ones its owner index lists and the ones its revisions link (the index may lag a moment).
   */
  private async ratesOwnedBy(contract: Contract, adoptedElsewhere: ReadonlySet<string>): Promise<Rate[]> {
    const listed = await queryAll(this.db, {
      IndexName: OWNER_INDEX.name,
      ...keyCondition(OWNER_INDEX, owners.contractRates(contract.id), null),
    });
    const ids = [...listed.map((item) => String(item.id)), ...linkedRateIds(contract.revisions)]
      .map((id) => id.toLowerCase())
      .filter((id) => !adoptedElsewhere.has(id));
    const rates = await readRates(this.db, ids);
    return [...rates.values()].filter(
      (rate) => rate.parentContractId === contract.id && rate.revisions.some((r) => r.submitted !== null),
    );
  }

  /** Served by index keys and bounded residual filters: see `dynamodb-contract-lists.ts`. */
  listContracts(query: ContractListQuery, page: PageRequest): Promise<Page<ContractSummary>> {
    const { reviewerId } = query;
    return reviewerId
      ? listReviewerContracts(this.db, { ...query, reviewerId }, page)
      : listContracts(this.db, query, page);
  }

  async listByState(stateCode: string, page: PageRequest): Promise<Page<ContractSummary>> {
    const after = decodeCursor(page.cursor, stateNumberKey);
    const { Items = [] } = await this.db.documents.send(
      new QueryCommand({
        TableName: this.db.table,
        IndexName: OWNER_INDEX.name,
        ...keyCondition(
          OWNER_INDEX,
          owners.stateContracts(stateCode),
          after ? { operator: '<', after: contractNumberSort(after[0]) } : null,
        ),
        ScanIndexForward: false,
        Limit: fetchSize(page),
      }),
    );
    const cut = cutPage(Items, page, (item) => [Number(item.stateNumber)]);
    return { items: await readSummaries(this.db, cut.items), nextCursor: cut.nextCursor };
  }

  async listSubmitted(page: PageRequest): Promise<Page<ContractSummary>> {
    const after = decodeCursor(page.cursor, timeAndIdKey);
    const found = await queryShards(this.db, {
      index: SUBMITTED_CONTRACTS_INDEX,
      partitions: submittedKeys(),
      descending: true,
      after: timeAndIdSort(after),
      limit: fetchSize(page),
    });
    const cut = cutPage(found, page, (item) => sortKeyParts(item[SUBMITTED_CONTRACTS_INDEX.sort]));
    return { items: await readSummaries(this.db, cut.items), nextCursor: cut.nextCursor };
  }

  async listAll(page: PageRequest): Promise<Page<ContractSummary>> {
    const after = decodeCursor(page.cursor, timeAndIdKey);
    const found = await queryShards(this.db, {
      index: GLOBAL_INDEX,
      partitions: globalKeys('CONTRACTS'),
      descending: true,
      after: timeAndIdSort(after),
      limit: fetchSize(page),
    });
    const cut = cutPage(found, page, (item) => sortKeyParts(item[GLOBAL_INDEX.sort]));
    return { items: await readSummaries(this.db, cut.items), nextCursor: cut.nextCursor };
  }
}

/** A `<time>#<id>` sort key as the cursor of the list it orders. */
function sortKeyParts(sortKey: unknown): [string, string] {
  const text = String(sortKey);
  const split = text.indexOf('#');
  return [text.slice(0, split), text.slice(split + 1)];
}

/** Events in the order of a filing's history: by time, then id. */
function byTimeAndId(a: AuditEvent, b: AuditEvent): number {
  return a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
