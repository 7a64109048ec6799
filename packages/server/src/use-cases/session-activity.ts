import type { SessionTimes } from '@docket/domain';
import type { Session, SessionStore } from '@docket/store';

/** How long a session lives whatever its activity. */
export const SESSION_LIFETIME_MS = 12 * 60 * 60 * 1000;
/** The most often one session's idle expiry is written: activity within it is carried by the last write. */
const SLIDE_EVERY_MS = 60 * 1000;

/** When sessions end, and how often activity is written. */
export interface SessionTimeouts {
  /** A session ends this long after its last activity. */
  idleMs: number;
  /** A session ends this long after login, whatever its activity. */
  lifetimeMs: number;
  /** Activity moves the idle expiry at most this often (a minute; less for idle timeouts under ten minutes). */
  slideEveryMs: number;
}

/** The timeouts for an idle timeout of `idleMs`; tests pass seconds, production minutes. */
export function sessionTimeouts(idleMs: number): SessionTimeouts {
  return {
    idleMs,
    lifetimeMs: SESSION_LIFETIME_MS,
    slideEveryMs: Math.min(SLIDE_EVERY_MS, Math.max(1, Math.floor(idleMs / 10))),
  };
}

/** A new session's absolute and idle expiries. */
export function newSessionExpiries(
  timeouts: SessionTimeouts,
  now: Date,
): Pick<Session, 'expiresAt' | 'idleExpiresAt'> {
  const expiresAt = now.getTime() + timeouts.lifetimeMs;
  return {
    expiresAt: new Date(expiresAt).toISOString(),
    idleExpiresAt: new Date(Math.min(expiresAt, now.getTime() + timeouts.idleMs)).toISOString(),
  };
}

/** The session's times as the browser is told them; the idle expiry never after the end. */
export function sessionTimes(session: Session, timeouts: SessionTimeouts): SessionTimes {
  const idle = Date.parse(session.idleExpiresAt) < Date.parse(session.expiresAt);
  return {
    idleExpiresAt: idle ? session.idleExpiresAt : session.expiresAt,
    expiresAt: session.expiresAt,
    idleSeconds: Math.round(timeouts.idleMs / 1000),
  };
}

/**
 * A request of the session's holder at `now`: moves its idle expiry to `now` + the idle timeout when the last move
 * is at least `slideEveryMs` old (one conditional write; concurrent requests do not both write), and answers the
 * session as it now is. `always` (the keep-alive) writes whenever the expiry moves at all.
 */
export async function recordActivity(
  sessions: SessionStore,
  session: Session,
  timeouts: SessionTimeouts,
  now: Date,
  options: { always?: boolean } = {},
): Promise<Session> {
  const next = now.getTime() + timeouts.idleMs;
  const threshold = options.always ? next : next - timeouts.slideEveryMs;
  if (Date.parse(session.idleExpiresAt) >= threshold) return session;
  const idleExpiresAt = new Date(next).toISOString();
  const wrote = await sessions.touch(session.id, {
    now: now.toISOString(),
    idleExpiresAt,
    ifIdleExpiresBefore: new Date(threshold).toISOString(),
  });
  // Not written: another request of the same session moved it meanwhile, at least as far as the threshold.
  return wrote ? { ...session, idleExpiresAt } : session;
}
