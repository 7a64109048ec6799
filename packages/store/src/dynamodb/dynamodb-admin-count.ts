import { isEnabledAdmin, LastAdminError, type User } from '@docket/domain';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { keyCondition, queryAll, type Database, type TransactionStep } from './database';
import { isConditionFailed } from './errors';
import { GLOBAL_INDEX, globalKeys, keys } from './keys';

/**
 * The count of enabled administrators (`keys.enabledAdmins`), which keeps the last of them: every write that makes
 * one adds to it, and every write that unmakes one takes from it on condition that another remains. Two changes
 * that each unmake one write the same item, so DynamoDB runs them one after the other and the second meets the
 * condition as the first left it.
 */

const COUNT = 'count';

/** The step a change of one user adds to its transaction: none when it makes and unmakes no administrator. */
export function adminCountStep(
  table: string,
  before: Pick<User, 'role' | 'disabled'> | null,
  after: Pick<User, 'role' | 'disabled'>,
): TransactionStep[] {
  const was = before !== null && isEnabledAdmin(before);
  const is = isEnabledAdmin(after);
  if (was === is) return [];
  if (is) {
    return [
      {
        request: {
          Update: {
            TableName: table,
            Key: keys.enabledAdmins(),
            UpdateExpression: 'ADD #count :one SET entity = :entity',
            ExpressionAttributeNames: { '#count': COUNT },
            ExpressionAttributeValues: { ':one': 1, ':entity': 'COUNTER' },
          },
        },
      },
    ];
  }
  return [
    {
      request: {
        Update: {
          TableName: table,
          Key: keys.enabledAdmins(),
          UpdateExpression: 'SET #count = #count - :one',
          ConditionExpression: '#count > :one',
          ExpressionAttributeNames: { '#count': COUNT },
          ExpressionAttributeValues: { ':one': 1 },
        },
      },
      onConditionFailed: () => new LastAdminError(),
    },
  ];
}

/** Counts the enabled administrators among the users (hundreds at most: one partition of the global index). */
export async function countEnabledAdmins(db: Database): Promise<number> {
  let count = 0;
  for (const partition of globalKeys('USERS')) {
    const condition = keyCondition(GLOBAL_INDEX, partition, null);
    const users = await queryAll(db, {
      IndexName: GLOBAL_INDEX.name,
      ...condition,
      ExpressionAttributeNames: {
        ...condition.ExpressionAttributeNames,
        '#role': 'role',
        '#disabled': 'disabled',
      },
      ProjectionExpression: '#role, #disabled',
    });
    count += users.filter((user) => user.role === 'ADMIN' && user.disabled === false).length;
  }
  return count;
}

/** Sets the count from the users as they are: after a transfer has written users, which it writes unconditionally. */
export async function recountEnabledAdmins(db: Database): Promise<void> {
  const count = await countEnabledAdmins(db);
  await db.documents.send(
    new PutCommand({
      TableName: db.table,
      Item: { ...keys.enabledAdmins(), entity: 'COUNTER', [COUNT]: count },
    }),
  );
}

/** For `migrate()`: counts the enabled administrators of a table made before the count was kept. Idempotent. */
export async function fillEnabledAdminCount(db: Database): Promise<void> {
  const count = await countEnabledAdmins(db);
  try {
    await db.documents.send(
      new PutCommand({
        TableName: db.table,
        Item: { ...keys.enabledAdmins(), entity: 'COUNTER', [COUNT]: count },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    );
  } catch (error) {
    if (!isConditionFailed(error)) throw error;
  }
}
