import {
  changePasswordRequestSchema,
  loginRequestSchema,
  sessionTimesSchema,
  sessionViewSchema,
} from '@docket/domain';
import type { EventLog, SessionStore, UserStore } from '@docket/store';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { clearSessionCookie, currentAuth, setSessionCookie, setSessionHeaders } from '../http/auth';
import { readKnownDevice, setKnownDevice } from '../http/device-cookie';
import { problemResponses, READ_SECURITY, WRITE_SECURITY } from '../http/openapi';
import { presentSession } from '../presenters/user.presenter';
import type { LoginThrottle } from '../security/login-throttle';
import { changeOwnPassword } from '../use-cases/change-password';
import { login } from '../use-cases/login';
import { logout } from '../use-cases/logout';
import { recordActivity, sessionTimes, type SessionTimeouts } from '../use-cases/session-activity';

export interface AuthRoutesOptions {
  stores: { users: UserStore; sessions: SessionStore; events: EventLog };
  demo: boolean;
  secureCookies: boolean;
  throttle: LoginThrottle;
  timeouts: SessionTimeouts;
  now: () => Date;
}

export const authRoutes: FastifyPluginAsyncZod<AuthRoutesOptions> = async (app, options) => {
  const { stores, secureCookies } = options;

  app.post(
    '/api/auth/login',
    {
      config: { auth: 'none' },
      schema: {
        tags: ['auth'],
        summary: 'Log in with email and password',
        description:
          'Opens a session that ends after 12 hours, or sooner when idle for the configured time (30 minutes ' +
          'unless configured): sets the httpOnly `docket_session` cookie and returns the CSRF token to send ' +
          'as `x-csrf-token` on every write, and remembers this browser for the account in the httpOnly ' +
          '`docket_device` cookie. A wrong email and a wrong password answer alike. Failed attempts are throttled ' +
          'per account, per browser and per client address with growing waits: a refused attempt answers 429 ' +
          'with `Retry-After` and its password is not checked.',
        body: loginRequestSchema,
        response: { 200: sessionViewSchema, ...problemResponses(400, 401, 413, 415, 429) },
      },
    },
    async (request, reply) => {
      const client = { address: request.ip, device: readKnownDevice(request) };
      const result = await login(stores, options.throttle, request.body, client, {
        allowDemoAccounts: options.demo,
        timeouts: options.timeouts,
        now: options.now,
      });
      setSessionCookie(reply, { userId: result.user.id, token: result.token }, secureCookies);
      setKnownDevice(reply, result.device, secureCookies);
      setSessionHeaders(reply, result.session);
      return presentSession(result.user, result.session, options.timeouts);
    },
  );

  app.post(
    '/api/auth/logout',
    {
      config: { auth: 'optional', beforePasswordChange: true },
      schema: {
        tags: ['auth'],
        summary: 'Log out',
        description: 'Ends the session, if there is one, and clears the cookie.',
        security: WRITE_SECURITY,
        response: { 204: z.undefined().describe('Logged out'), ...problemResponses(403) },
      },
    },
    async (request, reply) => {
      await logout(stores, request.auth);
      clearSessionCookie(reply, secureCookies);
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/me',
    {
      config: { beforePasswordChange: true },
      schema: {
        tags: ['auth'],
        summary: 'The logged-in user, the session CSRF token, and when the session idles out and ends',
        description:
          'Counts as activity, as every request does. A 401 says why there is no session: `UNAUTHENTICATED` (none), ' +
          '`SESSION_ENDED` (ended by a logout elsewhere or by an administrator), `SESSION_EXPIRED`, `SESSION_IDLE`, ' +
          '`ACCOUNT_DISABLED`.',
        security: READ_SECURITY,
        response: { 200: sessionViewSchema, ...problemResponses(401) },
      },
    },
    async (request) => {
      const { user, session } = currentAuth(request);
      return presentSession(user, session, options.timeouts);
    },
  );

  app.get(
    '/api/auth/session',
    {
      config: { activity: false, beforePasswordChange: true },
      schema: {
        tags: ['auth'],
        summary: 'When the session idles out and ends, without counting as activity',
        description:
          'For an open page to check, now and then, that its session is still live (it may have been ended by ' +
          'an administrator, or idled out while the user worked in another tab) without keeping it alive. A 401 ' +
          'says why, as for `GET /api/me`.',
        security: READ_SECURITY,
        response: { 200: sessionTimesSchema, ...problemResponses(401) },
      },
    },
    async (request) => sessionTimes(currentAuth(request).session, options.timeouts),
  );

  app.post(
    '/api/auth/keep-alive',
    {
      config: { beforePasswordChange: true },
      schema: {
        tags: ['auth'],
        summary: 'Stay logged in: the idle timeout starts again now',
        description: 'The absolute end of the session does not move.',
        security: WRITE_SECURITY,
        response: { 200: sessionTimesSchema, ...problemResponses(401, 403) },
      },
    },
    async (request, reply) => {
      const { session } = currentAuth(request);
      const kept = await recordActivity(stores.sessions, session, options.timeouts, options.now(), {
        always: true,
      });
      setSessionHeaders(reply, kept);
      return sessionTimes(kept, options.timeouts);
    },
  );

  app.post(
    '/api/me/password',
    {
      config: { beforePasswordChange: true },
      schema: {
        tags: ['auth'],
        summary: 'Change your own password',
        description:
          'Proven with the current password (a wrong one answers 422 naming `currentPassword`). This is how a ' +
          'temporary password, given by an administrator, is replaced: until then the session may only read ' +
          "`/api/me` and the session's times, change the password and log out (`user.mustChangePassword` says so).",
        security: WRITE_SECURITY,
        body: changePasswordRequestSchema,
        response: { 200: sessionViewSchema, ...problemResponses(400, 401, 403, 422) },
      },
    },
    async (request) => {
      const { session } = currentAuth(request);
      const changed = await changeOwnPassword(stores, currentAuth(request), request.body);
      return presentSession(changed, session, options.timeouts);
    },
  );
};
