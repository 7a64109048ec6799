import {
  CONSOLIDATED_STATUSES,
  MAX_FILTER_VALUES,
  SUBMISSION_TYPES,
  type ContractListRequest,
  type ContractListSort,
} from '@docket/domain';
import { z } from 'zod';
import { listQuery } from './schemas';

/**
 * A dashboard's filters and order as the URL carries them, the same for a page (`GET /api/contracts`) and for the
 * export of the whole view (`GET /api/contracts.csv`), so that the web app links one to the other by copying the
 * query. A filter that may name several values is repeated (`?state=MN&state=WI`).
 */

/** One value, or the same parameter repeated. */
export function repeatable<T extends z.ZodType>(value: T, description: string) {
  return z
    .union([value, z.array(value).max(MAX_FILTER_VALUES)])
    .optional()
    .describe(`${description}; repeat the parameter for several (any of them matches)`);
}

const SORT_PARAMS = { updated: 'UPDATED', submitted: 'SUBMITTED', name: 'NAME' } as const satisfies Record<
  string,
  ContractListSort
>;

export const contractListFilterParams = z.object({
  state: repeatable(z.string().min(1).max(20), 'A state code'),
  mine: z
    .enum(['1', '0'])
    .optional()
    .describe('`1`: only the states the caller is assigned to (a CMS reviewer’s “my states”)'),
  assigned: z
    .enum(['1', '0'])
    .optional()
    .describe('`1`: only the filings the caller is an assigned reviewer of (“Assigned to me”)'),
  type: repeatable(z.enum(SUBMISSION_TYPES), 'A submission type'),
  status: repeatable(z.enum(CONSOLIDATED_STATUSES), 'A status, as the dashboard shows it'),
  program: z.string().min(1).max(200).optional().describe('A program id the submission covers'),
  sort: z
    .enum(['updated', 'submitted', 'name'])
    .default('updated')
    .describe(
      'By last update, by first submission (never-submitted drafts last), or by name (state, then number)',
    ),
  order: z.enum(['asc', 'desc']).default('desc').describe('Ascending or descending'),
});
export type ContractListFilterParams = z.infer<typeof contractListFilterParams>;

export const contractListParams = contractListFilterParams.extend({
  ...listQuery.shape,
  cursor: listQuery.shape.cursor.describe(
    'The `nextCursor` of the previous page of the same query; any other value answers 400 `INVALID_CURSOR`',
  ),
});

export function listOf<T>(value: T | T[] | undefined): T[] | null {
  return value === undefined ? null : Array.isArray(value) ? value : [value];
}

/** The request the parameters make, for the policy to turn into a query (`contractListQueryFor`). */
export function contractListRequestOf(params: ContractListFilterParams): ContractListRequest {
  return {
    states: listOf(params.state),
    mine: params.mine === '1',
    assignedToMe: params.assigned === '1',
    submissionTypes: listOf(params.type),
    statuses: listOf(params.status),
    programId: params.program ?? null,
    sort: { by: SORT_PARAMS[params.sort], direction: params.order === 'asc' ? 'ASC' : 'DESC' },
  };
}
