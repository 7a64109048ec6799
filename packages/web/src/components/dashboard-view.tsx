import { CONSOLIDATED_STATUSES, programLabel, SUBMISSION_TYPES, type ProgramView } from '@docket/domain';
import { Button } from '@trussworks/react-uswds';
import type { ReactNode } from 'react';
import { listContracts } from '../api/contracts';
import { STATUS_LABELS, SUBMISSION_TYPE_LABELS } from '../format/labels';
import {
  DEFAULT_DASHBOARD_QUERY,
  exportPath,
  isFiltered,
  withFilters,
  writeDashboardQuery,
  type DashboardOrder,
  type DashboardQuery,
  type DashboardSort,
} from '../forms/dashboard-query';
import { useResource } from '../hooks/use-resource';
import { ContractsTable, type ContractsTableVariant } from './contracts-table';
import { PageCount, PageLinks, StatesFilter } from './dashboard-parts';
import { SelectField } from './fields/select-field';
import { LoadError } from './load-error';
import { Loading } from './loading';

/** How many rows a dashboard page shows. */
export const DASHBOARD_PAGE_SIZE = 25;

const SORT_CHOICES: { value: `${DashboardSort}:${DashboardOrder}`; label: string }[] = [
  { value: 'updated:desc', label: 'Last updated, newest first' },
  { value: 'updated:asc', label: 'Last updated, oldest first' },
  { value: 'submitted:desc', label: 'Submitted, newest first' },
  { value: 'submitted:asc', label: 'Submitted, oldest first' },
  { value: 'name:asc', label: 'Name, A to Z' },
  { value: 'name:desc', label: 'Name, Z to A' },
];

interface Props {
  variant: ContractsTableVariant;
  /** The table's caption. */
  caption: string;
  query: DashboardQuery;
  onQuery: (query: DashboardQuery) => void;
  /** The state's programs, for the state dashboard's program filter. */
  programs?: readonly ProgramView[];
  /** Shown instead of the table when the unfiltered view is empty. */
  empty: ReactNode;
}

/**
 * A dashboard's view: its filters and order, one page of rows as the server filtered and sorted them, the way to
 * the next page, and the export of the whole view. Everything the view is lives in the URL (`query`), so the
 * address bar can be shared; a change of filter or order starts again from the first page.
 */
export function DashboardView({ variant, caption, query, onQuery, programs, empty }: Props) {
  const params = writeDashboardQuery(query);
  const key = params.toString();
  const [page, { reload }] = useResource(`contracts?${key}`, () =>
    listContracts(params, DASHBOARD_PAGE_SIZE),
  );
  const cms = variant === 'cms';
  const filtered = isFiltered(query);

  return (
    <>
      <form
        className="usa-form maxw-full display-flex flex-wrap flex-align-end bg-base-lightest padding-2 radius-md margin-top-2"
        aria-label="Filter and sort submissions"
        onSubmit={(event) => event.preventDefault()}
      >
        {cms && (
          <StatesFilter value={query.states} onChange={(states) => onQuery(withFilters(query, { states }))} />
        )}
        <div className="margin-right-3">
          {cms && (
            <div className="usa-checkbox bg-transparent margin-top-1">
              <input
                className="usa-checkbox__input"
                id="filter-mine"
                type="checkbox"
                checked={query.mine}
                onChange={(event) => onQuery(withFilters(query, { mine: event.target.checked }))}
              />
              <label className="usa-checkbox__label" htmlFor="filter-mine">
                Only my states
              </label>
            </div>
          )}
          <SelectField
            id="filter-type"
            label="Submission type"
            options={SUBMISSION_TYPES.map((value) => ({ value, label: SUBMISSION_TYPE_LABELS[value] }))}
            value={query.types[0] ?? ''}
            onChange={(type) => onQuery(withFilters(query, { types: type ? [type] : [] }))}
            placeholder="All submission types"
            className="margin-top-1"
          />
        </div>
        <SelectField
          id="filter-status"
          label="Status"
          options={CONSOLIDATED_STATUSES.filter((status) => !cms || status !== 'DRAFT').map((value) => ({
            value,
            label: STATUS_LABELS[value],
          }))}
          value={query.statuses[0] ?? ''}
          onChange={(status) => onQuery(withFilters(query, { statuses: status ? [status] : [] }))}
          placeholder="All statuses"
          className="margin-right-3 margin-top-0"
        />
        {programs && (
          <SelectField
            id="filter-program"
            label="Program"
            options={[...programs]
              .sort((a, b) => a.name.localeCompare(b.name))
              .map((p) => ({ value: p.id, label: programLabel(p) }))}
            value={query.program ?? ''}
            onChange={(program) => onQuery(withFilters(query, { program: program || null }))}
            placeholder="All programs"
            className="margin-right-3 margin-top-0"
          />
        )}
        <SelectField
          id="sort"
          label="Sort by"
          options={SORT_CHOICES}
          value={`${query.sort}:${query.order}`}
          onChange={(choice) => {
            const [sort, order] = (choice || 'updated:desc').split(':') as [DashboardSort, DashboardOrder];
            onQuery(withFilters(query, { sort, order }));
          }}
          placeholder="Last updated, newest first"
          className="margin-right-3 margin-top-0"
        />
        {filtered && (
          <Button
            type="button"
            unstyled
            className="margin-bottom-1 margin-right-3"
            onClick={() => onQuery({ ...DEFAULT_DASHBOARD_QUERY, sort: query.sort, order: query.order })}
          >
            Clear filters
          </Button>
        )}
        <a className="usa-button usa-button--outline margin-bottom-05" href={exportPath(query)} download>
          Export CSV
        </a>
      </form>
      {page.status === 'loading' && <Loading label="Loading submissions" />}
      {page.status === 'error' && <LoadError what="submissions" error={page.error} onRetry={reload} />}
      <PageCount
        noun={NOUN}
        shown={page.status === 'ready' ? page.data.items.length : null}
        later={query.cursor !== null}
        nextCursor={page.status === 'ready' ? page.data.nextCursor : null}
      />
      {page.status === 'ready' && page.data.items.length === 0 && !filtered && query.cursor === null && empty}
      {page.status === 'ready' && page.data.items.length === 0 && (filtered || query.cursor !== null) && (
        <p className="text-base-dark">No submissions match these filters.</p>
      )}
      {page.status === 'ready' && page.data.items.length > 0 && (
        <ContractsTable
          variant={variant}
          caption={caption}
          items={page.data.items}
          sort={{ column: query.sort, order: query.order }}
        />
      )}
      {page.status === 'ready' && (
        <PageLinks
          noun={NOUN}
          first={query.cursor === null ? null : searchOf({ ...query, cursor: null })}
          next={page.data.nextCursor === null ? null : searchOf({ ...query, cursor: page.data.nextCursor })}
        />
      )}
    </>
  );
}

const NOUN = { one: 'submission', many: 'submissions' };

function searchOf(query: DashboardQuery): string {
  const text = writeDashboardQuery(query).toString();
  return text ? `?${text}` : '';
}
