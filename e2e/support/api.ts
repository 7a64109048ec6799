import { request, type APIRequestContext, type APIResponse } from 'playwright-core';
import type {
  ContractFormInput,
  ContractView,
  DocumentRef,
  ProgramView,
  SaveDraftRequest,
} from '@docket/domain';
import type { TestFile } from './files';

/**
 * Docket's HTTP API as a script would use it, for arranging what a journey starts from faster than through the
 * pages: the same login a person uses (`POST /api/auth/login`, a session cookie and a CSRF token for writes).
 */
export interface ApiSession {
  /** The state's programs, as `GET /api/states/:code/programs` lists them. */
  programs(stateCode: string): Promise<ProgramView[]>;
  upload(file: TestFile): Promise<DocumentRef>;
  getContract(id: string): Promise<ContractView>;
  createContract(formData: ContractFormInput): Promise<ContractView>;
  saveDraft(
    contract: ContractView,
    formData: ContractFormInput,
    rates: NonNullable<SaveDraftRequest['rates']>,
  ): Promise<ContractView>;
  submit(contract: ContractView): Promise<ContractView>;
  /** The state's resubmission of an unlocked contract, with its reason. */
  resubmit(contract: ContractView, reason: string): Promise<ContractView>;
  /** A CMS reviewer's unlock, with its reason. */
  unlock(contract: ContractView, reason: string): Promise<ContractView>;
  dispose(): Promise<void>;
}

async function json<T>(response: APIResponse, what: string): Promise<T> {
  if (!response.ok()) {
    throw new Error(`${what} answered ${response.status()}: ${await response.text()}`);
  }
  return (await response.json()) as T;
}

export async function apiLogin(baseURL: string, email: string, password: string): Promise<ApiSession> {
  const http: APIRequestContext = await request.newContext({ baseURL });
  const session = await json<{ csrfToken: string }>(
    await http.post('/api/auth/login', { data: { email, password } }),
    'Logging in',
  );
  const headers = { 'x-csrf-token': session.csrfToken };
  return {
    programs: async (stateCode) =>
      json<ProgramView[]>(await http.get(`/api/states/${stateCode}/programs`), 'Listing the programs'),
    async upload(file) {
      const answer = await json<{ document: DocumentRef }>(
        await http.post('/api/documents', { headers, multipart: { file } }),
        `Uploading ${file.name}`,
      );
      return answer.document;
    },
    getContract: async (id) =>
      json<ContractView>(await http.get(`/api/contracts/${id}`), 'Reading a contract'),
    createContract: async (formData) =>
      json<ContractView>(
        await http.post('/api/contracts', { headers, data: { formData } }),
        'Creating a contract',
      ),
    saveDraft: async (contract, formData, rates) =>
      json<ContractView>(
        await http.put(`/api/contracts/${contract.id}/draft`, {
          headers,
          data: { version: contract.version, formData, rates },
        }),
        'Saving the draft',
      ),
    submit: async (contract) =>
      json<ContractView>(
        await http.post(`/api/contracts/${contract.id}/submit`, {
          headers,
          data: { version: contract.version },
        }),
        'Submitting',
      ),
    resubmit: async (contract, reason) =>
      json<ContractView>(
        await http.post(`/api/contracts/${contract.id}/resubmit`, {
          headers,
          data: { version: contract.version, reason },
        }),
        'Resubmitting',
      ),
    unlock: async (contract, reason) =>
      json<ContractView>(
        await http.post(`/api/contracts/${contract.id}/unlock`, {
          headers,
          data: { version: contract.version, reason },
        }),
        'Unlocking',
      ),
    dispose: () => http.dispose(),
  };
}
