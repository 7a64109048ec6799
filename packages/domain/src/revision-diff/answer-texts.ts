import {
  applicableProvisions,
  dropIrrelevantContractDetails,
  isDsnpAsked,
  type ContractDetailsContext,
  type ContractDetailsData,
} from '../contract-details-form';
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
  /** The answer, one line per chosen value; empty only for a question asked but unanswered (when wanted). */
  text: string[];
  /** Whether the question takes several values (a multiple choice), whatever this answer holds. */
  multiple: boolean;
}

export interface AnswerTextOptions {
  /**
   * Also list the questions asked but not answered, with no text: a draft's summary says "Not answered yet" for
   * them. A submitted revision, and a diff, leave them out.
   */
  unanswered?: boolean;
}

/** Collects the questions of one section, in the order the page shows them. */
function collector(section: AnswerSection, { unanswered = false }: AnswerTextOptions) {
  const texts: AnswerText[] = [];
  const add = (key: string, label: string, value: string | readonly string[] | undefined) => {
    const multiple = Array.isArray(value);
    const text = (typeof value === 'string' ? [value] : (value ?? [])).filter((line) => line.trim() !== '');
    if (text.length > 0 || unanswered) texts.push({ key, section, label, text, multiple });
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

/** The submission details of a contract revision (every version of the form asks them), as text. */
export function submissionAnswerTexts(
  form: StoredContractForm,
  programs: readonly Program[],
  options: AnswerTextOptions = {},
): AnswerText[] {
  const { texts, add } = collector('SUBMISSION_DETAILS', options);
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
  return texts;
}

/**
 * The contract details, as text: only the questions the other answers ask (the D-SNP question, the
 * non-compliance description, the provision questions of the population and contract type), after dropping the
 * answers they made irrelevant. Each provision question is its own entry, keyed `provisions.<name>`.
 */
export function contractDetailsAnswerTexts(
  stored: ContractDetailsData,
  context: Partial<ContractDetailsContext>,
  options: AnswerTextOptions = {},
): AnswerText[] {
  const { populationCovered, contractType } = context;
  const details = dropIrrelevantContractDetails(stored, { populationCovered, contractType });
  const { texts, add } = collector('CONTRACT_DETAILS', options);
  add(
    'contractExecutionStatus',
    ANSWER_LABELS.contractExecutionStatus,
    details.contractExecutionStatus && EXECUTION_STATUS_LABELS[details.contractExecutionStatus],
  );
  add(
    'contractDates',
    contractType === 'AMENDMENT' ? ANSWER_LABELS.contractAmendmentDates : ANSWER_LABELS.contractDates,
    formatPeriod(details.contractDateStart, details.contractDateEnd),
  );
  add(
    'managedCareEntities',
    ANSWER_LABELS.managedCareEntities,
    details.managedCareEntities.map((e) => MANAGED_CARE_ENTITY_LABELS[e]),
  );
  add(
    'federalAuthorities',
    ANSWER_LABELS.federalAuthorities,
    details.federalAuthorities.map((a) => FEDERAL_AUTHORITY_LABELS[a]),
  );
  if (isDsnpAsked(details.federalAuthorities)) {
    add('dsnpContract', ANSWER_LABELS.dsnpContract, yesNo(details.dsnpContract));
  }
  add(
    'statutoryRegulatoryAttestation',
    ANSWER_LABELS.statutoryRegulatoryAttestation,
    yesNo(details.statutoryRegulatoryAttestation),
  );
  if (details.statutoryRegulatoryAttestation === false) {
    add(
      'statutoryRegulatoryAttestationDescription',
      ANSWER_LABELS.statutoryRegulatoryAttestationDescription,
      details.statutoryRegulatoryAttestationDescription.trim(),
    );
  }
  const asked =
    populationCovered && contractType ? applicableProvisions(populationCovered, contractType) : [];
  for (const provision of asked) {
    add(`provisions.${provision}`, PROVISION_LABELS[provision], yesNo(details.provisions[provision]));
  }
  return texts;
}

/** The submission details and contract details of a contract revision, as text. */
export function contractAnswerTexts(
  form: StoredContractForm,
  programs: readonly Program[],
  options: AnswerTextOptions = {},
): AnswerText[] {
  const submission = submissionAnswerTexts(form, programs, options);
  if (form.schemaVersion === 1) return submission;
  const { populationCovered, contractType } = form;
  return [
    ...submission,
    ...contractDetailsAnswerTexts(form.contractDetails, { populationCovered, contractType }, options),
  ];
}

/**
 * The answers of a rate revision, as text. A submitted rate holds Medicaid populations only when its contract was
 * a D-SNP contract (submitting drops them otherwise), so they are shown whenever they are there.
 */
export function rateAnswerTexts(form: RateFormData, programs: readonly Program[]): AnswerText[] {
  const rate = dropIrrelevantRateAnswers(form, { dsnp: true });
  const { texts, add } = collector('RATE_DETAILS', {});
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
