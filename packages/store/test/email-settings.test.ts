import {
  changeDetails,
  DEFAULT_EMAIL_SETTINGS,
  DEFAULT_EMAIL_SETTINGS_VERSION,
  emailSettingsValues,
  EVERY_EVENT,
  UniquenessError,
  VersionConflictError,
  type EmailSettings,
} from '@docket/domain';
import { expect, it } from 'vitest';
import type { Datastore } from '../src/datastore';
import {
  allPages,
  at,
  buildActor,
  buildEvent,
  describeEachDatastore,
  expectEachCursorRefused,
  FORGED_NUMBER_CURSORS,
} from './conformance';

const admin = buildActor({ role: 'ADMIN' });

/** Saves `settings` over version `expected`, as the use case does: with its event. */
function save(datastore: Datastore, expected: number, settings: EmailSettings, ms = 0) {
  return datastore.settings.updateEmailSettings({
    expectedVersion: expected,
    settings,
    savedAt: at(ms),
    savedBy: admin,
    event: buildEvent({
      action: 'UPDATE_EMAIL_SETTINGS',
      actor: admin,
      at: at(ms),
      details: changeDetails(emailSettingsValues(DEFAULT_EMAIL_SETTINGS), emailSettingsValues(settings)),
    }),
  });
}

describeEachDatastore('SettingsStore (email settings)', (t) => {
  it('answers the defaults as version 0 before any save, and lists no version', async () => {
    const fresh = await t.adapter.create();
    try {
      expect(await fresh.settings.getEmailSettings()).toEqual(DEFAULT_EMAIL_SETTINGS_VERSION);
      expect(await fresh.settings.listEmailSettingsVersions({ limit: 10 })).toEqual({
        items: [],
        nextCursor: null,
      });
    } finally {
      await fresh.close();
    }
  });

  it('saves versions one after another, each with its event, and keeps the history newest first', async () => {
    const ds = t.datastore;
    const base = (await ds.settings.getEmailSettings()).version;
    const saved = [];
    for (let i = 1; i <= 5; i++) {
      const settings = { ...DEFAULT_EMAIL_SETTINGS, dmcoEmails: [`dmco${i}@example.test`] };
      const version = await save(ds, base + i - 1, settings, i * 1000);
      expect(version).toEqual({ version: base + i, settings, savedAt: at(i * 1000), savedBy: admin });
      expect(await ds.settings.getEmailSettings()).toEqual(version);
      saved.push(version);
    }
    const history = await allPages((page) => ds.settings.listEmailSettingsVersions(page), 2);
    expect(history.slice(0, 5)).toEqual(saved.reverse());
    const events = await allPages((page) =>
      ds.events.query({ ...EVERY_EVENT, actorId: admin.userId, actions: ['UPDATE_EMAIL_SETTINGS'] }, page),
    );
    expect(events.length).toBeGreaterThanOrEqual(5);
    expect(events[0]?.details).toMatchObject({
      'before.dmcoEmails': '',
      'after.dmcoEmails': 'dmco5@example.test',
    });
  });

  it('refuses a save based on a stale or unknown version (VERSION_CONFLICT), writing nothing', async () => {
    const ds = t.datastore;
    const current = await ds.settings.getEmailSettings();
    const next = await save(ds, current.version, {
      ...DEFAULT_EMAIL_SETTINGS,
      oactEmails: ['a@example.test'],
    });
    for (const expected of [current.version, next.version + 1, next.version + 5]) {
      const before = await ds.transfer.count('events');
      const error = await save(ds, expected, DEFAULT_EMAIL_SETTINGS).catch((e: unknown) => e);
      expect(error, `based on ${expected}`).toBeInstanceOf(VersionConflictError);
      expect(error).toMatchObject({ code: 'VERSION_CONFLICT' });
      expect(await ds.settings.getEmailSettings()).toEqual(next);
      expect(await ds.transfer.count('events')).toBe(before);
    }
  });

  it('lets exactly one of two racing saves of the same version win', async () => {
    const ds = t.datastore;
    const { version } = await ds.settings.getEmailSettings();
    const outcomes = await Promise.allSettled([
      save(ds, version, { ...DEFAULT_EMAIL_SETTINGS, helpDeskEmail: 'one@example.test' }),
      save(ds, version, { ...DEFAULT_EMAIL_SETTINGS, helpDeskEmail: 'two@example.test' }),
    ]);
    const won = outcomes.filter((o) => o.status === 'fulfilled');
    const lost = outcomes.filter((o) => o.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost.map((o) => o.reason)).toEqual([expect.any(VersionConflictError)]);
    expect((await ds.settings.getEmailSettings()).version).toBe(version + 1);
  });

  it('writes nothing when its event cannot be written (atomic)', async () => {
    const ds = t.datastore;
    const current = await ds.settings.getEmailSettings();
    const event = buildEvent();
    await ds.events.append(event);
    const error = await ds.settings
      .updateEmailSettings({
        expectedVersion: current.version,
        settings: { ...DEFAULT_EMAIL_SETTINGS, senderEmail: 'never@example.test' },
        savedAt: at(0),
        savedBy: admin,
        event: { ...event, action: 'UPDATE_EMAIL_SETTINGS' },
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UniquenessError);
    expect(await ds.settings.getEmailSettings()).toEqual(current);
  });

  it('refuses forged history cursors', async () => {
    await expectEachCursorRefused(FORGED_NUMBER_CURSORS, (cursor) =>
      t.datastore.settings.listEmailSettingsVersions({ limit: 1, cursor }),
    );
  });
});
