import {
  matchesUserSearch,
  newId,
  NotFoundError,
  userChangeDetails,
  type User,
  type UserSearch,
} from '@docket/domain';
import { describe, expect, it } from 'vitest';
import { allEvents, allPages, buildEvent, buildUser, describeEachDatastore } from './conformance';

describeEachDatastore('UserStore administration', (t) => {
  async function createUser(
    overrides: Partial<User> = {},
    passwordHash: string | null = null,
  ): Promise<User> {
    return t.datastore.users.create({
      user: buildUser(overrides),
      passwordHash,
      event: buildEvent({ action: 'CREATE_USER' }),
    });
  }

  /** The user changed as an administrator would, with its event. */
  function change(before: User, fields: Partial<User>) {
    const user = { ...before, ...fields, version: before.version + 1 };
    const event = buildEvent({ action: 'UPDATE_USER', details: userChangeDetails(before, user) });
    return { user, expectedVersion: before.version, event };
  }

  async function eventIds(): Promise<string[]> {
    return (await allEvents(t.datastore)).map((e) => e.id);
  }

  describe('update', () => {
    it('replaces the record one version on and writes its event with it', async () => {
      const user = await createUser({ givenName: 'Ann', assignedStates: ['MN'] });
      expect(user.version).toBe(1);
      const input = change(user, { givenName: 'Anne', division: 'OACT', assignedStates: ['MN', 'WI'] });

      const updated = await t.datastore.users.update(input);

      expect(updated).toEqual({ ...input.user, version: 2 });
      expect(await t.datastore.users.get(user.id)).toEqual(updated);
      const event = (await allEvents(t.datastore)).find((e) => e.id === input.event.id);
      expect(event?.details).toMatchObject({ 'before.givenName': 'Ann', 'after.givenName': 'Anne' });
    });

    it('refuses a stale version (VERSION_CONFLICT), writing nothing', async () => {
      const user = await createUser();
      await t.datastore.users.update(change(user, { familyName: 'First' }));
      const stale = change(user, { familyName: 'Second' });

      await expect(t.datastore.users.update(stale)).rejects.toMatchObject({ code: 'VERSION_CONFLICT' });
      const stored = await t.datastore.users.get(user.id);
      expect(stored).toMatchObject({ familyName: 'First', version: 2 });
      expect(await eventIds()).not.toContain(stale.event.id);
    });

    it('refuses an unknown user with NotFoundError', async () => {
      const ghost = buildUser();
      await expect(t.datastore.users.update(change(ghost, {}))).rejects.toBeInstanceOf(NotFoundError);
    });

    it('writes no change when its event cannot be written (EVENT_EXISTS)', async () => {
      const existing = buildEvent();
      await t.datastore.events.append(existing);
      const user = await createUser();
      const input = {
        ...change(user, { givenName: 'Never' }),
        event: { ...existing, action: 'UPDATE_USER' as const },
      };

      await expect(t.datastore.users.update(input)).rejects.toMatchObject({ code: 'EVENT_EXISTS' });
      expect(await t.datastore.users.get(user.id)).toEqual(user);
    });

    it('moves the email: found by the new one in any case, the old one free for someone else', async () => {
      const user = await createUser({}, '$argon2id$moved');
      const oldEmail = user.email;
      const newEmail = `Moved-${newId()}@Example.TEST`;

      const updated = await t.datastore.users.update(change(user, { email: newEmail }));

      expect(updated.email).toBe(newEmail.toLowerCase());
      expect(await t.datastore.users.findByEmail(newEmail.toUpperCase())).toEqual({
        user: updated,
        passwordHash: '$argon2id$moved',
      });
      expect(await t.datastore.users.findByEmail(oldEmail)).toBeNull();
      const heir = await createUser({ email: oldEmail });
      expect((await t.datastore.users.findByEmail(oldEmail))?.user.id).toBe(heir.id);
    });

    it("refuses another user's email in any case (EMAIL_TAKEN), keeping both as they were", async () => {
      const holder = await createUser();
      const user = await createUser();
      const input = change(user, { email: ` ${holder.email.toUpperCase()} ` });

      await expect(t.datastore.users.update(input)).rejects.toMatchObject({ code: 'EMAIL_TAKEN' });
      expect(await t.datastore.users.get(user.id)).toEqual(user);
      expect((await t.datastore.users.findByEmail(user.email))?.user).toEqual(user);
      expect((await t.datastore.users.findByEmail(holder.email))?.user).toEqual(holder);
      expect(await eventIds()).not.toContain(input.event.id);
    });

    it('keeps the email when an email change fails on its event', async () => {
      const existing = buildEvent();
      await t.datastore.events.append(existing);
      const user = await createUser();
      const newEmail = `never-${newId()}@example.test`;
      const input = {
        ...change(user, { email: newEmail }),
        event: { ...existing, action: 'UPDATE_USER' as const },
      };

      await expect(t.datastore.users.update(input)).rejects.toMatchObject({ code: 'EVENT_EXISTS' });
      expect((await t.datastore.users.findByEmail(user.email))?.user).toEqual(user);
      expect(await t.datastore.users.findByEmail(newEmail)).toBeNull();
    });
  });

  describe('setPassword', () => {
    it('sets the hash and the reset flag one version on, with its event', async () => {
      const user = await createUser({}, '$argon2id$old');
      const event = buildEvent({ action: 'RESET_PASSWORD', details: { userId: user.id } });

      const updated = await t.datastore.users.setPassword({
        userId: user.id,
        passwordHash: '$argon2id$new',
        mustChangePassword: true,
        event,
      });

      expect(updated).toEqual({ ...user, mustChangePassword: true, version: 2 });
      expect(await t.datastore.users.findByEmail(user.email)).toEqual({
        user: updated,
        passwordHash: '$argon2id$new',
      });
      expect(await eventIds()).toContain(event.id);
      // An edit based on the version before the reset meets a conflict.
      await expect(t.datastore.users.update(change(user, { givenName: 'Late' }))).rejects.toMatchObject({
        code: 'VERSION_CONFLICT',
      });
    });

    it('refuses a set based on a version the user has moved on from, writing nothing', async () => {
      const user = await createUser({}, '$argon2id$before');
      const reset = await t.datastore.users.setPassword({
        userId: user.id,
        passwordHash: '$argon2id$reset',
        mustChangePassword: true,
        event: buildEvent({ action: 'RESET_PASSWORD', details: { userId: user.id } }),
      });
      const late = buildEvent({ action: 'CHANGE_PASSWORD', details: { userId: user.id } });
      await expect(
        t.datastore.users.setPassword({
          userId: user.id,
          passwordHash: '$argon2id$own',
          mustChangePassword: false,
          expectedVersion: user.version,
          event: late,
        }),
      ).rejects.toMatchObject({ code: 'VERSION_CONFLICT' });
      expect(await t.datastore.users.findByEmail(user.email)).toEqual({
        user: reset,
        passwordHash: '$argon2id$reset',
      });
      expect(await eventIds()).not.toContain(late.id);
      const own = await t.datastore.users.setPassword({
        userId: user.id,
        passwordHash: '$argon2id$own',
        mustChangePassword: false,
        expectedVersion: reset.version,
        event: buildEvent({ action: 'CHANGE_PASSWORD', details: { userId: user.id } }),
      });
      expect(own).toEqual({ ...reset, mustChangePassword: false, version: reset.version + 1 });
    });

    it('refuses an unknown user, and writes no password when its event cannot be written', async () => {
      await expect(
        t.datastore.users.setPassword({
          userId: newId(),
          passwordHash: '$argon2id$x',
          mustChangePassword: false,
          event: buildEvent({ action: 'CHANGE_PASSWORD' }),
        }),
      ).rejects.toBeInstanceOf(NotFoundError);
      const existing = buildEvent();
      await t.datastore.events.append(existing);
      const user = await createUser({}, '$argon2id$kept');
      await expect(
        t.datastore.users.setPassword({
          userId: user.id,
          passwordHash: '$argon2id$lost',
          mustChangePassword: false,
          event: { ...existing, action: 'CHANGE_PASSWORD' },
        }),
      ).rejects.toMatchObject({ code: 'EVENT_EXISTS' });
      expect(await t.datastore.users.findByEmail(user.email)).toEqual({
        user,
        passwordHash: '$argon2id$kept',
      });
    });
  });

  describe('search', () => {
    const admin = (overrides: Partial<User> = {}) =>
      buildUser({ role: 'ADMIN', stateCode: null, division: null, assignedStates: [], ...overrides });

    it('filters by role, state, division, disabled and text, a page at a time, in email order', async () => {
      const tag = `srch${newId().slice(0, 8)}`;
      const made = await Promise.all(
        [
          buildUser({
            email: `${tag}-a@example.test`,
            role: 'STATE_USER',
            stateCode: 'MN',
            division: null,
            assignedStates: [],
          }),
          buildUser({
            email: `${tag}-b@example.test`,
            role: 'STATE_USER',
            stateCode: 'WI',
            division: null,
            assignedStates: [],
            disabled: true,
          }),
          buildUser({ email: `${tag}-c@example.test`, division: 'DMCO', assignedStates: ['MN', 'IA'] }),
          buildUser({
            email: `${tag}-d@example.test`,
            division: 'OACT',
            assignedStates: ['WI'],
            givenName: 'Zelda',
          }),
          buildUser({
            email: `${tag}-e@example.test`,
            role: 'CMS_APPROVER',
            division: 'DMCO',
            assignedStates: [],
          }),
          admin({ email: `${tag}-f@example.test`, familyName: 'Quixote' }),
          buildUser({
            email: `${tag}-g@example.test`,
            role: 'HELPDESK',
            stateCode: null,
            division: null,
            assignedStates: [],
            disabled: true,
          }),
        ].map((user) => t.datastore.users.create({ user, passwordHash: null, event: buildEvent() })),
      );
      const searches: UserSearch[] = [
        { text: tag },
        { text: tag.toUpperCase(), role: 'STATE_USER' },
        { text: tag, state: 'MN' },
        { text: tag, state: 'WI' },
        { text: tag, division: 'DMCO' },
        { text: tag, disabled: true },
        { text: tag, disabled: false, role: 'CMS_USER' },
        { text: tag, division: 'DMCO', state: 'MN', role: 'CMS_USER', disabled: false },
        { text: `${tag}-d` },
      ];
      for (const search of searches) {
        const expected = made
          .filter((user) => matchesUserSearch(user, search))
          .map((user) => user.email)
          .sort();
        for (const limit of [1, 2, 100]) {
          const seen = await allPages((page) => t.datastore.users.search(search, page), limit);
          expect(
            seen.map((u) => u.email),
            `${JSON.stringify(search)} by ${limit}`,
          ).toEqual(expected);
        }
      }
      // Names are searched too, whatever their case; and a name of no one finds no one.
      const byName = await t.datastore.users.search({ text: 'quixote' }, { limit: 100 });
      expect(byName.items.map((u) => u.email)).toContain(`${tag}-f@example.test`);
      const byFullName = await t.datastore.users.search({ text: `zelda doe` }, { limit: 100 });
      expect(byFullName.items.map((u) => u.email)).toContain(`${tag}-d@example.test`);
      expect((await t.datastore.users.search({ text: `${tag}-zz` }, { limit: 10 })).items).toEqual([]);
    });

    it('lists every user that stays, once, while others are added and changed between pages', async () => {
      const tag = `page${newId().slice(0, 8)}`;
      const made = [];
      for (const letter of ['b', 'd', 'f', 'h', 'j', 'l']) {
        made.push(await createUser({ email: `${tag}-${letter}@example.test` }));
      }
      const search = { text: tag };
      const seen: User[] = [];
      let page = await t.datastore.users.search(search, { limit: 2 });
      seen.push(...page.items);
      let round = 0;
      while (page.nextCursor) {
        round += 1;
        // Before and after the cursor: new users, and a change to one already listed and one still to come.
        await createUser({ email: `${tag}-a${round}@example.test` });
        await createUser({ email: `${tag}-m${round}@example.test` });
        const listed = seen[0]!;
        const current = await t.datastore.users.get(listed.id);
        await t.datastore.users.update(change(current, { givenName: `Round ${round}` }));
        page = await t.datastore.users.search(search, { limit: 2, cursor: page.nextCursor });
        seen.push(...page.items);
      }
      const ids = seen.map((u) => u.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const user of made) expect(ids).toContain(user.id);
      const emails = seen.map((u) => u.email);
      expect(emails).toEqual([...emails].sort());
    });

    it('refuses a cursor it did not give', async () => {
      await expect(
        t.datastore.users.search({ role: 'ADMIN' }, { limit: 2, cursor: 'nope' }),
      ).rejects.toMatchObject({
        code: 'INVALID_CURSOR',
      });
    });
  });

  describe('the last enabled administrator', () => {
    const buildAdmin = () =>
      buildUser({ role: 'ADMIN', stateCode: null, division: null, assignedStates: [] });

    /** Leaves exactly the given administrators enabled: every other is disabled first. */
    async function onlyEnabledAdmins(keep: User[]): Promise<void> {
      const enabled = await allPages(
        (page) => t.datastore.users.search({ role: 'ADMIN', disabled: false }, page),
        100,
      );
      for (const other of enabled.filter((u) => !keep.some((k) => k.id === u.id))) {
        await t.datastore.users.update(change(other, { disabled: true }));
      }
    }

    it('is never lost, even when two administrators disable each other at the same moment', async () => {
      const first = await t.datastore.users.create({
        user: buildAdmin(),
        passwordHash: null,
        event: buildEvent(),
      });
      const second = await t.datastore.users.create({
        user: buildAdmin(),
        passwordHash: null,
        event: buildEvent(),
      });
      await onlyEnabledAdmins([first, second]);

      const [one, two] = [change(first, { disabled: true }), change(second, { disabled: true })];
      const results = await Promise.allSettled([
        t.datastore.users.update(one),
        t.datastore.users.update(two),
      ]);

      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const refused = results.find((r) => r.status === 'rejected');
      expect(refused?.status === 'rejected' && refused.reason).toMatchObject({ code: 'LAST_ADMIN' });
      const enabled = await t.datastore.users.search({ role: 'ADMIN', disabled: false }, { limit: 10 });
      expect(enabled.items).toHaveLength(1);
      const ids = await eventIds();
      expect([one, two].filter((input) => ids.includes(input.event.id))).toHaveLength(1);
    });

    it('can be neither disabled nor given another role; once another is enabled, it can', async () => {
      const last = await t.datastore.users.create({
        user: buildAdmin(),
        passwordHash: null,
        event: buildEvent(),
      });
      await onlyEnabledAdmins([last]);

      await expect(t.datastore.users.update(change(last, { disabled: true }))).rejects.toMatchObject({
        code: 'LAST_ADMIN',
      });
      await expect(t.datastore.users.update(change(last, { role: 'HELPDESK' }))).rejects.toMatchObject({
        code: 'LAST_ADMIN',
      });
      expect(await t.datastore.users.get(last.id)).toEqual(last);
      // Other changes to it are fine.
      const renamed = await t.datastore.users.update(change(last, { givenName: 'Still' }));

      const heir = await t.datastore.users.create({
        user: buildAdmin(),
        passwordHash: null,
        event: buildEvent(),
      });
      const demoted = await t.datastore.users.update(change(renamed, { role: 'READONLY' }));
      expect(demoted.role).toBe('READONLY');
      await expect(t.datastore.users.update(change(heir, { disabled: true }))).rejects.toMatchObject({
        code: 'LAST_ADMIN',
      });
      // Enabling one again and promoting another count too.
      const promoted = await t.datastore.users.update(change(demoted, { role: 'ADMIN' }));
      await t.datastore.users.update(change(heir, { disabled: true }));
      await expect(t.datastore.users.update(change(promoted, { disabled: true }))).rejects.toMatchObject({
        code: 'LAST_ADMIN',
      });
      const heirNow = await t.datastore.users.get(heir.id);
      await t.datastore.users.update(change(heirNow, { disabled: false }));
      await t.datastore.users.update(change(promoted, { disabled: true }));
    });
  });
});
