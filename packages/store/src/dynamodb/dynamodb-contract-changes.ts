import { isDeepStrictEqual } from 'node:util';
import { VersionConflictError, type Contract, type ContractRevision } from '@docket/domain';
import type { ContractChange } from '../contract-store';
import type { TransactionStep } from './database';
import { alreadyExists } from './errors';
import { reviewActionGuardItem, revisionGuardItem, type ContractItems, type Item } from './items';
import { keys } from './keys';

/**
 * Each contract change as a pure step from the contract read to the contract to write, and the transaction steps
 * that turn the items of one into the items of the other. `apply` writes those steps together with the contract
 * item, conditioned on the version it read: since every write to a contract's partition moves that version, the
 * condition also guarantees that the revisions and review actions are still as read.
 */

interface ChangeContext {
  expectedVersion: number;
  at: string;
}

/** The change was based on a revision that is not (or no longer) the contract's draft. */
function staleRevision(ctx: ChangeContext, revisionId: string): VersionConflictError {
  return new VersionConflictError('ContractRevision', revisionId, ctx.expectedVersion, null);
}

/** Only an unsubmitted revision is ever written; a contract has at most one, and it is the latest. */
function draftOf(contract: Contract, ctx: ChangeContext, revisionId: string): ContractRevision {
  const draft = contract.revisions.find((r) => r.id === revisionId.toLowerCase() && r.submitted === null);
  if (!draft) throw staleRevision(ctx, revisionId);
  return draft;
}

function replaceRevision(contract: Contract, revision: ContractRevision): ContractRevision[] {
  return contract.revisions.map((r) => (r.id === revision.id ? revision : r));
}

/** The contract after `change`, at the next version. @throws VersionConflictError for a stale revision. */
export function applyChange(contract: Contract, change: ContractChange, ctx: ChangeContext): Contract {
  const next: Contract = { ...contract, version: contract.version + 1, updatedAt: ctx.at };
  switch (change.kind) {
    case 'SAVE_DRAFT': {
      const draft = draftOf(contract, ctx, change.revisionId);
      return {
        ...next,
        revisions: replaceRevision(contract, {
          ...draft,
          formData: change.formData,
          rateLinks: change.rateLinks,
          updatedAt: ctx.at,
        }),
      };
    }
    case 'SUBMIT': {
      const draft = draftOf(contract, ctx, change.revisionId);
      const submitted = {
        ...draft,
        formData: change.formData,
        rateLinks: change.rateLinks,
        updatedAt: ctx.at,
        submitted: change.submitted,
      };
      return { ...next, revisions: replaceRevision(contract, submitted) };
    }
    case 'UNLOCK': {
      const latest = contract.revisions.at(-1);
      // A draft is already open: a second one would break "at most the last revision is unsubmitted".
      if (!latest || latest.submitted === null) throw staleRevision(ctx, latest?.id ?? change.revision.id);
      const opened: ContractRevision = {
        id: change.revision.id,
        contractId: contract.id,
        number: latest.number + 1,
        formData: change.revision.formData,
        rateLinks: change.revision.rateLinks,
        createdAt: ctx.at,
        updatedAt: ctx.at,
        submitted: null,
        unlocked: change.unlocked,
      };
      return { ...next, revisions: [...contract.revisions, opened] };
    }
    case 'DISCARD_DRAFT': {
      const draft = draftOf(contract, ctx, change.revisionId);
      // The first revision is the contract's only one until it is submitted, and is never discarded.
      if (draft.number <= 1) throw staleRevision(ctx, change.revisionId);
      return { ...next, revisions: contract.revisions.filter((r) => r.id !== draft.id) };
    }
    case 'REVIEW_ACTION':
      return { ...next, reviewActions: [...contract.reviewActions, change.reviewAction] };
    case 'SET_MCCRS_ID':
      return { ...next, mccrsId: change.mccrsId };
  }
}

const NEW_ITEM = 'attribute_not_exists(PK)';

/** Items by id. @throws UniquenessError when two share an id (a change that reuses an id the contract holds). */
function byId(items: readonly Item[], name: string): Map<string, Item> {
  const found = new Map<string, Item>();
  for (const item of items) {
    if (found.has(String(item.id))) throw alreadyExists(name);
    found.set(String(item.id), item);
  }
  return found;
}

/**
 * The steps that bring a contract's revisions and review actions from `before` to `after` (the contract item
 * itself is the caller's): new items with their id guards (a taken id fails with UniquenessError), changed items
 * rewritten, removed items deleted with their guards.
 */
export function childSteps(
  table: string,
  before: ContractItems | null,
  after: ContractItems,
): TransactionStep[] {
  const contractId = String(after.contract.id);
  const steps: TransactionStep[] = [];
  const families = [
    {
      before: byId(before?.revisions ?? [], 'revision'),
      after: byId(after.revisions, 'revision'),
      guard: (id: string) => revisionGuardItem(id, contractId),
      guardKey: keys.revisionId,
      name: 'revision',
    },
    {
      before: byId(before?.reviewActions ?? [], 'review action'),
      after: byId(after.reviewActions, 'review action'),
      guard: (id: string) => reviewActionGuardItem(id, contractId),
      guardKey: keys.reviewActionId,
      name: 'review action',
    },
  ];
  for (const family of families) {
    for (const [id, item] of family.after) {
      const old = family.before.get(id);
      if (old === undefined) {
        steps.push({
          request: { Put: { TableName: table, Item: item, ConditionExpression: NEW_ITEM } },
          onConditionFailed: () => alreadyExists(family.name),
        });
        steps.push({
          request: { Put: { TableName: table, Item: family.guard(id), ConditionExpression: NEW_ITEM } },
          onConditionFailed: () => alreadyExists(family.name),
        });
      } else if (!isDeepStrictEqual(old, item)) {
        steps.push({ request: { Put: { TableName: table, Item: item } } });
      }
    }
    for (const [id, item] of family.before) {
      if (family.after.has(id)) continue;
      steps.push({ request: { Delete: { TableName: table, Key: { PK: item.PK, SK: item.SK } } } });
      steps.push({ request: { Delete: { TableName: table, Key: family.guardKey(id) } } });
    }
  }
  return steps;
}
