import type {
  ACTUARY_COMMUNICATION_PREFERENCES,
  ActuarialFirm,
  CONTRACT_EXECUTION_STATUSES,
  FederalAuthority,
  MANAGED_CARE_ENTITIES,
  Provision,
  RATE_CAPITATION_TYPES,
  RATE_MEDICAID_POPULATIONS,
  RateType,
} from '@docket/domain';

/**
 * How the answers of the contract details and rate forms read to people. The lists of values come from the
 * domain; only their wording lives here, typed so that a value added to the domain cannot go unlabelled.
 */

type ExecutionStatus = (typeof CONTRACT_EXECUTION_STATUSES)[number];
type ManagedCareEntity = (typeof MANAGED_CARE_ENTITIES)[number];
type CapitationType = (typeof RATE_CAPITATION_TYPES)[number];
type MedicaidPopulation = (typeof RATE_MEDICAID_POPULATIONS)[number];
type CommunicationPreference = (typeof ACTUARY_COMMUNICATION_PREFERENCES)[number];

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
