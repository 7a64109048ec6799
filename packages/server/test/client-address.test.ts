import { resolve } from 'node:path';
import type { BackoffPolicy } from '@docket/domain';
import type { Datastore } from '@docket/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config';
import { throttledAddress } from '../src/http/client-address';
import { openTestDatastore, startTestApp, type TestApp } from './helpers';

/**
 * Which address a login is counted under behind proxies (`DOCKET_TRUST_PROXY`): the one the last trusted proxy
 * appended to X-Forwarded-For, never what the client wrote to its left. Seen through the address limit of the login
 * throttle, which is what the address is for: three free failures per address here.
 */

const LONG: BackoffPolicy = {
  freeFailures: 3,
  firstWaitMs: 600_000,
  maxWaitMs: 900_000,
  forgetAfterMs: 3_600_000,
};
/** Only the address limit can refuse: every guess names another account. */
const POLICIES = { account: { ...LONG, freeFailures: 1000 }, device: LONG, address: LONG };

let datastore: Datastore;
beforeAll(async () => {
  datastore = await openTestDatastore();
});
afterAll(async () => {
  await datastore.close();
});

/** The app as `DOCKET_TRUST_PROXY` configures it. */
async function appTrusting(setting: string | undefined): Promise<TestApp> {
  const env = {
    DOCKET_SECRET: 's'.repeat(32),
    ...(setting === undefined ? {} : { DOCKET_TRUST_PROXY: setting }),
  };
  const { trustProxy } = loadConfig(env, { cwd: resolve('.') });
  return startTestApp({ datastore, trustProxy, loginThrottle: POLICIES });
}

let guesses = 0;
/** A wrong guess at an account of its own, from a socket address, with an X-Forwarded-For header. */
async function guess(t: TestApp, socket: string, forwardedFor?: string): Promise<number> {
  guesses += 1;
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    remoteAddress: socket,
    headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor },
    payload: { email: `guess.${guesses}@example.gov`, password: 'guess' },
  });
  return response.statusCode;
}

/** A left-most entry that changes with every request, as a client trying to look like many clients writes it. */
const spoofed = () =>
  `${1 + Math.floor(Math.random() * 223)}.${Math.floor(Math.random() * 256)}.0.${1 + Math.floor(Math.random() * 254)}`;

async function statuses(count: number, send: () => Promise<number>): Promise<number[]> {
  const answers: number[] = [];
  for (let i = 0; i < count; i++) answers.push(await send());
  return answers;
}

/**
 * Twelve guesses from one client: three fail, the rest are refused. (Twelve, more than any limit an app has had, so
 * that only a client told apart from others by what it wrote itself could make them all fail.)
 */
const GUESSES = 12;
const REFUSED_AFTER_THREE = [401, 401, 401, ...Array<number>(GUESSES - 3).fill(429)];

describe('the client address behind proxies', () => {
  it('with one trusted hop (DOCKET_TRUST_PROXY=1), takes the address the proxy appended, not the left-most', async () => {
    const t = await appTrusting('1');
    try {
      const balancer = '10.0.0.1';
      expect(await statuses(GUESSES, () => guess(t, balancer, `${spoofed()}, 203.0.113.7`))).toEqual(
        REFUSED_AFTER_THREE,
      );
      // Another client behind the same load balancer has failures of its own.
      expect(await guess(t, balancer, `${spoofed()}, 203.0.113.8`)).toBe(401);
    } finally {
      await t.close();
    }
  });

  it('with two trusted hops, takes the address the outer proxy appended', async () => {
    const t = await appTrusting('2');
    try {
      const answers = await statuses(GUESSES, () =>
        guess(t, '10.0.0.1', `${spoofed()}, 203.0.113.9, 10.0.0.2`),
      );
      expect(answers).toEqual(REFUSED_AFTER_THREE);
      expect(await guess(t, '10.0.0.1', `${spoofed()}, 203.0.113.10, 10.0.0.2`)).toBe(401);
    } finally {
      await t.close();
    }
  });

  it('with a list of proxies, skips the listed hops and believes only a request that comes from one', async () => {
    const t = await appTrusting('10.0.0.0/8,192.168.1.5');
    try {
      const chain = () => `${spoofed()}, 198.51.100.4, 10.2.2.2`;
      expect(await statuses(GUESSES, () => guess(t, '10.1.1.1', chain()))).toEqual(REFUSED_AFTER_THREE);
      expect(await guess(t, '192.168.1.5', `${spoofed()}, 198.51.100.4`)).toBe(429);
      // From a socket that is no listed proxy, X-Forwarded-For is not read: the socket is the client.
      const stranger = () => guess(t, '203.0.113.50', `${spoofed()}, 198.51.100.5`);
      expect(await statuses(GUESSES, stranger)).toEqual(REFUSED_AFTER_THREE);
      expect(await guess(t, '203.0.113.51', '198.51.100.5')).toBe(401);
    } finally {
      await t.close();
    }
  });

  it('trusting no proxy (the default), ignores X-Forwarded-For altogether', async () => {
    const t = await appTrusting(undefined);
    try {
      expect(await statuses(GUESSES, () => guess(t, '192.0.2.77', spoofed()))).toEqual(REFUSED_AFTER_THREE);
    } finally {
      await t.close();
    }
  });

  it('counts IPv4-mapped addresses as IPv4, and IPv6 by its /64 network', () => {
    expect(throttledAddress('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(throttledAddress('203.0.113.7')).toBe('203.0.113.7');
    expect(throttledAddress('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(throttledAddress('2001:db8:1:2:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(throttledAddress('2001:db8:1:3::1')).toBe('2001:db8:1:3::/64');
  });
});
