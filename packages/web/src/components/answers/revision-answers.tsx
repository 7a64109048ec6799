import { ANSWER_LABELS, formatPeriod, type ProgramView } from '@docket/domain';
import { Tag } from '@trussworks/react-uswds';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { RateContent, RevisionContent } from '../../summary/revision-content';
import { StatusTag } from '../status-tag';
import { ContractDetailsAnswers } from './contract-details-answers';
import { RateAnswers } from './rate-answers';
import { StateContactsTable } from './state-contacts-table';
import { SubmissionAnswers } from './submission-answers';

type Level = 2 | 3 | 4;

/** The sections of a filing, each of which a review page can link to the step that edits it. */
export type AnswerSection = 'submission-details' | 'contract-details' | 'rate-details' | 'contacts';

interface Props {
  content: RevisionContent;
  programs: readonly ProgramView[];
  /** The contract documents are downloaded through; omit to list documents without links or dates. */
  contractId?: string;
  draft: boolean;
  /** The level of the section headings; rate headings are one below. */
  level: Level;
  /** Keeps heading ids unique when several revisions are on one page. */
  idPrefix: string;
  /** A link to edit each section, on the review page. */
  editLink?: (section: AnswerSection) => ReactNode;
}

function Heading({ level, id, children }: { level: Level | 5; id?: string; children: ReactNode }) {
  const Tag = `h${level}` as const;
  return (
    <Tag id={id} className="margin-bottom-1">
      {children}
    </Tag>
  );
}

function SectionHeader({
  level,
  id,
  title,
  edit,
}: {
  level: Level;
  id: string;
  title: string;
  edit: ReactNode;
}) {
  return (
    <div className="display-flex flex-justify flex-align-end flex-wrap margin-top-4 border-bottom-2px border-base-lighter">
      <Heading level={level} id={id}>
        {title}
      </Heading>
      {edit && <div className="margin-bottom-1">{edit}</div>}
    </div>
  );
}

function LinkedRateNote({ rate }: { rate: RateContent }) {
  const parent = rate.linkedSummary?.parentContractName ?? 'the submission that filed it';
  return (
    <p className="margin-y-1">
      <Tag className="bg-base-dark margin-right-1">Linked rate</Tag>
      Linked from another submission; read-only here.{' '}
      {rate.parentContractId && (
        <Link className="usa-link" to={`/submissions/${rate.parentContractId}`}>
          View {parent}
        </Link>
      )}
    </p>
  );
}

/** Every answer of one revision of a filing: submission details, contract details, rates, contacts. */
export function RevisionAnswers({ content, programs, contractId, draft, level, idPrefix, editLink }: Props) {
  const { formData } = content;
  const sub = (level + 1) as Level | 5;
  const dsnp = formData.schemaVersion !== 1 && formData.contractDetails.dsnpContract === true;
  return (
    <>
      <SectionHeader
        level={level}
        id={`${idPrefix}-submission-details`}
        title="Submission details"
        edit={editLink?.('submission-details')}
      />
      <SubmissionAnswers
        formData={formData}
        programs={programs}
        draft={draft}
        testId={`${idPrefix}-submission-answers`}
      />

      {formData.schemaVersion !== 1 && (
        <>
          <SectionHeader
            level={level}
            id={`${idPrefix}-contract-details`}
            title="Contract details"
            edit={editLink?.('contract-details')}
          />
          <ContractDetailsAnswers
            details={formData.contractDetails}
            populationCovered={formData.populationCovered}
            contractType={formData.contractType}
            contractDocuments={content.contractDocuments}
            supportingDocuments={content.supportingDocuments}
            contractId={contractId}
            draft={draft}
            testId={`${idPrefix}-contract-details-answers`}
          />
        </>
      )}

      {content.rates.length > 0 && (
        <>
          <SectionHeader
            level={level}
            id={`${idPrefix}-rate-details`}
            title="Rate details"
            edit={editLink?.('rate-details')}
          />
          {content.rates.map((rate, index) => (
            <section
              key={rate.key}
              aria-labelledby={`${idPrefix}-rate-${index}`}
              className="margin-top-3"
              data-testid={`${idPrefix}-rate-${index}`}
            >
              <Heading level={sub} id={`${idPrefix}-rate-${index}`}>
                <span className="display-block font-body-2xs text-base-dark text-normal">
                  Rate certification {index + 1}
                </span>
                {rate.rateId ? (
                  <Link className="usa-link" to={`/rates/${rate.rateId}`}>
                    {rate.name}
                  </Link>
                ) : (
                  rate.name
                )}
              </Heading>
              {rate.withdrawn && (
                <p className="margin-y-1" data-testid="rate-withdrawn-note">
                  <StatusTag status="WITHDRAWN" /> CMS withdrew this rate: it no longer goes with this
                  submission.
                </p>
              )}
              {!rate.owned && <LinkedRateNote rate={rate} />}
              {rate.formData ? (
                <RateAnswers
                  formData={rate.formData}
                  dsnp={dsnp}
                  programs={programs}
                  rateDocuments={rate.rateDocuments}
                  supportingDocuments={rate.supportingDocuments}
                  contractId={contractId}
                  draft={draft && rate.owned}
                />
              ) : (
                rate.linkedSummary && (
                  <p className="margin-y-1">
                    Rating period:{' '}
                    {formatPeriod(rate.linkedSummary.rateDateStart, rate.linkedSummary.rateDateEnd) ||
                      'not given'}
                  </p>
                )
              )}
            </section>
          ))}
        </>
      )}

      <SectionHeader
        level={level}
        id={`${idPrefix}-contacts`}
        title={ANSWER_LABELS.stateContacts}
        edit={editLink?.('contacts')}
      />
      <StateContactsTable contacts={formData.stateContacts} caption={ANSWER_LABELS.stateContacts} />
    </>
  );
}
