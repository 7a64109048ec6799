import { stateName } from '@docket/domain';
import { Alert, Button } from '@trussworks/react-uswds';
import { useState } from 'react';
import { Navigate, useNavigate } from 'react-router';
import { errorMessage } from '../api/client';
import { createContract } from '../api/contracts';
import { dashboardPath } from '../auth/dashboard-path';
import { useUser } from '../auth/session-context';
import { ContractsTable } from '../components/contracts-table';
import { LoadError } from '../components/load-error';
import { LoadMore } from '../components/load-more';
import { Loading } from '../components/loading';
import { useContractList } from '../hooks/use-contract-list';
import { useDocumentTitle } from '../hooks/use-document-title';

/** A state analyst's home: the state's filings, drafts included, and the way to start a new one. */
export function StateDashboardPage() {
  useDocumentTitle('Submissions');
  const user = useUser();
  const list = useContractList();
  const navigate = useNavigate();
  const [starting, setStarting] = useState(false);
  const [startError, setStartError] = useState<string | null>(null);

  if (user.role !== 'STATE_USER') return <Navigate to={dashboardPath(user)} replace />;
  const state = (user.stateCode && stateName(user.stateCode)) ?? user.stateCode ?? 'your state';

  const start = async () => {
    setStarting(true);
    setStartError(null);
    try {
      const contract = await createContract();
      navigate(`/submissions/${contract.id}/edit`);
    } catch (error) {
      setStartError(errorMessage(error));
      setStarting(false);
    }
  };

  return (
    <>
      <div className="display-flex flex-justify flex-align-end flex-wrap margin-top-4 margin-bottom-2">
        <div className="margin-right-2">
          <h1 className="margin-0">Submissions</h1>
          <p className="margin-y-1 text-base-dark">{state}: contract submissions, drafts included</p>
        </div>
        <Button type="button" onClick={() => void start()} disabled={starting} className="margin-y-1">
          {starting ? 'Starting…' : 'Start new submission'}
        </Button>
      </div>
      {startError && (
        <Alert type="error" headingLevel="h2" heading="The submission could not be started" role="alert">
          {startError}
        </Alert>
      )}
      {list.status === 'loading' && <Loading label="Loading submissions" />}
      {list.status === 'error' && (
        <LoadError what="your submissions" error={list.error} onRetry={list.retry} />
      )}
      {list.status === 'ready' && list.items.length === 0 && (
        <div className="margin-y-4 padding-4 bg-base-lightest radius-md">
          <h2 className="margin-top-0">You have no submissions yet</h2>
          <p>
            Start a new submission to file a managed care contract with CMS. You can save it as a draft and
            come back to it.
          </p>
        </div>
      )}
      {list.status === 'ready' && list.items.length > 0 && (
        <>
          <ContractsTable variant="state" caption={`${state} submissions`} items={list.items} />
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
