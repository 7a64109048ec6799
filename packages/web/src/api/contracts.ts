import {
  CONTRACT_ACTIONS,
  contractListViewSchema,
  contractRevisionDiffSchema,
  contractViewSchema,
  type ContractAction,
  type ContractFormInput,
  type ContractRevisionDiff,
  type ContractView,
  type DraftRateInput,
} from '@docket/domain';
import type { z } from 'zod';
import { ApiError, request } from './client';

export type ContractList = z.output<typeof contractListViewSchema>;

const base = '/api/contracts';
const one = (id: string) => `${base}/${encodeURIComponent(id)}`;

/** One page of a dashboard view: `query` is the view's query string, the API's own parameters. */
export function listContracts(query: URLSearchParams, limit = 25): Promise<ContractList> {
  const params = new URLSearchParams(query);
  params.set('limit', String(limit));
  return request('GET', `${base}?${params.toString()}`, { schema: contractListViewSchema });
}

export function getContract(id: string): Promise<ContractView> {
  return request('GET', one(id), { schema: contractViewSchema });
}

/** What changed between two submissions of the contract, given by their revision ids. */
export function getContractDiff(id: string, from: string, to: string): Promise<ContractRevisionDiff> {
  const query = new URLSearchParams({ from, to });
  return request('GET', `${one(id)}/diff?${query.toString()}`, { schema: contractRevisionDiffSchema });
}

/**
 * The path in the filing form of an issue about a request that carries the answers: the server's schemas report
 * them as the request body holds them (`formData.submissionDescription`, `rates.0.formData.rateDateStart`), the
 * form addresses them without the wrapping (`submissionDescription`, `rates.0.rateDateStart`). Other paths (the
 * version, a rate's kind) are left as they are.
 */
function formPath(path: readonly (string | number)[]): (string | number)[] {
  const [head, index, inner, ...rest] = path;
  if (head === 'formData') return path.slice(1);
  if (head === 'rates' && typeof index === 'number' && inner === 'formData') return ['rates', index, ...rest];
  return [...path];
}

/** Rethrows a refused write of the answers with its issues addressed as the form addresses them. */
function withFormPaths(error: unknown): never {
  if (!(error instanceof ApiError) || error.issues.length === 0) throw error;
  const issues = error.issues.map((issue) => ({ ...issue, path: formPath(issue.path) }));
  throw new ApiError(error.status, error.code, error.detail, issues);
}

export function createContract(formData?: ContractFormInput): Promise<ContractView> {
  return request('POST', base, { body: formData ? { formData } : {}, schema: contractViewSchema }).catch(
    withFormPaths,
  );
}

/**
 * The body of an action's request as the web app sends it: the input of the row's schema (the server parses it
 * into `ContractActionRequest`, filling defaults such as a draft's empty list of rates).
 */
export type ContractActionBody<A extends ContractAction> = z.input<(typeof CONTRACT_ACTIONS)[A]['body']>;

/**
 * Performs an action of `CONTRACT_ACTIONS` on the contract, by the operation its row names, and answers the
 * contract as it is afterwards. Refused with VERSION_CONFLICT when the body's `version` is stale.
 */
export function performContractAction<A extends ContractAction>(
  id: string,
  action: A,
  body: ContractActionBody<A>,
): Promise<ContractView> {
  const { method, path } = CONTRACT_ACTIONS[action].http;
  return request(method, `${one(id)}/${path}`, { body, schema: contractViewSchema });
}

/** Replaces the draft's answers and its rates, in order; refused with VERSION_CONFLICT when `version` is stale. */
export function saveDraft(
  id: string,
  version: number,
  formData: ContractFormInput,
  rates: readonly DraftRateInput[],
): Promise<ContractView> {
  return performContractAction(id, 'SAVE_DRAFT', { version, formData, rates: [...rates] }).catch(
    withFormPaths,
  );
}
