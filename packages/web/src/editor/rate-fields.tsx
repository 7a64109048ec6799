import {
  ACTUARY_COMMUNICATION_PREFERENCES,
  RATE_CAPITATION_TYPES,
  RATE_MEDICAID_POPULATIONS,
  RATE_TYPES,
  rateName,
  type ProgramView,
  type RateFormData,
  CAPITATION_TYPE_LABELS,
  COMMUNICATION_PREFERENCE_LABELS,
  MEDICAID_POPULATION_LABELS,
  RATE_TYPE_LABELS,
  latestUsToday,
} from '@docket/domain';
import { Fieldset } from '@trussworks/react-uswds';
import { CheckboxGroupField } from '../components/fields/checkbox-group-field';
import { DateField } from '../components/fields/date-field';
import { DocumentListField } from '../components/fields/document-list-field';
import { ProgramsField } from '../components/fields/programs-field';
import { RadioGroupField } from '../components/fields/radio-group-field';
import { fieldId } from '../forms/field-ids';
import { ActuaryContactsField } from './actuary-contacts-field';

interface Props {
  index: number;
  formData: RateFormData;
  onChange: (change: (form: RateFormData) => RateFormData) => void;
  errors: ReadonlyMap<string, string>;
  programs: readonly ProgramView[];
  /** Whether the contract is a D-SNP contract: only then are the rate's Medicaid populations asked. */
  dsnp: boolean;
  stateCode: string;
}

/** The name the rate will have, once the answers that make it are given. */
function namePreview(form: RateFormData, programs: readonly ProgramView[], stateCode: string): string | null {
  const { rateType, rateDateStart, rateDateEnd, rateDateCertified } = form;
  if (!rateType || !rateDateStart || !rateDateEnd || !rateDateCertified) return null;
  const byId = new Map(programs.map((p) => [p.id, p]));
  return rateName({
    stateCode,
    programs: form.rateProgramIDs.flatMap((programId) => byId.get(programId) ?? []),
    rateType,
    rateDateStart,
    rateDateEnd,
    rateDateCertified,
    amendmentEffectiveDateStart: form.amendmentEffectiveDateStart,
    amendmentEffectiveDateEnd: form.amendmentEffectiveDateEnd,
  });
}

/** The questions of a rate certification this contract files (DOMAIN §3.3). */
export function RateFields({ index, formData: rate, onChange, errors, programs, dsnp, stateCode }: Props) {
  const id = (...path: (string | number)[]) => fieldId('rates', index, ...path);
  const set = <K extends keyof RateFormData>(key: K, value: RateFormData[K]) =>
    onChange((current) => ({ ...current, [key]: value }));
  const amendment = rate.rateType === 'AMENDMENT';
  const preview = namePreview(rate, programs, stateCode);

  return (
    <>
      {preview && (
        <p className="margin-top-0" data-testid={`${id()}-name`}>
          <span className="text-bold">Rate certification name:</span> {preview}
        </p>
      )}
      <DocumentListField
        id={id('rateDocuments')}
        label="Rate certification document"
        hint="The actuarial rate certification. Exactly one is required."
        documents={rate.rateDocuments}
        onChange={(edit) =>
          onChange((current) => ({ ...current, rateDocuments: edit(current.rateDocuments) }))
        }
        single
        error={errors.get(id('rateDocuments'))}
      />
      <DocumentListField
        id={id('supportingDocuments')}
        label="Rate supporting documents (optional)"
        documents={rate.supportingDocuments}
        onChange={(edit) =>
          onChange((current) => ({ ...current, supportingDocuments: edit(current.supportingDocuments) }))
        }
        error={errors.get(id('supportingDocuments'))}
      />
      <ProgramsField
        id={id('rateProgramIDs')}
        legend="Programs this rate certification covers"
        programs={programs}
        selected={rate.rateProgramIDs}
        onChange={(ids) => set('rateProgramIDs', ids)}
        error={errors.get(id('rateProgramIDs'))}
      />
      <RadioGroupField
        id={id('rateType')}
        legend="Rate certification type"
        options={RATE_TYPES.map((value) => ({ value, label: RATE_TYPE_LABELS[value] }))}
        value={rate.rateType ?? ''}
        onChange={(value) => set('rateType', value)}
        error={errors.get(id('rateType'))}
      />
      <RadioGroupField
        id={id('rateCapitationType')}
        legend="Does the actuary certify capitation rates specific to each rate cell or a rate range?"
        options={RATE_CAPITATION_TYPES.map((value) => ({ value, label: CAPITATION_TYPE_LABELS[value] }))}
        value={rate.rateCapitationType ?? ''}
        onChange={(value) => set('rateCapitationType', value)}
        error={errors.get(id('rateCapitationType'))}
      />
      <Fieldset legend="Rating period" className="margin-top-4">
        <DateField
          id={id('rateDateStart')}
          label="Rating period start date"
          value={rate.rateDateStart}
          onChange={(value) => set('rateDateStart', value)}
          error={errors.get(id('rateDateStart'))}
        />
        <DateField
          id={id('rateDateEnd')}
          label="Rating period end date"
          value={rate.rateDateEnd}
          onChange={(value) => set('rateDateEnd', value)}
          error={errors.get(id('rateDateEnd'))}
        />
      </Fieldset>
      {amendment && (
        <Fieldset legend="Amendment effective dates" className="margin-top-4">
          <DateField
            id={id('amendmentEffectiveDateStart')}
            label="Amendment effective start date"
            value={rate.amendmentEffectiveDateStart}
            onChange={(value) => set('amendmentEffectiveDateStart', value)}
            error={errors.get(id('amendmentEffectiveDateStart'))}
          />
          <DateField
            id={id('amendmentEffectiveDateEnd')}
            label="Amendment effective end date"
            value={rate.amendmentEffectiveDateEnd}
            onChange={(value) => set('amendmentEffectiveDateEnd', value)}
            error={errors.get(id('amendmentEffectiveDateEnd'))}
          />
        </Fieldset>
      )}
      <DateField
        id={id('rateDateCertified')}
        label="Date certified"
        hint="The date the actuary signed the certification. It cannot be in the future."
        value={rate.rateDateCertified}
        max={latestUsToday(new Date())}
        onChange={(value) => set('rateDateCertified', value)}
        error={errors.get(id('rateDateCertified'))}
      />
      {dsnp && (
        <CheckboxGroupField
          id={id('rateMedicaidPopulations')}
          legend="Which Medicaid populations does this rate certification cover?"
          hint="Asked because the contract is associated with a D-SNP. Check all that apply."
          options={RATE_MEDICAID_POPULATIONS.map((value) => ({
            value,
            label: MEDICAID_POPULATION_LABELS[value],
          }))}
          selected={rate.rateMedicaidPopulations}
          onChange={(values) => set('rateMedicaidPopulations', values)}
          error={errors.get(id('rateMedicaidPopulations'))}
        />
      )}
      <ActuaryContactsField
        id={id('certifyingActuaryContacts')}
        legend="Certifying actuary"
        hint="The actuary who certified the rates. At least one is required."
        noun="Certifying actuary"
        contacts={rate.certifyingActuaryContacts}
        onChange={(contacts) => set('certifyingActuaryContacts', contacts)}
        minimum={1}
        errors={errors}
      />
      <ActuaryContactsField
        id={id('addtlActuaryContacts')}
        legend="Additional actuary contacts (optional)"
        hint="Other actuaries CMS may contact about this rate certification."
        noun="Additional actuary"
        contacts={rate.addtlActuaryContacts}
        onChange={(contacts) => set('addtlActuaryContacts', contacts)}
        minimum={0}
        errors={errors}
      />
      <RadioGroupField
        id={id('actuaryCommunicationPreference')}
        legend="Actuary communication preference"
        hint="How CMS's Office of the Actuary (OACT) should communicate about this rate certification."
        options={ACTUARY_COMMUNICATION_PREFERENCES.map((value) => ({
          value,
          label: COMMUNICATION_PREFERENCE_LABELS[value],
        }))}
        value={rate.actuaryCommunicationPreference ?? ''}
        onChange={(value) => set('actuaryCommunicationPreference', value)}
        error={errors.get(id('actuaryCommunicationPreference'))}
      />
    </>
  );
}
