import { sessionViewSchema, type SessionView } from '@docket/domain';
import { request } from './client';

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
