import { emptyContractForm, type ContractView, type FieldIssue, type ProgramView } from '@docket/domain';
import { Alert, Button, ButtonGroup, Form } from '@trussworks/react-uswds';
import { useMemo, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { errorMessage, isApiError } from '../api/client';
import { contractActionWithReason, getContract, saveDraft, submitContract } from '../api/contracts';
import { statePrograms } from '../api/reference';
import { dashboardPath } from '../auth/dashboard-path';
import { useUser } from '../auth/session-context';
import { Breadcrumbs } from '../components/breadcrumbs';
import { ErrorSummary } from '../components/error-summary';
import { LoadError } from '../components/load-error';
import { Loading } from '../components/loading';
import type { DialogHandle } from '../components/dialog-frame';
import { ReasonDialog } from '../components/reason-dialog';
import { SubmissionDetailsFields } from '../components/submission-details-fields';
import { UnlockBanner } from '../components/unlock-banner';
import { formatTime } from '../format/dates';
import { toFormData, toFormState, type ContractFormState } from '../forms/contract-form-state';
import { messagesByField } from '../forms/field-ids';
import { useDocumentTitle } from '../hooks/use-document-title';
import { useResource } from '../hooks/use-resource';
import { NotFoundContent } from './not-found-page';
import type { SummaryFlash } from './summary-flash';

interface Loaded {
  contract: ContractView;
  programs: ProgramView[];
}

async function loadForEditing(id: string): Promise<Loaded> {
  const contract = await getContract(id);
  return { contract, programs: await statePrograms(contract.stateCode) };
}

/** `/submissions/:id/edit`: the submission details form of a draft or an unlocked submission. */
export function SubmissionFormPage() {
  useDocumentTitle('Submission details');
  const { id = '' } = useParams();
  const [resource, { reload }] = useResource(`edit:${id}`, () => loadForEditing(id));

  if (resource.status === 'loading') return <Loading label="Loading the submission" />;
  if (resource.status === 'error') {
    if (isApiError(resource.error) && resource.error.status === 404) {
      return <NotFoundContent heading="Submission not found" />;
    }
    return <LoadError what="the submission" error={resource.error} onRetry={reload} />;
  }
  return <SubmissionEditor {...resource.data} onReload={reload} />;
}

type Busy = 'save' | 'submit' | 'resubmit' | null;

function SubmissionEditor({ contract: loaded, programs, onReload }: Loaded & { onReload: () => void }) {
  const user = useUser();
  const navigate = useNavigate();
  const [contract, setContract] = useState(loaded);
  const latest = contract.revisions.at(-1);
  const [form, setForm] = useState<ContractFormState>(() =>
    toFormState(latest?.formData ?? emptyContractForm()),
  );
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const [busy, setBusy] = useState<Busy>(null);
  const resubmitDialog = useRef<DialogHandle>(null);
  const errors = useMemo(() => messagesByField(issues), [issues]);
  const summaryPath = `/submissions/${contract.id}`;

  const fail = (error: unknown) => {
    setSavedAt(null);
    if (isApiError(error, 'VERSION_CONFLICT')) {
      setConflict(true);
    } else if (isApiError(error) && error.issues.length > 0) {
      setIssues(error.issues);
    } else {
      setFailure(errorMessage(error));
    }
    if (!(isApiError(error) && error.issues.length > 0)) window.scrollTo({ top: 0 });
  };

  const onFormChange = (next: ContractFormState) => {
    // Removing a contact renumbers the others: their old issues would point at the wrong people.
    if (next.stateContacts.length < form.stateContacts.length) {
      setIssues((current) => current.filter((issue) => issue.path[0] !== 'stateContacts'));
    }
    setForm(next);
  };

  const clearMessages = () => {
    setFailure(null);
    setConflict(false);
    setSavedAt(null);
  };

  /** Saves the answers as the draft; resolves to the saved contract, or null after showing why it failed. */
  const save = async (): Promise<ContractView | null> => {
    try {
      const saved = await saveDraft(contract.id, contract.version, toFormData(form));
      setContract(saved);
      return saved;
    } catch (error) {
      fail(error);
      return null;
    }
  };

  const finish = (submitted: ContractView, kind: SummaryFlash['kind']) => {
    const flash: SummaryFlash = { kind, name: submitted.name };
    navigate(summaryPath, { state: { flash } });
  };

  const onSaveDraft = async (event?: FormEvent<HTMLFormElement>) => {
    event?.preventDefault();
    clearMessages();
    setBusy('save');
    const saved = await save();
    setBusy(null);
    if (saved) {
      setIssues([]);
      setSavedAt(saved.updatedAt);
    }
  };

  const onSubmit = async () => {
    clearMessages();
    setBusy('submit');
    const saved = await save();
    if (!saved) return setBusy(null);
    try {
      finish(await submitContract(saved.id, saved.version), 'submitted');
    } catch (error) {
      setBusy(null);
      fail(error);
    }
  };

  const onResubmit = async (reason: string, close: () => void): Promise<string | null> => {
    clearMessages();
    setBusy('resubmit');
    const saved = await save();
    if (!saved) {
      setBusy(null);
      close();
      return null;
    }
    try {
      finish(await contractActionWithReason(saved.id, 'resubmit', saved.version, reason), 'resubmitted');
      return null;
    } catch (error) {
      setBusy(null);
      close();
      fail(error);
      return null;
    }
  };

  const crumbs = [
    { label: 'Dashboard', to: dashboardPath(user) },
    { label: contract.name, to: summaryPath },
    { label: 'Submission details' },
  ];

  if (!contract.abilities.canEdit) {
    return (
      <>
        <Breadcrumbs crumbs={crumbs} />
        <h1>Submission details</h1>
        <Alert type="info" headingLevel="h2" heading="This submission cannot be edited now">
          Only a draft or an unlocked submission of your own state can be edited.{' '}
          <Link className="usa-link" to={summaryPath}>
            See the submission summary
          </Link>
          .
        </Alert>
      </>
    );
  }

  // Built as a list: USWDS button groups wrap every child, so conditional buttons must not leave holes.
  const actions = [
    <Button key="save" type="submit" outline disabled={busy !== null}>
      {busy === 'save' ? 'Saving…' : 'Save as draft'}
    </Button>,
  ];
  if (contract.abilities.canSubmit) {
    actions.push(
      <Button key="submit" type="button" disabled={busy !== null} onClick={() => void onSubmit()}>
        {busy === 'submit' ? 'Submitting…' : 'Submit'}
      </Button>,
    );
  }
  if (contract.abilities.canResubmit) {
    actions.push(
      <Button
        key="resubmit"
        type="button"
        disabled={busy !== null}
        onClick={() => resubmitDialog.current?.open()}
      >
        {busy === 'resubmit' ? 'Resubmitting…' : 'Resubmit'}
      </Button>,
    );
  }
  actions.push(
    <Link key="back" className="usa-button usa-button--unstyled padding-105" to={summaryPath}>
      Back to summary
    </Link>,
  );

  return (
    <>
      <Breadcrumbs crumbs={crumbs} />
      <p className="margin-0 text-base-dark text-bold" data-testid="submission-name">
        {contract.name}
      </p>
      <h1 className="margin-top-05">Submission details</h1>
      {latest?.unlocked && <UnlockBanner unlocked={latest.unlocked} />}
      {conflict && (
        <Alert type="error" headingLevel="h2" heading="Someone else changed this submission" role="alert">
          <p className="margin-y-1">
            This submission was changed after you opened it, so your latest changes were not saved. Reload it
            to see the current version, then make your changes again.
          </p>
          <Button type="button" unstyled onClick={onReload}>
            Reload the submission
          </Button>
        </Alert>
      )}
      {failure && (
        <Alert type="error" headingLevel="h2" heading="Your changes could not be saved" role="alert">
          {failure}
        </Alert>
      )}
      {savedAt && (
        <div role="status">
          <Alert type="success" headingLevel="h2" slim>
            Draft saved at {formatTime(savedAt)}.
          </Alert>
        </div>
      )}
      {issues.length > 0 && <ErrorSummary issues={issues} />}
      <p className="usa-intro margin-top-2">
        Answer every question before you submit. You can save a draft at any time and come back to it.
      </p>
      <Form onSubmit={(event) => void onSaveDraft(event)} large noValidate aria-label="Submission details">
        <SubmissionDetailsFields form={form} onChange={onFormChange} programs={programs} errors={errors} />
        <ButtonGroup className="margin-top-5">{actions}</ButtonGroup>
      </Form>
      <ReasonDialog
        ref={resubmitDialog}
        id="resubmit-dialog"
        heading="Resubmit this submission?"
        description={
          <p>Tell CMS what changed since the last submission. Your reason is kept in its history.</p>
        }
        reasonLabel="Reason for resubmitting"
        confirmLabel="Resubmit"
        onConfirm={onResubmit}
      />
    </>
  );
}
