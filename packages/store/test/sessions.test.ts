import { UniquenessError } from '@docket/domain';
import { expect, it } from 'vitest';
import { at, buildSession, describeEachDatastore } from './conformance';

describeEachDatastore('SessionStore', (t) => {
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
});
