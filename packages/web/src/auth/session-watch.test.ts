import type { SessionTimes } from '@docket/domain';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { announcedTimeLeft, timeLeftWords } from './idle-warning-dialog';
import { SessionWatch, warningLeadMs } from './session-watch';

const T0 = Date.parse('2026-03-02T09:00:00.000Z');
const MINUTE = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

function times(idleAt: number, endsAt = T0 + 12 * 60 * MINUTE): SessionTimes {
  return { idleExpiresAt: iso(idleAt), expiresAt: iso(endsAt), idleSeconds: 30 * 60 };
}

/** A server whose answer to the check the test sets, counting the checks. */
function fakeServer(initial: SessionTimes | { ended: string }) {
  const server = { answer: initial, checks: 0 };
  return {
    server,
    check: async () => {
      server.checks += 1;
      return server.answer;
    },
  };
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(T0);
});
afterEach(() => {
  vi.useRealTimers();
});

function watching(initial: SessionTimes, server: ReturnType<typeof fakeServer>) {
  const events: string[] = [];
  const watch = new SessionWatch(initial, {
    check: server.check,
    onWarning: (deadline) => events.push(`warn ${iso(deadline)}`),
    onWarningOver: () => events.push('over'),
    onEnded: (code) => events.push(`ended ${code}`),
  });
  return { watch, events };
}

describe('SessionWatch', () => {
  it('warns two minutes before the idle timeout, after asking the server, then ends with its code', async () => {
    const server = fakeServer(times(T0 + 30 * MINUTE));
    const { events } = watching(times(T0 + 30 * MINUTE), server);

    await vi.advanceTimersByTimeAsync(28 * MINUTE - 1000);
    expect(events).toEqual([]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(events).toEqual([`warn ${iso(T0 + 30 * MINUTE)}`]);

    server.server.answer = { ended: 'SESSION_IDLE' };
    await vi.advanceTimersByTimeAsync(2 * MINUTE);
    expect(events).toEqual([`warn ${iso(T0 + 30 * MINUTE)}`, 'ended SESSION_IDLE']);
  });

  it('does not warn when activity in another tab moved the deadline: the server is asked first', async () => {
    const server = fakeServer(times(T0 + 30 * MINUTE));
    const { events } = watching(times(T0 + 30 * MINUTE), server);
    // Another tab kept working: the server's deadline is later than this tab knew.
    server.server.answer = times(T0 + 45 * MINUTE);

    await vi.advanceTimersByTimeAsync(29 * MINUTE);
    expect(events).toEqual([]);
    await vi.advanceTimersByTimeAsync(14 * MINUTE);
    expect(events).toEqual([`warn ${iso(T0 + 45 * MINUTE)}`]);
  });

  it('closes the warning when the deadline moves on (Stay logged in, or a request of this tab)', async () => {
    const server = fakeServer(times(T0 + 30 * MINUTE));
    const { watch, events } = watching(times(T0 + 30 * MINUTE), server);
    await vi.advanceTimersByTimeAsync(29 * MINUTE);
    expect(events).toEqual([`warn ${iso(T0 + 30 * MINUTE)}`]);

    watch.update(times(Date.now() + 30 * MINUTE));
    expect(events).toEqual([`warn ${iso(T0 + 30 * MINUTE)}`, 'over']);
    server.server.answer = times(Date.now() + 30 * MINUTE);
    await vi.advanceTimersByTimeAsync(20 * MINUTE);
    expect(events).toHaveLength(2);
    watch.stop();
  });

  it('checks every minute, without waiting for the warning, and notices a session ended elsewhere', async () => {
    const server = fakeServer(times(T0 + 30 * MINUTE));
    const { events } = watching(times(T0 + 30 * MINUTE), server);

    await vi.advanceTimersByTimeAsync(3 * MINUTE);
    expect(server.server.checks).toBe(3);
    server.server.answer = { ended: 'ACCOUNT_DISABLED' };
    await vi.advanceTimersByTimeAsync(MINUTE);
    expect(events).toEqual(['ended ACCOUNT_DISABLED']);
    await vi.advanceTimersByTimeAsync(10 * MINUTE);
    expect(server.server.checks).toBe(4);
  });

  it('checks at once when asked (the page came back into focus)', async () => {
    const server = fakeServer({ ended: 'SESSION_ENDED' });
    const { watch, events } = watching(times(T0 + 30 * MINUTE), server);

    watch.checkNow();
    await vi.advanceTimersByTimeAsync(0);
    expect(events).toEqual(['ended SESSION_ENDED']);
  });

  it('never waits past the absolute end, and keeps to a third of a short idle timeout for the warning', async () => {
    expect(warningLeadMs(30 * 60)).toBe(2 * MINUTE);
    expect(warningLeadMs(30)).toBe(10_000);
    const server = fakeServer(times(T0 + 30 * MINUTE, T0 + 5 * MINUTE));
    const { events } = watching(times(T0 + 30 * MINUTE, T0 + 5 * MINUTE), server);
    await vi.advanceTimersByTimeAsync(3 * MINUTE);
    expect(events).toEqual([`warn ${iso(T0 + 5 * MINUTE)}`]);
  });
});

describe('the time left', () => {
  it('is written in words, and announced in coarse steps rather than every second', () => {
    expect(timeLeftWords(119_500)).toBe('2 minutes');
    expect(timeLeftWords(65_000)).toBe('1 minute 5 seconds');
    expect(timeLeftWords(0)).toBe('0 seconds');
    expect(announcedTimeLeft(119_000)).toBe('2 minutes');
    expect(announcedTimeLeft(100_000)).toBe('2 minutes');
    expect(announcedTimeLeft(50_000)).toBe('1 minute');
    expect(announcedTimeLeft(25_000)).toBe('30 seconds');
    expect(announcedTimeLeft(7_000)).toBe('10 seconds');
  });
});
