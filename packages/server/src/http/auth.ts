import { NotFoundError, UnauthenticatedError, type User } from '@docket/domain';
import type { Session, SessionStore, UserStore } from '@docket/store';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CsrfError } from '../errors';
import { sameSecret, sha256Hex } from '../security/tokens';
import { isDemoAccount } from '../use-cases/demo-accounts';
import { SESSION_LIFETIME_MS } from '../use-cases/login';

/**
 * Sessions and CSRF. The browser holds a signed, httpOnly cookie with a random token; the datastore holds only the
 * token's sha256 as the session id, so any number of server copies serve the same user. Every write under /api
 * (except login) must also carry the session's CSRF token in a header, which another site cannot read or set.
 */

export const SESSION_COOKIE = 'docket_session';
export const CSRF_HEADER = 'x-csrf-token';

/** The caller of a request with a live session. */
export interface Authenticated {
  session: Session;
  user: User;
}

/** Who may call a route: `required` (the default) answers 401 without a session. */
export type RouteAuth = 'required' | 'optional' | 'none';

declare module 'fastify' {
  interface FastifyRequest {
    auth: Authenticated | null;
  }
  interface FastifyContextConfig {
    auth?: RouteAuth;
  }
}

export interface AuthOptions {
  sessions: SessionStore;
  users: UserStore;
  /** Outside demo mode, sessions of demo accounts are ignored. */
  demo: boolean;
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

async function resolveSession(request: FastifyRequest, options: AuthOptions): Promise<Authenticated | null> {
  const token = sessionToken(request);
  if (!token) return null;
  const session = await options.sessions.get(sha256Hex(token), new Date().toISOString());
  if (!session) return null;
  let user: User;
  try {
    user = await options.users.get(session.userId);
  } catch (error) {
    if (error instanceof NotFoundError) return null;
    throw error;
  }
  if (user.disabled || (!options.demo && isDemoAccount(user.email))) return null;
  return { session, user };
}

/** Resolves the session of every /api request and enforces each route's `auth` and the CSRF header. */
export function registerAuth(app: FastifyInstance, options: AuthOptions): void {
  app.decorateRequest('auth', null);
  app.addHook('onRequest', async (request) => {
    if (!request.routeOptions.url?.startsWith('/api/')) return;
    const mode = request.routeOptions.config.auth ?? 'required';
    if (mode === 'none') return;
    request.auth = await resolveSession(request, options);
    if (!request.auth) {
      if (mode === 'required') throw new UnauthenticatedError('Log in to continue');
      return;
    }
    if (WRITE_METHODS.has(request.method)) {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !sameSecret(sent, request.auth.session.csrfToken)) {
        throw new CsrfError();
      }
    }
  });
}

/** The logged-in caller; the route's `auth: 'required'` guarantees one, this narrows the type. */
export function currentAuth(request: FastifyRequest): Authenticated {
  if (!request.auth) throw new UnauthenticatedError('Log in to continue');
  return request.auth;
}

export function currentUser(request: FastifyRequest): User {
  return currentAuth(request).user;
}

export function setSessionCookie(reply: FastifyReply, token: string, secure: boolean): void {
  reply.setCookie(SESSION_COOKIE, token, {
    signed: true,
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: '/',
    maxAge: SESSION_LIFETIME_MS / 1000,
  });
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean): void {
  reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', secure, path: '/' });
}

/** The token in the request's session cookie, if it carries a validly signed one. */
export function sessionToken(request: FastifyRequest): string | null {
  const raw = request.cookies[SESSION_COOKIE];
  if (!raw) return null;
  const unsigned = request.unsignCookie(raw);
  return unsigned.valid && unsigned.value ? unsigned.value : null;
}
