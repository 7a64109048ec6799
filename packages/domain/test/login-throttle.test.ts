import { describe, expect, it } from 'vitest';
import {
  backoffSteps,
  checkBackoffPolicy,
  countOnly,
  LOGIN_THROTTLE_POLICIES,
  nextAttemptAt,
  waitAfter,
  type BackoffPolicy,
  waitPhrase,
  type FailureCount,
} from '../src';

const policy: BackoffPolicy = {
  freeFailures: 3,
  firstWaitMs: 1000,
  maxWaitMs: 10_000,
  forgetAfterMs: 60_000,
};
const T0 = Date.parse('2026-01-01T00:00:00.000Z');
const iso = (ms: number) => new Date(T0 + ms).toISOString();

/** What the datastore's check says, from the steps alone, as an adapter evaluates them. */
function admittedBySteps(count: FailureCount, now: string): boolean {
  if (count.failures < policy.freeFailures) return true;
  const step = backoffSteps(policy, now).find((s) =>
    s.orMore ? count.failures >= s.failures : count.failures === s.failures,
  );
  return step !== undefined && count.lastFailureAt <= step.lastFailureAtOrBefore;
}

describe('login backoff', () => {
  it('lets the free failures through, then doubles the wait per failure up to the cap', () => {
    expect([0, 1, 2].map((f) => waitAfter(f, policy))).toEqual([0, 0, 0]);
    expect([3, 4, 5, 6, 7, 100].map((f) => waitAfter(f, policy))).toEqual([
      1000, 2000, 4000, 8000, 10_000, 10_000,
    ]);
    expect(nextAttemptAt({ failures: 4, lastFailureAt: iso(0) }, policy)).toBe(T0 + 2000);
    expect(waitAfter(Number.MAX_SAFE_INTEGER - 1, policy)).toBe(10_000);
  });

  it('gives the datastore steps that admit exactly what nextAttemptAt admits', () => {
    const now = iso(50_000);
    expect(backoffSteps(policy, now).map((s) => [s.failures, s.orMore])).toEqual([
      [3, false],
      [4, false],
      [5, false],
      [6, false],
      [7, true],
    ]);
    for (let failures = 0; failures <= 12; failures++) {
      for (const ago of [0, 999, 1000, 1999, 2000, 4000, 8000, 9999, 10_000, 20_000]) {
        const count = { failures, lastFailureAt: iso(50_000 - ago) };
        const expected = nextAttemptAt(count, policy) <= Date.parse(now);
        expect(admittedBySteps(count, now), `${failures} failures, last ${ago} ms ago`).toBe(expected);
      }
    }
  });

  it('never waits on a counter kept only to be read back', () => {
    const reading = countOnly(60_000);
    expect(waitAfter(1_000_000, reading)).toBe(0);
    expect(backoffSteps(reading, iso(0))).toEqual([]);
    expect(checkBackoffPolicy(reading)).toBe(reading);
  });

  it('refuses policies that make no sense', () => {
    expect(() => checkBackoffPolicy({ ...policy, freeFailures: 0 })).toThrow(/whole numbers/);
    expect(() => checkBackoffPolicy({ ...policy, firstWaitMs: 1.5 })).toThrow(/whole numbers/);
    expect(() => checkBackoffPolicy({ ...policy, maxWaitMs: 500 })).toThrow(/below the first/);
    expect(() => checkBackoffPolicy({ ...policy, firstWaitMs: 1, maxWaitMs: 2 ** 40 })).toThrow(/30 times/);
    for (const docket of Object.values(LOGIN_THROTTLE_POLICIES))
      expect(checkBackoffPolicy(docket)).toBe(docket);
  });

  it('says a wait as people say it, never shorter than it is', () => {
    expect([1, 30, 59, 60, 61, 119, 120, 900].map(waitPhrase)).toEqual([
      '1 second',
      '30 seconds',
      '59 seconds',
      '1 minute',
      '2 minutes',
      '2 minutes',
      '2 minutes',
      '15 minutes',
    ]);
    expect(waitPhrase(0)).toBe('1 second');
  });
});
