import { ratesFiledWith, type ContractView, type FieldIssue, type ProgramView } from '@docket/domain';
import { Alert, ButtonGroup } from '@trussworks/react-uswds';
import { useMemo, useRef } from 'react';
import { Link } from 'react-router';
import { RevisionAnswers, type AnswerSection } from '../components/answers/revision-answers';
import { ConfirmDialog, type ConfirmOutcome } from '../components/confirm-dialog';
import type { DialogHandle } from '../components/dialog-frame';
import { ErrorSummary, type IssueTarget } from '../components/error-summary';
import { HeldButton } from '../components/held-button';
import { ReasonDialog } from '../components/reason-dialog';
import { fieldIdFor, inFormOrder } from '../forms/field-ids';
import type { FilingDraft } from '../forms/filing-draft';
import { STEP_IDS, STEP_TITLES, stepOfIssue, type StepId } from '../forms/filing-steps';
import { draftContent } from '../summary/revision-content';
import { stepPath } from './editor-flash';
import { RatesRemovedNotice, ratesRemovedSentence } from './rates-removed-notice';
import type { Busy } from './use-filing-editor';

interface Props {
  contract: ContractView;
  draft: FilingDraft;
  programs: readonly ProgramView[];
  steps: readonly StepId[];
  /** Every missing answer, found in the browser, or the server's issues after a refused submit. */
  issues: readonly FieldIssue[];
  busy: Busy;
  onBack: () => void;
  /** Submits, once the state confirms; `close` closes the confirmation before issues are shown on the page. */
  onSubmit: (close: () => void) => Promise<ConfirmOutcome>;
  onResubmit: (reason: string, close: () => void) => Promise<ConfirmOutcome>;
}

/** Issues in the order of the steps that ask their answers (keeping their order within a step); none last. */
function inStepOrder(issues: readonly FieldIssue[]): FieldIssue[] {
  const rank = (issue: FieldIssue) => {
    const step = stepOfIssue(issue.path);
    return step ? STEP_IDS.indexOf(step) : STEP_IDS.length;
  };
  return issues
    .map((issue, index) => ({ issue, index }))
    .sort((a, b) => rank(a.issue) - rank(b.issue) || a.index - b.index)
    .map(({ issue }) => issue);
}

const SECTION_STEPS: Record<AnswerSection, StepId> = {
  'submission-details': 'submission-type',
  'contract-details': 'contract-details',
  'rate-details': 'rate-details',
  contacts: 'contacts',
};

/**
 * The last step: every answer that will be submitted, grouped as the steps ask them, with a link to edit each
 * section; the rates the filing will go without, said plainly; every missing answer listed with a link to its
 * step and field; and submit (or resubmit, with a reason), each confirmed in a dialog that says what follows.
 */
export function ReviewStep({
  contract,
  draft,
  programs,
  steps,
  issues,
  busy,
  onBack,
  onSubmit,
  onResubmit,
}: Props) {
  const submitDialog = useRef<DialogHandle>(null);
  const resubmitDialog = useRef<DialogHandle>(null);
  const issuesRef = useRef<HTMLDivElement>(null);
  const content = draftContent(contract, draft);
  // What will be submitted, decided as submitting decides it: a contract-only or CHIP-only filing drops its rates.
  const { filed, dropped } = ratesFiledWith(draft.form, content.rates);
  const removedNames = dropped.map((rate) => rate.name);
  const removal = removedNames.length > 0 ? ratesRemovedSentence(draft.form, removedNames) : null;
  const listed = useMemo(() => inStepOrder(inFormOrder(issues)), [issues]);
  const forReview = draft.form.populationCovered === 'CHIP' ? '' : ' for review';

  // With answers missing there is nothing to confirm yet: the list of what to fix is where to go.
  const confirmOrShowIssues = (dialog: DialogHandle | null) => {
    if (listed.length === 0) return dialog?.open();
    const summary = issuesRef.current?.querySelector<HTMLElement>('[tabindex="-1"]');
    summary?.focus();
    summary?.scrollIntoView({ block: 'start' });
  };

  const targetOf = (issue: FieldIssue): IssueTarget => {
    const step = stepOfIssue(issue.path);
    if (!step) return null;
    return { kind: 'page', to: stepPath(contract.id, step, fieldIdFor(issue.path)), state: { check: true } };
  };
  const groupOf = (issue: FieldIssue) => {
    const step = stepOfIssue(issue.path);
    return step ? STEP_TITLES[step] : null;
  };

  const editLink = (section: AnswerSection) => {
    const step = SECTION_STEPS[section];
    if (!steps.includes(step)) return null;
    return (
      <Link className="usa-link" to={stepPath(contract.id, step)}>
        Edit<span className="usa-sr-only"> {STEP_TITLES[step].toLowerCase()}</span>
      </Link>
    );
  };

  const actions = [
    <HeldButton key="back" type="button" outline held={busy !== null} onClick={onBack}>
      Back
    </HeldButton>,
  ];
  if (contract.abilities.canSubmit) {
    actions.push(
      <HeldButton
        key="submit"
        type="button"
        held={busy !== null}
        onClick={() => confirmOrShowIssues(submitDialog.current)}
      >
        {busy === 'submit' ? 'Submitting…' : 'Submit'}
      </HeldButton>,
    );
  }
  if (contract.abilities.canResubmit) {
    actions.push(
      <HeldButton
        key="resubmit"
        type="button"
        held={busy !== null}
        onClick={() => confirmOrShowIssues(resubmitDialog.current)}
      >
        {busy === 'resubmit' ? 'Resubmitting…' : 'Resubmit'}
      </HeldButton>,
    );
  }

  return (
    <>
      {listed.length > 0 ? (
        <div ref={issuesRef}>
          <ErrorSummary
            issues={listed}
            heading={
              listed.length === 1
                ? 'Before you submit, 1 answer is missing or needs a change'
                : `Before you submit, ${listed.length} answers are missing or need a change`
            }
            targetOf={targetOf}
            groupOf={groupOf}
            nameAnswers
          />
        </div>
      ) : (
        <Alert type="info" headingLevel="h2" slim className="margin-y-3">
          Every question is answered. Check your answers, then submit them to CMS.
        </Alert>
      )}
      {removedNames.length > 0 && (
        <RatesRemovedNotice contractId={contract.id} form={draft.form} rateNames={removedNames} />
      )}
      <div data-testid="review-answers">
        <RevisionAnswers
          content={{ ...content, rates: filed }}
          programs={programs}
          draft
          level={2}
          idPrefix="review"
          editLink={editLink}
        />
      </div>
      <div className="margin-top-5 padding-top-3 border-top-1px border-base-lighter">
        <ButtonGroup>{actions}</ButtonGroup>
      </div>
      <ConfirmDialog
        ref={submitDialog}
        id="submit-dialog"
        heading="Ready to submit?"
        description={
          <>
            <p>
              Submitting sends this submission to CMS{forReview}. You cannot change it afterwards unless CMS
              unlocks it. CMS and the submission&apos;s state contacts are notified by email.
            </p>
            {removal && <p>{removal}</p>}
          </>
        }
        confirmLabel="Submit"
        busyLabel="Submitting…"
        onConfirm={onSubmit}
      />
      <ReasonDialog
        ref={resubmitDialog}
        action="RESUBMIT"
        description={
          <>
            <p>
              Resubmitting sends your changes to CMS{forReview}. You cannot change the submission afterwards
              unless CMS unlocks it again. CMS and the submission&apos;s state contacts are notified by email.
            </p>
            {removal && <p>{removal}</p>}
            <p>Tell CMS what changed since the last submission. Your reason is kept in its history.</p>
          </>
        }
        onConfirm={onResubmit}
      />
    </>
  );
}
