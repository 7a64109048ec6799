import { PasswordChangeRequiredError, UnauthenticatedError, type User } from '@docket/domain';
import type { Session, SessionStore } from '@docket/store';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CsrfError } from '../errors';
import { sameSecret, sha256Hex } from '../security/tokens';
import { isDemoAccount } from '../use-cases/demo-accounts';
import { SESSION_LIFETIME_MS } from '../use-cases/login';

/**
 * Sessions and CSRF. The browser holds a signed, httpOnly cookie with its user's id and a random token; the
 * datastore holds only the token's sha256 as the session id, so any number of server copies serve the same user.
 * Naming the user in the cookie lets the session and its user be read in one statement (or one DynamoDB
 * BatchGetItem); the session must belong to that user, or there is none. Every write under /api
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
    /**
     * Whether a session whose user must replace a temporary password may call the route (reading the session,
     * changing the password, logging out); every other route answers it 403 `PASSWORD_CHANGE_REQUIRED`.
     */
    beforePasswordChange?: boolean;
  }
}

export interface AuthOptions {
  sessions: SessionStore;
  /** Outside demo mode, sessions of demo accounts are ignored. */
  demo: boolean;
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

async function resolveSession(request: FastifyRequest, options: AuthOptions): Promise<Authenticated | null> {
  const cookie = sessionCookie(request);
  if (!cookie) return null;
  const now = new Date().toISOString();
  const found = await options.sessions.getWithUser(sha256Hex(cookie.token), cookie.userId, now);
  if (!found || found.user.disabled || (!options.demo && isDemoAccount(found.user.email))) return null;
  return found;
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
    if (request.auth.user.mustChangePassword && !request.routeOptions.config.beforePasswordChange) {
      throw new PasswordChangeRequiredError();
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

/** The session cookie's value (before signing): whose session, and its secret token. */
export function sessionCookieValue(userId: string, token: string): string {
  return `${userId}.${token}`;
}

export function setSessionCookie(
  reply: FastifyReply,
  session: { userId: string; token: string },
  secure: boolean,
): void {
  reply.setCookie(SESSION_COOKIE, sessionCookieValue(session.userId, session.token), {
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

const COOKIE_VALUE = /^([^.]+)\.([^.]+)$/;

/**
 * The user id and token of the request's session cookie, if it carries a validly signed one. (A cookie of an
 * older release, a token alone, names no user: its holder logs in again.)
 */
export function sessionCookie(request: FastifyRequest): { userId: string; token: string } | null {
  const raw = request.cookies[SESSION_COOKIE];
  if (!raw) return null;
  const unsigned = request.unsignCookie(raw);
  const parts = unsigned.valid && unsigned.value ? COOKIE_VALUE.exec(unsigned.value) : null;
  return parts?.[1] && parts[2] ? { userId: parts[1], token: parts[2] } : null;
}
