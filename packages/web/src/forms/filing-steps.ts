import {
  checkFilingForSubmit,
  filesRates,
  type ContractFormData,
  type FieldIssue,
  type Program,
} from '@docket/domain';
import { filingRates, type FilingDraft } from './filing-draft';
import { fieldIdFor, type FieldPath } from './field-ids';

/**
 * The steps of the filing journey, each its own route (`/submissions/:id/edit/:step`), and which answers each
 * one asks for. The rate details step is skipped when the filing carries no rates (contract-only or CHIP-only).
 */
export const STEP_IDS = [
  'submission-type',
  'contract-details',
  'rate-details',
  'contacts',
  'review',
] as const;
export type StepId = (typeof STEP_IDS)[number];

export const STEP_TITLES: Record<StepId, string> = {
  'submission-type': 'Submission details',
  'contract-details': 'Contract details',
  'rate-details': 'Rate details',
  contacts: 'Contacts',
  review: 'Review and submit',
};

export function isStepId(value: string | undefined): value is StepId {
  return (STEP_IDS as readonly (string | undefined)[]).includes(value);
}

/** The steps this filing goes through, in order: rates are asked only of a filing submitted with them. */
export function stepsFor(form: Pick<ContractFormData, 'submissionType' | 'populationCovered'>): StepId[] {
  return STEP_IDS.filter((step) => step !== 'rate-details' || filesRates(form));
}

export function nextStep(steps: readonly StepId[], step: StepId): StepId | null {
  const index = steps.indexOf(step);
  return index >= 0 ? (steps[index + 1] ?? null) : null;
}

export function previousStep(steps: readonly StepId[], step: StepId): StepId | null {
  const index = steps.indexOf(step);
  return index > 0 ? (steps[index - 1] ?? null) : null;
}

const SUBMISSION_DETAILS = new Set([
  'populationCovered',
  'programIDs',
  'submissionType',
  'contractType',
  'riskBasedContract',
  'submissionDescription',
]);

/**
 * The step where the answer an issue is about is asked, or null when no step asks it. "Answer the submission
 * details first" (an issue on the whole of `contractDetails`) belongs to the submission details.
 */
export function stepOfIssue(path: FieldPath): StepId | null {
  const [head] = path;
  if (typeof head !== 'string') return null;
  if (SUBMISSION_DETAILS.has(head)) return 'submission-type';
  if (head === 'contractDetails') return path.length === 1 ? 'submission-type' : 'contract-details';
  if (head === 'rates') return 'rate-details';
  if (head === 'stateContacts') return 'contacts';
  return null;
}

export interface CheckContext {
  programs: readonly Program[];
  previouslyChosen: readonly string[];
  /** Today in the reviewing time zone, `YYYY-MM-DD`. */
  today: string;
}

/** Every missing or invalid answer of the whole filing, as submitting would find them (the domain's check). */
export function filingIssues(draft: FilingDraft, ctx: CheckContext): FieldIssue[] {
  const check = checkFilingForSubmit({
    form: draft.form,
    rates: filingRates(draft),
    statePrograms: ctx.programs,
    previouslyChosen: ctx.previouslyChosen,
    today: ctx.today,
  });
  return check.ok ? [] : check.issues;
}

/**
 * The issues a step shows: those about its own fields. (An issue about no field of the step, such as "answer the
 * submission details first", is listed on the review page, where the step it depends on is linked.)
 */
export function stepIssues(issues: readonly FieldIssue[], step: StepId): FieldIssue[] {
  return issues.filter((issue) => stepOfIssue(issue.path) === step && fieldIdFor(issue.path) !== null);
}

/**
 * The issues the browser finds, and those a refused request reported that it does not (an upload too old to add,
 * a linked rate withdrawn since), each once.
 */
export function withRefusals(found: readonly FieldIssue[], refused: readonly FieldIssue[]): FieldIssue[] {
  const key = (issue: FieldIssue) => `${JSON.stringify(issue.path)} ${issue.message}`;
  const known = new Set(found.map(key));
  return [...found, ...refused.filter((issue) => !known.has(key(issue)))];
}
