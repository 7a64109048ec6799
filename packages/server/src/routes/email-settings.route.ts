import {
  emailSettingsHistoryViewSchema,
  emailSettingsUpdateSchema,
  emailSettingsViewSchema,
} from '@docket/domain';
import type { SettingsStore } from '@docket/store';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { currentUser } from '../http/auth';
import { problemResponses, READ_SECURITY, WRITE_SECURITY } from '../http/openapi';
import { getEmailSettings, listEmailSettingsHistory, updateEmailSettings } from '../use-cases/email-settings';
import { listQuery } from './schemas';

/** The email settings: who gets Docket's mail and whom it comes from, in versions. */
export const emailSettingsRoutes: FastifyPluginAsyncZod<{ stores: { settings: SettingsStore } }> = async (
  app,
  { stores },
) => {
  app.get(
    '/api/settings/email',
    {
      schema: {
        tags: ['administration'],
        summary: 'The current email settings',
        description:
          'The latest saved version (version 0 with empty lists before the first save), and whether the caller ' +
          'may change them. Administrators and the help desk (403 otherwise).',
        security: READ_SECURITY,
        response: { 200: emailSettingsViewSchema, ...problemResponses(401, 403) },
      },
    },
    async (request) => getEmailSettings(stores, currentUser(request)),
  );

  app.put(
    '/api/settings/email',
    {
      schema: {
        tags: ['administration'],
        summary: 'Save the email settings as a new version',
        description:
          'The settings whole, with the `version` they were based on: a stale version answers 409 ' +
          '`VERSION_CONFLICT` and saves nothing. Every address is checked (400 naming the list and the line, ' +
          'counted from 0); addresses are kept in lower case, and one given twice in a list is kept once. ' +
          'Administrators only (403).',
        security: WRITE_SECURITY,
        body: emailSettingsUpdateSchema,
        response: { 200: emailSettingsViewSchema, ...problemResponses(400, 401, 403, 409) },
      },
    },
    async (request) => updateEmailSettings(stores, currentUser(request), request.body),
  );

  app.get(
    '/api/settings/email/history',
    {
      schema: {
        tags: ['administration'],
        summary: 'The saved versions of the email settings, newest first',
        description: 'Who saved each version, when, and what it changed from the version before.',
        security: READ_SECURITY,
        querystring: listQuery,
        response: { 200: emailSettingsHistoryViewSchema, ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => listEmailSettingsHistory(stores, currentUser(request), request.query),
  );
};
