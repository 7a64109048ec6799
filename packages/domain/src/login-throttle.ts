/**
 * How failed logins slow further attempts down (docs/adr/0005-login-throttling.md). A counter of failures is kept
 * per key — an account, a client address, one browser's attempts at one account — and each counter follows a
 * backoff policy: a few failures are free, then every further attempt must wait, twice as long after each
 * failure, up to a cap; a counter with no failure for a while is forgotten. Pure: the datastore keeps the counters
 * and checks the same rule in one atomic write, using the steps below.
 */

export interface BackoffPolicy {
  /** Failures that impose no wait. */
  readonly freeFailures: number;
  /** The wait after the first failure beyond the free ones; it doubles with each further failure. */
  readonly firstWaitMs: number;
  /** The longest wait. */
  readonly maxWaitMs: number;
  /** A counter whose last failure is this old is forgotten: the next failure counts from 1 again. */
  readonly forgetAfterMs: number;
}

/** What a counter holds. */
export interface FailureCount {
  failures: number;
  /** ISO time of the latest failure. */
  lastFailureAt: string;
}

/**
 * A policy that never makes anyone wait: for counters kept only to be read back (how many failures one address
 * made against one account), forgotten like the counter they are read for.
 */
export function countOnly(forgetAfterMs: number): BackoffPolicy {
  return { freeFailures: Number.MAX_SAFE_INTEGER, firstWaitMs: 1, maxWaitMs: 1, forgetAfterMs };
}

/** Whether a policy never makes an attempt wait (see `countOnly`). */
export function neverWaits(policy: BackoffPolicy): boolean {
  return policy.freeFailures === Number.MAX_SAFE_INTEGER;
}

/** More doublings than this between the first wait and the cap would make the datastore's check needlessly long. */
const MAX_DOUBLINGS = 30;

/** @throws Error naming what is wrong with a policy; a policy is code, not input, so this is a programming error. */
export function checkBackoffPolicy(policy: BackoffPolicy): BackoffPolicy {
  const { freeFailures, firstWaitMs, maxWaitMs, forgetAfterMs } = policy;
  const whole = (n: number) => Number.isSafeInteger(n) && n >= 1;
  if (!whole(freeFailures) || !whole(firstWaitMs) || !whole(maxWaitMs) || !whole(forgetAfterMs)) {
    throw new Error('A backoff policy is made of whole numbers, each at least 1');
  }
  if (maxWaitMs < firstWaitMs) throw new Error('A backoff policy cannot cap its waits below the first one');
  if (maxWaitMs > firstWaitMs * 2 ** MAX_DOUBLINGS) {
    throw new Error(
      `A backoff policy may double its first wait at most ${MAX_DOUBLINGS} times before the cap`,
    );
  }
  return policy;
}

/** How long the next attempt must wait after the last of `failures` failures: 0 while they are free. */
export function waitAfter(failures: number, policy: BackoffPolicy): number {
  if (neverWaits(policy) || failures < policy.freeFailures) return 0;
  const doublings = Math.min(failures - policy.freeFailures, MAX_DOUBLINGS + 1);
  return Math.min(policy.maxWaitMs, policy.firstWaitMs * 2 ** doublings);
}

/** The earliest time (epoch ms) at which a counter admits another attempt. */
export function nextAttemptAt(count: FailureCount, policy: BackoffPolicy): number {
  return Date.parse(count.lastFailureAt) + waitAfter(count.failures, policy);
}

/** When a counter whose last failure is `lastFailureAt` is forgotten (epoch ms). */
export function forgetAt(lastFailureAt: string, policy: BackoffPolicy): number {
  return Date.parse(lastFailureAt) + policy.forgetAfterMs;
}

/**
 * One step of the backoff rule, for a datastore to check without arithmetic: a counter with `failures` failures
 * (or, for the last step, `failures` or more) admits an attempt at the time the steps were made for only when its
 * last failure was at or before `lastFailureAtOrBefore`.
 */
export interface BackoffStep {
  failures: number;
  orMore: boolean;
  lastFailureAtOrBefore: string;
}

/**
 * The backoff rule at `now` as a finite list of steps, one per wait below the cap and one for the cap. A counter
 * admits an attempt at `now` when it has fewer than `freeFailures` failures, or when the step for its count allows
 * it — exactly when `nextAttemptAt(count) <= now`. Empty for a policy that never waits.
 */
export function backoffSteps(policy: BackoffPolicy, now: string): BackoffStep[] {
  const at = Date.parse(now);
  const steps: BackoffStep[] = [];
  if (neverWaits(policy)) return steps;
  for (let failures = policy.freeFailures; ; failures++) {
    const wait = waitAfter(failures, policy);
    const orMore = wait >= policy.maxWaitMs;
    steps.push({ failures, orMore, lastFailureAtOrBefore: new Date(at - wait).toISOString() });
    if (orMore) return steps;
  }
}

/** "45 seconds", "1 minute", "15 minutes": a wait as people say it, rounded up to whole minutes from one minute. */
export function waitPhrase(seconds: number): string {
  const whole = Math.max(1, Math.ceil(seconds));
  if (whole < 60) return `${whole} second${whole === 1 ? '' : 's'}`;
  const minutes = Math.ceil(whole / 60);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * Docket's policies (the reasons are in ADR 0005). `account`: failures against one email from browsers that do not
 * hold that account's device cookie; `device`: failures from one browser that does; `address`: failures from one
 * client address (without a device cookie), across accounts — high, so that one office behind one address is not
 * slowed by its own typing.
 */
export const LOGIN_THROTTLE_POLICIES = {
  account: { freeFailures: 5, firstWaitMs: 30_000, maxWaitMs: 15 * MINUTE, forgetAfterMs: 24 * HOUR },
  device: { freeFailures: 5, firstWaitMs: 30_000, maxWaitMs: 15 * MINUTE, forgetAfterMs: 24 * HOUR },
  address: { freeFailures: 50, firstWaitMs: 30_000, maxWaitMs: 15 * MINUTE, forgetAfterMs: 24 * HOUR },
} as const satisfies Record<string, BackoffPolicy>;

export type LoginThrottlePolicies = { [K in keyof typeof LOGIN_THROTTLE_POLICIES]: BackoffPolicy };
