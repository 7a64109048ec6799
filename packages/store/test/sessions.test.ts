import { newId, UniquenessError, type User } from '@docket/domain';
import { expect, it } from 'vitest';
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

  it('answers no session with a user for an unknown or expired session', async () => {
    const user = await storedUser();
    const session = buildSession({ userId: user.id, expiresAt: at(1000) });
    await t.datastore.sessions.create(session);

    expect(await t.datastore.sessions.getWithUser(`unknown-${newId()}`, user.id, at(0))).toBeNull();
    expect(await t.datastore.sessions.getWithUser(session.id, user.id, at(1000))).toBeNull();
    expect(await t.datastore.sessions.getWithUser(session.id, user.id, at(5000))).toBeNull();
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

  it('answers none when the user is disabled or no longer stored', async () => {
    const disabled = await storedUser({ disabled: true });
    const ofDisabled = buildSession({ userId: disabled.id });
    // A session outliving its user: the user was deleted, or never stored.
    const ofMissing = buildSession({ userId: newId() });
    for (const session of [ofDisabled, ofMissing]) await t.datastore.sessions.create(session);

    expect(await t.datastore.sessions.getWithUser(ofDisabled.id, disabled.id, at(0))).toBeNull();
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
    expect(result?.user).toEqual(user);
    expect(count).toMatchObject({ statements: 1, transactionControl: 0 });
  });
});
