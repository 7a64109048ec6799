import { CONSOLIDATED_STATUSES, programLabel, stateName, type ProgramView } from '@docket/domain';
import { Button } from '@trussworks/react-uswds';
import { Link, Navigate, useSearchParams } from 'react-router';
import { listAllContracts } from '../api/contracts';
import { statePrograms } from '../api/reference';
import { dashboardPath } from '../auth/dashboard-path';
import { useAbilities, useUser } from '../auth/session-context';
import { ContractsTable } from '../components/contracts-table';
import { SelectField } from '../components/fields/select-field';
import { LoadError } from '../components/load-error';
import { Loading } from '../components/loading';
import { STATUS_LABELS } from '../format/labels';
import { applyFilters, readFilters, writeFilters, type DashboardFilters } from '../forms/dashboard-filters';
import { useDocumentTitle } from '../hooks/use-document-title';
import { useResource } from '../hooks/use-resource';

async function loadDashboard(stateCode: string) {
  // A state files tens of contracts a year: its whole list is loaded (every page) and filtered here, which
  // keeps the filters instant. The CMS dashboards, which span every state, page on the server instead.
  const [contracts, programs] = await Promise.all([listAllContracts(), statePrograms(stateCode)]);
  return { contracts, programs };
}

/** A state user's home: the state's filings, drafts included, filtered by status and program. */
export function StateDashboardPage() {
  useDocumentTitle('Submissions');
  const user = useUser();
  const abilities = useAbilities();
  const stateCode = user.stateCode ?? '';
  const [resource, { reload }] = useResource(`dashboard:${stateCode}`, () => loadDashboard(stateCode));
  const [query, setQuery] = useSearchParams();

  if (abilities.home !== 'STATE_DASHBOARD') return <Navigate to={dashboardPath(abilities)} replace />;
  const state = stateName(stateCode) ?? (stateCode || 'your state');

  return (
    <>
      <div className="display-flex flex-justify flex-align-end flex-wrap margin-top-4 margin-bottom-2">
        <div className="margin-right-2">
          <h1 className="margin-0">Submissions</h1>
          <p className="margin-y-1 text-base-dark">{state}: contract submissions, drafts included</p>
        </div>
        {abilities.canStartFiling && (
          <Link className="usa-button margin-y-1" to="/submissions/new">
            Start new submission
          </Link>
        )}
      </div>
      {resource.status === 'loading' && <Loading label="Loading submissions" />}
      {resource.status === 'error' && (
        <LoadError what="your submissions" error={resource.error} onRetry={reload} />
      )}
      {resource.status === 'ready' && resource.data.contracts.length === 0 && (
        <div className="margin-y-4 padding-4 bg-base-lightest radius-md">
          <h2 className="margin-top-0">You have no submissions yet</h2>
          <p>
            Start a new submission to file a managed care contract with CMS. You can save it as a draft and
            come back to it.
          </p>
        </div>
      )}
      {resource.status === 'ready' && resource.data.contracts.length > 0 && (
        <FilteredList
          state={state}
          rows={resource.data.contracts}
          programs={resource.data.programs}
          query={query}
          onFilters={(filters) => setQuery(writeFilters(query, filters), { replace: true })}
        />
      )}
    </>
  );
}

interface ListProps {
  state: string;
  rows: Parameters<typeof applyFilters>[0];
  programs: readonly ProgramView[];
  query: URLSearchParams;
  onFilters: (filters: DashboardFilters) => void;
}

function FilteredList({ state, rows, programs, query, onFilters }: ListProps) {
  const byId = new Map(programs.map((p) => [p.id, p]));
  const filters = readFilters(query, [...byId.keys()]);
  const shown = applyFilters(rows, filters, (id) => byId.get(id)?.name);
  const filtered = filters.status !== null || filters.program !== null;
  const programOptions = [...programs]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((p) => ({ value: p.id, label: programLabel(p) }));

  return (
    <>
      <form
        className="usa-form maxw-full display-flex flex-wrap flex-align-end bg-base-lightest padding-2 radius-md margin-top-2"
        aria-label="Filter submissions"
        onSubmit={(event) => event.preventDefault()}
      >
        <SelectField
          id="filter-status"
          label="Status"
          options={CONSOLIDATED_STATUSES.map((value) => ({ value, label: STATUS_LABELS[value] }))}
          value={filters.status ?? ''}
          onChange={(status) => onFilters({ ...filters, status: status || null })}
          placeholder="All statuses"
          className="margin-right-3 margin-top-0"
        />
        <SelectField
          id="filter-program"
          label="Program"
          options={programOptions}
          value={filters.program ?? ''}
          onChange={(program) => onFilters({ ...filters, program: program || null })}
          placeholder="All programs"
          className="margin-right-3 margin-top-0"
        />
        {filtered && (
          <Button
            type="button"
            unstyled
            className="margin-bottom-1"
            onClick={() => onFilters({ status: null, program: null })}
          >
            Clear filters
          </Button>
        )}
      </form>
      <p className="margin-y-2" role="status" data-testid="dashboard-count">
        {filtered
          ? `Showing ${shown.length} of ${rows.length} ${rows.length === 1 ? 'submission' : 'submissions'}`
          : `Showing all ${rows.length} ${rows.length === 1 ? 'submission' : 'submissions'}`}
      </p>
      {shown.length > 0 ? (
        <ContractsTable variant="state" caption={`${state} submissions`} items={shown} />
      ) : (
        <p className="text-base-dark">No submissions match these filters.</p>
      )}
    </>
  );
}
