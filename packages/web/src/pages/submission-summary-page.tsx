import { stateName, type ContractView, type ProgramView, formatDay } from '@docket/domain';
import { Alert } from '@trussworks/react-uswds';
import { useEffect, useRef, useState } from 'react';
import { useLocation, useNavigate, useParams } from 'react-router';
import { isApiError } from '../api/client';
import { getContract } from '../api/contracts';
import { statePrograms } from '../api/reference';
import { dashboardPath } from '../auth/dashboard-path';
import { useAbilities, useUser } from '../auth/session-context';
import { AssignedReviewers } from '../components/assigned-reviewers';
import { Breadcrumbs } from '../components/breadcrumbs';
import { ContractActions } from '../components/contract-actions';
import { LoadError } from '../components/load-error';
import { Loading } from '../components/loading';
import { PreviousSubmissions } from '../components/previous-submissions';
import { RevisionChanges } from '../components/changes/revision-changes';
import { StatusTag } from '../components/status-tag';
import { RevisionAnswers } from '../components/answers/revision-answers';
import { SubmissionHistory } from '../components/submission-history';
import { SummaryList } from '../components/answers/summary-list';
import { DownloadAllLink } from '../components/download-all-link';
import { UnlockBanner } from '../components/unlock-banner';
import { formatDateTime } from '../format/dates';
import { REVIEW_STATUS_LABELS, ROLE_LABELS, SUBMISSION_STATUS_LABELS } from '../format/labels';
import { useDocumentTitle } from '../hooks/use-document-title';
import { useResource } from '../hooks/use-resource';
import { revisionContent } from '../summary/revision-content';
import { NotFoundContent } from './not-found-page';
import { readFlash } from './summary-flash';

interface Loaded {
  contract: ContractView;
  programs: ProgramView[];
}

async function loadSummary(id: string): Promise<Loaded> {
  const contract = await getContract(id);
  return { contract, programs: await statePrograms(contract.stateCode) };
}

/** `/submissions/:id`: a submission's status, answers, history and the actions the user may take. */
export function SubmissionSummaryPage() {
  const { id = '' } = useParams();
  const location = useLocation();
  const [resource, { reload, replace }] = useResource(`summary:${id}`, () => loadSummary(id));
  const flash = readFlash(location.state);
  const initialNotice = flash
    ? `${flash.name} was ${flash.kind === 'submitted' ? 'submitted' : 'resubmitted'} to CMS.`
    : null;
  const [notice, setNotice] = useState<string | null>(initialNotice);
  const navigate = useNavigate();

  // The flash is for this visit only: drop it from history so a reload does not repeat it.
  useEffect(() => {
    if (flash) navigate(location.pathname, { replace: true, state: null });
  }, [flash, location.pathname, navigate]);

  useDocumentTitle(resource.status === 'ready' ? resource.data.contract.name : 'Submission summary');

  if (resource.status === 'loading') return <Loading label="Loading the submission" />;
  if (resource.status === 'error') {
    if (isApiError(resource.error) && resource.error.status === 404) {
      return <NotFoundContent heading="Submission not found" />;
    }
    return <LoadError what="the submission" error={resource.error} onRetry={reload} />;
  }
  const { contract, programs } = resource.data;
  return (
    <SubmissionSummary
      contract={contract}
      programs={programs}
      notice={notice}
      onChanged={(updated, message) => {
        replace({ contract: updated, programs });
        setNotice(message);
      }}
    />
  );
}

interface SummaryProps extends Loaded {
  notice: string | null;
  onChanged: (contract: ContractView, notice: string) => void;
}

function SubmissionSummary({ contract, programs, notice, onChanged }: SummaryProps) {
  const abilities = useAbilities();
  const user = useUser();
  const noticeRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);

  const latest = contract.revisions.at(-1);
  const submitted = contract.revisions.filter((r) => r.submitted !== null);
  const lastSubmitted = submitted.at(-1);
  // Whoever may edit sees the draft they are working on; everyone else sees what was last submitted.
  const shown = (contract.abilities.canEdit ? latest : (lastSubmitted ?? latest)) ?? null;
  const isDraft = shown !== null && shown.submitted === null;
  const content = shown ? revisionContent(contract, shown.id) : null;
  const earlier = submitted.filter((r) => r.id !== shown?.id);
  // From the filing, not its draft: a reviewer is told of the unlock without seeing the state's draft.
  const { unlocked } = contract;
  const firstSubmitted = submitted[0]?.submitted?.at;
  const approval =
    contract.reviewStatus === 'APPROVED'
      ? contract.reviewActions.filter((a) => a.action === 'APPROVE').at(-1)
      : undefined;

  const facts = [
    { label: 'State', value: stateName(contract.stateCode) ?? contract.stateCode },
    { label: 'Submission status', value: SUBMISSION_STATUS_LABELS[contract.submissionStatus] },
    ...(contract.submissionStatus === 'DRAFT'
      ? []
      : [{ label: 'Review status', value: REVIEW_STATUS_LABELS[contract.reviewStatus] }]),
    ...(approval?.dateApprovalReleasedToState
      ? [
          {
            label: 'Approval released to state',
            value: `${formatDay(approval.dateApprovalReleasedToState)}, by ${approval.by.name} (${ROLE_LABELS[approval.by.role]})`,
          },
        ]
      : []),
    ...(firstSubmitted ? [{ label: 'First submitted', value: formatDateTime(firstSubmitted) }] : []),
    { label: 'Last updated', value: formatDateTime(contract.updatedAt) },
    ...(contract.mccrsId ? [{ label: 'MC-CRS record number', value: contract.mccrsId }] : []),
  ];

  return (
    <>
      <Breadcrumbs
        crumbs={[{ label: 'Dashboard', to: dashboardPath(abilities) }, { label: contract.name }]}
      />
      {notice && (
        <div ref={noticeRef} tabIndex={-1} role="status" className="margin-y-2">
          <Alert type="success" headingLevel="h2" slim>
            {notice}
          </Alert>
        </div>
      )}
      <div className="docket-title-row margin-top-2">
        <h1>{contract.name}</h1>
        <StatusTag status={contract.status} />
      </div>
      {unlocked && <UnlockBanner unlocked={unlocked} />}
      <ContractActions contract={contract} user={user} onChanged={onChanged} />

      <section aria-labelledby="overview-heading" className="margin-top-4">
        <h2 id="overview-heading">Status</h2>
        <SummaryList rows={facts} testId="submission-status" />
      </section>

      <AssignedReviewers contract={contract} onChanged={onChanged} />

      <RevisionChanges contract={contract} />

      {shown && content && (
        <div className="margin-top-5" data-testid="submission-answers">
          <p className="margin-y-1 text-base-dark">
            {isDraft
              ? `Draft answers, not submitted yet. Last saved ${formatDateTime(shown.updatedAt)}.`
              : shown.submitted &&
                `As submitted on ${formatDateTime(shown.submitted.at)} by ${shown.submitted.by.name} (${
                  ROLE_LABELS[shown.submitted.by.role]
                }).`}
          </p>
          <DownloadAllLink contractId={contract.id} revision={shown} content={content} />
          <RevisionAnswers
            content={content}
            programs={programs}
            contractId={contract.id}
            draft={isDraft}
            level={2}
            idPrefix="current"
          />
        </div>
      )}

      <section aria-labelledby="history-heading" className="margin-top-5">
        <h2 id="history-heading">Submission history</h2>
        <SubmissionHistory events={contract.history} discardedDrafts={contract.discardedDrafts} />
      </section>

      {earlier.length > 0 && (
        <section aria-labelledby="previous-heading" className="margin-top-5">
          <h2 id="previous-heading">Previous submissions</h2>
          <PreviousSubmissions contract={contract} revisions={earlier} programs={programs} />
        </section>
      )}
    </>
  );
}
