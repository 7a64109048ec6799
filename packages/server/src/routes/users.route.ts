import {
  DIVISIONS,
  newUserSchema,
  ROLES,
  stateCodeSchema,
  userEditSchema,
  userListViewSchema,
  userVersionRequestSchema,
  userViewSchema,
  userWithTemporaryPasswordSchema,
} from '@docket/domain';
import type { SessionStore, UserStore } from '@docket/store';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { currentUser } from '../http/auth';
import { problemResponses, READ_SECURITY, WRITE_SECURITY } from '../http/openapi';
import { presentUser } from '../presenters/user.presenter';
import {
  createUserWithTemporaryPassword,
  getUser,
  resetPassword,
  searchUsers,
  setUserDisabled,
  updateUser,
} from '../use-cases/manage-users';
import { listQuery } from './schemas';

const userIdParams = z.object({ id: z.string().min(1).max(100).describe('The user id (a UUID)') });

const userListParams = listQuery.extend({
  q: z
    .string()
    .trim()
    .max(100)
    .optional()
    .describe('Text the email, given name, family name or full name contains, whatever the case'),
  role: z.enum(ROLES).optional(),
  state: stateCodeSchema.optional().describe('State users of the state, and CMS users assigned to it'),
  division: z.enum(DIVISIONS).optional(),
  disabled: z
    .enum(['true', 'false'])
    .optional()
    .describe('Only disabled users (`true`) or only enabled ones (`false`)'),
});

const ADMIN_ONLY =
  'Administrators only (`MANAGE_USERS`); the help desk and every other role get 403 `FORBIDDEN`. ';

/** The administration of users (docs/adr/0030-user-administration.md). */
export const userRoutes: FastifyPluginAsyncZod<{
  stores: { users: UserStore; sessions: SessionStore };
}> = async (app, { stores }) => {
  app.get(
    '/api/users',
    {
      schema: {
        tags: ['users'],
        summary: 'Search the users',
        description:
          'Users ordered by email, filtered on the datastore, a page at a time (`nextCursor`). Administrators ' +
          'and the help desk (`VIEW_USERS`); any other role gets 403.',
        security: READ_SECURITY,
        querystring: userListParams,
        response: { 200: userListViewSchema, ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const { cursor, limit, q, disabled, ...filters } = request.query;
      const page = await searchUsers(
        stores,
        currentUser(request),
        {
          ...filters,
          text: q || undefined,
          disabled: disabled === undefined ? undefined : disabled === 'true',
        },
        { cursor, limit },
      );
      return { items: page.items.map(presentUser), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/api/users/:id',
    {
      schema: {
        tags: ['users'],
        summary: 'One user',
        description: 'Administrators and the help desk (`VIEW_USERS`); any other role gets 403.',
        security: READ_SECURITY,
        params: userIdParams,
        response: { 200: userViewSchema, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => presentUser(await getUser(stores, currentUser(request), request.params.id)),
  );

  app.post(
    '/api/users',
    {
      schema: {
        tags: ['users'],
        summary: 'Create a user with a temporary password',
        description:
          ADMIN_ONLY +
          'The server chooses a temporary password and answers it once; the user must replace it at their ' +
          'first login. The email must be free in any case (409 `EMAIL_TAKEN`).',
        security: WRITE_SECURITY,
        body: newUserSchema,
        response: { 201: userWithTemporaryPasswordSchema, ...problemResponses(400, 401, 403, 409, 422) },
      },
    },
    async (request, reply) => {
      const created = await createUserWithTemporaryPassword(stores, currentUser(request), request.body);
      reply.code(201);
      return { user: presentUser(created.user), temporaryPassword: created.temporaryPassword };
    },
  );

  app.patch(
    '/api/users/:id',
    {
      schema: {
        tags: ['users'],
        summary: 'Change a user',
        description:
          'Changes the fields sent, given the `version` the change is based on (409 `VERSION_CONFLICT` when it is ' +
          'stale). Administrators may change any field; the help desk only `division` and `assignedStates`, of ' +
          'CMS users (anything else answers 403). A role change that would leave no enabled administrator answers ' +
          '409 `LAST_ADMIN`.',
        security: WRITE_SECURITY,
        params: userIdParams,
        body: userEditSchema,
        response: { 200: userViewSchema, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) =>
      presentUser(await updateUser(stores, currentUser(request), request.params.id, request.body)),
  );

  for (const [action, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    app.post(
      `/api/users/:id/${action}`,
      {
        schema: {
          tags: ['users'],
          summary: disabled ? 'Disable a user' : 'Enable a user',
          description:
            ADMIN_ONLY +
            (disabled
              ? 'A disabled user cannot log in, and a session they hold is refused from its next request. ' +
                'Disabling the last enabled administrator answers 409 `LAST_ADMIN`.'
              : 'The user may log in again.'),
          security: WRITE_SECURITY,
          params: userIdParams,
          body: userVersionRequestSchema,
          response: { 200: userViewSchema, ...problemResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request) =>
        presentUser(
          await setUserDisabled(
            stores,
            currentUser(request),
            request.params.id,
            request.body.version,
            disabled,
          ),
        ),
    );
  }

  app.post(
    '/api/users/:id/reset-password',
    {
      schema: {
        tags: ['users'],
        summary: "Reset a user's password",
        description:
          ADMIN_ONLY +
          'Sets a new temporary password, answered once: the user must replace it at their next login, and can ' +
          'do nothing else until then.',
        security: WRITE_SECURITY,
        params: userIdParams,
        response: { 200: userWithTemporaryPasswordSchema, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => {
      const reset = await resetPassword(stores, currentUser(request), request.params.id);
      return { user: presentUser(reset.user), temporaryPassword: reset.temporaryPassword };
    },
  );
};
