import { programViewSchema, stateViewSchema } from '@docket/domain';
import type { StateStore } from '@docket/store';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponses, READ_SECURITY } from '../http/openapi';
import { presentProgram, presentState } from '../presenters/reference-data.presenter';
import { listPrograms, listStates } from '../use-cases/list-reference-data';
import { stateCodeParams } from './schemas';

export const referenceDataRoutes: FastifyPluginAsyncZod<{ states: StateStore }> = async (app, { states }) => {
  app.get(
    '/api/states',
    {
      schema: {
        tags: ['reference data'],
        summary: 'Every state and territory',
        security: READ_SECURITY,
        response: { 200: z.array(stateViewSchema), ...problemResponses(401) },
      },
    },
    async () => (await listStates(states)).map(presentState),
  );

  app.get(
    '/api/states/:code/programs',
    {
      schema: {
        tags: ['reference data'],
        summary: "A state's managed-care programs, retired ones included",
        security: READ_SECURITY,
        params: stateCodeParams,
        response: { 200: z.array(programViewSchema), ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => (await listPrograms(states, request.params.code)).map(presentProgram),
  );
};
