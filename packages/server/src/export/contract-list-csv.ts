import type { Readable } from 'node:stream';
import {
  STATUS_LABELS,
  SUBMISSION_TYPE_LABELS,
  type ContractListRequest,
  type ContractSummaryView,
  type User,
} from '@docket/domain';
import type { PageRequest } from '@docket/store';
import { presentContractSummary } from '../presenters/contract.presenter';
import { listContracts, type ContractListPage } from '../use-cases/list-contracts';
import { csvRecord, pagedCsv } from './csv';

/**
 * A dashboard's whole filtered view as CSV: the columns the page shows, then the id and the path of the filing's
 * page. The rows are read from the store a page at a time and each page is written only when the reader has
 * taken the previous one (the stream is pulled, never pushed), so the server holds one page whatever the size of
 * the view and a slow reader slows the reads down instead of filling memory.
 */

/** How many rows each read of the store takes. */
export const CSV_PAGE_SIZE = 100;

export const CONTRACT_CSV_HEADER = [
  'Submission',
  'State',
  'Submission type',
  'Programs',
  'Submitted (UTC)',
  'Last updated (UTC)',
  'Status',
  'ID',
  'Link',
] as const;

function rowOf(view: ContractSummaryView): string {
  return csvRecord([
    view.name,
    view.stateCode,
    view.submissionType === null ? null : SUBMISSION_TYPE_LABELS[view.submissionType],
    view.programNames.join(', '),
    view.firstSubmittedAt,
    view.updatedAt,
    STATUS_LABELS[view.status],
    view.id,
    `/submissions/${view.id}`,
  ]);
}

type Stores = Parameters<typeof listContracts>[0];

/**
 * The CSV of every contract `request` selects for `user`, as a stream to send. The first page is read before the
 * stream is made, so that a refused request (a state user asking for another state) is an error to answer, not a
 * broken download. `onPage` is told of every read of the store (for the server's own measures and tests).
 * @throws ForbiddenError as `listContracts`.
 */
export async function contractListCsv(
  stores: Stores,
  user: User,
  request: ContractListRequest,
  onPage: (page: ContractListPage) => void = () => {},
): Promise<Readable> {
  const read = async (cursor: string | null) => {
    const pageRequest: PageRequest = { limit: CSV_PAGE_SIZE, cursor };
    const page = await listContracts(stores, user, request, pageRequest);
    onPage(page);
    return page;
  };
  const text = (page: ContractListPage) =>
    page.items
      .map((summary) =>
        rowOf(presentContractSummary(summary, page.programsByState.get(summary.stateCode) ?? [], user)),
      )
      .join('');

  return pagedCsv(CONTRACT_CSV_HEADER, read, text);
}
