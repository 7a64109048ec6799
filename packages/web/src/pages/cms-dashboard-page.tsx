import { Alert } from '@trussworks/react-uswds';
import { Link, Navigate, useSearchParams } from 'react-router';
import { dashboardPath } from '../auth/dashboard-path';
import { useAbilities, useUser } from '../auth/session-context';
import { CmsDashboardTabs } from '../components/dashboard-parts';
import { DashboardView } from '../components/dashboard-view';
import {
  readDashboardQuery,
  withFilters,
  writeDashboardQuery,
  type DashboardQuery,
} from '../forms/dashboard-query';
import { useDocumentTitle } from '../hooks/use-document-title';

/** CMS's home: every state's submitted filings, filtered, sorted and paged by the server, the view in the URL. */
export function CmsDashboardPage() {
  useDocumentTitle('Submissions');
  const abilities = useAbilities();
  const user = useUser();
  const [params, setParams] = useSearchParams();

  if (abilities.home !== 'CMS_DASHBOARD') return <Navigate to={dashboardPath(abilities)} replace />;
  const query = readDashboardQuery(params);
  const noStates = query.mine && user.assignedStates.length === 0;

  return (
    <>
      <CmsDashboardTabs current="submissions" />
      <div className="margin-top-2 margin-bottom-2">
        <h1 className="margin-0">Submissions</h1>
        <p className="margin-y-1 text-base-dark">
          Contract submissions from every state.{' '}
          <Link className="usa-link" to="/admin/state-assignments">
            State assignments
          </Link>
        </p>
      </div>
      <DashboardViews query={query} />
      {noStates ? (
        <Alert
          type="info"
          headingLevel="h2"
          heading="You are not assigned to any states"
          className="margin-y-4"
        >
          “My states” lists the submissions of the states you are assigned to as a CMS analyst. An
          administrator or the help desk assigns states; until then, “All submissions” lists every state’s.
        </Alert>
      ) : (
        <DashboardView
          variant="cms"
          caption={VIEW_CAPTIONS[viewOf(query)]}
          query={query}
          onQuery={(next) => setParams(writeDashboardQuery(next))}
          empty={
            <div className="margin-y-4 padding-4 bg-base-lightest radius-md">
              <h2 className="margin-top-0">No submissions yet</h2>
              <p>When a state submits a contract, it appears here.</p>
            </div>
          }
        />
      )}
    </>
  );
}

type DashboardViewName = 'all' | 'assigned' | 'mine';

function viewOf(query: DashboardQuery): DashboardViewName {
  return query.assigned ? 'assigned' : query.mine ? 'mine' : 'all';
}

const VIEW_CAPTIONS: Record<DashboardViewName, string> = {
  all: 'Submissions from every state',
  assigned: 'Submissions assigned to you',
  mine: 'Submissions from your states',
};

const VIEWS: { name: DashboardViewName; label: string; change: Partial<DashboardQuery> }[] = [
  { name: 'all', label: 'All submissions', change: { assigned: false, mine: false } },
  { name: 'assigned', label: 'Assigned to me', change: { assigned: true, mine: false } },
  { name: 'mine', label: 'My states', change: { assigned: false, mine: true } },
];

/**
 * The dashboard's views, as links that keep every other filter and the order: every submission, those the user is
 * assigned to review, and those of the states the user is assigned to. The view lives in the URL like the rest.
 */
function DashboardViews({ query }: { query: DashboardQuery }) {
  const current = viewOf(query);
  return (
    <nav aria-label="Dashboard views" className="margin-bottom-2">
      <ul className="usa-button-group usa-button-group--segmented">
        {VIEWS.map((view) => {
          const params = writeDashboardQuery(withFilters(query, view.change)).toString();
          return (
            <li key={view.name} className="usa-button-group__item">
              <Link
                to={params ? `?${params}` : '?'}
                className={`usa-button${view.name === current ? '' : ' usa-button--outline'}`}
                aria-current={view.name === current ? 'page' : undefined}
              >
                {view.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
