import { stateName } from '@docket/domain';
import { Link, Navigate, useSearchParams } from 'react-router';
import { statePrograms } from '../api/reference';
import { dashboardPath } from '../auth/dashboard-path';
import { useAbilities, useUser } from '../auth/session-context';
import { DashboardView } from '../components/dashboard-view';
import { CmsAnalysts } from '../components/cms-analysts';
import { LoadError } from '../components/load-error';
import { Loading } from '../components/loading';
import { readDashboardQuery, writeDashboardQuery } from '../forms/dashboard-query';
import { useDocumentTitle } from '../hooks/use-document-title';
import { useResource } from '../hooks/use-resource';

/**
 * A state user's home: the state's filings, drafts included, filtered by status, program and type and sorted by
 * the server like every dashboard, the view in the URL.
 */
export function StateDashboardPage() {
  useDocumentTitle('Submissions');
  const user = useUser();
  const abilities = useAbilities();
  const stateCode = user.stateCode ?? '';
  const [programs, { reload }] = useResource(`programs:${stateCode}`, () => statePrograms(stateCode));
  const [params, setParams] = useSearchParams();

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
      {programs.status === 'loading' && <Loading label="Loading submissions" />}
      {programs.status === 'error' && (
        <LoadError what="your submissions" error={programs.error} onRetry={reload} />
      )}
      {programs.status === 'ready' && (
        <DashboardView
          variant="state"
          caption={`${state} submissions`}
          query={{ ...readDashboardQuery(params), states: [], mine: false, assigned: false }}
          onQuery={(query) => setParams(writeDashboardQuery(query), { replace: true })}
          programs={programs.data}
          empty={
            <div className="margin-y-4 padding-4 bg-base-lightest radius-md">
              <h2 className="margin-top-0">You have no submissions yet</h2>
              <p>
                Start a new submission to file a managed care contract with CMS. You can save it as a draft
                and come back to it.
              </p>
            </div>
          }
        />
      )}
      {stateCode && <CmsAnalysts stateCode={stateCode} />}
    </>
  );
}
