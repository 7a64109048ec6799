import { isDeepStrictEqual } from 'node:util';
import {
  NotFoundError,
  rateLinkHistories,
  rateLinkSubmissionSchema,
  type Contract,
  type RateLinkSubmission,
} from '@docket/domain';
import { GetCommand, PutCommand, QueryCommand, type QueryCommandOutput } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { inLinkerOrder } from '../rate-linkers';
import type { RateLinker } from '../rate-store';
import {
  batchGet,
  forEachLimited,
  keyCondition,
  PARALLEL_REQUESTS,
  queryPartition,
  retrying,
  transact,
  type Database,
  type TransactionStep,
} from './database';
import { readContract, readSummaries } from './dynamodb-contract-reads';
import { RetryableConflict, storedTime, storedUuid } from './errors';
import { entityOf, itemOf, type Item } from './items';
import { GLOBAL_INDEX, globalKeys, keys, RATE_PREFIX, schemaMark, type ItemKey } from './keys';
import { toStoredRate } from './rate-items';

/**
 * The links of rates to the contracts whose submissions include them (docs/adr/0021-rate-links-read.md): one item
 * per (rate, contract) in the rate's partition, holding the domain's `rateLinkHistories` of the contract for that
 * rate. They are derived from the contract's submitted revisions alone, so:
 *
 * - `apply` writes those that a change alters in the same TransactWriteItems as the change (only a submission
 *   alters them: at most one item per rate of the new submission and per rate of the previous one, 40 in all);
 * - the transfers write them from each contract record, and remove those the record no longer implies;
 * - `migrate()` writes them once for the contracts of a table made before they were kept.
 */

const linkItemSchema = itemOf(
  'RATE_LINK',
  z.object({ rateId: z.string(), contractId: z.string(), submissions: z.array(rateLinkSubmissionSchema) }),
);

function linkItem(rateId: string, contractId: string, submissions: readonly RateLinkSubmission[]): Item {
  const rate = storedUuid(rateId);
  const contract = storedUuid(contractId);
  return {
    ...keys.rateLink(rate, contract),
    entity: 'RATE_LINK',
    rateId: rate,
    contractId: contract,
    submissions: submissions.map((s) => ({
      revisionId: storedUuid(s.revisionId),
      revisionNumber: s.revisionNumber,
      submitted: { ...s.submitted, at: storedTime(s.submitted.at) },
      rateRevisionId: s.rateRevisionId === null ? null : storedUuid(s.rateRevisionId),
    })),
  };
}

/** Every link item the contract implies, by the rate's id as stored. */
export function rateLinkItems(contract: Pick<Contract, 'id' | 'revisions'>): Map<string, Item> {
  const items = new Map<string, Item>();
  for (const [rateId, submissions] of rateLinkHistories(contract)) {
    const item = linkItem(rateId, contract.id, submissions);
    items.set(String(item.rateId), item);
  }
  return items;
}

/** The transaction steps that bring the link items of a contract from `before` to `after`. */
export function rateLinkSteps(
  table: string,
  before: Pick<Contract, 'id' | 'revisions'>,
  after: Pick<Contract, 'id' | 'revisions'>,
): TransactionStep[] {
  const old = rateLinkItems(before);
  const next = rateLinkItems(after);
  const steps: TransactionStep[] = [];
  for (const [rateId, item] of next) {
    if (!isDeepStrictEqual(old.get(rateId), item)) {
      steps.push({ request: { Put: { TableName: table, Item: item } } });
    }
  }
  for (const [rateId, item] of old) {
    if (!next.has(rateId)) {
      steps.push({ request: { Delete: { TableName: table, Key: { PK: item.PK, SK: item.SK } } } });
    }
  }
  return steps;
}

/**
 * The keys of the link items a stored contract's revisions implied, from those revisions' stamps and links (as a
 * transfer reads them with `partitionKeys`): the ones a rewrite of the contract may have to remove.
 */
export function storedLinkKeys(contractId: string, revisions: readonly unknown[]): ItemKey[] {
  const linked = new Set<string>();
  for (const revision of revisions) {
    const parsed = storedRevisionLinks.safeParse(revision);
    if (!parsed.success || parsed.data.submitted == null) continue;
    for (const link of parsed.data.rateLinks ?? []) linked.add(link.rateId.toLowerCase());
  }
  return [...linked].map((rateId) => keys.rateLink(rateId, contractId.toLowerCase()));
}

const storedRevisionLinks = z.looseObject({
  submitted: z.unknown().optional(),
  rateLinks: z.array(z.looseObject({ rateId: z.string() })).optional(),
});

/** `RateStore.listLinkers`: one consistent Query of the rate's partition, then one BatchGet of contract items. */
export async function readRateLinkers(db: Database, rateId: string): Promise<RateLinker[]> {
  const items = await queryPartition(db, `${RATE_PREFIX}${rateId.toLowerCase()}`);
  const rateItem = items.find((item) => entityOf(item) === 'RATE');
  if (rateItem === undefined) throw new NotFoundError('Rate', rateId);
  const { parentContractId } = toStoredRate(rateItem);
  const links = items
    .filter((item) => entityOf(item) === 'RATE_LINK')
    .map((item) => linkItemSchema.parse(item));
  const contractIds = [parentContractId, ...links.map((link) => link.contractId)];
  const found = await batchGet(db, contractIds.map(keys.contract));
  const summaries = new Map(
    (await readSummaries(db, found as Record<string, unknown>[])).map((s) => [s.id.toLowerCase(), s]),
  );
  const submissionsOf = new Map(links.map((link) => [link.contractId, link.submissions]));
  return inLinkerOrder(
    parentContractId,
    contractIds.flatMap((id) => {
      const contract = summaries.get(id.toLowerCase());
      return contract === undefined ? [] : [{ contract, submissions: submissionsOf.get(id) ?? [] }];
    }),
  );
}

/** Set once every contract's link items have been written: later runs of `migrate()` skip the pass. */
const LINKS_MARK = schemaMark('RATE_LINKS');

/** How many writes one transaction of `fillRateLinks` takes besides the check of the contract's version. */
const FILL_CHUNK = 99;

/**
 * Writes the link items of every submitted contract of a table made before they were kept, each contract's in
 * transactions that also check that the contract is still at the version read (a change made meanwhile wrote its
 * own; the contract is then read again). Walks the contracts of the global index once, then marks the table so
 * that the next run costs one read. Idempotent; safe from several server copies at once.
 * @returns how many contracts it wrote links for.
 */
export async function fillRateLinks(db: Database): Promise<number> {
  const { Item: mark } = await db.documents.send(
    new GetCommand({ TableName: db.table, Key: LINKS_MARK, ConsistentRead: true }),
  );
  if (mark !== undefined) return 0;
  let filled = 0;
  for (const partition of globalKeys('CONTRACTS')) {
    let startKey: QueryCommandOutput['LastEvaluatedKey'] = undefined;
    do {
      const condition = keyCondition(GLOBAL_INDEX, partition, null);
      const page: QueryCommandOutput = await db.documents.send(
        new QueryCommand({
          TableName: db.table,
          IndexName: GLOBAL_INDEX.name,
          ...condition,
          ExpressionAttributeNames: {
            ...condition.ExpressionAttributeNames,
            '#id': 'id',
            '#fs': 'firstSubmittedAt',
          },
          ProjectionExpression: '#id, #fs',
          ExclusiveStartKey: startKey,
        }),
      );
      // A draft (null) links nothing; an item without the attribute at all is read to be sure.
      const submitted = (page.Items ?? []).filter((item) => item.firstSubmittedAt !== null);
      await forEachLimited(submitted, PARALLEL_REQUESTS, async (item) => {
        if (await fillOne(db, String(item.id))) filled++;
      });
      startKey = page.LastEvaluatedKey;
    } while (startKey !== undefined);
  }
  await db.documents.send(
    new PutCommand({ TableName: db.table, Item: { ...LINKS_MARK, entity: 'SCHEMA_MARK' } }),
  );
  return filled;
}

async function fillOne(db: Database, contractId: string): Promise<boolean> {
  return retrying(async () => {
    const contract = await readContract(db, contractId);
    if (contract === null) return false;
    const links = [...rateLinkItems(contract).values()];
    for (let i = 0; i < links.length; i += FILL_CHUNK) {
      await transact(db, [
        {
          request: {
            ConditionCheck: {
              TableName: db.table,
              Key: keys.contract(contract.id.toLowerCase()),
              ConditionExpression: '#version = :version',
              ExpressionAttributeNames: { '#version': 'version' },
              ExpressionAttributeValues: { ':version': contract.version },
            },
          },
          onConditionFailed: () =>
            new RetryableConflict(`Contract ${contractId} moved while its links were written`),
        },
        ...links.slice(i, i + FILL_CHUNK).map((item) => ({
          request: { Put: { TableName: db.table, Item: item } },
        })),
      ]);
    }
    return links.length > 0;
  });
}
