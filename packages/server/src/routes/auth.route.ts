import { changePasswordRequestSchema, loginRequestSchema, sessionViewSchema } from '@docket/domain';
import type { EventLog, SessionStore, UserStore } from '@docket/store';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { clearSessionCookie, currentAuth, setSessionCookie } from '../http/auth';
import { readKnownDevice, setKnownDevice } from '../http/device-cookie';
import { problemResponses, READ_SECURITY, WRITE_SECURITY } from '../http/openapi';
import { presentSession } from '../presenters/user.presenter';
import type { LoginThrottle } from '../security/login-throttle';
import { changeOwnPassword } from '../use-cases/change-password';
import { login } from '../use-cases/login';
import { logout } from '../use-cases/logout';

export interface AuthRoutesOptions {
  stores: { users: UserStore; sessions: SessionStore; events: EventLog };
  demo: boolean;
  secureCookies: boolean;
  throttle: LoginThrottle;
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
          'Opens a 12-hour session: sets the httpOnly `docket_session` cookie and returns the CSRF token to send ' +
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
      });
      setSessionCookie(reply, { userId: result.user.id, token: result.token }, secureCookies);
      setKnownDevice(reply, result.device, secureCookies);
      return presentSession(result.user, result.session.csrfToken);
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
        summary: 'The logged-in user and the session CSRF token',
        security: READ_SECURITY,
        response: { 200: sessionViewSchema, ...problemResponses(401) },
      },
    },
    async (request) => {
      const { user, session } = currentAuth(request);
      return presentSession(user, session.csrfToken);
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
          '`/api/me`, change the password and log out (`user.mustChangePassword` says so).',
        security: WRITE_SECURITY,
        body: changePasswordRequestSchema,
        response: { 200: sessionViewSchema, ...problemResponses(400, 401, 403, 422) },
      },
    },
    async (request) => {
      const { user, session } = currentAuth(request);
      const changed = await changeOwnPassword(stores, user, request.body);
      return presentSession(changed, session.csrfToken);
    },
  );
};
