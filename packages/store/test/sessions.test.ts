import { newId, UniquenessError, type User } from '@docket/domain';
import { describe, expect, it } from 'vitest';
import { meterStatements } from '../src/statement-meter';
import { at, buildEvent, buildSession, buildUser, describeEachDatastore } from './conformance';

describeEachDatastore('SessionStore', (t) => {
  async function storedUser(overrides: Partial<User> = {}): Promise<User> {
    const user = buildUser(overrides);
    return t.datastore.users.create({
      user,
      passwordHash: null,
      event: buildEvent({ action: 'CREATE_USER' }),
    });
  }

  it('stores a session and gets it back before it expires', async () => {
    const session = buildSession({ expiresAt: at(1000) });
    await t.datastore.sessions.create(session);

    expect(await t.datastore.sessions.get(session.id, at(999))).toEqual(session);
  });

  it('answers null for an unknown session', async () => {
    expect(await t.datastore.sessions.get('no-such-session', at(0))).toBeNull();
  });

  it('answers null for a session that expired at or before now', async () => {
    const session = buildSession({ expiresAt: at(1000) });
    await t.datastore.sessions.create(session);

    expect(await t.datastore.sessions.get(session.id, at(1000))).toBeNull();
    expect(await t.datastore.sessions.get(session.id, at(5000))).toBeNull();
  });

  it('refuses a second session with the same id', async () => {
    const session = buildSession();
    await t.datastore.sessions.create(session);

    await expect(t.datastore.sessions.create({ ...session, csrfToken: 'other' })).rejects.toBeInstanceOf(
      UniquenessError,
    );
    expect((await t.datastore.sessions.get(session.id, at(0)))?.csrfToken).toBe(session.csrfToken);
  });

  it('deletes a session, and does nothing for one that does not exist', async () => {
    const session = buildSession();
    await t.datastore.sessions.create(session);

    await t.datastore.sessions.delete(session.id);
    await t.datastore.sessions.delete(session.id);
    expect(await t.datastore.sessions.get(session.id, at(0))).toBeNull();
  });

  it('deletes exactly the sessions that expired at or before now', async () => {
    // Long before any other session of this file, so the count is this test's own.
    const base = '1990-06-01T00:00:00.000Z';
    const expired = buildSession({ createdAt: at(-5000, base), expiresAt: at(-1, base) });
    const expiringNow = buildSession({ createdAt: at(-5000, base), expiresAt: base });
    const alive = buildSession({ createdAt: at(-5000, base), expiresAt: at(1, base) });
    for (const session of [expired, expiringNow, alive]) await t.datastore.sessions.create(session);

    expect(await t.datastore.sessions.deleteExpired(base)).toBe(2);
    expect(await t.datastore.sessions.get(alive.id, at(0, base))).toEqual(alive);
    expect(await t.datastore.sessions.deleteExpired(base)).toBe(0);
  });

  it('reads a live session with its user, together', async () => {
    const user = await storedUser({
      role: 'STATE_USER',
      stateCode: 'MN',
      division: null,
      assignedStates: [],
    });
    const session = buildSession({ userId: user.id, expiresAt: at(1000) });
    await t.datastore.sessions.create(session);

    expect(await t.datastore.sessions.getWithUser(session.id, user.id, at(999))).toEqual({ session, user });
    expect(await t.datastore.sessions.getWithUser(session.id, user.id.toUpperCase(), at(999))).toEqual({
      session,
      user,
    });
  });

  it('answers no session with a user for an unknown session, and why for an expired one', async () => {
    const user = await storedUser();
    const session = buildSession({ userId: user.id, expiresAt: at(1000) });
    await t.datastore.sessions.create(session);

    expect(await t.datastore.sessions.getWithUser(`unknown-${newId()}`, user.id, at(0))).toBeNull();
    expect(await t.datastore.sessions.getWithUser(session.id, user.id, at(1000))).toEqual({
      refused: 'EXPIRED',
    });
    expect(await t.datastore.sessions.getWithUser(session.id, user.id, at(5000))).toEqual({
      refused: 'EXPIRED',
    });
  });

  it("answers none when the user named is not the session's own, or not a user id", async () => {
    const owner = await storedUser();
    const other = await storedUser();
    const session = buildSession({ userId: owner.id });
    await t.datastore.sessions.create(session);

    expect(await t.datastore.sessions.getWithUser(session.id, other.id, at(0))).toBeNull();
    expect(await t.datastore.sessions.getWithUser(session.id, newId(), at(0))).toBeNull();
    expect(await t.datastore.sessions.getWithUser(session.id, 'not-a-user-id', at(0))).toBeNull();
    expect(await t.datastore.sessions.getWithUser(session.id, owner.id, at(0))).not.toBeNull();
  });

  it('says a disabled user is disabled, and answers none when the user is no longer stored', async () => {
    const disabled = await storedUser({ disabled: true });
    const ofDisabled = buildSession({ userId: disabled.id });
    // A session outliving its user: the user was deleted, or never stored.
    const ofMissing = buildSession({ userId: newId() });
    for (const session of [ofDisabled, ofMissing]) await t.datastore.sessions.create(session);

    expect(await t.datastore.sessions.getWithUser(ofDisabled.id, disabled.id, at(0))).toEqual({
      refused: 'DISABLED',
    });
    expect(await t.datastore.sessions.getWithUser(ofMissing.id, ofMissing.userId, at(0))).toBeNull();
    expect(await t.datastore.sessions.get(ofMissing.id, at(0))).toEqual(ofMissing);
  });

  it('reads a session with its user in one statement or request', async () => {
    const user = await storedUser();
    const session = buildSession({ userId: user.id });
    await t.datastore.sessions.create(session);

    const { result, count } = await meterStatements(() =>
      t.datastore.sessions.getWithUser(session.id, user.id, at(0)),
    );
    expect(result).toEqual({ session, user });
    expect(count).toMatchObject({ statements: 1, transactionControl: 0 });
  });

  describe('idle expiry', () => {
    it('refuses a session whose idle expiry has come, even before its absolute expiry, and says so', async () => {
      const user = await storedUser();
      const session = buildSession({ userId: user.id, idleExpiresAt: at(100), expiresAt: at(1000) });
      await t.datastore.sessions.create(session);

      expect(await t.datastore.sessions.getWithUser(session.id, user.id, at(99))).toEqual({ session, user });
      expect(await t.datastore.sessions.getWithUser(session.id, user.id, at(100))).toEqual({
        refused: 'IDLE',
      });
      expect(await t.datastore.sessions.get(session.id, at(99))).toEqual(session);
      expect(await t.datastore.sessions.get(session.id, at(100))).toBeNull();
    });

    it('says expired rather than idle once the absolute lifetime is over, and disabled above both', async () => {
      const user = await storedUser();
      const session = buildSession({ userId: user.id, idleExpiresAt: at(100), expiresAt: at(200) });
      const disabled = await storedUser({ disabled: true });
      const ofDisabled = buildSession({ userId: disabled.id, idleExpiresAt: at(100), expiresAt: at(200) });
      for (const s of [session, ofDisabled]) await t.datastore.sessions.create(s);

      expect(await t.datastore.sessions.getWithUser(session.id, user.id, at(300))).toEqual({
        refused: 'EXPIRED',
      });
      expect(await t.datastore.sessions.getWithUser(ofDisabled.id, disabled.id, at(300))).toEqual({
        refused: 'DISABLED',
      });
    });

    it('slides the idle expiry only when the last slide is old enough, never past a refusal', async () => {
      const user = await storedUser();
      const session = buildSession({ userId: user.id, idleExpiresAt: at(30_000), expiresAt: at(100_000) });
      await t.datastore.sessions.create(session);
      const touchAt = (now: number, idle: number) =>
        t.datastore.sessions.touch(session.id, {
          now: at(now),
          idleExpiresAt: at(idle),
          ifIdleExpiresBefore: at(idle - 6_000),
        });

      // 10 s later the stored expiry (30 s) is within the threshold (40 s - 6 s = 34 s): it moves.
      expect(await touchAt(10_000, 40_000)).toBe(true);
      expect((await t.datastore.sessions.get(session.id, at(10_000)))?.idleExpiresAt).toBe(at(40_000));
      // A second later it is recent (40 s is not before 41 s - 6 s = 35 s): no write.
      expect(await touchAt(11_000, 41_000)).toBe(false);
      expect((await t.datastore.sessions.get(session.id, at(11_000)))?.idleExpiresAt).toBe(at(40_000));
      // Once idle, activity does not bring it back.
      expect(await touchAt(40_000, 70_000)).toBe(false);
      expect(await t.datastore.sessions.getWithUser(session.id, user.id, at(40_000))).toEqual({
        refused: 'IDLE',
      });
      // Nor does it bring back an expired session, nor a missing one.
      const expiring = buildSession({ userId: user.id, idleExpiresAt: at(500), expiresAt: at(500) });
      await t.datastore.sessions.create(expiring);
      expect(
        await t.datastore.sessions.touch(expiring.id, {
          now: at(600),
          idleExpiresAt: at(2000),
          ifIdleExpiresBefore: at(2000),
        }),
      ).toBe(false);
      expect(
        await t.datastore.sessions.touch(`unknown-${newId()}`, {
          now: at(0),
          idleExpiresAt: at(2000),
          ifIdleExpiresBefore: at(2000),
        }),
      ).toBe(false);
    });

    it('keeps the absolute expiry where it was', async () => {
      const session = buildSession({ idleExpiresAt: at(100), expiresAt: at(1000) });
      await t.datastore.sessions.create(session);

      await t.datastore.sessions.touch(session.id, {
        now: at(50),
        idleExpiresAt: at(5000),
        ifIdleExpiresBefore: at(5000),
      });
      expect(await t.datastore.sessions.get(session.id, at(999))).toEqual({
        ...session,
        idleExpiresAt: at(5000),
      });
      expect(await t.datastore.sessions.get(session.id, at(1000))).toBeNull();
    });

    it('lets one of concurrent slides write', async () => {
      const session = buildSession({ idleExpiresAt: at(1000), expiresAt: at(100_000) });
      await t.datastore.sessions.create(session);

      const wrote = await Promise.all(
        [0, 1, 2, 3].map(() =>
          t.datastore.sessions.touch(session.id, {
            now: at(500),
            idleExpiresAt: at(60_000),
            ifIdleExpiresBefore: at(50_000),
          }),
        ),
      );
      expect(wrote.filter(Boolean)).toHaveLength(1);
      expect((await t.datastore.sessions.get(session.id, at(500)))?.idleExpiresAt).toBe(at(60_000));
    });
  });

  describe('deleteForUser', () => {
    async function sessionsOf(userId: string, count: number) {
      const made = Array.from({ length: count }, () => buildSession({ userId }));
      for (const session of made) await t.datastore.sessions.create(session);
      return made;
    }

    it("removes every session of the user and no one else's", async () => {
      const user = await storedUser();
      const other = await storedUser();
      const own = await sessionsOf(user.id, 3);
      const others = await sessionsOf(other.id, 2);

      expect(await t.datastore.sessions.deleteForUser(user.id)).toBe(3);
      for (const session of own) expect(await t.datastore.sessions.get(session.id, at(0))).toBeNull();
      for (const session of others)
        expect(await t.datastore.sessions.get(session.id, at(0))).toEqual(session);
      expect(await t.datastore.sessions.deleteForUser(user.id)).toBe(0);
    });

    it('keeps the session named by except', async () => {
      const user = await storedUser();
      const [kept, ...ended] = await sessionsOf(user.id, 3);
      if (!kept) throw new Error('no session made');

      expect(await t.datastore.sessions.deleteForUser(user.id, { except: kept.id })).toBe(2);
      expect(await t.datastore.sessions.getWithUser(kept.id, user.id, at(0))).toEqual({
        session: kept,
        user,
      });
      for (const session of ended) {
        expect(await t.datastore.sessions.getWithUser(session.id, user.id, at(0))).toBeNull();
      }
    });

    it('removes nothing for a user without sessions or an id that is not a user id', async () => {
      expect(await t.datastore.sessions.deleteForUser(newId())).toBe(0);
      expect(await t.datastore.sessions.deleteForUser('not-a-user-id')).toBe(0);
    });
  });
});
