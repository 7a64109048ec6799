import { NotFoundError, type Rate, type RateListItem, type RateListQuery } from '@docket/domain';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Page, PageRequest } from '../page';
import type { RateLinker, RateStore } from '../rate-store';
import { cutPage, decodeCursor, fetchSize, stateNumberKey } from '../keyset';
import { batchGet, keyCondition, queryAll, type Database } from './database';
import { isUuid } from './errors';
import { readRateLinkers } from './dynamodb-rate-links';
import { listRates } from './dynamodb-rate-lists';
import { keys, linkableRatesKey, OWNER_INDEX, owners, rateNumberSort, SUBMITTED_INDEX } from './keys';
import { rateIdOfKey, toRate, toRateRevision, toStoredRate } from './rate-items';

/** How often a read of rates starts again when a write removed a revision between its two requests. */
const READ_ATTEMPTS = 5;

/**
 * The rates with these ids that exist, each whole, by id: the rate items in one consistent batch, then all their
 * revisions in another. A rate whose listed revision vanished in between (a draft discarded at that moment) is
 * read again, so every rate returned is one that was stored, revisions and all.
 */
export async function readRates(db: Database, ids: readonly string[]): Promise<Map<string, Rate>> {
  const found = new Map<string, Rate>();
  let pending = [...new Set(ids.filter(isUuid).map((id) => id.toLowerCase()))];
  for (let attempt = 1; pending.length > 0; attempt++) {
    const stored = (await batchGet(db, pending.map(keys.rate))).map(toStoredRate);
    const revisions = new Map(
      (
        await batchGet(
          db,
          stored.flatMap((rate) => rate.revisionIds.map(keys.rateRevision)),
        )
      )
        .map(toRateRevision)
        .map((revision) => [revision.id, revision]),
    );
    const again: string[] = [];
    for (const rate of stored) {
      const whole = toRate(rate, revisions);
      if (whole === null) again.push(rate.id);
      else found.set(rate.id, whole);
    }
    if (again.length > 0 && attempt >= READ_ATTEMPTS) {
      throw new Error(`Rates ${again.join(', ')} list revisions that are not stored`);
    }
    pending = again;
  }
  return found;
}

/**
 * The rates that items of the table or an index point to (by their partition key), in their order, each read
 * whole. One that vanished in between is left out.
 */
export async function readListedRates(
  db: Database,
  items: readonly Record<string, unknown>[],
): Promise<Rate[]> {
  const ids = items.map(rateIdOfKey);
  const rates = await readRates(db, ids);
  return ids.flatMap((id) => rates.get(id) ?? []);
}

export class DynamoRateStore implements RateStore {
  constructor(private readonly db: Database) {}

  async get(id: string): Promise<Rate> {
    const [rate] = await this.getMany([id]);
    if (!rate) throw new NotFoundError('Rate', id);
    return rate;
  }

  async getMany(ids: readonly string[]): Promise<Rate[]> {
    const rates = await readRates(this.db, ids);
    return ids.map((id) => {
      const rate = isUuid(id) ? rates.get(id.toLowerCase()) : undefined;
      if (!rate) throw new NotFoundError('Rate', id);
      return rate;
    });
  }

  async listLinkable(stateCode: string, page: PageRequest): Promise<Page<Rate>> {
    const after = decodeCursor(page.cursor, stateNumberKey);
    const { Items = [] } = await this.db.documents.send(
      new QueryCommand({
        TableName: this.db.table,
        IndexName: SUBMITTED_INDEX.name,
        ...keyCondition(
          SUBMITTED_INDEX,
          linkableRatesKey(stateCode),
          after ? { operator: '<', after: rateNumberSort(after[0]) } : null,
        ),
        ScanIndexForward: false,
        Limit: fetchSize(page),
      }),
    );
    const cut = cutPage(Items, page, (item) => [Number(item[SUBMITTED_INDEX.sort])]);
    return { items: await readListedRates(this.db, cut.items), nextCursor: cut.nextCursor };
  }

  /** Served by index keys and bounded residual filters: see `dynamodb-rate-lists.ts`. */
  listRates(query: RateListQuery, page: PageRequest): Promise<Page<RateListItem>> {
    return listRates(this.db, query, page);
  }

  async listByParent(contractId: string): Promise<Rate[]> {
    if (!isUuid(contractId)) return [];
    const items = await queryAll(this.db, {
      IndexName: OWNER_INDEX.name,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': OWNER_INDEX.partition },
      ExpressionAttributeValues: { ':pk': owners.contractRates(contractId.toLowerCase()) },
    });
    return readListedRates(this.db, items as Record<string, unknown>[]);
  }

  listLinkers(rateId: string): Promise<RateLinker[]> {
    if (!isUuid(rateId)) return Promise.reject(new NotFoundError('Rate', rateId));
    return readRateLinkers(this.db, rateId);
  }
}
