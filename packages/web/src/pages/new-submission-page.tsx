import { Navigate } from 'react-router';
import { statePrograms } from '../api/reference';
import { dashboardPath } from '../auth/dashboard-path';
import { useAbilities, useUser } from '../auth/session-context';
import { LoadError } from '../components/load-error';
import { Loading } from '../components/loading';
import { FilingEditor } from '../editor/filing-editor';
import { useResource } from '../hooks/use-resource';

/**
 * `/submissions/new`: the first step of a new filing. Nothing is stored until "Continue" (or "Save as draft")
 * creates the draft with the answers given.
 */
export function NewSubmissionPage() {
  const user = useUser();
  const abilities = useAbilities();
  const stateCode = user.stateCode ?? '';
  const [programs, { reload }] = useResource(`programs:${stateCode}`, () => statePrograms(stateCode));

  if (!abilities.canStartFiling || !stateCode) return <Navigate to={dashboardPath(abilities)} replace />;
  if (programs.status === 'loading') return <Loading label="Loading your state's programs" />;
  if (programs.status === 'error') {
    return <LoadError what="your state's programs" error={programs.error} onRetry={reload} />;
  }
  return (
    <FilingEditor
      contract={null}
      programs={programs.data}
      stateCode={stateCode}
      step="submission-type"
      onReload={reload}
    />
  );
}
