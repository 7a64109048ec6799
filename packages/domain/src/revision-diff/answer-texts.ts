import { applicableProvisions, dropIrrelevantContractDetails, isDsnpAsked } from '../contract-details-form';
import type { StoredContractForm } from '../contract-form';
import {
  ANSWER_LABELS,
  CAPITATION_TYPE_LABELS,
  COMMUNICATION_PREFERENCE_LABELS,
  CONTRACT_TYPE_LABELS,
  EXECUTION_STATUS_LABELS,
  FEDERAL_AUTHORITY_LABELS,
  formatDay,
  formatPeriod,
  MANAGED_CARE_ENTITY_LABELS,
  MEDICAID_POPULATION_LABELS,
  POPULATION_LABELS,
  PROVISION_LABELS,
  RATE_TYPE_LABELS,
  SUBMISSION_TYPE_LABELS,
  yesNo,
} from '../form-labels';
import { dropIrrelevantRateAnswers, type RateFormData } from '../rate-form';
import { programLabel, type Program } from '../reference-data';

/**
 * The answers of one revision as display text, the way the summary page reads them: one entry per question the
 * revision answers, keyed by the question, labelled as the page labels it, its value as lines of text. Questions
 * the revision leaves unanswered or that its other answers make irrelevant are left out, as the page leaves them
 * out. Documents and contacts are lists of their own and compared as lists (see `revision-diff.ts`).
 */

export const ANSWER_SECTIONS = ['SUBMISSION_DETAILS', 'CONTRACT_DETAILS', 'RATE_DETAILS'] as const;
export type AnswerSection = (typeof ANSWER_SECTIONS)[number];

export interface AnswerText {
  /** The question: a field name, or `provisions.<name>` for a provision question. */
  key: string;
  section: AnswerSection;
  label: string;
  /** The answer, one line per chosen value; never empty. */
  text: string[];
}

/** Collects the answered questions of one section, in the order the page shows them. */
function collector(section: AnswerSection) {
  const texts: AnswerText[] = [];
  const add = (key: string, label: string, value: string | readonly string[] | undefined) => {
    const text = (typeof value === 'string' ? [value] : (value ?? [])).filter((line) => line.trim() !== '');
    if (text.length > 0) texts.push({ key, section, label, text });
  };
  return { texts, add };
}

/** The names of the programs chosen, as people read them; an id of no known program is shown as it is. */
export function programTexts(ids: readonly string[], programs: readonly Program[]): string[] {
  const byId = new Map(programs.map((p) => [p.id, p]));
  return ids.map((id) => {
    const program = byId.get(id);
    return program ? programLabel(program) : `Unknown program (${id})`;
  });
}

/** The submission details and contract details of a contract revision, as text. */
export function contractAnswerTexts(form: StoredContractForm, programs: readonly Program[]): AnswerText[] {
  const submission = collector('SUBMISSION_DETAILS');
  const add = submission.add;
  add(
    'populationCovered',
    ANSWER_LABELS.populationCovered,
    form.populationCovered && POPULATION_LABELS[form.populationCovered],
  );
  add('programIDs', ANSWER_LABELS.programIDs, programTexts(form.programIDs, programs));
  add(
    'submissionType',
    ANSWER_LABELS.submissionType,
    form.submissionType && SUBMISSION_TYPE_LABELS[form.submissionType],
  );
  add(
    'contractType',
    ANSWER_LABELS.contractType,
    form.contractType && CONTRACT_TYPE_LABELS[form.contractType],
  );
  add('riskBasedContract', ANSWER_LABELS.riskBasedContract, yesNo(form.riskBasedContract));
  add('submissionDescription', ANSWER_LABELS.submissionDescription, form.submissionDescription.trim());
  if (form.schemaVersion === 1) return submission.texts;

  const { populationCovered, contractType } = form;
  const details = dropIrrelevantContractDetails(form.contractDetails, { populationCovered, contractType });
  const contract = collector('CONTRACT_DETAILS');
  const more = contract.add;
  more(
    'contractExecutionStatus',
    ANSWER_LABELS.contractExecutionStatus,
    details.contractExecutionStatus && EXECUTION_STATUS_LABELS[details.contractExecutionStatus],
  );
  more(
    'contractDates',
    contractType === 'AMENDMENT' ? ANSWER_LABELS.contractAmendmentDates : ANSWER_LABELS.contractDates,
    formatPeriod(details.contractDateStart, details.contractDateEnd),
  );
  more(
    'managedCareEntities',
    ANSWER_LABELS.managedCareEntities,
    details.managedCareEntities.map((e) => MANAGED_CARE_ENTITY_LABELS[e]),
  );
  more(
    'federalAuthorities',
    ANSWER_LABELS.federalAuthorities,
    details.federalAuthorities.map((a) => FEDERAL_AUTHORITY_LABELS[a]),
  );
  if (isDsnpAsked(details.federalAuthorities)) {
    more('dsnpContract', ANSWER_LABELS.dsnpContract, yesNo(details.dsnpContract));
  }
  more(
    'statutoryRegulatoryAttestation',
    ANSWER_LABELS.statutoryRegulatoryAttestation,
    yesNo(details.statutoryRegulatoryAttestation),
  );
  if (details.statutoryRegulatoryAttestation === false) {
    more(
      'statutoryRegulatoryAttestationDescription',
      ANSWER_LABELS.statutoryRegulatoryAttestationDescription,
      details.statutoryRegulatoryAttestationDescription.trim(),
    );
  }
  const asked =
    populationCovered && contractType ? applicableProvisions(populationCovered, contractType) : [];
  for (const provision of asked) {
    more(`provisions.${provision}`, PROVISION_LABELS[provision], yesNo(details.provisions[provision]));
  }
  return [...submission.texts, ...contract.texts];
}

/**
 * The answers of a rate revision, as text. A submitted rate holds Medicaid populations only when its contract was
 * a D-SNP contract (submitting drops them otherwise), so they are shown whenever they are there.
 */
export function rateAnswerTexts(form: RateFormData, programs: readonly Program[]): AnswerText[] {
  const rate = dropIrrelevantRateAnswers(form, { dsnp: true });
  const { texts, add } = collector('RATE_DETAILS');
  add('rateProgramIDs', ANSWER_LABELS.rateProgramIDs, programTexts(rate.rateProgramIDs, programs));
  add('rateType', ANSWER_LABELS.rateType, rate.rateType && RATE_TYPE_LABELS[rate.rateType]);
  add(
    'rateCapitationType',
    ANSWER_LABELS.rateCapitationType,
    rate.rateCapitationType && CAPITATION_TYPE_LABELS[rate.rateCapitationType],
  );
  add('ratingPeriod', ANSWER_LABELS.ratingPeriod, formatPeriod(rate.rateDateStart, rate.rateDateEnd));
  if (rate.rateType === 'AMENDMENT') {
    add(
      'amendmentEffectiveDates',
      ANSWER_LABELS.rateAmendmentDates,
      formatPeriod(rate.amendmentEffectiveDateStart, rate.amendmentEffectiveDateEnd),
    );
  }
  add(
    'rateDateCertified',
    ANSWER_LABELS.rateDateCertified,
    rate.rateDateCertified && formatDay(rate.rateDateCertified),
  );
  add(
    'rateMedicaidPopulations',
    ANSWER_LABELS.rateMedicaidPopulations,
    rate.rateMedicaidPopulations.map((p) => MEDICAID_POPULATION_LABELS[p]),
  );
  add(
    'actuaryCommunicationPreference',
    ANSWER_LABELS.actuaryCommunicationPreference,
    rate.actuaryCommunicationPreference &&
      COMMUNICATION_PREFERENCE_LABELS[rate.actuaryCommunicationPreference],
  );
  return texts;
}
