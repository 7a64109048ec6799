import { STATE_CODES, stateName, type StateAnalyst } from '@docket/domain';
import { Link, Navigate } from 'react-router';
import { listStateAnalysts } from '../api/assignments';
import { dashboardPath } from '../auth/dashboard-path';
import { useAbilities } from '../auth/session-context';
import { LoadError } from '../components/load-error';
import { Loading } from '../components/loading';
import { useDocumentTitle } from '../hooks/use-document-title';
import { useResource } from '../hooks/use-resource';

/** Every state's analysts, read state by state (each an indexed read of its own). */
async function loadAssignments(): Promise<{ stateCode: string; analysts: StateAnalyst[] }[]> {
  return Promise.all(
    STATE_CODES.map(async (stateCode) => ({ stateCode, analysts: await listStateAnalysts(stateCode) })),
  );
}

/**
 * `/admin/state-assignments`: for CMS and the back office, each state with the CMS analysts assigned to it, read
 * only. A user's states are changed on that user's page.
 */
export function StateAssignmentsPage() {
  useDocumentTitle('State assignments');
  const abilities = useAbilities();
  const [assignments, { reload }] = useResource('state-assignments', loadAssignments);
  if (abilities.home !== 'CMS_DASHBOARD') return <Navigate to={dashboardPath(abilities)} replace />;

  return (
    <>
      <h1 className="margin-top-4">State assignments</h1>
      <p className="text-base-dark">
        The CMS analysts assigned to each state. A user’s states are changed on that user’s page.
      </p>
      {assignments.status === 'loading' && <Loading label="Loading the state assignments" />}
      {assignments.status === 'error' && (
        <LoadError what="the state assignments" error={assignments.error} onRetry={reload} />
      )}
      {assignments.status === 'ready' && (
        <table className="usa-table usa-table--borderless width-full">
          <caption className="usa-sr-only">CMS analysts by state</caption>
          <thead>
            <tr>
              <th scope="col">State</th>
              <th scope="col">CMS analysts</th>
            </tr>
          </thead>
          <tbody>
            {assignments.data.map(({ stateCode, analysts }) => (
              <tr key={stateCode}>
                <th scope="row">
                  {stateName(stateCode) ?? stateCode} ({stateCode})
                </th>
                <td>
                  {analysts.length === 0 ? (
                    <span className="text-base-dark">None assigned</span>
                  ) : (
                    <ul className="usa-list usa-list--unstyled">
                      {analysts.map((analyst) => (
                        <li key={analyst.userId}>
                          <Link
                            className="usa-link"
                            to={`/admin/users/${encodeURIComponent(analyst.userId)}`}
                          >
                            {analyst.givenName} {analyst.familyName}
                          </Link>{' '}
                          ({analyst.email}
                          {analyst.division ? `, ${analyst.division}` : ''})
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
