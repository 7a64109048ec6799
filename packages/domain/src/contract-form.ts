import { z } from 'zod';
import {
  checkContractDetailsForSubmit,
  contractDetailsDateIssues,
  contractDetailsDraftSchema,
  emptyContractDetails,
  type ContractDetailsData,
} from './contract-details-form';
import type { FieldIssue } from './errors';
import { zodIssues } from './form-fields';
import type { Program } from './reference-data';

export { zodIssues } from './form-fields';

/**
 * The contract form, as stored in a revision. Stored answers carry `schemaVersion` forever: fields are only ever
 * added as optional or retired, never re-typed in place, so an old revision always parses (DOMAIN §3.5).
 * - 1: submission details and state contacts.
 * - 2: adds `contractDetails` (§3.2).
 */
export const CONTRACT_FORM_SCHEMA_VERSION = 2;

export const POPULATIONS = ['MEDICAID', 'CHIP', 'MEDICAID_AND_CHIP'] as const;
export const SUBMISSION_TYPES = ['CONTRACT_ONLY', 'CONTRACT_AND_RATES'] as const;
export const CONTRACT_TYPES = ['BASE', 'AMENDMENT'] as const;
export type PopulationCovered = (typeof POPULATIONS)[number];
export type SubmissionType = (typeof SUBMISSION_TYPES)[number];
export type ContractType = (typeof CONTRACT_TYPES)[number];

export const SUBMISSION_DESCRIPTION_MAX = 1500;
export const MAX_PROGRAMS = 50;
export const MAX_CONTACTS = 20;

/** A state contact as a draft holds it: any field may still be blank. */
export const stateContactDraftSchema = z.object({
  givenName: z.string().trim().max(100).default(''),
  familyName: z.string().trim().max(100).default(''),
  titleRole: z.string().trim().max(200).default(''),
  email: z.string().trim().max(254).default(''),
});
export type StateContact = z.output<typeof stateContactDraftSchema>;

/** A state contact as a submission needs it: every field answered. */
export const stateContactSchema = z.object({
  givenName: z.string().trim().min(1, 'Enter the given name'),
  familyName: z.string().trim().min(1, 'Enter the family name'),
  titleRole: z.string().trim().min(1, 'Enter the title or role'),
  email: z.email({ error: 'Enter a valid email address' }),
});

/** The submission details and contacts, as every version of the form holds them. */
const submissionDetailsDraftShape = {
  populationCovered: z.enum(POPULATIONS).optional(),
  programIDs: z
    .array(z.uuid({ error: 'Must be a program id' }))
    .max(MAX_PROGRAMS)
    .default([]),
  submissionType: z.enum(SUBMISSION_TYPES).optional(),
  contractType: z.enum(CONTRACT_TYPES).optional(),
  riskBasedContract: z.boolean().optional(),
  submissionDescription: z
    .string()
    .max(SUBMISSION_DESCRIPTION_MAX, `At most ${SUBMISSION_DESCRIPTION_MAX} characters`)
    .default(''),
  stateContacts: z.array(stateContactDraftSchema).max(MAX_CONTACTS).default([]),
};

/** Answers stored by version 1 of the form. Read only: nothing writes this shape any more. */
export const contractFormV1Schema = z.object({ schemaVersion: z.literal(1), ...submissionDetailsDraftShape });
export type ContractFormV1 = z.output<typeof contractFormV1Schema>;

/** Answers a draft may hold, in the current form: well-typed, but possibly incomplete. */
export const contractFormDraftSchema = z.object({
  schemaVersion: z.literal(CONTRACT_FORM_SCHEMA_VERSION).default(CONTRACT_FORM_SCHEMA_VERSION),
  ...submissionDetailsDraftShape,
  contractDetails: contractDetailsDraftSchema.default(() => emptyContractDetails()),
});
export type ContractFormData = z.output<typeof contractFormDraftSchema>;
export type ContractFormInput = z.input<typeof contractFormDraftSchema>;

/** Answers as a revision stores them: any version of the form, ever. */
export const storedContractFormSchema = z.discriminatedUnion('schemaVersion', [
  contractFormV1Schema,
  contractFormDraftSchema.extend({ schemaVersion: z.literal(CONTRACT_FORM_SCHEMA_VERSION) }),
]);
export type StoredContractForm = z.output<typeof storedContractFormSchema>;

/**
 * Brings stored answers up to the current form, for a draft opened on an old filing (DOMAIN §3.5). Answers are
 * kept; questions the old form did not ask start unanswered, so submitting asks for them.
 */
export function upgradeContractForm(stored: StoredContractForm): ContractFormData {
  if (stored.schemaVersion === CONTRACT_FORM_SCHEMA_VERSION) return stored;
  return contractFormDraftSchema.parse({ ...stored, schemaVersion: CONTRACT_FORM_SCHEMA_VERSION });
}

/** Answers a submission must hold: every question of the submission details and the contacts. */
export const contractFormSubmitSchema = z.object({
  schemaVersion: z.literal(CONTRACT_FORM_SCHEMA_VERSION),
  populationCovered: z.enum(POPULATIONS, { error: 'Choose the population covered' }),
  programIDs: z.array(z.string()).min(1, 'Choose at least one program'),
  submissionType: z.enum(SUBMISSION_TYPES, { error: 'Choose a submission type' }),
  contractType: z.enum(CONTRACT_TYPES, { error: 'Choose a contract action type' }),
  riskBasedContract: z.boolean({ error: 'Answer whether this is a risk-based contract' }),
  submissionDescription: z
    .string()
    .trim()
    .min(1, 'Describe the submission')
    .max(SUBMISSION_DESCRIPTION_MAX, `At most ${SUBMISSION_DESCRIPTION_MAX} characters`),
  stateContacts: z.array(stateContactSchema).min(1, 'Add at least one state contact'),
  contractDetails: z.unknown(),
});
export type SubmittedContractForm = z.output<typeof contractFormSubmitSchema>;

/** An empty form for a new draft. */
export function emptyContractForm(): ContractFormData {
  return contractFormDraftSchema.parse({});
}

/** Issues for the form's dates outside the calendar range, checked whenever the answers are saved. */
export function contractFormDateIssues(form: ContractFormData): FieldIssue[] {
  return contractDetailsDateIssues(form.contractDetails).map((i) => ({
    ...i,
    path: ['contractDetails', ...i.path],
  }));
}

/**
 * Checks the programs chosen against the state's programs. A program must be the state's own; a deprecated one
 * may stay only if it was already chosen in an earlier submission of the same filing.
 */
export function programIssues(
  programIDs: readonly string[],
  statePrograms: readonly Program[],
  options: {
    /** Programs chosen by an earlier submission of the filing, which may stay even if retired since. */
    previouslyChosen?: readonly string[];
    /** The field the ids are the answer to, for the issues' paths. */
    field?: string;
    /** Whether to report a program chosen twice (off where another check already does). */
    duplicates?: boolean;
  } = {},
): FieldIssue[] {
  const { previouslyChosen = [], field = 'programIDs', duplicates = true } = options;
  const byId = new Map(statePrograms.map((p) => [p.id, p]));
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  programIDs.forEach((id, index) => {
    const program = byId.get(id);
    if (!program) {
      issues.push({ path: [field, index], message: `Program ${id} is not a program of this state` });
    } else if (program.isDeprecated && !previouslyChosen.includes(id)) {
      issues.push({
        path: [field, index],
        message: `${program.name} is retired and cannot be chosen`,
      });
    }
    if (duplicates && seen.has(id)) issues.push({ path: [field, index], message: 'Program chosen twice' });
    seen.add(id);
  });
  return issues;
}

export type SubmitCheck = { ok: true; form: ContractFormData } | { ok: false; issues: FieldIssue[] };

/**
 * Full validation of a draft's contract answers before it is submitted: the submission details, the contacts and
 * the contract details (whose issues are under `contractDetails`). Returns every missing or invalid answer by
 * path, not just the first. On success the answers come back cleaned: trimmed, and without the contract-detail
 * answers other answers made irrelevant. Rates are checked by the filing (see `checkFilingForSubmit`).
 */
export function checkContractForSubmit(
  form: ContractFormData,
  statePrograms: readonly Program[],
  previouslyChosen: readonly string[] = [],
): SubmitCheck {
  const parsed = contractFormSubmitSchema.safeParse(form);
  const issues = parsed.success ? [] : zodIssues(parsed.error);
  issues.push(...programIssues(form.programIDs, statePrograms, { previouslyChosen }));
  if (form.populationCovered === 'CHIP' && form.submissionType === 'CONTRACT_AND_RATES') {
    issues.push({ path: ['submissionType'], message: 'CHIP-only submissions are contract only' });
  }
  let contractDetails: ContractDetailsData = form.contractDetails;
  if (form.populationCovered && form.contractType) {
    const details = checkContractDetailsForSubmit(form.contractDetails, {
      populationCovered: form.populationCovered,
      contractType: form.contractType,
    });
    if (details.ok) contractDetails = details.form;
    else issues.push(...details.issues.map((i) => ({ ...i, path: ['contractDetails', ...i.path] })));
  } else {
    issues.push({ path: ['contractDetails'], message: 'Answer the submission details first' });
  }
  if (parsed.success && issues.length === 0) {
    return { ok: true, form: { ...form, ...parsed.data, contractDetails } };
  }
  return { ok: false, issues };
}

/** Whether a filing is CHIP-only, which exempts it from review. */
export function isChipOnly(form: Pick<StoredContractForm, 'populationCovered'>): boolean {
  return form.populationCovered === 'CHIP';
}
