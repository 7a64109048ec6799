import { sessionViewSchema, type SessionView } from '@docket/domain';
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
