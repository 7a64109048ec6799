import type { BackoffPolicy, Problem } from '@docket/domain';
import type { Datastore, UserStore } from '@docket/store';
import { datastoreLike, describeEachDatastore } from '@docket/store/testing';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { expectProblem, startTestApp, TEST_PASSWORD, type TestApp } from './helpers';

/**
 * Login throttling through the real app, on every datastore (the counters live there): failures only, per account,
 * per browser and per client address; correct passwords never refused for another account's failures; counters
 * shared by every server copy.
 */

const MINUTE = 60_000;
const LONG: BackoffPolicy = {
  freeFailures: 3,
  firstWaitMs: 10 * MINUTE,
  maxWaitMs: 15 * MINUTE,
  forgetAfterMs: 60 * MINUTE,
};
/** Three free failures per account and per browser, six per address; then waits far longer than the tests. */
const POLICIES = { account: LONG, device: LONG, address: { ...LONG, freeFailures: 6 } };

let addresses = 0;
/** A client address of its own for each test, so that no test sees another's failures. */
function freshAddress(): string {
  addresses += 1;
  return `198.51.${Math.floor(addresses / 250)}.${(addresses % 250) + 1}`;
}

const unknownEmail = () => `nobody.${Math.random().toString(36).slice(2)}@example.gov`;

/** The datastore with its user look-ups counted: a refused attempt must not reach them (nor any password hash). */
function countingLookups(datastore: Datastore): { datastore: Datastore; lookups: () => number } {
  let lookups = 0;
  const users: UserStore = {
    create: (input) => datastore.users.create(input),
    get: (id) => datastore.users.get(id),
    list: (page) => datastore.users.list(page),
    search: (search, page) => datastore.users.search(search, page),
    update: (input) => datastore.users.update(input),
    setPassword: (input) => datastore.users.setPassword(input),
    listAnalysts: (stateCode) => datastore.users.listAnalysts(stateCode),
    listAssignableReviewers: (page) => datastore.users.listAssignableReviewers(page),
    findByEmail: (email) => {
      lookups += 1;
      return datastore.users.findByEmail(email);
    },
  };
  const counted = datastoreLike(datastore, { users });
  return { datastore: counted, lookups: () => lookups };
}

describeEachDatastore('Login throttling', (t) => {
  let first: TestApp;
  let second: TestApp;
  let lookups: () => number;

  beforeAll(async () => {
    const counting = countingLookups(t.datastore);
    lookups = counting.lookups;
    first = await startTestApp({ datastore: counting.datastore, loginThrottle: POLICIES });
    second = await startTestApp({ datastore: t.datastore, loginThrottle: POLICIES });
  });
  afterAll(async () => {
    await first?.close();
    await second?.close();
  });

  /** One login attempt from a client address, through the first server copy unless told otherwise. */
  function attempt(
    email: string,
    password: string,
    from: { address: string; device?: string; via?: TestApp; forwardedFor?: string },
  ): Promise<LightMyRequestResponse> {
    return (from.via ?? first).app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: from.address,
      headers: {
        ...(from.device ? { cookie: from.device } : {}),
        ...(from.forwardedFor ? { 'x-forwarded-for': from.forwardedFor } : {}),
      },
      payload: { email, password },
    });
  }

  async function statuses(count: number, send: (i: number) => Promise<LightMyRequestResponse>) {
    const answers: number[] = [];
    for (let i = 0; i < count; i++) answers.push((await send(i)).statusCode);
    return answers;
  }

  /** The device cookie a successful login gave, as a `cookie` header. */
  function deviceOf(response: LightMyRequestResponse): string {
    expect(response.statusCode, response.body).toBe(200);
    const cookie = response.cookies.find((c) => c.name === 'docket_device');
    if (!cookie) throw new Error('no device cookie');
    return `docket_device=${cookie.value}`;
  }

  it('never counts a correct login: many in a row, then the free failures are all still there', async () => {
    const email = await first.createUser('STATE_USER');
    const from = { address: freshAddress() };
    expect(await statuses(12, () => attempt(email, TEST_PASSWORD, from))).toEqual(Array(12).fill(200));
    expect(await statuses(4, () => attempt(email, 'wrong password', from))).toEqual([401, 401, 401, 429]);
  });

  it('refuses with 429 RATE_LIMITED and Retry-After, without looking the account up or checking the password', async () => {
    const email = await first.createUser('CMS_USER');
    const from = { address: freshAddress() };
    await statuses(3, () => attempt(email, 'wrong password', from));
    const before = lookups();
    const refused = await attempt(email, TEST_PASSWORD, from);
    const problem = expectProblem(refused, 429, 'RATE_LIMITED');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(9 * 60);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(10 * 60);
    expect(problem.detail).toBe('Too many failed attempts; try again in 10 minutes');
    expect(lookups()).toBe(before);
    expect(refused.cookies).toHaveLength(0);
  });

  it('counts failures per account whether or not it exists, however its email is typed', async () => {
    const email = unknownEmail();
    const from = { address: freshAddress() };
    const variants = [email, email.toUpperCase(), `  ${email}  `, email];
    expect(await statuses(4, (i) => attempt(variants[i] ?? email, 'guess', from))).toEqual([
      401, 401, 401, 429,
    ]);

    const known = await first.createUser('READONLY');
    const knownFrom = { address: freshAddress() };
    await statuses(3, () => attempt(known, 'guess', knownFrom));
    const refusedKnown = await attempt(known, 'guess', knownFrom);
    const refusedUnknown = await attempt(email, 'guess', from);
    expect(refusedKnown.json<Problem>()).toEqual(refusedUnknown.json<Problem>());
  });

  it('keys a known account by its email in normal form: case and space variants share one counter', async () => {
    const email = await first.createUser('STATE_USER');
    const shouted = ` ${email.toUpperCase()} `;
    // Failures typed one way are cleared by a correct login typed another way.
    await statuses(2, () => attempt(email, 'wrong password', { address: freshAddress() }));
    const signedIn = await attempt(shouted, TEST_PASSWORD, { address: freshAddress() });
    const device = deviceOf(signedIn);
    // Three failures, each typed differently, from different addresses and server copies, fill one counter...
    const variants = [shouted, `${email}\t`, email.replace(/^./, (c) => c.toUpperCase())];
    for (const [i, typed] of variants.entries()) {
      const from = { address: freshAddress(), via: i % 2 === 0 ? first : second };
      expect((await attempt(typed, 'wrong password', from)).statusCode).toBe(401);
    }
    // ...so the right password, typed yet another way, waits like them.
    expectProblem(
      await attempt(`  ${email}`, TEST_PASSWORD, { address: freshAddress() }),
      429,
      'RATE_LIMITED',
    );
    // The browser that signed in with the shouted email knows the account however it is typed.
    expect((await attempt(email, TEST_PASSWORD, { address: freshAddress(), device })).statusCode).toBe(200);
  });

  it('lets account B log in from address X after many failures against account A from X', async () => {
    const a = await first.createUser('STATE_USER');
    const b = await first.createUser('STATE_USER');
    const x = { address: freshAddress() };
    const answers = await statuses(12, () => attempt(a, 'guess', x));
    expect(answers.filter((s) => s === 401)).toHaveLength(3);
    expect(answers.slice(3).every((s) => s === 429)).toBe(true);
    expect((await attempt(b, TEST_PASSWORD, x)).statusCode).toBe(200);
  });

  it("keeps a user's known browser open whatever fails elsewhere, and throttles it by its own failures", async () => {
    const a = await first.createUser('CMS_USER');
    const home = { address: freshAddress() };
    const device = deviceOf(await attempt(a, TEST_PASSWORD, home));
    const browser = { ...home, device };

    // An attacker elsewhere: refused after the account's free failures, even with the right password.
    const attacker = { address: freshAddress() };
    await statuses(10, () => attempt(a, 'guess', attacker));
    expectProblem(await attempt(a, TEST_PASSWORD, attacker), 429, 'RATE_LIMITED');
    // A new browser at the user's own address is refused too: it is not known yet.
    expectProblem(await attempt(a, TEST_PASSWORD, home), 429, 'RATE_LIMITED');

    expect((await attempt(a, TEST_PASSWORD, browser)).statusCode).toBe(200);
    expect(await statuses(4, () => attempt(a, 'typo', browser))).toEqual([401, 401, 401, 429]);
    expectProblem(await attempt(a, TEST_PASSWORD, browser), 429, 'RATE_LIMITED');
  });

  it('refuses guesses beyond the address limit whatever X-Forwarded-For says', async () => {
    const x = { address: freshAddress() };
    const answers = await statuses(8, (i) =>
      attempt(unknownEmail(), 'guess', { ...x, forwardedFor: `203.0.113.${i + 1}` }),
    );
    expect(answers).toEqual([401, 401, 401, 401, 401, 401, 429, 429]);
  });

  it('keeps a NAT office in: a known browser signs in at an address that has used up its failures', async () => {
    const colleague = await first.createUser('STATE_USER');
    const office = { address: freshAddress() };
    const device = deviceOf(await attempt(colleague, TEST_PASSWORD, office));
    await statuses(7, () => attempt(unknownEmail(), 'guess', office));
    expectProblem(await attempt(unknownEmail(), 'guess', office), 429, 'RATE_LIMITED');

    expect((await attempt(colleague, TEST_PASSWORD, { ...office, device })).statusCode).toBe(200);
    // What the address limit costs: a browser the account never signed in on waits (see ADR 0005).
    expectProblem(await attempt(colleague, TEST_PASSWORD, office), 429, 'RATE_LIMITED');
  });

  it('forgives an address the failures it made against an account once that account signs in from it', async () => {
    const office = { address: freshAddress() };
    for (let i = 0; i < 4; i++) {
      const email = await first.createUser('STATE_USER');
      expect(await statuses(2, () => attempt(email, 'typo', office))).toEqual([401, 401]);
      expect((await attempt(email, TEST_PASSWORD, office)).statusCode).toBe(200);
    }
    // Eight failures were made here, all forgiven: the address still has its six free ones.
    expect(await statuses(7, () => attempt(unknownEmail(), 'guess', office))).toEqual([
      401, 401, 401, 401, 401, 401, 429,
    ]);
  });

  it('admits no more than the free failures of many guesses sent at once', async () => {
    const email = await first.createUser('ADMIN');
    const from = { address: freshAddress() };
    const answers = await Promise.all(Array.from({ length: 20 }, () => attempt(email, 'guess', from)));
    expect(answers.filter((r) => r.statusCode === 401)).toHaveLength(3);
    expect(answers.filter((r) => r.statusCode === 429)).toHaveLength(17);
  });

  it('shares the counters between server copies on the same datastore', async () => {
    const email = await first.createUser('STATE_USER');
    const from = { address: freshAddress() };
    expect(await statuses(3, () => attempt(email, 'guess', from))).toEqual([401, 401, 401]);
    expectProblem(await attempt(email, 'guess', { ...from, via: second }), 429, 'RATE_LIMITED');

    const other = await first.createUser('STATE_USER');
    const device = deviceOf(await attempt(other, TEST_PASSWORD, { ...from, via: second }));
    await statuses(4, () => attempt(other, 'guess', { address: freshAddress(), via: second }));
    expect((await attempt(other, TEST_PASSWORD, { ...from, device })).statusCode).toBe(200);
  });

  it('remembers the latest five accounts signed in on one browser', async () => {
    const accounts = await Promise.all(Array.from({ length: 6 }, () => first.createUser('STATE_USER')));
    const desk = { address: freshAddress() };
    let device: string | undefined;
    for (const email of accounts) device = deviceOf(await attempt(email, TEST_PASSWORD, { ...desk, device }));
    const attacker = { address: freshAddress() };
    for (const email of accounts) await statuses(4, () => attempt(email, 'guess', attacker));

    const [oldest, ...latest] = accounts;
    for (const email of latest)
      expect((await attempt(email, TEST_PASSWORD, { ...desk, device })).statusCode).toBe(200);
    expectProblem(await attempt(oldest ?? '', TEST_PASSWORD, { ...desk, device }), 429, 'RATE_LIMITED');
  });

  it('remembers the browser in a signed, httpOnly cookie sent only to the login routes', async () => {
    const email = await first.createUser('READONLY');
    const response = await attempt(email, TEST_PASSWORD, { address: freshAddress() });
    const cookie = response.cookies.find((c) => c.name === 'docket_device');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/api/auth' });
    expect(cookie?.maxAge).toBeGreaterThan(90 * 24 * 60 * 60);
    expect(cookie?.value).not.toContain(email);
    // A cookie with a forged signature is no known browser.
    const forged = `docket_device=${cookie?.value.replace(/\.[^.]+$/, '.forged')}`;
    const attacker = { address: freshAddress() };
    await statuses(4, () => attempt(email, 'guess', attacker));
    expectProblem(await attempt(email, TEST_PASSWORD, { ...attacker, device: forged }), 429, 'RATE_LIMITED');
  });
});
