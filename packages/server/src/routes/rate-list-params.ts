import {
  isoDateSchema,
  RATE_CONSOLIDATED_STATUSES,
  RATE_TYPES,
  type RateListQuery,
  type RateListSort,
} from '@docket/domain';
import { z } from 'zod';
import { listOf, repeatable } from './contract-list-params';
import { listQuery } from './schemas';

/**
 * The rate reviews dashboard's filters and order as the URL carries them, the same for a page (`GET /api/rates`)
 * and for the export of the whole view (`GET /api/rates.csv`), as the contract dashboards' are.
 */

const SORT_PARAMS = {
  submitted: 'SUBMITTED',
  updated: 'UPDATED',
  period: 'PERIOD_START',
  name: 'NAME',
} as const satisfies Record<string, RateListSort>;

export const rateListFilterParams = z.object({
  state: repeatable(z.string().min(1).max(20), 'A state code'),
  type: repeatable(z.enum(RATE_TYPES), 'A rate type'),
  status: repeatable(z.enum(RATE_CONSOLIDATED_STATUSES), 'A status, as the dashboard shows it'),
  'period-from': isoDateSchema
    .optional()
    .describe('Rating periods starting on or after this date (`YYYY-MM-DD`, inclusive)'),
  'period-to': isoDateSchema
    .optional()
    .describe('Rating periods starting on or before this date (`YYYY-MM-DD`, inclusive)'),
  sort: z
    .enum(['submitted', 'updated', 'period', 'name'])
    .default('submitted')
    .describe(
      'By first submission, by last update, by the start of the rating period, or by name (state, then number)',
    ),
  order: z.enum(['asc', 'desc']).default('desc').describe('Ascending or descending'),
});
export type RateListFilterParams = z.infer<typeof rateListFilterParams>;

export const rateListParams = rateListFilterParams.extend({
  ...listQuery.shape,
  cursor: listQuery.shape.cursor.describe(
    'The `nextCursor` of the previous page of the same query; any other value answers 400 `INVALID_CURSOR`',
  ),
});

/** The query the parameters make. */
export function rateListQueryOf(params: RateListFilterParams): RateListQuery {
  return {
    states: listOf(params.state),
    rateTypes: listOf(params.type),
    statuses: listOf(params.status),
    periodFrom: params['period-from'] ?? null,
    periodTo: params['period-to'] ?? null,
    sort: { by: SORT_PARAMS[params.sort], direction: params.order === 'asc' ? 'ASC' : 'DESC' },
  };
}
