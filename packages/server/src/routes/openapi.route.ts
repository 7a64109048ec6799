import type { FastifyPluginAsync } from 'fastify';
import { OPENAPI_PATH } from '../http/openapi';

/** The OpenAPI 3.1 document of every route, public so that tools and the web app's developers can read it. */
export const openapiRoute: FastifyPluginAsync = async (app) => {
  app.get(OPENAPI_PATH, { config: { auth: 'none' }, schema: { hide: true } }, async () => app.swagger());
};
