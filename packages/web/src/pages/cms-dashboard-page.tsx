import { Navigate, useSearchParams } from 'react-router';
import { dashboardPath } from '../auth/dashboard-path';
import { useAbilities } from '../auth/session-context';
import { CmsDashboardTabs } from '../components/dashboard-parts';
import { DashboardView } from '../components/dashboard-view';
import { readDashboardQuery, writeDashboardQuery } from '../forms/dashboard-query';
import { useDocumentTitle } from '../hooks/use-document-title';

/** CMS's home: every state's submitted filings, filtered, sorted and paged by the server, the view in the URL. */
export function CmsDashboardPage() {
  useDocumentTitle('Submissions');
  const abilities = useAbilities();
  const [params, setParams] = useSearchParams();

  if (abilities.home !== 'CMS_DASHBOARD') return <Navigate to={dashboardPath(abilities)} replace />;

  return (
    <>
      <CmsDashboardTabs current="submissions" />
      <div className="margin-top-2 margin-bottom-2">
        <h1 className="margin-0">Submissions</h1>
        <p className="margin-y-1 text-base-dark">Contract submissions from every state</p>
      </div>
      <DashboardView
        variant="cms"
        caption="Submissions from every state"
        query={readDashboardQuery(params)}
        onQuery={(query) => setParams(writeDashboardQuery(query))}
        empty={
          <div className="margin-y-4 padding-4 bg-base-lightest radius-md">
            <h2 className="margin-top-0">No submissions yet</h2>
            <p>When a state submits a contract, it appears here.</p>
          </div>
        }
      />
    </>
  );
}
