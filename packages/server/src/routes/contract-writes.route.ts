import {
  CONTRACT_ACTION_NAMES,
  CONTRACT_ACTIONS,
  contractViewSchema,
  type ContractAction,
  type ContractActionInput,
  type ContractActionRequest,
} from '@docket/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { currentUser } from '../http/auth';
import { problemResponses, WRITE_SECURITY } from '../http/openapi';
import { writeContract, type ContractWriteDeps } from '../use-cases/contract-write';
import { contractIdParams, contractReply, ifMatchHeaders, writeBasis } from './schemas';

const WRITE_PROBLEMS = problemResponses(400, 401, 403, 404, 409, 412, 413, 415, 422);

/** The request without its version: what the action's command takes. */
function inputOf<A extends ContractAction>(request: ContractActionRequest<A>): ContractActionInput<A> {
  const { version: _version, ...input } = request;
  return input;
}

/**
 * Every write to an existing contract, one operation per action of the domain's `CONTRACT_ACTIONS`, each with the
 * method, path, body and documentation its row gives, and each run by the one write path (`writeContract`). The
 * version the change is based on comes in the body; `If-Match` may pin it too.
 */
export const contractWriteRoutes: FastifyPluginAsyncZod<ContractWriteDeps> = async (app, deps) => {
  for (const action of CONTRACT_ACTION_NAMES) {
    const spec = CONTRACT_ACTIONS[action];
    const { method, path, tag, summary } = spec.http;
    const description = 'description' in spec.http ? spec.http.description : undefined;
    app.route({
      method,
      url: `/api/contracts/:id/${path}`,
      schema: {
        tags: [tag],
        summary,
        ...(description ? { description } : {}),
        security: WRITE_SECURITY,
        params: contractIdParams,
        headers: ifMatchHeaders,
        body: spec.body,
        response: { 200: contractViewSchema, ...WRITE_PROBLEMS },
      },
      handler: async (request, reply) => {
        const user = currentUser(request);
        const body = request.body as ContractActionRequest<typeof action>;
        const basis = writeBasis(request.params.id, body.version, request.headers['if-match']);
        return contractReply(reply, await writeContract(deps, user, action, basis, inputOf(body)), user);
      },
    });
  }
};
