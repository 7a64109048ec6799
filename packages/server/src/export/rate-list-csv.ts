import type { Readable } from 'node:stream';
import {
  RATE_TYPE_LABELS,
  STATUS_LABELS,
  type RateListQuery,
  type RateSummaryView,
  type User,
} from '@docket/domain';
import { presentRateSummary } from '../presenters/rate.presenter';
import { listRates, type RateListPage } from '../use-cases/list-rates';
import { csvRecord, pagedCsv } from './csv';
import { CSV_PAGE_SIZE } from './contract-list-csv';

/**
 * The rate reviews dashboard's whole filtered view as CSV, streamed a page at a time (`pagedCsv`): the columns
 * the page shows, then the ids and paths of the rate and of its parent contract.
 */

export const RATE_CSV_HEADER = [
  'Rate review',
  'State',
  'Rate number',
  'Programs',
  'Rate type',
  'Rating period start',
  'Rating period end',
  'Submitted (UTC)',
  'Last updated (UTC)',
  'Status',
  'Parent submission',
  'ID',
  'Link',
  'Parent submission ID',
  'Parent submission link',
] as const;

function rowOf(view: RateSummaryView): string {
  return csvRecord([
    view.name,
    view.stateCode,
    view.stateNumber,
    view.programNames.join(', '),
    view.rateType === null ? null : RATE_TYPE_LABELS[view.rateType],
    view.ratingPeriodStart,
    view.ratingPeriodEnd,
    view.firstSubmittedAt,
    view.updatedAt,
    STATUS_LABELS[view.status],
    view.parentContract?.name,
    view.id,
    `/rates/${view.id}`,
    view.parentContract?.id,
    view.parentContract ? `/submissions/${view.parentContract.id}` : null,
  ]);
}

type Stores = Parameters<typeof listRates>[0];

/**
 * The CSV of every rate `query` selects, as a stream to send. `onPage` is told of every read of the store.
 * @throws ForbiddenError as `listRates`, before the stream is made.
 */
export function rateListCsv(
  stores: Stores,
  user: User,
  query: RateListQuery,
  onPage: (page: RateListPage) => void = () => {},
): Promise<Readable> {
  const read = async (cursor: string | null) => {
    const page = await listRates(stores, user, query, { limit: CSV_PAGE_SIZE, cursor });
    onPage(page);
    return page;
  };
  const text = (page: RateListPage) =>
    page.items
      .map((item) => rowOf(presentRateSummary(item, page.programsByState.get(item.summary.stateCode) ?? [])))
      .join('');
  return pagedCsv(RATE_CSV_HEADER, read, text);
}
