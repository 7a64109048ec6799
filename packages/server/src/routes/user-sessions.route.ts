import { sessionsEndedSchema } from '@docket/domain';
import type { EventLog, SessionStore, UserStore } from '@docket/store';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { currentAuth } from '../http/auth';
import { problemResponses, WRITE_SECURITY } from '../http/openapi';
import { endOtherSessions, endUserSessions } from '../use-cases/end-sessions';

export interface UserSessionsRoutesOptions {
  stores: { users: UserStore; sessions: SessionStore; events: EventLog };
}

const userIdParams = z.object({ id: z.string().min(1).max(100).describe('The user id (a UUID)') });

/** Logging out everywhere: of one's other sessions, or (administrators) every session of a user. */
export const userSessionsRoutes: FastifyPluginAsyncZod<UserSessionsRoutesOptions> = async (app, options) => {
  const { stores } = options;

  app.post(
    '/api/me/sessions/end-others',
    {
      schema: {
        tags: ['auth'],
        summary: 'Log out of other sessions',
        description:
          'Ends every session of the caller but this one (other browsers, other devices), and records it (`END_SESSIONS`). Their next request answers 401 `SESSION_ENDED`.',
        security: WRITE_SECURITY,
        response: { 200: sessionsEndedSchema, ...problemResponses(401, 403) },
      },
    },
    async (request) => ({ ended: await endOtherSessions(stores, currentAuth(request)) }),
  );

  app.post(
    '/api/users/:id/sessions/end',
    {
      schema: {
        tags: ['users'],
        summary: "End a user's sessions",
        description:
          'Administrators (`END_USER_SESSIONS`) end every session of the user at once, on every server copy; of ' +
          "their own, every one but the caller's. Recorded as `END_SESSIONS`. Anyone else is refused (403) " +
          'whether or not the user exists.',
        security: WRITE_SECURITY,
        params: userIdParams,
        response: { 200: sessionsEndedSchema, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => ({
      ended: await endUserSessions(stores, currentAuth(request), request.params.id),
    }),
  );
};
