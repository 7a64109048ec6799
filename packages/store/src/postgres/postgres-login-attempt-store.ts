import { backoffSteps, nextAttemptAt, neverWaits, type BackoffPolicy } from '@docket/domain';
import { and, eq, gt, gte, inArray, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { LoginAttemptClaim, LoginAttemptStore } from '../login-attempt-store';
import type { Database } from './database';
import { loginFailures } from './schema';

/** Forgotten rows deleted each time a counter is created, so that the table never holds many of them. */
const PURGE_BATCH = 20;

/** A refused claim reads the counter to say when to come back; a counter that changed meanwhile is claimed again. */
const CLAIM_ROUNDS = 5;

/** The backoff rule as SQL over the existing row: true when the row admits an attempt at `now`. */
function admits(policy: BackoffPolicy, now: string): SQL {
  if (neverWaits(policy)) return sql`true`;
  const steps = backoffSteps(policy, now).map((step) =>
    and(
      step.orMore ? gte(loginFailures.failures, step.failures) : eq(loginFailures.failures, step.failures),
      lte(loginFailures.lastFailureAt, step.lastFailureAtOrBefore),
    ),
  );
  return or(lt(loginFailures.failures, policy.freeFailures), ...steps) ?? sql`false`;
}

export class PostgresLoginAttemptStore implements LoginAttemptStore {
  constructor(private readonly db: Database) {}

  async claim(key: string, policy: BackoffPolicy, now: string): Promise<LoginAttemptClaim> {
    const forget = new Date(Date.parse(now) + policy.forgetAfterMs).toISOString();
    const forgotten = lte(loginFailures.forgetAt, now);
    for (let round = 0; round < CLAIM_ROUNDS; round++) {
      // One statement: the row is locked while the rule is checked and the failure counted, so claims at the same
      // time are admitted one after the other, each seeing the count the one before left.
      const [counted] = await this.db
        .insert(loginFailures)
        .values({ key, failures: 1, lastFailureAt: now, forgetAt: forget })
        .onConflictDoUpdate({
          target: loginFailures.key,
          set: {
            failures: sql`case when ${forgotten} then 1 else ${loginFailures.failures} + 1 end`,
            lastFailureAt: sql`case when ${forgotten} then ${now}::timestamptz
              else greatest(${loginFailures.lastFailureAt}, ${now}::timestamptz) end`,
            forgetAt: sql`greatest(${loginFailures.forgetAt}, ${forget}::timestamptz)`,
          },
          setWhere: or(forgotten, admits(policy, now)),
        })
        .returning({ failures: loginFailures.failures });
      if (counted) {
        if (counted.failures === 1) await this.purge(key, now);
        return { admitted: true, failures: counted.failures };
      }
      const [current] = await this.db
        .select({ failures: loginFailures.failures, lastFailureAt: loginFailures.lastFailureAt })
        .from(loginFailures)
        .where(and(eq(loginFailures.key, key), gt(loginFailures.forgetAt, now)));
      const retryAt = current ? nextAttemptAt(current, policy) : Number.NEGATIVE_INFINITY;
      if (retryAt > Date.parse(now)) return { admitted: false, retryAt: new Date(retryAt).toISOString() };
    }
    throw new Error(`The failed-login counter ${key} kept changing; ${CLAIM_ROUNDS} claims did not settle`);
  }

  async forgive(key: string, failures: number, now: string): Promise<void> {
    await this.db
      .update(loginFailures)
      .set({ failures: sql`greatest(${loginFailures.failures} - ${failures}, 0)` })
      .where(and(eq(loginFailures.key, key), gt(loginFailures.forgetAt, now)));
  }

  async clear(key: string, now: string): Promise<number> {
    const [removed] = await this.db
      .delete(loginFailures)
      .where(eq(loginFailures.key, key))
      .returning({ failures: loginFailures.failures, forgetAt: loginFailures.forgetAt });
    return removed && Date.parse(removed.forgetAt) > Date.parse(now) ? removed.failures : 0;
  }

  /** Deletes a few forgotten rows (never `keep`, just written): each new counter makes room for itself. */
  private async purge(keep: string, now: string): Promise<void> {
    const forgotten = this.db
      .select({ key: loginFailures.key })
      .from(loginFailures)
      .where(lte(loginFailures.forgetAt, now))
      .orderBy(loginFailures.forgetAt)
      .limit(PURGE_BATCH);
    await this.db
      .delete(loginFailures)
      .where(and(inArray(loginFailures.key, forgotten), sql`${loginFailures.key} <> ${keep}`));
  }
}
