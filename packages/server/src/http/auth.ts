import {
  PasswordChangeRequiredError,
  SessionEndedError,
  UnauthenticatedError,
  type SessionEndReason,
  type User,
} from '@docket/domain';
import type { Session, SessionRefusal, SessionStore } from '@docket/store';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CsrfError } from '../errors';
import { sameSecret, sha256Hex } from '../security/tokens';
import { isDemoAccount } from '../use-cases/demo-accounts';
import { recordActivity, SESSION_LIFETIME_MS, type SessionTimeouts } from '../use-cases/session-activity';

/**
 * Sessions and CSRF. The browser holds a signed, httpOnly cookie with its user's id and a random token; the
 * datastore holds only the token's sha256 as the session id, so any number of server copies serve the same user.
 * Naming the user in the cookie lets the session and its user be read in one statement (or one DynamoDB
 * BatchGetItem); the session must belong to that user, or there is none. Every write under /api
 * (except login) must also carry the session's CSRF token in a header, which another site cannot read or set.
 *
 * A session ends at its absolute expiry or once idle; each request of a live session is activity, which moves the
 * idle expiry (written at most about once a minute, `recordActivity`), and every answer tells the browser both
 * times in the headers below. A request naming a session that may not be served answers 401 with why in its code.
 */

export const SESSION_COOKIE = 'docket_session';
export const CSRF_HEADER = 'x-csrf-token';
export const SESSION_IDLE_EXPIRES_HEADER = 'x-session-idle-expires';
export const SESSION_EXPIRES_HEADER = 'x-session-expires';

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
    /** Whether the request counts as the user's activity (default true); a check of the session does not. */
    activity?: boolean;
  }
}

export interface AuthOptions {
  sessions: SessionStore;
  /** Outside demo mode, sessions of demo accounts are ignored. */
  demo: boolean;
  timeouts: SessionTimeouts;
  /** The time now: the clock, or a test's. */
  now: () => Date;
}

const ENDED_BECAUSE: Record<SessionRefusal, SessionEndReason> = {
  EXPIRED: 'SESSION_EXPIRED',
  IDLE: 'SESSION_IDLE',
  DISABLED: 'ACCOUNT_DISABLED',
};

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The request's session and user; why it ended, when the browser names one that may not be served; or none. */
async function resolveSession(
  request: FastifyRequest,
  options: AuthOptions,
): Promise<Authenticated | SessionEndReason | null> {
  const cookie = sessionCookie(request);
  if (!cookie) return null;
  const now = options.now().toISOString();
  const found = await options.sessions.getWithUser(sha256Hex(cookie.token), cookie.userId, now);
  if (!found) return 'SESSION_ENDED';
  if ('refused' in found) return ENDED_BECAUSE[found.refused];
  if (!options.demo && isDemoAccount(found.user.email)) return null;
  return found;
}

/**
 * Resolves the session of every /api request, enforces each route's `auth` and the CSRF header, records the
 * request as activity, and tells the browser when the session idles out and ends.
 */
export function registerAuth(app: FastifyInstance, options: AuthOptions): void {
  app.decorateRequest('auth', null);
  app.addHook('onRequest', async (request, reply) => {
    if (!request.routeOptions.url?.startsWith('/api/')) return;
    const mode = request.routeOptions.config.auth ?? 'required';
    if (mode === 'none') return;
    const resolved = await resolveSession(request, options);
    if (resolved === null || typeof resolved === 'string') {
      if (mode === 'required') {
        throw resolved ? new SessionEndedError(resolved) : new UnauthenticatedError('Log in to continue');
      }
      return;
    }
    if (WRITE_METHODS.has(request.method)) {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !sameSecret(sent, resolved.session.csrfToken)) {
        throw new CsrfError();
      }
    }
    if (resolved.user.mustChangePassword && !request.routeOptions.config.beforePasswordChange) {
      throw new PasswordChangeRequiredError();
    }
    const session =
      request.routeOptions.config.activity === false
        ? resolved.session
        : await recordActivity(options.sessions, resolved.session, options.timeouts, options.now());
    request.auth = { session, user: resolved.user };
    setSessionHeaders(reply, session);
  });
}

/** Tells the browser when the session idles out and when it ends, on an answer of the session's holder. */
export function setSessionHeaders(reply: FastifyReply, session: Session): void {
  const ends = Date.parse(session.expiresAt);
  const idle = Math.min(Date.parse(session.idleExpiresAt), ends);
  reply
    .header(SESSION_IDLE_EXPIRES_HEADER, new Date(idle).toISOString())
    .header(SESSION_EXPIRES_HEADER, session.expiresAt);
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
