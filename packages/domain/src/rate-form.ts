import { z } from 'zod';
import type { FieldIssue } from './errors';
import {
  dateInRangeSchema,
  dateRangeIssues,
  isoDateSchema,
  requiredDateSchema,
  type IsoDate,
} from './calendar-date';
import {
  documentListSchema,
  documentRefSchema,
  duplicateChoiceIssues,
  duplicateNameIssues,
  zodIssues,
} from './form-fields';

/** Rate answers as stored in a rate revision; versioned like the contract form (DOMAIN §3.5). */
export const RATE_FORM_SCHEMA_VERSION = 1;

export const RATE_TYPES = ['NEW', 'AMENDMENT'] as const;
export const RATE_CAPITATION_TYPES = ['RATE_CELL', 'RATE_RANGE'] as const;
export const RATE_MEDICAID_POPULATIONS = [
  'MEDICARE_MEDICAID_WITH_DSNP',
  'MEDICAID_ONLY',
  'MEDICARE_MEDICAID_WITHOUT_DSNP',
] as const;
export const ACTUARIAL_FIRMS = [
  'MERCER',
  'MILLIMAN',
  'OPTUMAS',
  'GUIDEHOUSE',
  'DELOITTE',
  'STATE_IN_HOUSE',
  'OTHER',
] as const;
export const ACTUARY_COMMUNICATION_PREFERENCES = ['OACT_TO_ACTUARY', 'OACT_TO_STATE'] as const;
export type RateType = (typeof RATE_TYPES)[number];
export type ActuarialFirm = (typeof ACTUARIAL_FIRMS)[number];

export const MAX_RATE_PROGRAMS = 50;
export const MAX_ACTUARIES = 20;

/** An actuary contact as a draft holds it: any field may still be blank. */
export const actuaryContactDraftSchema = z.object({
  name: z.string().trim().max(200).default(''),
  titleRole: z.string().trim().max(200).default(''),
  email: z.string().trim().max(254).default(''),
  actuarialFirm: z.enum(ACTUARIAL_FIRMS).optional(),
  actuarialFirmOther: z.string().trim().max(200).default(''),
});
export type ActuaryContact = z.output<typeof actuaryContactDraftSchema>;

const actuaryContactSubmitSchema = z.object({
  name: z.string().trim().min(1, 'Enter the name'),
  titleRole: z.string().trim().min(1, 'Enter the title or role'),
  email: z.email({ error: 'Enter a valid email address' }),
  actuarialFirm: z.enum(ACTUARIAL_FIRMS, { error: 'Choose the actuarial firm' }),
  actuarialFirmOther: z.string().trim(),
});

/** Rate answers a draft may hold: well-typed, possibly incomplete. */
export const rateFormDraftSchema = z.object({
  schemaVersion: z.literal(RATE_FORM_SCHEMA_VERSION).default(RATE_FORM_SCHEMA_VERSION),
  rateDocuments: documentListSchema.default([]),
  supportingDocuments: documentListSchema.default([]),
  rateProgramIDs: z
    .array(z.uuid({ error: 'Must be a program id' }))
    .max(MAX_RATE_PROGRAMS)
    .default([]),
  rateType: z.enum(RATE_TYPES).optional(),
  rateCapitationType: z.enum(RATE_CAPITATION_TYPES).optional(),
  rateDateStart: isoDateSchema.optional(),
  rateDateEnd: isoDateSchema.optional(),
  rateDateCertified: isoDateSchema.optional(),
  amendmentEffectiveDateStart: isoDateSchema.optional(),
  amendmentEffectiveDateEnd: isoDateSchema.optional(),
  rateMedicaidPopulations: z.array(z.enum(RATE_MEDICAID_POPULATIONS)).default([]),
  certifyingActuaryContacts: z.array(actuaryContactDraftSchema).max(MAX_ACTUARIES).default([]),
  addtlActuaryContacts: z.array(actuaryContactDraftSchema).max(MAX_ACTUARIES).default([]),
  actuaryCommunicationPreference: z.enum(ACTUARY_COMMUNICATION_PREFERENCES).optional(),
});
export type RateFormData = z.output<typeof rateFormDraftSchema>;
export type RateFormInput = z.input<typeof rateFormDraftSchema>;

/** Every date a rate answers. */
export const RATE_DATE_FIELDS = [
  'rateDateStart',
  'rateDateEnd',
  'rateDateCertified',
  'amendmentEffectiveDateStart',
  'amendmentEffectiveDateEnd',
] as const satisfies readonly (keyof RateFormData)[];

/** Issues for the rate's dates outside the calendar range, checked whenever its answers are saved. */
export function rateDateIssues(form: RateFormData): FieldIssue[] {
  return dateRangeIssues(form, RATE_DATE_FIELDS);
}

/** The questions every rate must answer; the conditional ones are checked in {@link checkRateForSubmit}. */
export const rateFormSubmitSchema = z.object({
  schemaVersion: z.literal(RATE_FORM_SCHEMA_VERSION),
  rateDocuments: z.array(documentRefSchema).length(1, 'Add exactly one rate certification document'),
  supportingDocuments: z.array(documentRefSchema),
  rateProgramIDs: z.array(z.string()).min(1, 'Choose at least one program'),
  rateType: z.enum(RATE_TYPES, { error: 'Choose the rate certification type' }),
  rateCapitationType: z.enum(RATE_CAPITATION_TYPES, { error: 'Choose how capitation rates are presented' }),
  rateDateStart: requiredDateSchema('Enter the start of the rating period'),
  rateDateEnd: requiredDateSchema('Enter the end of the rating period'),
  rateDateCertified: requiredDateSchema('Enter the date the rates were certified'),
  amendmentEffectiveDateStart: dateInRangeSchema.optional(),
  amendmentEffectiveDateEnd: dateInRangeSchema.optional(),
  rateMedicaidPopulations: z.array(z.enum(RATE_MEDICAID_POPULATIONS)),
  certifyingActuaryContacts: z.array(actuaryContactSubmitSchema).min(1, 'Add the certifying actuary'),
  addtlActuaryContacts: z.array(actuaryContactSubmitSchema),
  actuaryCommunicationPreference: z.enum(ACTUARY_COMMUNICATION_PREFERENCES, {
    error: 'Choose the actuary communication preference',
  }),
});
export type SubmittedRateForm = z.output<typeof rateFormSubmitSchema>;

/** What a rate's validity depends on outside the rate itself. */
export interface RateContext {
  /** Whether the contract the rate is filed with is a D-SNP contract (`dsnpContract === true`). */
  dsnp: boolean;
  /** Today's date in the reviewing time zone, `YYYY-MM-DD`; the domain reads no clock. */
  today: IsoDate;
}

export type RateSubmitCheck = { ok: true; form: SubmittedRateForm } | { ok: false; issues: FieldIssue[] };

export function emptyRateForm(): RateFormData {
  return rateFormDraftSchema.parse({});
}

/**
 * Removes answers that other answers made irrelevant, so that stale data is never filed: Medicaid populations
 * when the contract is not D-SNP, amendment dates when the rate is not an amendment, and an actuary's "other firm"
 * text when the firm is not `OTHER`.
 */
export function dropIrrelevantRateAnswers(form: RateFormData, ctx: Pick<RateContext, 'dsnp'>): RateFormData {
  const clean = (c: ActuaryContact): ActuaryContact =>
    c.actuarialFirm === 'OTHER' ? c : { ...c, actuarialFirmOther: '' };
  const next: RateFormData = {
    ...form,
    rateMedicaidPopulations: ctx.dsnp ? form.rateMedicaidPopulations : [],
    certifyingActuaryContacts: form.certifyingActuaryContacts.map(clean),
    addtlActuaryContacts: form.addtlActuaryContacts.map(clean),
  };
  if (form.rateType !== 'AMENDMENT') {
    delete next.amendmentEffectiveDateStart;
    delete next.amendmentEffectiveDateEnd;
  }
  return next;
}

function actuaryIssues(field: string, contacts: readonly ActuaryContact[]): FieldIssue[] {
  return contacts.flatMap((c, index) =>
    c.actuarialFirm === 'OTHER' && c.actuarialFirmOther.trim() === ''
      ? [{ path: [field, index, 'actuarialFirmOther'], message: 'Name the actuarial firm' }]
      : [],
  );
}

/**
 * Full validation of a rate before its contract is submitted. Irrelevant answers are dropped first (see
 * {@link dropIrrelevantRateAnswers}); the result lists every missing or invalid answer by path.
 */
export function checkRateForSubmit(form: RateFormData, ctx: RateContext): RateSubmitCheck {
  const rate = dropIrrelevantRateAnswers(form, ctx);
  const parsed = rateFormSubmitSchema.safeParse(rate);
  const issues = parsed.success ? [] : zodIssues(parsed.error);
  issues.push(...duplicateNameIssues('supportingDocuments', rate.supportingDocuments));
  issues.push(...duplicateChoiceIssues('rateProgramIDs', rate.rateProgramIDs));
  issues.push(...duplicateChoiceIssues('rateMedicaidPopulations', rate.rateMedicaidPopulations));
  if (rate.rateDateStart && rate.rateDateEnd && rate.rateDateEnd <= rate.rateDateStart) {
    issues.push({ path: ['rateDateEnd'], message: 'The rating period must end after it starts' });
  }
  if (rate.rateDateCertified && rate.rateDateCertified > ctx.today) {
    issues.push({ path: ['rateDateCertified'], message: 'The certification date cannot be in the future' });
  }
  if (rate.rateType === 'AMENDMENT') {
    if (!rate.amendmentEffectiveDateStart) {
      issues.push({
        path: ['amendmentEffectiveDateStart'],
        message: 'Enter the amendment effective start date',
      });
    }
    if (!rate.amendmentEffectiveDateEnd) {
      issues.push({ path: ['amendmentEffectiveDateEnd'], message: 'Enter the amendment effective end date' });
    }
    if (
      rate.amendmentEffectiveDateStart &&
      rate.amendmentEffectiveDateEnd &&
      rate.amendmentEffectiveDateEnd <= rate.amendmentEffectiveDateStart
    ) {
      issues.push({ path: ['amendmentEffectiveDateEnd'], message: 'The amendment must end after it starts' });
    }
  }
  if (ctx.dsnp && rate.rateMedicaidPopulations.length === 0) {
    issues.push({
      path: ['rateMedicaidPopulations'],
      message: 'Choose the Medicaid populations of this D-SNP rate',
    });
  }
  issues.push(...actuaryIssues('certifyingActuaryContacts', rate.certifyingActuaryContacts));
  issues.push(...actuaryIssues('addtlActuaryContacts', rate.addtlActuaryContacts));
  if (parsed.success && issues.length === 0) return { ok: true, form: parsed.data };
  return { ok: false, issues };
}

export interface RateNameInput {
  stateCode: string;
  programs: readonly { name: string }[];
  rateType: RateType;
  rateDateStart: IsoDate;
  rateDateEnd: IsoDate;
  rateDateCertified: IsoDate;
  amendmentEffectiveDateStart?: IsoDate | undefined;
  amendmentEffectiveDateEnd?: IsoDate | undefined;
}

/** `2024-07-01` → `20240701`. */
function compactDate(date: IsoDate): string {
  return date.replaceAll('-', '');
}

/**
 * The generated name of a rate (DOMAIN §3.3). Dates are written `YYYYMMDD`; program names are sorted and joined
 * with `-`, as in the contract name.
 * - new: `MCR-{ST}-{PROGRAMS}-{rateDateStart}-{rateDateEnd}-CERTIFICATION-{rateDateCertified}`
 * - amendment: `MCR-{ST}-{PROGRAMS}-{amendmentEffectiveDateStart}-{amendmentEffectiveDateEnd}-AMENDMENT-{rateDateCertified}`
 *
 * An amendment without its effective dates falls back to the rating period, so a draft always has a name.
 */
export function rateName(input: RateNameInput): string {
  const programs = input.programs.map((p) => p.name.trim().replace(/\s+/g, '-')).sort();
  const amendment = input.rateType === 'AMENDMENT';
  const start = amendment ? (input.amendmentEffectiveDateStart ?? input.rateDateStart) : input.rateDateStart;
  const end = amendment ? (input.amendmentEffectiveDateEnd ?? input.rateDateEnd) : input.rateDateEnd;
  return [
    'MCR',
    input.stateCode,
    ...programs,
    compactDate(start),
    compactDate(end),
    amendment ? 'AMENDMENT' : 'CERTIFICATION',
    compactDate(input.rateDateCertified),
  ].join('-');
}
