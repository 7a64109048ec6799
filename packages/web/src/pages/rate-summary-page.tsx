import {
  stateName,
  type ProgramView,
  type RateDetailView,
  type RateHistoryKind,
  type RateRevisionView,
} from '@docket/domain';
import { Accordion, Alert } from '@trussworks/react-uswds';
import { useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { isApiError } from '../api/client';
import { getRate } from '../api/rates';
import { statePrograms } from '../api/reference';
import { dashboardPath } from '../auth/dashboard-path';
import { useAbilities } from '../auth/session-context';
import { RateAnswers } from '../components/answers/rate-answers';
import { SummaryList } from '../components/answers/summary-list';
import { Breadcrumbs } from '../components/breadcrumbs';
import { LoadError } from '../components/load-error';
import { RateActions } from '../components/rate-actions';
import { Loading } from '../components/loading';
import { StatusTag } from '../components/status-tag';
import { formatDate, formatDateTime } from '../format/dates';
import { ROLE_LABELS } from '../format/labels';
import { useDocumentTitle } from '../hooks/use-document-title';
import { useResource } from '../hooks/use-resource';
import { rateRevisionDocuments } from '../summary/rate-content';
import { NotFoundContent } from './not-found-page';

interface Loaded {
  rate: RateDetailView;
  programs: ProgramView[];
}

async function loadRate(id: string): Promise<Loaded> {
  const rate = await getRate(id);
  return { rate, programs: await statePrograms(rate.stateCode) };
}

/** `/rates/:id`: a rate certification, its revisions, the submissions that include it and its history. */
export function RateSummaryPage() {
  const { id = '' } = useParams();
  const [resource, { reload, replace }] = useResource(`rate:${id}`, () => loadRate(id));
  const [notice, setNotice] = useState<string | null>(null);
  useDocumentTitle(resource.status === 'ready' ? resource.data.rate.name : 'Rate certification');

  if (resource.status === 'loading') return <Loading label="Loading the rate certification" />;
  if (resource.status === 'error') {
    if (isApiError(resource.error) && resource.error.status === 404) {
      return <NotFoundContent heading="Rate certification not found" />;
    }
    return <LoadError what="the rate certification" error={resource.error} onRetry={reload} />;
  }
  const { programs } = resource.data;
  return (
    <RateSummary
      {...resource.data}
      notice={notice}
      onChanged={(rate, message) => {
        replace({ rate, programs });
        setNotice(message);
      }}
    />
  );
}

const HISTORY_LABELS: Record<RateHistoryKind, string> = {
  SUBMITTED: 'Rate submitted',
  UNLOCKED: 'Rate unlocked',
  LINKED: 'Linked to a submission',
  INCLUDED: 'Resubmitted with a submission',
  UNLINKED: 'Removed from a submission',
  RATE_WITHDRAWN: 'Rate withdrawn',
  WITHDRAWAL_UNDONE: 'Rate withdrawal undone',
};

/** What the rate's own review actions did to the submissions, after the entry's words. */
const AFFECTED_LABELS: Partial<Record<RateHistoryKind, string>> = {
  RATE_WITHDRAWN: 'Detached from',
  WITHDRAWAL_UNDONE: 'Linked again to',
};

/** The sentence under a revision's heading: who submitted it and when, or that it is a draft. */
function revisionNote(revision: RateRevisionView): string {
  const { submitted } = revision;
  if (!submitted)
    return `Draft answers, not submitted yet. Last saved ${formatDateTime(revision.updatedAt)}.`;
  return `As submitted on ${formatDateTime(submitted.at)} by ${submitted.by.name} (${ROLE_LABELS[submitted.by.role]}).`;
}

function RevisionDetails({
  rate,
  index,
  programs,
  idPrefix,
}: {
  rate: RateDetailView;
  index: number;
  programs: readonly ProgramView[];
  idPrefix: string;
}) {
  const revision = rate.revisions[index];
  if (!revision) return null;
  const documents = rateRevisionDocuments(rate.revisions, index);
  return (
    <RateAnswers
      formData={revision.formData}
      dsnp={(revision.formData.rateMedicaidPopulations?.length ?? 0) > 0}
      programs={programs}
      rateDocuments={documents.rateDocuments}
      supportingDocuments={documents.supportingDocuments}
      contractId={rate.parentContract.id}
      draft={revision.submitted === null}
      testId={`${idPrefix}-answers`}
    />
  );
}

interface SummaryProps extends Loaded {
  notice: string | null;
  onChanged: (rate: RateDetailView, notice: string) => void;
}

function RateSummary({ rate, programs, notice, onChanged }: SummaryProps) {
  const abilities = useAbilities();
  const noticeRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);
  const currentIndex = rate.revisions.length - 1;
  const current = rate.revisions[currentIndex];
  const earlier = rate.revisions
    .map((revision, index) => ({ revision, index }))
    .filter(({ index, revision }) => index !== currentIndex && revision.submitted !== null)
    .reverse();
  const firstSubmitted = rate.revisions.find((r) => r.submitted)?.submitted?.at;
  const facts = [
    { label: 'State', value: stateName(rate.stateCode) ?? rate.stateCode },
    {
      label: 'Submitted with',
      value: (
        <Link className="usa-link" to={`/submissions/${rate.parentContract.id}`}>
          {rate.parentContract.name}
        </Link>
      ),
    },
    ...(firstSubmitted ? [{ label: 'First submitted', value: formatDateTime(firstSubmitted) }] : []),
    { label: 'Last updated', value: formatDateTime(rate.updatedAt) },
  ];
  const history = [...rate.history].reverse();
  // While the rate is open again, whoever reads it is told who unlocked it, when and why.
  const unlock = rate.status === 'UNLOCKED' ? history.find((e) => e.kind === 'UNLOCKED') : undefined;

  return (
    <>
      <Breadcrumbs
        crumbs={[
          { label: 'Dashboard', to: dashboardPath(abilities) },
          { label: rate.parentContract.name, to: `/submissions/${rate.parentContract.id}` },
          { label: rate.name },
        ]}
      />
      {notice && (
        <div ref={noticeRef} tabIndex={-1} role="status" className="margin-y-2">
          <Alert type="success" headingLevel="h2" slim>
            {notice}
          </Alert>
        </div>
      )}
      <div className="docket-title-row margin-top-2">
        <h1>
          <span className="display-block font-body-xs text-base-dark text-normal">Rate certification</span>
          {rate.name}
        </h1>
        <StatusTag status={rate.consolidatedStatus} />
      </div>
      <RateActions rate={rate} onChanged={onChanged} />

      {unlock && (
        <Alert
          type="warning"
          headingLevel="h2"
          heading="CMS unlocked this rate for changes"
          className="margin-y-3"
          data-testid="rate-unlock-banner"
        >
          <span className="display-block margin-bottom-1">
            <span className="text-bold">What CMS asked:</span> {unlock.reason}
          </span>
          <span className="display-block">
            Unlocked with {unlock.contract.name} by <span className="text-bold">{unlock.actor.name}</span> (
            {ROLE_LABELS[unlock.actor.role]}) on {formatDateTime(unlock.at)}.
          </span>
        </Alert>
      )}

      <section aria-labelledby="rate-overview-heading" className="margin-top-4">
        <h2 id="rate-overview-heading">Status</h2>
        <SummaryList rows={facts} testId="rate-status" />
      </section>

      {current && (
        <section aria-labelledby="rate-details-heading" className="margin-top-5" data-testid="rate-current">
          <h2 id="rate-details-heading">Rate details</h2>
          <p className="margin-y-1 text-base-dark">{revisionNote(current)}</p>
          <RevisionDetails rate={rate} index={currentIndex} programs={programs} idPrefix="current" />
        </section>
      )}

      <section aria-labelledby="rate-linked-heading" className="margin-top-5">
        <h2 id="rate-linked-heading">Submissions that include this rate</h2>
        <table className="usa-table usa-table--borderless width-full" data-testid="rate-linked-contracts">
          <caption className="usa-sr-only">Submissions that include this rate</caption>
          <thead>
            <tr>
              <th scope="col">Submission</th>
              <th scope="col">Status</th>
              <th scope="col">Relationship</th>
              <th scope="col">Linked since</th>
              <th scope="col">Rate revision in its latest submission</th>
            </tr>
          </thead>
          <tbody>
            {rate.linkedContracts.map((contract) => (
              <tr key={contract.id}>
                <th scope="row">
                  <Link className="usa-link" to={`/submissions/${contract.id}`}>
                    {contract.name}
                  </Link>
                </th>
                <td>
                  <StatusTag status={contract.status} />
                </td>
                <td>{contract.isParent ? 'Parent (edits the rate)' : 'Linked (read-only)'}</td>
                <td>{contract.linkedAt ? formatDate(contract.linkedAt) : 'Not submitted yet'}</td>
                <td>
                  {contract.currentRateRevisionNumber !== null
                    ? `Revision ${contract.currentRateRevisionNumber}`
                    : contract.linkedAt
                      ? 'No longer included'
                      : '—'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="rate-history-heading" className="margin-top-5">
        <h2 id="rate-history-heading">Rate history</h2>
        {history.length === 0 ? (
          <p className="text-base-dark">Nothing has happened yet.</p>
        ) : (
          <ol className="docket-history" data-testid="rate-history" aria-label="Rate history, newest first">
            {history.map((entry, index) => (
              <li key={`${entry.at}-${entry.kind}-${entry.contract.id}-${index}`}>
                <p className="margin-0 text-bold">
                  {HISTORY_LABELS[entry.kind]}
                  {entry.rateRevisionNumber !== null && ` (revision ${entry.rateRevisionNumber})`}
                </p>
                <p className="margin-y-05">
                  <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
                  {' · '}
                  {entry.actor.name} ({ROLE_LABELS[entry.actor.role]}){' · '}
                  <Link className="usa-link" to={`/submissions/${entry.contract.id}`}>
                    {entry.contract.name}
                  </Link>
                </p>
                {entry.reason && (
                  <p className="margin-0">
                    <span className="text-bold">Reason:</span> {entry.reason}
                  </p>
                )}
                {entry.contracts.length > 0 && (
                  <p className="margin-0">
                    <span className="text-bold">{AFFECTED_LABELS[entry.kind]}:</span>{' '}
                    {entry.contracts.map((c, i) => (
                      <span key={c.id}>
                        {i > 0 && ', '}
                        <Link className="usa-link" to={`/submissions/${c.id}`}>
                          {c.name}
                        </Link>
                      </span>
                    ))}
                  </p>
                )}
              </li>
            ))}
          </ol>
        )}
      </section>

      {earlier.length > 0 && (
        <section aria-labelledby="rate-revisions-heading" className="margin-top-5">
          <h2 id="rate-revisions-heading">Previous revisions</h2>
          <Accordion
            bordered
            multiselectable
            items={earlier.map(({ revision, index }) => ({
              id: `rate-revision-${revision.number}`,
              title: `Revision ${revision.number}: submitted ${
                revision.submitted ? formatDateTime(revision.submitted.at) : ''
              }`,
              headingLevel: 'h3' as const,
              expanded: false,
              content: (
                <>
                  <p className="margin-top-0">{revisionNote(revision)}</p>
                  <RevisionDetails
                    rate={rate}
                    index={index}
                    programs={programs}
                    idPrefix={`rate-revision-${revision.number}`}
                  />
                </>
              ),
            }))}
          />
        </section>
      )}
    </>
  );
}
