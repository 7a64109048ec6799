import { isDeepStrictEqual } from 'node:util';
import type { TransactionStep } from './database';
import { alreadyExists } from './errors';
import { reviewActionGuardItem, revisionGuardItem, type ContractItems, type Item } from './items';
import { keys } from './keys';

/**
 * The transaction steps that turn the items of a contract into the items of the contract after a change (the
 * domain's `contractAfter`). `apply` writes those steps together with the contract item, conditioned on the
 * version it read: since every write to a contract's partition moves that version, the condition also guarantees
 * that the revisions and review actions are still as read.
 */

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
