import { changesOf, EVENT_ACTIONS, STATE_CODES, stateName, type AuditEvent } from '@docket/domain';
import { Button } from '@trussworks/react-uswds';
import { useState, type FormEvent, type ReactNode } from 'react';
import { Link, Navigate, useSearchParams } from 'react-router';
import { listAuditEvents } from '../api/admin';
import { dashboardPath } from '../auth/dashboard-path';
import { useAbilities } from '../auth/session-context';
import { ChangeList } from '../components/change-list';
import { LoadError } from '../components/load-error';
import { Loading } from '../components/loading';
import { useDocumentTitle } from '../hooks/use-document-title';
import { useResource } from '../hooks/use-resource';

const PAGE_SIZE = 25;

/** The filters as the page's URL carries them: what a person types (dates, an email), not the API's times. */
const FILTERS = ['actor-email', 'action', 'state', 'filing', 'from', 'to'] as const;
type Filter = (typeof FILTERS)[number];
type Filters = Record<Filter, string>;

function filtersOf(params: URLSearchParams): Filters {
  const filters = {} as Filters;
  for (const name of FILTERS) filters[name] = params.get(name) ?? '';
  return filters;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The day after a `YYYY-MM-DD` date, for a range that includes its last day. */
function dayAfter(date: string): string {
  const next = new Date(`${date}T00:00:00.000Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString();
}

/**
 * The API's query for the page's filters: the dates are whole days in UTC, both included (`to` becomes the start of
 * the day after, which the API takes as exclusive).
 */
export function apiQueryOf(filters: Filters): URLSearchParams {
  const query = new URLSearchParams();
  if (filters['actor-email'].trim()) query.set('actor-email', filters['actor-email'].trim());
  if (filters.action) query.set('action', filters.action);
  if (filters.state) query.set('state', filters.state);
  if (filters.filing.trim()) query.set('filing', filters.filing.trim());
  if (DATE.test(filters.from)) query.set('from', `${filters.from}T00:00:00.000Z`);
  if (DATE.test(filters.to)) query.set('to', dayAfter(filters.to));
  return query;
}

function actionLabel(action: string): string {
  const words = action.toLowerCase().replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The details an event holds beside its changes, as `key: value`. */
function otherDetails(event: AuditEvent): [string, string][] {
  return Object.entries(event.details)
    .filter(([key]) => !key.startsWith('before.') && !key.startsWith('after.'))
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([key, value]) => [key, value === null ? '(none)' : String(value)]);
}

/** One filter of the form: its label and its control. */
function FilterGroup({ name, label, children }: { name: Filter; label: string; children: ReactNode }) {
  return (
    <div className="usa-form-group margin-right-2 margin-top-0">
      <label className="usa-label" htmlFor={`filter-${name}`}>
        {label}
      </label>
      {children}
    </div>
  );
}

/** The store-wide audit log for administrators: filters in the URL, newest first, paged, exported as CSV. */
export function AuditLogPage() {
  useDocumentTitle('Audit log');
  const abilities = useAbilities();
  if (!abilities.admin.includes('VIEW_AUDIT_LOG')) return <Navigate to={dashboardPath(abilities)} replace />;
  return <AuditLogView />;
}

function AuditLogView() {
  const [params, setParams] = useSearchParams();
  const filters = filtersOf(params);
  const cursor = params.get('cursor');
  const query = apiQueryOf(filters);
  const listed = new URLSearchParams(query);
  if (cursor) listed.set('cursor', cursor);
  const [page, { reload }] = useResource(`events?${listed.toString()}`, () =>
    listAuditEvents(listed, PAGE_SIZE),
  );
  const [draft, setDraft] = useState(filters);
  const queryText = query.toString();

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const next = new URLSearchParams();
    for (const name of FILTERS) if (draft[name].trim()) next.set(name, draft[name].trim());
    setParams(next);
  };
  const pageSearch = (nextCursor: string | null) => {
    const next = new URLSearchParams();
    for (const name of FILTERS) if (filters[name]) next.set(name, filters[name]);
    if (nextCursor) next.set('cursor', nextCursor);
    const text = next.toString();
    return text ? `?${text}` : '';
  };
  const field = (name: Filter) => ({
    id: `filter-${name}`,
    name,
    value: draft[name],
    onChange: (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [name]: e.target.value })),
  });

  return (
    <>
      <h1 className="margin-top-3">Audit log</h1>
      <p className="usa-intro">Every change and sign-in recorded by Docket, newest first.</p>
      <form
        className="usa-form maxw-full display-flex flex-wrap flex-align-end bg-base-lightest padding-2 radius-md"
        aria-label="Filter the audit log"
        onSubmit={onSubmit}
      >
        <FilterGroup name="actor-email" label="Who (email)">
          <input className="usa-input" type="email" {...field('actor-email')} />
        </FilterGroup>
        <FilterGroup name="action" label="Action">
          <select className="usa-select" {...field('action')}>
            <option value="">Any action</option>
            {EVENT_ACTIONS.map((action) => (
              <option key={action} value={action}>
                {actionLabel(action)}
              </option>
            ))}
          </select>
        </FilterGroup>
        <FilterGroup name="state" label="State">
          <select className="usa-select" {...field('state')}>
            <option value="">Any state</option>
            {STATE_CODES.map((code) => (
              <option key={code} value={code}>
                {stateName(code) ?? code}
              </option>
            ))}
          </select>
        </FilterGroup>
        <FilterGroup name="filing" label="Filing ID">
          <input className="usa-input" type="text" {...field('filing')} />
        </FilterGroup>
        <FilterGroup name="from" label="From (UTC)">
          <input className="usa-input" type="date" {...field('from')} />
        </FilterGroup>
        <FilterGroup name="to" label="To, inclusive (UTC)">
          <input className="usa-input" type="date" {...field('to')} />
        </FilterGroup>
        <Button type="submit" className="margin-top-2">
          Apply filters
        </Button>
      </form>
      <p className="margin-y-2">
        <a
          className="usa-button usa-button--outline"
          href={`/api/events.csv${queryText ? `?${queryText}` : ''}`}
          download
        >
          Export CSV
        </a>
      </p>
      {page.status === 'loading' && <Loading label="Loading the audit log" />}
      {page.status === 'error' && <LoadError what="the audit log" error={page.error} onRetry={reload} />}
      {page.status === 'ready' && (
        <>
          {page.data.items.length === 0 ? (
            <p>No event matches these filters.</p>
          ) : (
            <table className="usa-table usa-table--borderless width-full" data-testid="audit-table">
              <caption className="usa-sr-only">Audit events, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">When (UTC)</th>
                  <th scope="col">Who</th>
                  <th scope="col">Action</th>
                  <th scope="col">Filing / state</th>
                  <th scope="col">Reason</th>
                  <th scope="col">Changes and details</th>
                </tr>
              </thead>
              <tbody>
                {page.data.items.map((event) => (
                  <tr key={event.id}>
                    <td>{event.at.replace('T', ' ').slice(0, 19)}</td>
                    <td>{event.actor ? `${event.actor.name} (${event.actor.email})` : 'No one signed in'}</td>
                    <td>{actionLabel(event.action)}</td>
                    <td>
                      {event.contractId ? <Link to={`/submissions/${event.contractId}`}>Filing</Link> : null}
                      {event.contractId && event.stateCode ? ' · ' : null}
                      {event.stateCode}
                    </td>
                    <td>{event.reason}</td>
                    <td>
                      {changesOf(event.details).length > 0 && (
                        <ChangeList changes={changesOf(event.details)} />
                      )}
                      {otherDetails(event).map(([key, value]) => (
                        <span key={key} className="display-block font-body-3xs">
                          {key}: {value}
                        </span>
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <nav aria-label="Pages of the audit log" className="display-flex margin-y-2">
            {cursor !== null && (
              <Link className="usa-button usa-button--outline" to={{ search: pageSearch(null) }}>
                First page
              </Link>
            )}
            {page.data.nextCursor !== null && (
              <Link className="usa-button" to={{ search: pageSearch(page.data.nextCursor) }}>
                Next page
              </Link>
            )}
          </nav>
        </>
      )}
    </>
  );
}
