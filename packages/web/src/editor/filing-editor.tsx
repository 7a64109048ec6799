import type { ContractView, FieldIssue, ProgramView } from '@docket/domain';
import { Alert, Button, Form } from '@trussworks/react-uswds';
import { useMemo, useRef, type ComponentType, type FormEvent } from 'react';
import { Navigate } from 'react-router';
import { dashboardPath } from '../auth/dashboard-path';
import { useAbilities } from '../auth/session-context';
import { Breadcrumbs, type Crumb } from '../components/breadcrumbs';
import type { DialogHandle } from '../components/dialog-frame';
import { ErrorSummary, type IssueTarget } from '../components/error-summary';
import { LeaveDialog } from '../components/leave-dialog';
import { UnlockBanner } from '../components/unlock-banner';
import { formatTime } from '../format/dates';
import { fieldIdFor, inFormOrder, messagesByField } from '../forms/field-ids';
import {
  filingIssues,
  previousStep,
  STEP_TITLES,
  stepOfIssue,
  withRefusals,
  type StepId,
} from '../forms/filing-steps';
import { standingRefusals } from '../forms/refusals';
import { useDocumentTitle } from '../hooks/use-document-title';
import { ConflictDialog } from './conflict-dialog';
import { ContactsStep } from './contacts-step';
import { ContractDetailsStep } from './contract-details-step';
import { stepPath } from './editor-flash';
import { FilingStepIndicator } from './filing-step-indicator';
import { RateDetailsStep } from './rate-details-step';
import { ReviewStep } from './review-step';
import { StepActions } from './step-actions';
import type { StepProps } from './step-props';
import { SubmissionTypeStep } from './submission-type-step';
import { UploadTrackerProvider } from './upload-tracker';
import { useFilingEditor } from './use-filing-editor';

const STEP_BODIES: Record<Exclude<StepId, 'review'>, ComponentType<StepProps>> = {
  'submission-type': SubmissionTypeStep,
  'contract-details': ContractDetailsStep,
  'rate-details': RateDetailsStep,
  contacts: ContactsStep,
};

interface Props {
  /** Null on `/submissions/new`: "Continue" creates the draft. */
  contract: ContractView | null;
  programs: readonly ProgramView[];
  stateCode: string;
  step: StepId;
  /** Loads the contract again (after a conflict, once the user chose to), dropping the edits not saved. */
  onReload: () => void;
}

/** One step of the filing journey, with the step indicator, messages, the step's questions and its actions. */
export function FilingEditor({ contract: loaded, programs, stateCode, step, onReload }: Props) {
  useDocumentTitle(STEP_TITLES[step]);
  const abilities = useAbilities();
  const editor = useFilingEditor({ contract: loaded, programs, step });
  const { contract, draft, issues, busy } = editor;
  const { uploading, tracker } = editor;
  const errors = useMemo(() => messagesByField(issues), [issues]);
  const listed = useMemo(() => inFormOrder(issues), [issues]);
  const latest = contract?.revisions.at(-1);

  // The review page lists what is missing as soon as it opens, and what the server refused until it is dealt
  // with, however often the user moves between the steps. Kept while the draft, the contract and the refusals
  // are the same, so the summary does not take focus again on re-render.
  const { context, refusals } = editor;
  const reviewIssues = useMemo<FieldIssue[]>(
    () =>
      step === 'review' ? withRefusals(filingIssues(draft, context), standingRefusals(refusals, draft)) : [],
    [step, draft, contract, programs, refusals],
  );

  const crumbs: Crumb[] = [{ label: 'Dashboard', to: dashboardPath(abilities) }];
  if (contract) crumbs.push({ label: contract.name, to: `/submissions/${contract.id}` });
  else crumbs.push({ label: 'New submission' });
  if (contract) crumbs.push({ label: STEP_TITLES[step] });

  const targetOf = (issue: FieldIssue): IssueTarget => {
    const id = fieldIdFor(issue.path);
    const at = stepOfIssue(issue.path);
    if (at === step || !contract || !at) return id ? { kind: 'here', id } : null;
    return { kind: 'page', to: stepPath(contract.id, at, id), state: { check: true } };
  };

  // Enter in a field continues, as the Continue button does, and waits as it does.
  const conflictDialog = useRef<DialogHandle>(null);

  const onFormSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy === null && uploading === 0) void editor.onContinue();
  };

  // The rate step of a filing without rates (contract-only or CHIP-only) goes on to the contacts.
  if (contract && !editor.steps.includes(step))
    return <Navigate to={stepPath(contract.id, 'contacts')} replace />;

  const Body = step === 'review' ? null : STEP_BODIES[step];
  const back = previousStep(editor.steps, step);

  return (
    <>
      <Breadcrumbs crumbs={crumbs} />
      <p className="margin-0 text-base-dark text-bold" data-testid="submission-name">
        {contract ? contract.name : 'New submission'}
      </p>
      <FilingStepIndicator steps={editor.steps} current={step} />
      <LeaveDialog blocker={editor.blocker} uploading={uploading} />
      {latest?.submitted === null && latest.unlocked && <UnlockBanner unlocked={latest.unlocked} />}
      <ConflictDialog ref={conflictDialog} conflict={editor.conflict} onReload={onReload} />
      {editor.conflict && (
        <Alert type="error" headingLevel="h2" heading="Someone else changed this submission" role="alert">
          <span className="display-block margin-y-1">
            This submission was changed after you opened it, so your latest changes were not saved. Your
            answers are still on this page: copy what you need, then reload the submission to see the current
            version.
          </span>
          <Button type="button" unstyled onClick={() => conflictDialog.current?.open()}>
            Reload the submission…
          </Button>
        </Alert>
      )}
      {editor.failure && (
        <Alert type="error" headingLevel="h2" heading="Your changes could not be saved" role="alert">
          {editor.failure}
        </Alert>
      )}
      {editor.savedAt && (
        <div role="status">
          <Alert type="success" headingLevel="h2" slim>
            Draft saved at {formatTime(editor.savedAt)}.
          </Alert>
        </div>
      )}
      {step === 'review' && contract ? (
        <ReviewStep
          contract={contract}
          draft={draft}
          programs={programs}
          steps={editor.steps}
          issues={issues.length > 0 ? issues : reviewIssues}
          busy={busy}
          onBack={() => void editor.onBack()}
          onSubmit={editor.onSubmit}
          onResubmit={editor.onResubmit}
        />
      ) : (
        Body && (
          <>
            {listed.length > 0 && <ErrorSummary issues={listed} targetOf={targetOf} nameAnswers />}
            <Form
              onSubmit={onFormSubmit}
              large
              noValidate
              aria-label={STEP_TITLES[step]}
              className="docket-step-form"
            >
              <UploadTrackerProvider value={tracker}>
                <Body
                  draft={draft}
                  update={editor.update}
                  errors={errors}
                  programs={programs}
                  contract={contract}
                  stateCode={stateCode}
                />
              </UploadTrackerProvider>
              <StepActions
                busy={busy}
                uploading={uploading}
                onBack={back && contract ? () => void editor.onBack() : null}
                onSaveDraft={() => void editor.onSaveDraft()}
              />
            </Form>
          </>
        )
      )}
    </>
  );
}
