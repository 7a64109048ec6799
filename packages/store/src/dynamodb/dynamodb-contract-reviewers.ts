import {
  compareAssignments,
  contractReviewerSchema,
  matchesContractListQuery,
  NotFoundError,
  reviewerAlreadyAssigned,
  type AuditEvent,
  type ContractListQuery,
  type ContractReviewer,
  type ContractSummary,
  type ReviewerAssignment,
} from '@docket/domain';
import { z } from 'zod';
import {
  compareContractListKeys,
  contractListKeyOf,
  cutContractListPage,
  decodeContractListCursor,
} from '../contract-list-cursor';
import type { Page, PageRequest } from '../page';
import { batchGet, queryAll, queryPartition, retrying, transact, type Database } from './database';
import { readSummaries } from './dynamodb-contract-reads';
import { putEventStep } from './dynamodb-event-log';
import { isUuid, storedTime, storedUuid } from './errors';
import { entityOf, historyItem, itemOf, toEvent, type Item } from './items';
import { GLOBAL_INDEX, globalKeyFor, keys, OWNER_INDEX, reviewerKeys } from './keys';

/**
 * Reviewers assigned to filings on DynamoDB. Each assignment is an item in the filing's reviewers partition
 * (`reviewerKeys`), beside a copy of each assignment's event; the item is also listed under its reviewer in the
 * owner index ("Assigned to me") and under `REVIEWERS#<shard>` in the global index (transfers). A write checks that
 * the contract item exists in the same transaction, without writing it: the contract's version does not move.
 */

/** The item of one assignment. */
export function reviewerItem(record: ContractReviewer): Item {
  const contractId = storedUuid(record.contractId);
  const userId = storedUuid(record.userId);
  return {
    ...reviewerKeys.reviewer(contractId, userId),
    entity: 'REVIEWER',
    ...record,
    contractId,
    userId,
    assignedAt: storedTime(record.assignedAt),
    [OWNER_INDEX.partition]: reviewerKeys.ofUser(userId),
    [OWNER_INDEX.sort]: contractId,
    [GLOBAL_INDEX.partition]: globalKeyFor('REVIEWERS', contractId),
    [GLOBAL_INDEX.sort]: `${contractId}#${userId}`,
  };
}

const reviewerItemSchema = itemOf('REVIEWER', contractReviewerSchema);

export function toContractReviewer(item: unknown): ContractReviewer {
  return reviewerItemSchema.parse(item);
}

function toAssignment(item: unknown): ReviewerAssignment {
  const { contractId: _contractId, ...assignment } = toContractReviewer(item);
  return assignment;
}

/** The copy of an assignment's event in the filing's reviewers partition. */
function reviewerHistoryItem(contractId: string, event: AuditEvent): Item {
  const { PK: _pk, SK: _sk, version: _version, ...fields } = historyItem(contractId, event, 0);
  return {
    ...fields,
    ...reviewerKeys.history(contractId, storedTime(event.at), storedUuid(event.id)),
    entity: 'REVIEWER_HISTORY',
  };
}

const reviewerEventSchema = itemOf('REVIEWER_HISTORY', z.unknown()).transform((item) =>
  toEvent({ ...(item as object), entity: 'EVENT' }),
);

export async function assignReviewer(
  db: Database,
  contractId: string,
  input: { reviewer: ReviewerAssignment; event: AuditEvent },
): Promise<void> {
  if (!isUuid(contractId)) throw new NotFoundError('Contract', contractId);
  const id = storedUuid(contractId);
  const { table } = db;
  await retrying(() =>
    transact(db, [
      {
        request: {
          ConditionCheck: {
            TableName: table,
            Key: keys.contract(id),
            ConditionExpression: 'attribute_exists(PK)',
          },
        },
        onConditionFailed: () => new NotFoundError('Contract', contractId),
      },
      {
        request: {
          Put: {
            TableName: table,
            Item: reviewerItem({ ...input.reviewer, contractId: id }),
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        },
        onConditionFailed: reviewerAlreadyAssigned,
      },
      putEventStep(table, input.event),
      { request: { Put: { TableName: table, Item: reviewerHistoryItem(id, input.event) } } },
    ]),
  );
}

export async function unassignReviewer(
  db: Database,
  contractId: string,
  input: { userId: string; event: AuditEvent },
): Promise<void> {
  const missing = () => new NotFoundError('Reviewer assignment', `${contractId}/${input.userId}`);
  if (!isUuid(contractId) || !isUuid(input.userId)) throw missing();
  const id = storedUuid(contractId);
  const { table } = db;
  await retrying(() =>
    transact(db, [
      {
        request: {
          Delete: {
            TableName: table,
            Key: reviewerKeys.reviewer(id, storedUuid(input.userId)),
            ConditionExpression: 'attribute_exists(PK)',
          },
        },
        onConditionFailed: missing,
      },
      putEventStep(table, input.event),
      { request: { Put: { TableName: table, Item: reviewerHistoryItem(id, input.event) } } },
    ]),
  );
}

/** A filing's reviewers and the events of their assignments, from one consistent Query of its partition. */
export async function readReviewers(
  db: Database,
  contractId: string,
): Promise<{ reviewers: ReviewerAssignment[]; events: AuditEvent[] }> {
  const items = await queryPartition(db, reviewerKeys.partition(storedUuid(contractId)));
  return {
    reviewers: items
      .filter((item) => entityOf(item) === 'REVIEWER')
      .map(toAssignment)
      .sort(compareAssignments),
    events: items
      .filter((item) => entityOf(item) === 'REVIEWER_HISTORY')
      .map((item) => reviewerEventSchema.parse(item)),
  };
}

/**
 * "Assigned to me": the filings of one reviewer, by the owner index (a key condition on the reviewer), their
 * contract items read by key, then filtered and ordered by the query's own rules, and cut after the cursor. A page
 * reads the reviewer's assignments whole: their number is the reviewer's workload, not the store's size
 * (docs/adr/0032-assignments.md).
 */
export async function listReviewerContracts(
  db: Database,
  query: ContractListQuery & { reviewerId: string },
  page: PageRequest,
): Promise<Page<ContractSummary>> {
  const after = decodeContractListCursor(query, page.cursor);
  if (!isUuid(query.reviewerId)) return { items: [], nextCursor: null };
  const assigned = await queryAll(db, {
    IndexName: OWNER_INDEX.name,
    KeyConditionExpression: '#pk = :pk',
    ExpressionAttributeNames: { '#pk': OWNER_INDEX.partition, '#contractId': 'contractId' },
    ExpressionAttributeValues: { ':pk': reviewerKeys.ofUser(storedUuid(query.reviewerId)) },
    ProjectionExpression: '#contractId',
  });
  const ids = [...new Set(assigned.map((item) => String(item.contractId)))];
  const items = ids.length === 0 ? [] : ((await batchGet(db, ids.map(keys.contract))) as Item[]);
  const summaries = (await readSummaries(db, items))
    .filter((summary) => matchesContractListQuery(query, summary))
    .sort((a, b) => compareContractListKeys(query, contractListKeyOf(query, a), contractListKeyOf(query, b)));
  const rest =
    after === null
      ? summaries
      : summaries.filter(
          (summary) => compareContractListKeys(query, contractListKeyOf(query, summary), after) > 0,
        );
  return cutContractListPage(query, rest, page);
}
