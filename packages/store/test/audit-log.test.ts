import { EVERY_EVENT, newId, type AuditEvent, type AuditLogQuery, type EventAction } from '@docket/domain';
import { expect, it } from 'vitest';
import { InvalidCursorError } from '../src/page';
import {
  allPages,
  at,
  buildActor,
  buildEvent,
  describeEachDatastore,
  expectEachCursorRefused,
  FORGED_TIME_CURSORS,
} from './conformance';

/** Newest first, by time then id: the log's order. */
function newestFirst(events: readonly AuditEvent[]): AuditEvent[] {
  return [...events].sort((a, b) => (a.at === b.at ? (a.id < b.id ? 1 : -1) : a.at < b.at ? 1 : -1));
}

function matches(query: AuditLogQuery, event: AuditEvent): boolean {
  return (
    (query.actorId === null || event.actor?.userId === query.actorId) &&
    (query.actions === null || query.actions.includes(event.action)) &&
    (query.stateCode === null || event.stateCode === query.stateCode) &&
    (query.contractId === null || event.contractId === query.contractId) &&
    (query.from === null || event.at >= query.from) &&
    (query.to === null || event.at < query.to)
  );
}

/** A window of time of the test's own, far from every other test's events (each file has its datastore). */
function windowOf(year: number) {
  const start = `${year}-01-01T00:00:00.000Z`;
  return { start, time: (ms: number) => at(ms, start), end: at(1_000_000, start) };
}

describeEachDatastore('EventLog.query (the audit log)', (t) => {
  it('answers each filter alone and combined, newest first, in full pages', async () => {
    const window = windowOf(2901);
    const [ana, bo] = [buildActor({ role: 'ADMIN' }), buildActor({ role: 'CMS_USER' })];
    const [c1, c2] = [newId(), newId()];
    const actions: EventAction[] = ['LOGIN', 'UPDATE_USER', 'SUBMIT', 'LOGOUT'];
    const events: AuditEvent[] = [];
    for (let i = 0; i < 24; i++) {
      const contractId = i % 3 === 0 ? c1 : i % 3 === 1 ? c2 : null;
      events.push(
        buildEvent({
          // Two events share each time: ties are broken by id.
          at: window.time(Math.floor(i / 2) * 1000),
          actor: i % 5 === 0 ? null : i % 2 === 0 ? ana : bo,
          action: actions[i % actions.length] ?? 'LOGIN',
          stateCode: i % 4 === 0 ? 'MN' : i % 4 === 1 ? 'OH' : null,
          contractId,
        }),
      );
    }
    for (const event of events) await t.datastore.events.append(event);

    const within = { ...EVERY_EVENT, from: window.start, to: window.end };
    const queries: AuditLogQuery[] = [
      within,
      { ...within, actorId: ana.userId },
      { ...within, actions: ['UPDATE_USER'] },
      { ...within, actions: ['LOGIN', 'LOGOUT'] },
      { ...within, stateCode: 'MN' },
      { ...within, contractId: c1 },
      { ...within, actorId: bo.userId, actions: ['UPDATE_USER', 'LOGOUT'] },
      { ...within, actorId: ana.userId, stateCode: 'MN' },
      { ...within, contractId: c2, actorId: bo.userId },
      { ...within, contractId: c1, actions: ['LOGIN'], stateCode: 'MN', actorId: ana.userId },
      { ...within, stateCode: 'OH', actions: ['SUBMIT', 'UPDATE_USER'] },
      { ...within, actorId: newId() },
    ];
    for (const query of queries) {
      const expected = newestFirst(events.filter((event) => matches(query, event)));
      for (const limit of [2, 100]) {
        const listed = await allPages((page) => t.datastore.events.query(query, page), limit);
        expect(listed, JSON.stringify({ query, limit })).toEqual(expected);
      }
      // Every page but the last is full, however few events the filters keep.
      const first = await t.datastore.events.query(query, { limit: 2 });
      expect(first.items).toEqual(expected.slice(0, 2));
      expect(first.nextCursor === null).toBe(expected.length <= 2);
    }
  });

  it('fills a page though the events the key reads are mostly filtered out', async () => {
    const window = windowOf(2902);
    const actor = buildActor({ role: 'ADMIN' });
    const wanted: AuditEvent[] = [];
    for (let i = 0; i < 150; i++) {
      const event = buildEvent({
        at: window.time(i * 10),
        actor,
        action: i % 50 === 0 ? 'RESET_PASSWORD' : 'LOGIN',
      });
      await t.datastore.events.append(event);
      if (event.action === 'RESET_PASSWORD') wanted.push(event);
    }
    const query = { ...EVERY_EVENT, actorId: actor.userId, actions: ['RESET_PASSWORD' as const] };
    const page = await t.datastore.events.query(query, { limit: 3 });
    expect(page.items).toEqual(newestFirst(wanted));
    expect(page.nextCursor).toBeNull();
  });

  it('takes `from` inclusive and `to` exclusive, to the millisecond', async () => {
    const window = windowOf(2903);
    const contractId = newId();
    const times = [0, 999, 1000, 1001, 1999, 2000, 2001];
    const events = times.map((ms) => buildEvent({ at: window.time(ms), contractId, action: 'SUBMIT' }));
    for (const event of events) await t.datastore.events.append(event);
    const range = (from: number | null, to: number | null) =>
      allPages((page) =>
        t.datastore.events.query(
          {
            ...EVERY_EVENT,
            contractId,
            from: from === null ? null : window.time(from),
            to: to === null ? null : window.time(to),
          },
          page,
        ),
      );
    const timesOf = (listed: AuditEvent[]) => listed.map((e) => Date.parse(e.at) - Date.parse(window.start));

    expect(timesOf(await range(1000, 2000))).toEqual([1999, 1001, 1000]);
    expect(timesOf(await range(1000, 1001))).toEqual([1000]);
    expect(timesOf(await range(null, 1000))).toEqual([999, 0]);
    expect(timesOf(await range(2000, null))).toEqual([2001, 2000]);
    expect(await range(1500, 1600)).toEqual([]);
    // The same range by action (another index) and store-wide (the sharded list) agrees.
    for (const other of [{ actions: ['SUBMIT' as const] }, {}]) {
      const listed = await allPages((page) =>
        t.datastore.events.query(
          { ...EVERY_EVENT, ...other, from: window.time(1000), to: window.time(2000) },
          page,
        ),
      );
      expect(timesOf(listed)).toEqual([1999, 1001, 1000]);
    }
  });

  it('pages under concurrent appends: no event twice, none of the first lost, newer ones not slipped in', async () => {
    const window = windowOf(2904);
    const actor = buildActor({ role: 'HELPDESK' });
    const first = Array.from({ length: 9 }, (_, i) =>
      buildEvent({ at: window.time(10_000 + i * 100), actor }),
    );
    for (const event of first) await t.datastore.events.append(event);
    const query = { ...EVERY_EVENT, actorId: actor.userId };

    const seen: AuditEvent[] = [];
    let cursor: string | null = null;
    let round = 0;
    do {
      const page: Awaited<ReturnType<typeof t.datastore.events.query>> = await t.datastore.events.query(
        query,
        {
          limit: 2,
          cursor,
        },
      );
      seen.push(...page.items);
      cursor = page.nextCursor;
      // While the client pages, newer events arrive, and an older one too.
      await t.datastore.events.append(buildEvent({ at: window.time(20_000 + round * 100), actor }));
      round++;
    } while (cursor !== null);

    expect(new Set(seen.map((e) => e.id)).size).toBe(seen.length);
    expect(seen.filter((e) => first.some((f) => f.id === e.id))).toEqual(newestFirst(first));
    expect(seen.every((e) => e.at < window.time(20_000))).toBe(true);
  });

  it('refuses forged cursors and the cursors of other lists or other filters', async () => {
    const window = windowOf(2905);
    const actor = buildActor();
    for (let i = 0; i < 3; i++) await t.datastore.events.append(buildEvent({ at: window.time(i), actor }));
    const query = { ...EVERY_EVENT, actorId: actor.userId };
    await expectEachCursorRefused(FORGED_TIME_CURSORS, (cursor) =>
      t.datastore.events.query(query, { limit: 1, cursor }),
    );

    const ofQuery = (await t.datastore.events.query(query, { limit: 1 })).nextCursor;
    const ofList = (await t.datastore.events.list({ limit: 1 })).nextCursor;
    expect(ofQuery).not.toBeNull();
    expect(ofList).not.toBeNull();
    const refused = (q: AuditLogQuery, cursor: string | null) =>
      t.datastore.events.query(q, { limit: 1, cursor }).catch((error: unknown) => error);
    expect(await refused({ ...query, actions: ['LOGIN'] }, ofQuery)).toBeInstanceOf(InvalidCursorError);
    expect(await refused(EVERY_EVENT, ofQuery)).toBeInstanceOf(InvalidCursorError);
    expect(await refused(query, ofList)).toBeInstanceOf(InvalidCursorError);
    // The same filters, in another order, are the same query.
    const twice = { ...query, actions: ['LOGIN', 'LOGOUT'] as EventAction[] };
    const cursor = (await t.datastore.events.query(twice, { limit: 1 })).nextCursor;
    await expect(
      t.datastore.events.query({ ...twice, actions: ['LOGOUT', 'LOGIN'] }, { limit: 1, cursor }),
    ).resolves.toMatchObject({ items: expect.any(Array) });
  });
});
