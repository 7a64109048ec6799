import { Navigate } from 'react-router';
import { dashboardPath } from '../auth/dashboard-path';
import { useAbilities } from '../auth/session-context';
import { ContractsTable } from '../components/contracts-table';
import { LoadError } from '../components/load-error';
import { LoadMore } from '../components/load-more';
import { Loading } from '../components/loading';
import { useContractList } from '../hooks/use-contract-list';
import { useDocumentTitle } from '../hooks/use-document-title';

/** CMS's home: every state's submitted filings, newest first. */
export function CmsDashboardPage() {
  useDocumentTitle('Submissions');
  const abilities = useAbilities();
  const list = useContractList();

  if (abilities.home !== 'CMS_DASHBOARD') return <Navigate to={dashboardPath(abilities)} replace />;

  return (
    <>
      <div className="margin-top-4 margin-bottom-2">
        <h1 className="margin-0">Submissions</h1>
        <p className="margin-y-1 text-base-dark">Contract submissions from every state, newest first</p>
      </div>
      {list.status === 'loading' && <Loading label="Loading submissions" />}
      {list.status === 'error' && <LoadError what="submissions" error={list.error} onRetry={list.retry} />}
      {list.status === 'ready' && list.items.length === 0 && (
        <div className="margin-y-4 padding-4 bg-base-lightest radius-md">
          <h2 className="margin-top-0">No submissions yet</h2>
          <p>When a state submits a contract, it appears here.</p>
        </div>
      )}
      {list.status === 'ready' && list.items.length > 0 && (
        <>
          <ContractsTable variant="cms" caption="Submissions from every state" items={list.items} />
          {list.error !== null && <LoadError what="more submissions" error={list.error} />}
          <LoadMore
            shown={list.items.length}
            noun={['submission', 'submissions']}
            hasMore={list.hasMore}
            loading={list.loadingMore}
            onLoadMore={list.loadMore}
          />
        </>
      )}
    </>
  );
}
