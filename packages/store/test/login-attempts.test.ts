import { countOnly, newId, type BackoffPolicy } from '@docket/domain';
import { expect, it } from 'vitest';
import { at, describeEachDatastore } from './conformance';

/** Two free failures, then 1 s, 2 s, and 4 s at most; forgotten 10 s after the last failure. */
const POLICY: BackoffPolicy = { freeFailures: 2, firstWaitMs: 1000, maxWaitMs: 4000, forgetAfterMs: 10_000 };
/** Waits far longer than any test, to see how many of many claims at once get through. */
const STRICT: BackoffPolicy = {
  freeFailures: 5,
  firstWaitMs: 3_600_000,
  maxWaitMs: 3_600_000,
  forgetAfterMs: 86_400_000,
};

const counterKey = () => `test:${newId()}`;

describeEachDatastore('LoginAttemptStore', (t) => {
  const claim = (key: string, time: string, policy = POLICY) =>
    t.datastore.loginAttempts.claim(key, policy, time);

  it('admits and counts each attempt while failures are free, and counts each key on its own', async () => {
    const key = counterKey();
    const other = counterKey();
    expect(await claim(key, at(0))).toEqual({ admitted: true, failures: 1 });
    expect(await claim(other, at(0))).toEqual({ admitted: true, failures: 1 });
    expect(await claim(key, at(0))).toEqual({ admitted: true, failures: 2 });
    expect(await t.datastore.loginAttempts.clear(key, at(0))).toBe(2);
    expect(await t.datastore.loginAttempts.clear(other, at(0))).toBe(1);
  });

  it('then refuses, without counting, until a wait that doubles per failure up to the cap has passed', async () => {
    const key = counterKey();
    await claim(key, at(0));
    await claim(key, at(0));
    expect(await claim(key, at(0))).toEqual({ admitted: false, retryAt: at(1000) });
    expect(await claim(key, at(999))).toEqual({ admitted: false, retryAt: at(1000) });
    expect(await claim(key, at(1000))).toEqual({ admitted: true, failures: 3 });
    expect(await claim(key, at(2999))).toEqual({ admitted: false, retryAt: at(3000) });
    expect(await claim(key, at(3000))).toEqual({ admitted: true, failures: 4 });
    expect(await claim(key, at(6999))).toEqual({ admitted: false, retryAt: at(7000) });
    expect(await claim(key, at(7000))).toEqual({ admitted: true, failures: 5 });
    // The cap: 4 s, however many failures.
    expect(await claim(key, at(7001))).toEqual({ admitted: false, retryAt: at(11_000) });
    expect(await claim(key, at(11_000))).toEqual({ admitted: true, failures: 6 });
    expect(await t.datastore.loginAttempts.clear(key, at(11_000))).toBe(6);
  });

  it('forgets a counter once its last failure is old enough, even one that was refusing', async () => {
    const key = counterKey();
    await claim(key, at(0));
    await claim(key, at(9_999));
    // Remembered 10 s after its last failure, not after its first.
    expect(await claim(key, at(19_998))).toEqual({ admitted: true, failures: 3 });
    expect(await claim(key, at(29_998))).toEqual({ admitted: true, failures: 1 });

    const refusing = counterKey();
    const slow = { ...POLICY, freeFailures: 1, firstWaitMs: 60_000, maxWaitMs: 60_000 };
    await claim(refusing, at(0), slow);
    expect(await claim(refusing, at(9_999), slow)).toEqual({ admitted: false, retryAt: at(60_000) });
    expect(await claim(refusing, at(10_000), slow)).toEqual({ admitted: true, failures: 1 });

    const old = counterKey();
    await claim(old, at(0));
    expect(await t.datastore.loginAttempts.clear(old, at(10_000))).toBe(0);
    expect(await claim(old, at(10_000))).toEqual({ admitted: true, failures: 1 });
  });

  it('forgives failures without going below zero or moving the last failure', async () => {
    const key = counterKey();
    await claim(key, at(0));
    await claim(key, at(0));
    await claim(key, at(1000));
    await t.datastore.loginAttempts.forgive(key, 1, at(1000));
    // Two failures left, the last at 1 s: the next attempt waits 1 s from there.
    expect(await claim(key, at(1500))).toEqual({ admitted: false, retryAt: at(2000) });
    await t.datastore.loginAttempts.forgive(key, 5, at(1500));
    expect(await claim(key, at(1500))).toEqual({ admitted: true, failures: 1 });

    const absent = counterKey();
    await t.datastore.loginAttempts.forgive(absent, 3, at(0));
    expect(await t.datastore.loginAttempts.clear(absent, at(0))).toBe(0);
    await claim(absent, at(0));
    await t.datastore.loginAttempts.forgive(absent, 1, at(10_000));
    expect(await claim(absent, at(10_000))).toEqual({ admitted: true, failures: 1 });
  });

  it('resets: clear answers the failures held, and counting starts again at 1', async () => {
    const key = counterKey();
    for (let i = 0; i < 3; i++) await claim(key, at(0), STRICT);
    expect(await t.datastore.loginAttempts.clear(key, at(0))).toBe(3);
    expect(await t.datastore.loginAttempts.clear(key, at(0))).toBe(0);
    expect(await claim(key, at(0), STRICT)).toEqual({ admitted: true, failures: 1 });
  });

  it('loses no count when many claims come at once', async () => {
    const key = counterKey();
    const claims = await Promise.all(Array.from({ length: 40 }, () => claim(key, at(0), countOnly(60_000))));
    const counts = claims.map((c) => (c.admitted ? c.failures : 0)).sort((a, b) => a - b);
    expect(counts).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(await t.datastore.loginAttempts.clear(key, at(0))).toBe(40);
  });

  it('admits exactly the free attempts of many at once, and refuses the rest', async () => {
    const key = counterKey();
    const claims = await Promise.all(Array.from({ length: 30 }, () => claim(key, at(0), STRICT)));
    expect(claims.filter((c) => c.admitted)).toHaveLength(5);
    for (const refused of claims.filter((c) => !c.admitted)) {
      expect(refused).toEqual({ admitted: false, retryAt: at(3_600_000) });
    }
    expect(await t.datastore.loginAttempts.clear(key, at(0))).toBe(5);
  });

  it('loses no forgiveness when many come at once', async () => {
    const key = counterKey();
    for (let i = 0; i < 20; i++) await claim(key, at(0), countOnly(60_000));
    await Promise.all(Array.from({ length: 12 }, () => t.datastore.loginAttempts.forgive(key, 1, at(0))));
    expect(await t.datastore.loginAttempts.clear(key, at(0))).toBe(8);
  });
});
