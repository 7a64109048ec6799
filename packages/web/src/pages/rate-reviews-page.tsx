import { RATE_TYPE_LABELS, RATE_TYPES, STATUS_LABELS } from '@docket/domain';
import { Button } from '@trussworks/react-uswds';
import { Navigate, useSearchParams } from 'react-router';
import { listRateReviews } from '../api/rates';
import { dashboardPath } from '../auth/dashboard-path';
import { useAbilities } from '../auth/session-context';
import { CmsDashboardTabs, PageCount, PageLinks, StatesFilter } from '../components/dashboard-parts';
import { DateField } from '../components/fields/date-field';
import { SelectField } from '../components/fields/select-field';
import { LoadError } from '../components/load-error';
import { Loading } from '../components/loading';
import { RatesTable } from '../components/rates-table';
import { DASHBOARD_PAGE_SIZE } from '../components/dashboard-view';
import {
  DEFAULT_RATE_REVIEWS_QUERY,
  isRateViewFiltered,
  RATE_REVIEW_STATUSES,
  rateExportPath,
  readRateReviewsQuery,
  withRateFilters,
  writeRateReviewsQuery,
  type RateReviewSort,
  type RateReviewsQuery,
} from '../forms/rate-reviews-query';
import { useDocumentTitle } from '../hooks/use-document-title';
import { useResource } from '../hooks/use-resource';

const NOUN = { one: 'rate review', many: 'rate reviews' };

const SORT_CHOICES: { value: `${RateReviewSort}:${'asc' | 'desc'}`; label: string }[] = [
  { value: 'submitted:desc', label: 'Submitted, newest first' },
  { value: 'submitted:asc', label: 'Submitted, oldest first' },
  { value: 'updated:desc', label: 'Last updated, newest first' },
  { value: 'updated:asc', label: 'Last updated, oldest first' },
  { value: 'period:desc', label: 'Rating period start, latest first' },
  { value: 'period:asc', label: 'Rating period start, earliest first' },
  { value: 'name:asc', label: 'Name, A to Z' },
  { value: 'name:desc', label: 'Name, Z to A' },
];

function searchOf(query: RateReviewsQuery): string {
  const text = writeRateReviewsQuery(query).toString();
  return text ? `?${text}` : '';
}

/**
 * CMS's rate reviews (DOMAIN §6): every rate certification submitted at least once, filtered, sorted and paged by
 * the server, the whole view — filters, order and page — in the URL so it can be shared.
 */
export function RateReviewsPage() {
  useDocumentTitle('Rate reviews');
  const abilities = useAbilities();
  if (abilities.home !== 'CMS_DASHBOARD') return <Navigate to={dashboardPath(abilities)} replace />;
  return <RateReviewsView />;
}

function RateReviewsView() {
  const [params, setParams] = useSearchParams();
  const query = readRateReviewsQuery(params);
  const onQuery = (next: RateReviewsQuery) => setParams(writeRateReviewsQuery(next));
  const listed = writeRateReviewsQuery(query);
  const [page, { reload }] = useResource(`rates?${listed.toString()}`, () =>
    listRateReviews(listed, DASHBOARD_PAGE_SIZE),
  );
  const filtered = isRateViewFiltered(query);

  return (
    <>
      <CmsDashboardTabs current="rate-reviews" />
      <div className="margin-top-2 margin-bottom-2">
        <h1 className="margin-0">Rate reviews</h1>
        <p className="margin-y-1 text-base-dark">Rate certifications from every state</p>
      </div>
      <form
        className="usa-form maxw-full display-flex flex-wrap flex-align-end bg-base-lightest padding-2 radius-md margin-top-2"
        aria-label="Filter and sort rate reviews"
        onSubmit={(event) => event.preventDefault()}
      >
        <StatesFilter
          value={query.states}
          onChange={(states) => onQuery(withRateFilters(query, { states }))}
        />
        <div className="margin-right-3">
          <SelectField
            id="filter-rate-type"
            label="Rate type"
            options={RATE_TYPES.map((value) => ({ value, label: RATE_TYPE_LABELS[value] }))}
            value={query.types[0] ?? ''}
            onChange={(type) => onQuery(withRateFilters(query, { types: type ? [type] : [] }))}
            placeholder="All rate types"
            className="margin-top-0"
          />
          <SelectField
            id="filter-status"
            label="Status"
            options={RATE_REVIEW_STATUSES.map((value) => ({ value, label: STATUS_LABELS[value] }))}
            value={query.statuses[0] ?? ''}
            onChange={(status) => onQuery(withRateFilters(query, { statuses: status ? [status] : [] }))}
            placeholder="All statuses"
            className="margin-top-1"
          />
        </div>
        <fieldset className="usa-fieldset margin-right-3">
          <legend className="usa-legend margin-top-0">Rating period starts</legend>
          <div className="display-flex flex-wrap">
            <div className="margin-right-2">
              <DateField
                id="filter-period-from"
                label="From"
                value={query.periodFrom ?? undefined}
                onChange={(date) => onQuery(withRateFilters(query, { periodFrom: date ?? null }))}
              />
            </div>
            <DateField
              id="filter-period-to"
              label="To"
              value={query.periodTo ?? undefined}
              onChange={(date) => onQuery(withRateFilters(query, { periodTo: date ?? null }))}
            />
          </div>
        </fieldset>
        <SelectField
          id="sort"
          label="Sort by"
          options={SORT_CHOICES}
          value={`${query.sort}:${query.order}`}
          onChange={(choice) => {
            const [sort, order] = (choice || 'submitted:desc').split(':') as [RateReviewSort, 'asc' | 'desc'];
            onQuery(withRateFilters(query, { sort, order }));
          }}
          placeholder="Submitted, newest first"
          className="margin-right-3 margin-top-0"
        />
        {filtered && (
          <Button
            type="button"
            unstyled
            className="margin-bottom-1 margin-right-3"
            onClick={() => onQuery({ ...DEFAULT_RATE_REVIEWS_QUERY, sort: query.sort, order: query.order })}
          >
            Clear filters
          </Button>
        )}
        <a className="usa-button usa-button--outline margin-bottom-05" href={rateExportPath(query)} download>
          Export CSV
        </a>
      </form>
      {page.status === 'loading' && <Loading label="Loading rate reviews" />}
      {page.status === 'error' && <LoadError what="rate reviews" error={page.error} onRetry={reload} />}
      <PageCount
        noun={NOUN}
        shown={page.status === 'ready' ? page.data.items.length : null}
        later={query.cursor !== null}
        nextCursor={page.status === 'ready' ? page.data.nextCursor : null}
      />
      {page.status === 'ready' && page.data.items.length === 0 && (
        <p className="text-base-dark">
          {filtered || query.cursor !== null
            ? 'No rate reviews match these filters.'
            : 'No rate certification has been submitted yet.'}
        </p>
      )}
      {page.status === 'ready' && page.data.items.length > 0 && (
        <RatesTable
          caption="Rate certifications from every state"
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
