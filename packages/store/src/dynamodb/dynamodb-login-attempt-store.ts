import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { backoffSteps, nextAttemptAt, neverWaits, type BackoffPolicy } from '@docket/domain';
import { z } from 'zod';
import type { LoginAttemptClaim, LoginAttemptStore } from '../login-attempt-store';
import type { Database } from './database';
import { isConditionFailed, numberAttribute, storedTime, stringAttribute } from './errors';
import { keys, TTL_ATTRIBUTE } from './keys';

/**
 * Failed-login counters, one item each (`LOGIN_FAILURES#<key>`), in no index. Every change is one conditional
 * UpdateItem, so claims from any number of server copies are settled by the table itself: the backoff rule is
 * written out as a condition on the item (the domain's backoff steps), and the count moves with `ADD`. A forgotten
 * counter is replaced by a fresh one on condition that it is still forgotten; time to live removes it otherwise.
 */

/** Claims and forgivenesses that lose a race with another write look again; this many times at most. */
const ROUNDS = 8;

const NAMES = {
  '#entity': 'entity',
  '#key': 'key',
  '#failures': 'failures',
  '#last': 'lastFailureAt',
  '#forget': 'forgetAt',
  '#ttl': TTL_ATTRIBUTE,
};

const counterSchema = z.object({
  entity: z.literal('LOGIN_FAILURES'),
  failures: z.number().int(),
  lastFailureAt: z.string(),
  forgetAt: z.string(),
});

const conditionFailureSchema = z.object({ Item: z.record(z.string(), z.unknown()).optional() });

/** The counter as it was when a condition failed (null when there was none), from the raw item the service returns. */
function counterOnFailure(
  error: unknown,
): { failures: number; lastFailureAt: string; forgetAt: string } | null {
  const item = conditionFailureSchema.safeParse(error).data?.Item;
  const failures = numberAttribute(item, 'failures');
  const lastFailureAt = stringAttribute(item, 'lastFailureAt');
  const forgetAt = stringAttribute(item, 'forgetAt');
  if (failures === null || lastFailureAt === null || forgetAt === null) return null;
  return { failures, lastFailureAt, forgetAt };
}

type CounterItem = ReturnType<typeof counterItem>;

/** A counter with one failure at `at` (a stored time), as a new item. */
function counterItem(key: string, at: string, policy: BackoffPolicy) {
  const forgetAt = new Date(Date.parse(at) + policy.forgetAfterMs).toISOString();
  return {
    ...keys.loginFailures(key),
    entity: 'LOGIN_FAILURES' as const,
    key,
    failures: 1,
    lastFailureAt: at,
    forgetAt,
    // Rounded up: the service may remove a counter only once it is forgotten.
    [TTL_ATTRIBUTE]: Math.ceil(Date.parse(forgetAt) / 1000),
  };
}

/** The backoff rule as a condition on the item, with the values it uses. */
function admitsCondition(
  policy: BackoffPolicy,
  now: string,
): { expression: string; values: Record<string, unknown> } {
  if (neverWaits(policy)) return { expression: '', values: {} };
  const values: Record<string, unknown> = { ':free': policy.freeFailures };
  const terms = ['#failures < :free'];
  backoffSteps(policy, now).forEach((step, i) => {
    values[`:f${i}`] = step.failures;
    values[`:t${i}`] = step.lastFailureAtOrBefore;
    terms.push(`(#failures ${step.orMore ? '>=' : '='} :f${i} AND #last <= :t${i})`);
  });
  return { expression: ` AND (${terms.join(' OR ')})`, values };
}

export class DynamoLoginAttemptStore implements LoginAttemptStore {
  constructor(private readonly db: Database) {}

  async claim(key: string, policy: BackoffPolicy, now: string): Promise<LoginAttemptClaim> {
    const at = storedTime(now);
    const fresh = counterItem(key, at, policy);
    const admits = admitsCondition(policy, at);
    for (let round = 0; round < ROUNDS; round++) {
      try {
        const { Attributes } = await this.db.documents.send(
          new UpdateCommand({
            TableName: this.db.table,
            Key: keys.loginFailures(key),
            UpdateExpression:
              'SET #entity = :entity, #key = :key, #last = :now, #forget = :forget, #ttl = :ttl ADD #failures :one',
            ConditionExpression: `attribute_not_exists(PK) OR (#forget > :now${admits.expression})`,
            ExpressionAttributeNames: NAMES,
            ExpressionAttributeValues: {
              ':entity': fresh.entity,
              ':key': key,
              ':now': at,
              ':forget': fresh.forgetAt,
              ':ttl': fresh[TTL_ATTRIBUTE],
              ':one': 1,
              ...admits.values,
            },
            ReturnValues: 'ALL_NEW',
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          }),
        );
        return { admitted: true, failures: counterSchema.parse(Attributes).failures };
      } catch (error) {
        if (!isConditionFailed(error)) throw error;
        const current = counterOnFailure(error);
        if (current === null) continue;
        if (current.forgetAt <= at) {
          if (await this.restart(fresh)) return { admitted: true, failures: 1 };
          continue;
        }
        const retryAt = nextAttemptAt(current, policy);
        if (retryAt > Date.parse(at)) return { admitted: false, retryAt: new Date(retryAt).toISOString() };
      }
    }
    throw new Error(`The failed-login counter ${key} kept changing; ${ROUNDS} claims did not settle`);
  }

  async forgive(key: string, failures: number, now: string): Promise<void> {
    if (failures <= 0) return;
    const at = storedTime(now);
    for (let round = 0; round < ROUNDS; round++) {
      let current: ReturnType<typeof counterOnFailure>;
      try {
        await this.update(key, 'ADD #failures :minus', '#forget > :now AND #failures >= :n', {
          ':minus': -failures,
          ':now': at,
          ':n': failures,
        });
        return;
      } catch (error) {
        if (!isConditionFailed(error)) throw error;
        current = counterOnFailure(error);
      }
      if (current === null || current.forgetAt <= at) return;
      if (current.failures >= failures) continue;
      try {
        // Fewer failures than forgiven: none are left.
        await this.update(key, 'SET #failures = :zero', '#forget > :now AND #failures = :seen', {
          ':zero': 0,
          ':now': at,
          ':seen': current.failures,
        });
        return;
      } catch (error) {
        if (!isConditionFailed(error)) throw error;
      }
    }
    throw new Error(
      `The failed-login counter ${key} kept changing; ${ROUNDS} attempts to forgive did not settle`,
    );
  }

  async clear(key: string, now: string): Promise<number> {
    const { Attributes } = await this.db.documents.send(
      new DeleteCommand({ TableName: this.db.table, Key: keys.loginFailures(key), ReturnValues: 'ALL_OLD' }),
    );
    if (Attributes === undefined) return 0;
    const removed = counterSchema.parse(Attributes);
    return removed.forgetAt > storedTime(now) ? removed.failures : 0;
  }

  /** Replaces a forgotten counter with a fresh one; false when it is no longer forgotten. */
  private async restart(fresh: CounterItem): Promise<boolean> {
    try {
      await this.db.documents.send(
        new PutCommand({
          TableName: this.db.table,
          Item: fresh,
          ConditionExpression: '#forget <= :now',
          ExpressionAttributeNames: { '#forget': 'forgetAt' },
          ExpressionAttributeValues: { ':now': fresh.lastFailureAt },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailed(error)) return false;
      throw error;
    }
  }

  private async update(
    key: string,
    expression: string,
    condition: string,
    values: Record<string, unknown>,
  ): Promise<void> {
    const used = Object.entries(NAMES).filter(([name]) => `${expression} ${condition}`.includes(name));
    await this.db.documents.send(
      new UpdateCommand({
        TableName: this.db.table,
        Key: keys.loginFailures(key),
        UpdateExpression: expression,
        ConditionExpression: condition,
        ExpressionAttributeNames: Object.fromEntries(used),
        ExpressionAttributeValues: values,
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
  }
}
