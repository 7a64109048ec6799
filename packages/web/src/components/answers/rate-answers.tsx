import {
  ANSWER_LABELS,
  DOCUMENT_LIST_LABELS,
  dropIrrelevantRateAnswers,
  type ActuaryContact,
  type ProgramView,
  type RateFormData,
  formatDay,
  formatPeriod,
  ACTUARIAL_FIRM_LABELS,
  CAPITATION_TYPE_LABELS,
  COMMUNICATION_PREFERENCE_LABELS,
  MEDICAID_POPULATION_LABELS,
  RATE_TYPE_LABELS,
} from '@docket/domain';
import type { DocumentRow } from '../../summary/revision-content';
import { AnswerList, answerRows } from './answer-rows';
import { DocumentsTable } from './documents-table';
import { ProgramList } from './submission-answers';
import { SummaryList } from './summary-list';

interface Props {
  formData: RateFormData;
  /** Whether the contract is a D-SNP contract, which asks for the rate's Medicaid populations. */
  dsnp: boolean;
  programs: readonly ProgramView[];
  rateDocuments: readonly DocumentRow[];
  supportingDocuments: readonly DocumentRow[];
  contractId?: string;
  draft: boolean;
  testId?: string;
}

function isFilled(contact: ActuaryContact): boolean {
  return Boolean(contact.name || contact.titleRole || contact.email || contact.actuarialFirm);
}

function ActuaryList({ contacts }: { contacts: readonly ActuaryContact[] }) {
  return (
    <ul className="usa-list usa-list--unstyled">
      {contacts.map((contact, index) => {
        const firm =
          contact.actuarialFirm === 'OTHER'
            ? contact.actuarialFirmOther || ACTUARIAL_FIRM_LABELS.OTHER
            : contact.actuarialFirm && ACTUARIAL_FIRM_LABELS[contact.actuarialFirm];
        return (
          <li key={index} className="margin-bottom-1">
            <span className="text-bold">{contact.name || 'Name not given'}</span>
            {contact.titleRole && <>, {contact.titleRole}</>}
            {firm && <> ({firm})</>}
            {contact.email && (
              <>
                <br />
                <a className="usa-link" href={`mailto:${contact.email}`}>
                  {contact.email}
                </a>
              </>
            )}
          </li>
        );
      })}
    </ul>
  );
}

/** Every answer of one rate revision (DOMAIN §3.3), with its documents. */
export function RateAnswers({
  formData,
  dsnp,
  programs,
  rateDocuments,
  supportingDocuments,
  contractId,
  draft,
  testId,
}: Props) {
  const rate = dropIrrelevantRateAnswers(formData, { dsnp });
  const { rows, add } = answerRows(draft);
  add(
    ANSWER_LABELS.rateProgramIDs,
    rate.rateProgramIDs.length > 0 ? (
      <ProgramList ids={rate.rateProgramIDs} programs={programs} />
    ) : undefined,
  );
  add(ANSWER_LABELS.rateType, rate.rateType && RATE_TYPE_LABELS[rate.rateType]);
  add(
    ANSWER_LABELS.rateCapitationType,
    rate.rateCapitationType && CAPITATION_TYPE_LABELS[rate.rateCapitationType],
  );
  add(ANSWER_LABELS.ratingPeriod, formatPeriod(rate.rateDateStart, rate.rateDateEnd) || undefined);
  if (rate.rateType === 'AMENDMENT') {
    add(
      ANSWER_LABELS.rateAmendmentDates,
      formatPeriod(rate.amendmentEffectiveDateStart, rate.amendmentEffectiveDateEnd) || undefined,
    );
  }
  add(ANSWER_LABELS.rateDateCertified, rate.rateDateCertified && formatDay(rate.rateDateCertified));
  if (dsnp) {
    add(
      ANSWER_LABELS.rateMedicaidPopulations,
      rate.rateMedicaidPopulations.length > 0 ? (
        <AnswerList items={rate.rateMedicaidPopulations.map((p) => MEDICAID_POPULATION_LABELS[p])} />
      ) : undefined,
    );
  }
  const certifying = rate.certifyingActuaryContacts.filter(isFilled);
  const additional = rate.addtlActuaryContacts.filter(isFilled);
  add(
    ANSWER_LABELS.certifyingActuaryContacts,
    certifying.length > 0 ? <ActuaryList contacts={certifying} /> : undefined,
  );
  if (additional.length > 0) add(ANSWER_LABELS.addtlActuaryContacts, <ActuaryList contacts={additional} />);
  add(
    ANSWER_LABELS.actuaryCommunicationPreference,
    rate.actuaryCommunicationPreference &&
      COMMUNICATION_PREFERENCE_LABELS[rate.actuaryCommunicationPreference],
  );

  return (
    <div data-testid={testId}>
      <DocumentsTable
        caption={DOCUMENT_LIST_LABELS.rateDocuments}
        rows={rateDocuments}
        contractId={contractId}
        empty="None yet"
      />
      <DocumentsTable
        caption={DOCUMENT_LIST_LABELS.rateSupportingDocuments}
        rows={supportingDocuments}
        contractId={contractId}
      />
      <SummaryList rows={rows} />
    </div>
  );
}
