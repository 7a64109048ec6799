import {
  CONTRACT_TYPES,
  POPULATIONS,
  SUBMISSION_DESCRIPTION_MAX,
  SUBMISSION_TYPES,
  type ProgramView,
} from '@docket/domain';
import { chipOnlyCorrected, type ContractFormState } from '../forms/contract-form-state';
import { CONTRACT_TYPE_LABELS, POPULATION_LABELS, SUBMISSION_TYPE_LABELS } from '../format/labels';
import { ProgramsField } from './programs-field';
import { RadioGroupField } from './radio-group-field';
import { StateContactsField } from './state-contacts-field';
import { TextareaWithCount } from './textarea-with-count';

interface Props {
  form: ContractFormState;
  onChange: (form: ContractFormState) => void;
  programs: readonly ProgramView[];
  /** Inline errors by field id. */
  errors: ReadonlyMap<string, string>;
}

/** The questions of the submission details (DOMAIN §3.1) and the state contacts (§3.4). */
export function SubmissionDetailsFields({ form, onChange, programs, errors }: Props) {
  const set = <K extends keyof ContractFormState>(key: K, value: ContractFormState[K]) =>
    onChange(chipOnlyCorrected({ ...form, [key]: value }));
  const chipOnly = form.populationCovered === 'CHIP';

  return (
    <>
      <RadioGroupField
        id="populationCovered"
        legend="Which populations does this contract action cover?"
        options={POPULATIONS.map((value) => ({ value, label: POPULATION_LABELS[value] }))}
        value={form.populationCovered}
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
        value={form.submissionType}
        onChange={(value) => set('submissionType', value)}
        error={errors.get('submissionType')}
      />
      <RadioGroupField
        id="contractType"
        legend="Contract action type"
        options={CONTRACT_TYPES.map((value) => ({ value, label: CONTRACT_TYPE_LABELS[value] }))}
        value={form.contractType}
        onChange={(value) => set('contractType', value)}
        error={errors.get('contractType')}
      />
      <RadioGroupField
        id="riskBasedContract"
        legend="Is this a risk-based contract?"
        hint="See 42 CFR § 438.2"
        options={[
          { value: 'yes', label: 'Yes' },
          { value: 'no', label: 'No' },
        ]}
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
      <StateContactsField
        contacts={form.stateContacts}
        onChange={(contacts) => set('stateContacts', contacts)}
        errors={errors}
      />
    </>
  );
}
