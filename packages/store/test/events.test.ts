import { UniquenessError, ValidationError, newId, type AuditEvent } from '@docket/domain';
import { expect, it } from 'vitest';
import {
  allPages,
  at,
  buildEvent,
  describeEachDatastore,
  expectEachCursorRefused,
  FORGED_TIME_CURSORS,
} from './conformance';

describeEachDatastore('EventLog', (t) => {
  it('appends an event and reads it back exactly, times to the millisecond', async () => {
    const contractId = newId();
    const event = buildEvent({
      at: '2026-01-02T03:04:05.678Z',
      action: 'UNLOCK',
      reason: 'Dates are wrong',
      stateCode: 'MN',
      contractId,
      revisionId: newId(),
      details: { rateCount: 2, linked: false, name: 'MCR-MN-0001', previous: null },
    });
    await t.datastore.events.append(event);

    expect(await t.datastore.events.listForContract(contractId)).toEqual([event]);
  });

  it('refuses a second event with the same id (EVENT_EXISTS), keeping the first', async () => {
    const contractId = newId();
    const event = buildEvent({ contractId });
    await t.datastore.events.append(event);

    const error = await t.datastore.events.append({ ...event, reason: 'changed' }).catch((e) => e);
    expect(error).toBeInstanceOf(UniquenessError);
    expect(error).toMatchObject({ code: 'EVENT_EXISTS' });
    expect(await t.datastore.events.listForContract(contractId)).toEqual([event]);
  });

  it("lists one contract's events oldest first, by time then id", async () => {
    const contractId = newId();
    const sameTime = at(500);
    const [a, b] = [newId(), newId()].sort();
    const events: AuditEvent[] = [
      buildEvent({ contractId, at: at(900) }),
      buildEvent({ contractId, at: sameTime, id: b }),
      buildEvent({ contractId, at: at(100) }),
      buildEvent({ contractId, at: sameTime, id: a }),
      buildEvent({ contractId: newId(), at: at(300) }),
    ];
    for (const event of events) await t.datastore.events.append(event);

    const listed = await t.datastore.events.listForContract(contractId);
    expect(listed.map((e) => e.id)).toEqual([events[2], events[3], events[1], events[0]].map((e) => e?.id));
    expect(await t.datastore.events.listForContract(newId())).toEqual([]);
  });

  it('lists every event newest first, a page at a time, without gaps or repeats', async () => {
    // Far in the future so that these are the newest events of the file.
    const base = '2999-01-01T00:00:00.000Z';
    const events = Array.from({ length: 7 }, (_, i) => buildEvent({ at: at(i % 3, base) }));
    for (const event of events) await t.datastore.events.append(event);

    const expected = [...events].sort((x, y) => (x.at === y.at ? cmp(y.id, x.id) : cmp(y.at, x.at)));
    const all = await allPages((page) => t.datastore.events.list(page), 3);

    expect(all.slice(0, events.length)).toEqual(expected);
    expect(new Set(all.map((e) => e.id)).size).toBe(all.length);
    expect(all.map((e) => e.at)).toEqual(
      all
        .map((e) => e.at)
        .sort()
        .reverse(),
    );
  });

  it('refuses a cursor it did not give with ValidationError', async () => {
    await expect(t.datastore.events.list({ limit: 5, cursor: 'bm9wZQ' })).rejects.toBeInstanceOf(
      ValidationError,
    );
    await expectEachCursorRefused(FORGED_TIME_CURSORS, (cursor) =>
      t.datastore.events.list({ limit: 5, cursor }),
    );
  });

  t.itWith('uuid-ids-enforced', 'refuses an event whose id is not a UUID (INVALID_ID)', async () => {
    await expect(t.datastore.events.append(buildEvent({ id: 'event-1' }))).rejects.toMatchObject({
      code: 'INVALID_ID',
    });
  });
});

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
