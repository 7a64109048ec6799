import {
  contractViewSchema,
  reasonRequestSchema,
  saveDraftRequestSchema,
  submitRequestSchema,
} from '@docket/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { currentUser } from '../http/auth';
import { problemResponses, WRITE_SECURITY } from '../http/openapi';
import type { User } from '@docket/domain';
import type { UploadReceipts } from '../documents/upload-receipts';
import type { ContractDetails } from '../use-cases/contract-access';
import type { ContractWriteStores, WriteBasis } from '../use-cases/contract-write';
import { saveDraft } from '../use-cases/save-draft';
import { resubmitContract, submitContract } from '../use-cases/submit-contract';
import { undoUnlock } from '../use-cases/undo-unlock';
import { unlockContract } from '../use-cases/unlock-contract';
import { contractIdParams, contractReply, ifMatchHeaders, writeBasis } from './schemas';

const WRITE_PROBLEMS = problemResponses(400, 401, 403, 404, 409, 412, 413, 415, 422);

/** The lifecycle actions that take only a version and a reason. */
const REASONED: {
  path: string;
  summary: string;
  description?: string;
  run: (
    stores: ContractWriteStores,
    user: User,
    basis: WriteBasis,
    reason: string,
  ) => Promise<ContractDetails>;
}[] = [
  {
    path: 'resubmit',
    summary: 'Resubmit an unlocked submission, with the reason for the changes',
    run: resubmitContract,
  },
  {
    path: 'unlock',
    summary: 'Unlock a submission so the state can revise it (CMS)',
    description: 'Opens a new draft revision copied from the last submitted one.',
    run: unlockContract,
  },
  {
    path: 'undo-unlock',
    summary: 'Undo an unlock, discarding the state’s unsubmitted edits (admin, help desk)',
    run: undoUnlock,
  },
];

/** The state's edits and the submission cycle: save draft, submit, unlock, resubmit, undo unlock. */
export const contractLifecycleRoutes: FastifyPluginAsyncZod<{
  stores: ContractWriteStores;
  receipts: UploadReceipts;
}> = async (app, { stores, receipts }) => {
  app.put(
    '/api/contracts/:id/draft',
    {
      schema: {
        tags: ['contracts'],
        summary: 'Save the draft answers',
        description:
          'Replaces the answers of the draft or unlocked revision and its rates (new ones are created, owned ones ' +
          'left out removed). `version` is the version the edit is based on: a stale one answers 409 and writes ' +
          'nothing. Programs must be the state’s own and not retired, documents uploads of the state (with the ' +
          'receipt of the upload) or already in the filing, linked rates submitted rates of the state (422).',
        security: WRITE_SECURITY,
        params: contractIdParams,
        headers: ifMatchHeaders,
        body: saveDraftRequestSchema,
        response: { 200: contractViewSchema, ...WRITE_PROBLEMS },
      },
    },
    async (request, reply) => {
      const user = currentUser(request);
      const { version, formData, rates } = request.body;
      const basis = writeBasis(request.params.id, version, request.headers['if-match']);
      return contractReply(reply, await saveDraft(stores, receipts, user, basis, { formData, rates }), user);
    },
  );

  app.post(
    '/api/contracts/:id/submit',
    {
      schema: {
        tags: ['lifecycle'],
        summary: 'Submit a draft to CMS',
        description: 'Validates every answer; 422 lists each missing or invalid one by its path in the form.',
        security: WRITE_SECURITY,
        params: contractIdParams,
        headers: ifMatchHeaders,
        body: submitRequestSchema,
        response: { 200: contractViewSchema, ...WRITE_PROBLEMS },
      },
    },
    async (request, reply) => {
      const user = currentUser(request);
      const basis = writeBasis(request.params.id, request.body.version, request.headers['if-match']);
      return contractReply(reply, await submitContract(stores, user, basis), user);
    },
  );

  for (const { path, summary, description, run } of REASONED) {
    app.post(
      `/api/contracts/:id/${path}`,
      {
        schema: {
          tags: ['lifecycle'],
          summary,
          ...(description ? { description } : {}),
          security: WRITE_SECURITY,
          params: contractIdParams,
          headers: ifMatchHeaders,
          body: reasonRequestSchema,
          response: { 200: contractViewSchema, ...WRITE_PROBLEMS },
        },
      },
      async (request, reply) => {
        const user = currentUser(request);
        const { version, reason } = request.body;
        const basis = writeBasis(request.params.id, version, request.headers['if-match']);
        return contractReply(reply, await run(stores, user, basis, reason), user);
      },
    );
  }
};
