import type { ContractView, ProgramView } from '@docket/domain';
import { Alert } from '@trussworks/react-uswds';
import { Link, Navigate, useParams } from 'react-router';
import { isApiError } from '../api/client';
import { getContract } from '../api/contracts';
import { statePrograms } from '../api/reference';
import { dashboardPath } from '../auth/dashboard-path';
import { useAbilities } from '../auth/session-context';
import { Breadcrumbs } from '../components/breadcrumbs';
import { LoadError } from '../components/load-error';
import { Loading } from '../components/loading';
import { stepPath } from '../editor/editor-flash';
import { FilingEditor } from '../editor/filing-editor';
import { draftFromContract } from '../forms/filing-draft';
import { isStepId } from '../forms/filing-steps';
import { useDocumentTitle } from '../hooks/use-document-title';
import { useResource } from '../hooks/use-resource';
import { NotFoundContent } from './not-found-page';

interface Loaded {
  contract: ContractView;
  programs: ProgramView[];
}

async function loadForEditing(id: string): Promise<Loaded> {
  const contract = await getContract(id);
  return { contract, programs: await statePrograms(contract.stateCode) };
}

/**
 * `/submissions/:id/edit/:step`: one step of editing a draft or an unlocked submission. The contract is loaded
 * once for all the steps (moving between them keeps this page and its edits).
 */
export function SubmissionEditPage() {
  const { id = '', step } = useParams();
  const [resource, { reload }] = useResource(`edit:${id}`, () => loadForEditing(id));

  if (resource.status === 'loading') return <Loading label="Loading the submission" />;
  if (resource.status === 'error') {
    if (isApiError(resource.error) && resource.error.status === 404) {
      return <NotFoundContent heading="Submission not found" />;
    }
    return <LoadError what="the submission" error={resource.error} onRetry={reload} />;
  }
  const { contract, programs } = resource.data;
  const draft = draftFromContract(contract);
  if (!contract.abilities.canEdit || !draft) return <NotEditable contract={contract} />;

  // An unknown step (or none: `/submissions/:id/edit`) starts the journey.
  if (!isStepId(step)) return <Navigate to={stepPath(contract.id, 'submission-type')} replace />;

  return (
    <FilingEditor
      contract={contract}
      programs={programs}
      stateCode={contract.stateCode}
      step={step}
      onReload={reload}
    />
  );
}

function NotEditable({ contract }: { contract: ContractView }) {
  useDocumentTitle('Submission cannot be edited');
  const abilities = useAbilities();
  const summaryPath = `/submissions/${contract.id}`;
  return (
    <>
      <Breadcrumbs
        crumbs={[
          { label: 'Dashboard', to: dashboardPath(abilities) },
          { label: contract.name, to: summaryPath },
          { label: 'Edit' },
        ]}
      />
      <h1>This submission cannot be edited now</h1>
      <Alert type="info" headingLevel="h2" heading="Only a draft or an unlocked submission can be edited">
        Only a draft or an unlocked submission of your own state can be edited.{' '}
        <Link className="usa-link" to={summaryPath}>
          See the submission summary
        </Link>
        .
      </Alert>
    </>
  );
}
