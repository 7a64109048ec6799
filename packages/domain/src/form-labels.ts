import type { ContractType, PopulationCovered, SubmissionType } from './contract-form';
import type {
  CONTRACT_EXECUTION_STATUSES,
  FederalAuthority,
  MANAGED_CARE_ENTITIES,
  Provision,
} from './contract-details-form';
import type {
  ACTUARY_COMMUNICATION_PREFERENCES,
  ActuarialFirm,
  RATE_CAPITATION_TYPES,
  RATE_MEDICAID_POPULATIONS,
  RateType,
} from './rate-form';

/**
 * How the questions and answers of the forms read to people: the one source of their wording, for the pages that
 * show a filing and for the diff of two revisions, which must name a changed answer the way the summary page
 * names it. Each map is typed by the domain's list of values, so that a value added to the domain cannot go
 * unlabelled.
 */

type ExecutionStatus = (typeof CONTRACT_EXECUTION_STATUSES)[number];
type ManagedCareEntity = (typeof MANAGED_CARE_ENTITIES)[number];
type CapitationType = (typeof RATE_CAPITATION_TYPES)[number];
type MedicaidPopulation = (typeof RATE_MEDICAID_POPULATIONS)[number];
type CommunicationPreference = (typeof ACTUARY_COMMUNICATION_PREFERENCES)[number];

/** What the summary page calls each answer it shows (the editor asks the same questions at more length). */
export const ANSWER_LABELS = {
  populationCovered: 'Population covered',
  programIDs: 'Programs this contract action covers',
  submissionType: 'Submission type',
  contractType: 'Contract action type',
  riskBasedContract: 'Risk-based contract',
  submissionDescription: 'Submission description',
  contractExecutionStatus: 'Contract status',
  contractDates: 'Contract effective dates',
  contractAmendmentDates: 'Amendment effective dates',
  managedCareEntities: 'Managed care entities',
  federalAuthorities: 'Federal authorities',
  dsnpContract: 'D-SNP contract',
  statutoryRegulatoryAttestation: 'Complies with 42 CFR 438',
  statutoryRegulatoryAttestationDescription: 'How the contract does not comply',
  provisionsIncluded: 'This contract action includes new or modified provisions related to',
  provisionsExcluded: 'This contract action does not include new or modified provisions related to',
  provisionsUnanswered: 'Provision questions not answered yet',
  rateProgramIDs: 'Programs this rate certification covers',
  rateType: 'Rate certification type',
  rateCapitationType: 'Capitation rates',
  ratingPeriod: 'Rating period',
  rateAmendmentDates: 'Amendment effective dates',
  rateDateCertified: 'Date certified',
  rateMedicaidPopulations: 'Medicaid populations',
  certifyingActuaryContacts: 'Certifying actuaries',
  addtlActuaryContacts: 'Additional actuaries',
  actuaryCommunicationPreference: 'Actuary communication preference',
  stateContacts: 'State contacts',
} as const;
export type AnswerLabelKey = keyof typeof ANSWER_LABELS;

/** What each list of documents is called, on the summary page and in a diff. */
export const DOCUMENT_LIST_LABELS = {
  contractDocuments: 'Contract documents',
  contractSupportingDocuments: 'Supporting documents',
  rateDocuments: 'Rate certification document',
  rateSupportingDocuments: 'Rate supporting documents',
} as const;
export type DocumentListKey = keyof typeof DOCUMENT_LIST_LABELS;

export const POPULATION_LABELS: Record<PopulationCovered, string> = {
  MEDICAID: 'Medicaid',
  CHIP: 'CHIP-only',
  MEDICAID_AND_CHIP: 'Medicaid and CHIP',
};

export const SUBMISSION_TYPE_LABELS: Record<SubmissionType, string> = {
  CONTRACT_ONLY: 'Contract action only',
  CONTRACT_AND_RATES: 'Contract action and rate certification',
};

export const CONTRACT_TYPE_LABELS: Record<ContractType, string> = {
  BASE: 'Base contract',
  AMENDMENT: 'Amendment to base contract',
};

export const EXECUTION_STATUS_LABELS: Record<ExecutionStatus, string> = {
  EXECUTED: 'Fully executed',
  UNEXECUTED: 'Unexecuted by some or all parties',
};

export const MANAGED_CARE_ENTITY_LABELS: Record<ManagedCareEntity, string> = {
  MCO: 'Managed Care Organization (MCO)',
  PIHP: 'Prepaid Inpatient Health Plan (PIHP)',
  PAHP: 'Prepaid Ambulatory Health Plan (PAHP)',
  PCCM: 'Primary Care Case Management Entity (PCCM Entity)',
};

export const FEDERAL_AUTHORITY_LABELS: Record<FederalAuthority, string> = {
  STATE_PLAN: '1932(a) State Plan Authority',
  WAIVER_1915B: '1915(b) Waiver Authority',
  WAIVER_1115: '1115 Waiver Authority',
  VOLUNTARY: '1915(a) Voluntary Authority',
  BENCHMARK: '1937 Benchmark Authority',
  TITLE_XXI: 'Title XXI Separate CHIP State Plan Authority',
};

/** Each provision question, as asked: "Does this contract action include new or modified provisions related to…" */
export const PROVISION_LABELS: Record<Provision, string> = {
  inLieuServicesAndSettings:
    'In lieu-of services and settings (ILOSs) in accordance with 42 CFR § 438.3(e)(2)',
  modifiedRiskSharingStrategy:
    'Risk-sharing strategy (e.g., risk corridor, minimum medical loss ratio with a remittance, stop loss limits, reinsurance) in accordance with 42 CFR § 438.6(b)(1)',
  modifiedIncentiveArrangements: 'Incentive arrangements in accordance with 42 CFR § 438.6(b)(2)',
  modifiedWitholdAgreements: 'Withhold arrangements in accordance with 42 CFR § 438.6(b)(3)',
  modifiedStateDirectedPayments: 'State directed payments in accordance with 42 CFR § 438.6(c)',
  modifiedPassThroughPayments: 'Pass-through payments in accordance with 42 CFR § 438.6(d)',
  modifiedPaymentsForMentalDiseaseInstitutions:
    'Payments to MCOs and PIHPs for enrollees that are patients in an institution for mental disease in accordance with 42 CFR § 438.6(e)',
  modifiedNonRiskPaymentArrangements: 'Non-risk payment arrangements',
  modifiedBenefitsProvided: 'Benefits provided by the managed care plans',
  modifiedGeoAreaServed: 'Geographic areas served by the managed care plans',
  modifiedMedicaidBeneficiaries:
    'Beneficiaries served by the managed care plans (e.g., eligibility or enrollment criteria)',
  modifiedMedicalLossRatioStandards: 'Medical loss ratio standards in accordance with 42 CFR § 438.8',
  modifiedOtherFinancialPaymentIncentive:
    'Other financial, payment, incentive or related contractual provisions',
  modifiedEnrollmentProcess: 'Enrollment or disenrollment process',
  modifiedGrevienceAndAppeal: 'Grievance and appeal system',
  modifiedNetworkAdequacyStandards: 'Network adequacy standards',
  modifiedLengthOfContract: 'Length of the contract period',
};

export const RATE_TYPE_LABELS: Record<RateType, string> = {
  NEW: 'New rate certification',
  AMENDMENT: 'Amendment to a prior rate certification',
};

export const CAPITATION_TYPE_LABELS: Record<CapitationType, string> = {
  RATE_CELL: 'Certification of capitation rates specific to each rate cell',
  RATE_RANGE: 'Certification of rate ranges of capitation rates per rate cell',
};

export const MEDICAID_POPULATION_LABELS: Record<MedicaidPopulation, string> = {
  MEDICARE_MEDICAID_WITH_DSNP:
    'Medicare-Medicaid dually eligible individuals enrolled through a Dual-Eligible Special Needs Plan (D-SNP)',
  MEDICAID_ONLY: 'Medicaid-only beneficiaries',
  MEDICARE_MEDICAID_WITHOUT_DSNP:
    'Medicare-Medicaid dually eligible individuals not enrolled through a D-SNP',
};

export const ACTUARIAL_FIRM_LABELS: Record<ActuarialFirm, string> = {
  MERCER: 'Mercer',
  MILLIMAN: 'Milliman',
  OPTUMAS: 'Optumas',
  GUIDEHOUSE: 'Guidehouse',
  DELOITTE: 'Deloitte',
  STATE_IN_HOUSE: 'State in-house',
  OTHER: 'Other',
};

export const COMMUNICATION_PREFERENCE_LABELS: Record<CommunicationPreference, string> = {
  OACT_TO_ACTUARY:
    "OACT can communicate directly with the state's actuaries, copying the state on all written communication and all appointments for verbal discussions.",
  OACT_TO_STATE:
    'OACT can communicate directly with the state, and the state will relay all written communication to its actuaries and set up time for any verbal discussions.',
};

export function yesNo(value: boolean | undefined): string | undefined {
  if (value === undefined) return undefined;
  return value ? 'Yes' : 'No';
}

const dayFormat = new Intl.DateTimeFormat('en-US', {
  month: 'short',
  day: 'numeric',
  year: 'numeric',
  timeZone: 'UTC',
});

/** A calendar day kept as YYYY-MM-DD (no time, no zone): "Mar 4, 2025". */
export function formatDay(day: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return day;
  return dayFormat.format(new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))));
}

/** A rating or contract period: "Jan 1, 2025 to Dec 31, 2025", or what there is of it. */
export function formatPeriod(start: string | null | undefined, end: string | null | undefined): string {
  if (start && end) return `${formatDay(start)} to ${formatDay(end)}`;
  if (start) return `From ${formatDay(start)}`;
  if (end) return `Until ${formatDay(end)}`;
  return '';
}
