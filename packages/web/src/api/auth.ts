import {
  sessionsEndedSchema,
  sessionTimesSchema,
  sessionViewSchema,
  type SessionTimes,
  type SessionView,
} from '@docket/domain';
import { isApiError, request, setCsrfToken } from './client';

export function login(email: string, password: string): Promise<SessionView> {
  return request('POST', '/api/auth/login', {
    body: { email, password },
    schema: sessionViewSchema,
    quietUnauthenticated: true,
  });
}

export function logout(): Promise<undefined> {
  return request('POST', '/api/auth/logout', { quietUnauthenticated: true });
}

/** The current session, or an ApiError with status 401 when nobody is signed in. */
export function currentSession(): Promise<SessionView> {
  return request('GET', '/api/me', { schema: sessionViewSchema, quietUnauthenticated: true });
}

/** Whether a failed logout leaves no session behind: one the server no longer knows is already ended. */
function alreadyEnded(error: unknown): boolean {
  return isApiError(error) && error.status === 401;
}

/**
 * Ends the browser's session on the server, resolving to whether the server confirmed that none is left. A stale
 * CSRF token (the user signed in again in another tab, which gave the session a new one) is replaced by the
 * session's own, from `GET /api/me`, and the logout sent once more; a session found ended counts as signed out.
 */
export async function endSession(): Promise<boolean> {
  try {
    await logout();
    return true;
  } catch (error) {
    if (!isApiError(error, 'CSRF_FAILED')) return alreadyEnded(error);
  }
  try {
    setCsrfToken((await currentSession()).csrfToken);
    await logout();
    return true;
  } catch (error) {
    return alreadyEnded(error);
  }
}

/**
 * The session's times, without counting as activity; `{ ended: code }` when the server says it has ended (the
 * code says why). Rejects when the server cannot be reached.
 */
export async function checkSession(): Promise<SessionTimes | { ended: string }> {
  try {
    return await request('GET', '/api/auth/session', {
      schema: sessionTimesSchema,
      quietUnauthenticated: true,
    });
  } catch (error) {
    if (isApiError(error) && error.status === 401) return { ended: error.code };
    throw error;
  }
}

/** "Stay logged in": the idle timeout starts again now. */
export function keepAlive(): Promise<SessionTimes> {
  return request('POST', '/api/auth/keep-alive', { schema: sessionTimesSchema });
}

/** Ends every other session of the signed-in user, resolving to how many ended. */
export async function endOtherSessions(): Promise<number> {
  return (await request('POST', '/api/me/sessions/end-others', { schema: sessionsEndedSchema })).ended;
}

/** An administrator ends every session of a user (of their own, every one but this), resolving to how many. */
export async function endUserSessions(userId: string): Promise<number> {
  const path = `/api/users/${encodeURIComponent(userId)}/sessions/end`;
  return (await request('POST', path, { schema: sessionsEndedSchema })).ended;
}

/** What the sign-in page says when a session ended by itself, by the code of the 401 that told. */
export function sessionEndedNotice(code: string): string {
  if (code === 'SESSION_IDLE') return 'You were logged out because your session was inactive for too long.';
  if (code === 'SESSION_EXPIRED') return 'You were logged out because your session reached its time limit.';
  if (code === 'ACCOUNT_DISABLED') return 'You were logged out because your account was disabled.';
  return 'You were logged out because your session was ended, from another browser or by an administrator.';
}
