import {
  CONTRACT_TYPES,
  POPULATIONS,
  SUBMISSION_DESCRIPTION_MAX,
  SUBMISSION_TYPES,
  type ContractFormData,
  CONTRACT_TYPE_LABELS,
  POPULATION_LABELS,
  SUBMISSION_TYPE_LABELS,
} from '@docket/domain';
import { ProgramsField } from '../components/fields/programs-field';
import { RadioGroupField } from '../components/fields/radio-group-field';
import { TextareaWithCount } from '../components/fields/textarea-with-count';
import { YesNoField } from '../components/fields/yes-no-field';
import { updateForm, type StepProps } from './step-props';

/** CHIP-only filings are contract-only (DOMAIN §3.1): choosing CHIP settles the submission type. */
function chipOnlyCorrected(form: ContractFormData): ContractFormData {
  return form.populationCovered === 'CHIP' ? { ...form, submissionType: 'CONTRACT_ONLY' } : form;
}

/** Step 1, the submission details (DOMAIN §3.1). */
export function SubmissionTypeStep({ draft, update, errors, programs }: StepProps) {
  const form = draft.form;
  const set = <K extends keyof ContractFormData>(key: K, value: ContractFormData[K]) =>
    updateForm(update, (current) => chipOnlyCorrected({ ...current, [key]: value }));
  const chipOnly = form.populationCovered === 'CHIP';

  return (
    <>
      <RadioGroupField
        id="populationCovered"
        legend="Which populations does this contract action cover?"
        options={POPULATIONS.map((value) => ({ value, label: POPULATION_LABELS[value] }))}
        value={form.populationCovered ?? ''}
        onChange={(value) => set('populationCovered', value)}
        error={errors.get('populationCovered')}
      />
      <ProgramsField
        id="programIDs"
        programs={programs}
        selected={form.programIDs}
        onChange={(ids) => set('programIDs', ids)}
        error={errors.get('programIDs')}
      />
      <RadioGroupField
        id="submissionType"
        legend="Choose a submission type"
        hint={
          chipOnly
            ? 'CHIP-only submissions are contract action only: rate certifications are not filed for them.'
            : undefined
        }
        options={SUBMISSION_TYPES.map((value) => ({
          value,
          label: SUBMISSION_TYPE_LABELS[value],
          disabled: chipOnly && value !== 'CONTRACT_ONLY',
        }))}
        value={form.submissionType ?? ''}
        onChange={(value) => set('submissionType', value)}
        error={errors.get('submissionType')}
      />
      <RadioGroupField
        id="contractType"
        legend="Contract action type"
        options={CONTRACT_TYPES.map((value) => ({ value, label: CONTRACT_TYPE_LABELS[value] }))}
        value={form.contractType ?? ''}
        onChange={(value) => set('contractType', value)}
        error={errors.get('contractType')}
      />
      <YesNoField
        id="riskBasedContract"
        legend="Is this a risk-based contract?"
        hint="See 42 CFR § 438.2"
        value={form.riskBasedContract}
        onChange={(value) => set('riskBasedContract', value)}
        error={errors.get('riskBasedContract')}
      />
      <TextareaWithCount
        id="submissionDescription"
        label="Submission description"
        hint="Describe what this contract action does: its purpose, the programs and the period it covers."
        maxLength={SUBMISSION_DESCRIPTION_MAX}
        value={form.submissionDescription}
        onChange={(value) => set('submissionDescription', value)}
        error={errors.get('submissionDescription')}
        rows={6}
      />
    </>
  );
}
