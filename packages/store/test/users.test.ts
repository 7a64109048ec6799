import { NotFoundError, UniquenessError, ValidationError, newId, type User } from '@docket/domain';
import { expect, it } from 'vitest';
import { allEvents, allPages, buildEvent, buildUser, describeEachDatastore } from './conformance';

describeEachDatastore('UserStore', (t) => {
  async function createUser(
    overrides: Partial<User> = {},
    passwordHash: string | null = null,
  ): Promise<User> {
    const user = buildUser(overrides);
    return t.datastore.users.create({ user, passwordHash, event: buildEvent({ action: 'CREATE_USER' }) });
  }

  it('stores a user with its event and gets it back as it was given', async () => {
    const user = buildUser({ role: 'STATE_USER', stateCode: 'MN', division: null, assignedStates: [] });
    const event = buildEvent({ action: 'CREATE_USER', details: { userId: user.id } });

    expect(await t.datastore.users.create({ user, passwordHash: null, event })).toEqual(user);
    expect(await t.datastore.users.get(user.id)).toEqual(user);
    expect((await allEvents(t.datastore)).find((e) => e.id === event.id)).toEqual(event);
  });

  it('refuses an unknown id with NotFoundError', async () => {
    await expect(t.datastore.users.get(newId())).rejects.toBeInstanceOf(NotFoundError);
    await expect(t.datastore.users.get('not-a-uuid')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('finds a user by email in any case, with the password hash', async () => {
    const user = await createUser({ email: `finder-${newId()}@example.test` }, '$argon2id$fake');

    const found = await t.datastore.users.findByEmail(user.email.toUpperCase());
    expect(found).toEqual({ user, passwordHash: '$argon2id$fake' });
    expect(await t.datastore.users.findByEmail(`nobody-${newId()}@example.test`)).toBeNull();
  });

  it('refuses a second user with the same email in another case (EMAIL_TAKEN), writing nothing', async () => {
    const taken = await createUser();
    const clash = buildUser({ email: taken.email.toUpperCase() });
    const event = buildEvent({ action: 'CREATE_USER' });

    const error = await t.datastore.users.create({ user: clash, passwordHash: null, event }).catch((e) => e);
    expect(error).toBeInstanceOf(UniquenessError);
    expect(error).toMatchObject({ code: 'EMAIL_TAKEN' });
    await expect(t.datastore.users.get(clash.id)).rejects.toBeInstanceOf(NotFoundError);
    expect((await allEvents(t.datastore)).map((e) => e.id)).not.toContain(event.id);
  });

  it('keeps, finds and guards an email in normal form, whatever its case and surrounding spaces', async () => {
    const local = `Mixed.Case-${newId()}`;
    const stored = await createUser({ email: `  ${local}@Example.TEST\t` }, '$argon2id$fake');
    const normal = `${local.toLowerCase()}@example.test`;
    expect(stored.email).toBe(normal);
    expect((await t.datastore.users.get(stored.id)).email).toBe(normal);
    for (const typed of [normal, ` ${local.toUpperCase()}@EXAMPLE.test `, `\n${normal}  `]) {
      expect(await t.datastore.users.findByEmail(typed), typed).toEqual({
        user: stored,
        passwordHash: '$argon2id$fake',
      });
    }
    const clash = buildUser({ email: ` ${normal.toUpperCase()}` });
    await expect(
      t.datastore.users.create({
        user: clash,
        passwordHash: null,
        event: buildEvent({ action: 'CREATE_USER' }),
      }),
    ).rejects.toMatchObject({ code: 'EMAIL_TAKEN' });
  });

  it('writes no user when its event cannot be written (EVENT_EXISTS)', async () => {
    const existing = buildEvent();
    await t.datastore.events.append(existing);
    const user = buildUser();

    await expect(
      t.datastore.users.create({ user, passwordHash: null, event: { ...existing, action: 'CREATE_USER' } }),
    ).rejects.toMatchObject({ code: 'EVENT_EXISTS' });
    expect(await t.datastore.users.findByEmail(user.email)).toBeNull();
  });

  it('lists users by email, a page at a time, without gaps or repeats', async () => {
    const prefix = `list-${newId()}`;
    const made = await Promise.all(
      ['d', 'B', 'a', 'C', 'e'].map((letter) => createUser({ email: `${prefix}-${letter}@example.test` })),
    );

    const seen = await allPages((page) => t.datastore.users.list(page), 2);

    const emails = seen.map((u) => u.email.toLowerCase());
    expect(emails).toEqual([...emails].sort());
    expect(new Set(seen.map((u) => u.id)).size).toBe(seen.length);
    expect(seen.filter((u) => u.email.startsWith(prefix)).map((u) => u.id)).toEqual(
      [...made].sort((x, y) => x.email.toLowerCase().localeCompare(y.email.toLowerCase())).map((u) => u.id),
    );
  });

  it('refuses a cursor it did not give with ValidationError', async () => {
    await expect(t.datastore.users.list({ limit: 2, cursor: 'not-a-cursor' })).rejects.toBeInstanceOf(
      ValidationError,
    );
  });
});
