import { z } from 'zod';
import type { FieldIssue } from './errors';
import type { ContractFormData, ContractType, PopulationCovered } from './contract-form';
import { dateRangeIssues, isoDateSchema, requiredDateSchema } from './calendar-date';
import {
  documentListSchema,
  documentRefSchema,
  duplicateChoiceIssues,
  duplicateNameIssues,
  zodIssues,
} from './form-fields';
import { dropIrrelevantRateAnswers, type RateFormData } from './rate-form';

export const CONTRACT_EXECUTION_STATUSES = ['EXECUTED', 'UNEXECUTED'] as const;
export const MANAGED_CARE_ENTITIES = ['MCO', 'PIHP', 'PAHP', 'PCCM'] as const;
export const FEDERAL_AUTHORITIES = [
  'STATE_PLAN',
  'WAIVER_1915B',
  'WAIVER_1115',
  'VOLUNTARY',
  'BENCHMARK',
  'TITLE_XXI',
] as const;
export type FederalAuthority = (typeof FEDERAL_AUTHORITIES)[number];

/** The authorities under which the D-SNP question is asked. */
export const DSNP_AUTHORITIES: readonly FederalAuthority[] = [
  'STATE_PLAN',
  'WAIVER_1915B',
  'WAIVER_1115',
  'VOLUNTARY',
];
/** A CHIP-only filing must name at least one of these. */
export const CHIP_AUTHORITIES: readonly FederalAuthority[] = ['WAIVER_1115', 'TITLE_XXI'];

export const ATTESTATION_DESCRIPTION_MAX = 1500;

/** Provision questions of a Medicaid contract, base or amendment. */
export const MEDICAID_BASE_PROVISIONS = [
  'inLieuServicesAndSettings',
  'modifiedRiskSharingStrategy',
  'modifiedIncentiveArrangements',
  'modifiedWitholdAgreements',
  'modifiedStateDirectedPayments',
  'modifiedPassThroughPayments',
  'modifiedPaymentsForMentalDiseaseInstitutions',
  'modifiedNonRiskPaymentArrangements',
] as const;
/** Provision questions a Medicaid amendment asks on top of the base set. */
export const MEDICAID_AMENDMENT_EXTRA_PROVISIONS = [
  'modifiedBenefitsProvided',
  'modifiedGeoAreaServed',
  'modifiedMedicaidBeneficiaries',
  'modifiedMedicalLossRatioStandards',
  'modifiedOtherFinancialPaymentIncentive',
  'modifiedEnrollmentProcess',
  'modifiedGrevienceAndAppeal',
  'modifiedNetworkAdequacyStandards',
  'modifiedLengthOfContract',
] as const;
export const PROVISIONS = [...MEDICAID_BASE_PROVISIONS, ...MEDICAID_AMENDMENT_EXTRA_PROVISIONS] as const;
export type Provision = (typeof PROVISIONS)[number];
/** Provision questions of a CHIP-only amendment (the field names keep their historical spelling). */
export const CHIP_AMENDMENT_PROVISIONS: readonly Provision[] = [
  'modifiedBenefitsProvided',
  'modifiedGeoAreaServed',
  'modifiedMedicaidBeneficiaries',
  'modifiedEnrollmentProcess',
  'modifiedMedicalLossRatioStandards',
  'modifiedGrevienceAndAppeal',
  'modifiedNetworkAdequacyStandards',
  'modifiedLengthOfContract',
  'modifiedNonRiskPaymentArrangements',
];

/**
 * The provision questions a contract asks. A filing covering Medicaid and CHIP asks the Medicaid questions; a
 * CHIP-only base contract asks none.
 */
export function applicableProvisions(
  populationCovered: PopulationCovered,
  contractType: ContractType,
): readonly Provision[] {
  if (populationCovered === 'CHIP') return contractType === 'AMENDMENT' ? CHIP_AMENDMENT_PROVISIONS : [];
  return contractType === 'AMENDMENT' ? PROVISIONS : MEDICAID_BASE_PROVISIONS;
}

/** Whether the D-SNP question is asked, given the federal authorities chosen. */
export function isDsnpAsked(federalAuthorities: readonly FederalAuthority[]): boolean {
  return federalAuthorities.some((a) => DSNP_AUTHORITIES.includes(a));
}

const provisionsSchema = z.object(
  Object.fromEntries(PROVISIONS.map((p) => [p, z.boolean().optional()])) as Record<
    Provision,
    z.ZodOptional<z.ZodBoolean>
  >,
);
export type ProvisionAnswers = z.output<typeof provisionsSchema>;

/** Contract details a draft may hold: well-typed, possibly incomplete. */
export const contractDetailsDraftSchema = z.object({
  contractDocuments: documentListSchema.default([]),
  supportingDocuments: documentListSchema.default([]),
  contractExecutionStatus: z.enum(CONTRACT_EXECUTION_STATUSES).optional(),
  contractDateStart: isoDateSchema.optional(),
  contractDateEnd: isoDateSchema.optional(),
  managedCareEntities: z.array(z.enum(MANAGED_CARE_ENTITIES)).max(MANAGED_CARE_ENTITIES.length).default([]),
  federalAuthorities: z.array(z.enum(FEDERAL_AUTHORITIES)).max(FEDERAL_AUTHORITIES.length).default([]),
  dsnpContract: z.boolean().optional(),
  statutoryRegulatoryAttestation: z.boolean().optional(),
  statutoryRegulatoryAttestationDescription: z
    .string()
    .max(ATTESTATION_DESCRIPTION_MAX, `At most ${ATTESTATION_DESCRIPTION_MAX} characters`)
    .default(''),
  provisions: provisionsSchema.default({}),
});
export type ContractDetailsData = z.output<typeof contractDetailsDraftSchema>;
export type ContractDetailsInput = z.input<typeof contractDetailsDraftSchema>;

/** Every date the contract details answer. */
export const CONTRACT_DETAILS_DATE_FIELDS = [
  'contractDateStart',
  'contractDateEnd',
] as const satisfies readonly (keyof ContractDetailsData)[];

/** Issues for the details' dates outside the calendar range, checked whenever the answers are saved. */
export function contractDetailsDateIssues(details: ContractDetailsData): FieldIssue[] {
  return dateRangeIssues(details, CONTRACT_DETAILS_DATE_FIELDS);
}

/** The questions every contract answers; the conditional ones are checked in {@link checkContractDetailsForSubmit}. */
export const contractDetailsSubmitSchema = z.object({
  contractDocuments: z.array(documentRefSchema).min(1, 'Add the contract document'),
  supportingDocuments: z.array(documentRefSchema),
  contractExecutionStatus: z.enum(CONTRACT_EXECUTION_STATUSES, { error: 'Choose the contract status' }),
  contractDateStart: requiredDateSchema('Enter the start date'),
  contractDateEnd: requiredDateSchema('Enter the end date'),
  managedCareEntities: z
    .array(z.enum(MANAGED_CARE_ENTITIES))
    .min(1, 'Choose at least one managed care entity'),
  federalAuthorities: z.array(z.enum(FEDERAL_AUTHORITIES)).min(1, 'Choose at least one federal authority'),
  dsnpContract: z.boolean().optional(),
  statutoryRegulatoryAttestation: z.boolean({
    error: 'Answer whether the contract complies with 42 CFR 438',
  }),
  statutoryRegulatoryAttestationDescription: z.string().trim().max(ATTESTATION_DESCRIPTION_MAX),
  provisions: provisionsSchema,
});
export type SubmittedContractDetails = z.output<typeof contractDetailsSubmitSchema>;

/** The submission details the contract details depend on. */
export interface ContractDetailsContext {
  populationCovered: PopulationCovered;
  contractType: ContractType;
}

export type ContractDetailsSubmitCheck =
  { ok: true; form: SubmittedContractDetails } | { ok: false; issues: FieldIssue[] };

export function emptyContractDetails(): ContractDetailsData {
  return contractDetailsDraftSchema.parse({});
}

/**
 * Removes contract-detail answers made irrelevant by other answers: a D-SNP answer no authority asks for, the
 * attestation description when the contract complies, and provision answers the population and contract type do
 * not ask (all of them for a CHIP-only base contract). Without a population or contract type, provisions are kept.
 */
export function dropIrrelevantContractDetails(
  details: ContractDetailsData,
  ctx: Partial<ContractDetailsContext>,
): ContractDetailsData {
  const next: ContractDetailsData = { ...details, provisions: { ...details.provisions } };
  if (!isDsnpAsked(details.federalAuthorities)) delete next.dsnpContract;
  if (details.statutoryRegulatoryAttestation === true) next.statutoryRegulatoryAttestationDescription = '';
  if (ctx.populationCovered && ctx.contractType) {
    const asked = applicableProvisions(ctx.populationCovered, ctx.contractType);
    for (const p of PROVISIONS) if (!asked.includes(p)) delete next.provisions[p];
  }
  return next;
}

/**
 * Full validation of the contract details before submit. Irrelevant answers are dropped first (see
 * {@link dropIrrelevantContractDetails}); the result lists every missing or invalid answer by path.
 */
export function checkContractDetailsForSubmit(
  form: ContractDetailsData,
  ctx: ContractDetailsContext,
): ContractDetailsSubmitCheck {
  const details = dropIrrelevantContractDetails(form, ctx);
  const parsed = contractDetailsSubmitSchema.safeParse(details);
  const issues = parsed.success ? [] : zodIssues(parsed.error);
  issues.push(...duplicateNameIssues('contractDocuments', details.contractDocuments));
  issues.push(...duplicateNameIssues('supportingDocuments', details.supportingDocuments));
  issues.push(...duplicateChoiceIssues('managedCareEntities', details.managedCareEntities));
  issues.push(...duplicateChoiceIssues('federalAuthorities', details.federalAuthorities));
  if (
    details.contractDateStart &&
    details.contractDateEnd &&
    details.contractDateEnd <= details.contractDateStart
  ) {
    issues.push({ path: ['contractDateEnd'], message: 'The end date must be after the start date' });
  }
  if (
    ctx.populationCovered === 'CHIP' &&
    details.federalAuthorities.length > 0 &&
    !details.federalAuthorities.some((a) => CHIP_AUTHORITIES.includes(a))
  ) {
    issues.push({
      path: ['federalAuthorities'],
      message: 'A CHIP-only contract must include the 1115 waiver or Title XXI authority',
    });
  }
  if (isDsnpAsked(details.federalAuthorities) && details.dsnpContract === undefined) {
    issues.push({ path: ['dsnpContract'], message: 'Answer whether this is a D-SNP contract' });
  }
  if (
    details.statutoryRegulatoryAttestation === false &&
    details.statutoryRegulatoryAttestationDescription.trim() === ''
  ) {
    issues.push({
      path: ['statutoryRegulatoryAttestationDescription'],
      message: 'Describe how the contract does not comply with 42 CFR 438',
    });
  }
  for (const p of applicableProvisions(ctx.populationCovered, ctx.contractType)) {
    if (details.provisions[p] === undefined) {
      issues.push({ path: ['provisions', p], message: 'Answer this provision question' });
    }
  }
  if (parsed.success && issues.length === 0) return { ok: true, form: parsed.data };
  return { ok: false, issues };
}

/** A whole contract filing's answers: the contract form (with its details) and the new rates it owns. */
export interface ContractAnswers {
  form: ContractFormData;
  rates: RateFormData[];
}

/**
 * Removes every answer of a filing made irrelevant by other answers, so stale data is never filed: no rates on a
 * contract-only (or CHIP-only) filing — rates are kept while the submission type is unanswered — the contract
 * details cleaned by {@link dropIrrelevantContractDetails}, and each rate cleaned by
 * {@link dropIrrelevantRateAnswers} (no Medicaid populations unless the contract is D-SNP).
 */
export function dropIrrelevantContractAnswers(answers: ContractAnswers): ContractAnswers {
  const { populationCovered, contractType } = answers.form;
  const details = dropIrrelevantContractDetails(answers.form.contractDetails, {
    populationCovered,
    contractType,
  });
  const dsnp = details.dsnpContract === true;
  return {
    form: { ...answers.form, contractDetails: details },
    rates: hasRates(answers.form) ? answers.rates.map((r) => dropIrrelevantRateAnswers(r, { dsnp })) : [],
  };
}

/** Whether a filing can carry rates: not contract-only, not CHIP-only (unanswered counts as possible). */
export function hasRates(form: Pick<ContractFormData, 'submissionType' | 'populationCovered'>): boolean {
  return form.submissionType !== 'CONTRACT_ONLY' && form.populationCovered !== 'CHIP';
}
