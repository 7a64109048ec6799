import {
  applicableProvisions,
  ATTESTATION_DESCRIPTION_MAX,
  CHIP_AUTHORITIES,
  CONTRACT_EXECUTION_STATUSES,
  FEDERAL_AUTHORITIES,
  isDsnpAsked,
  MANAGED_CARE_ENTITIES,
  type ContractDetailsData,
  EXECUTION_STATUS_LABELS,
  FEDERAL_AUTHORITY_LABELS,
  MANAGED_CARE_ENTITY_LABELS,
  PROVISION_LABELS,
} from '@docket/domain';
import { Fieldset } from '@trussworks/react-uswds';
import { CheckboxGroupField } from '../components/fields/checkbox-group-field';
import { DateField } from '../components/fields/date-field';
import { DocumentListField } from '../components/fields/document-list-field';
import { RadioGroupField } from '../components/fields/radio-group-field';
import { TextareaWithCount } from '../components/fields/textarea-with-count';
import { YesNoField } from '../components/fields/yes-no-field';
import { fieldId } from '../forms/field-ids';
import { updateForm, type StepProps } from './step-props';

const id = (...path: (string | number)[]) => fieldId('contractDetails', ...path);

/**
 * Step 2, the contract details (DOMAIN §3.2). Which questions are asked follows the domain: the D-SNP question
 * (`isDsnpAsked`), the provision questions (`applicableProvisions`), the CHIP authorities, and the description
 * of non-compliance only when the contract does not comply.
 */
export function ContractDetailsStep({ draft, update, errors }: StepProps) {
  const { populationCovered, contractType } = draft.form;
  const details = draft.form.contractDetails;
  const change = (edit: (details: ContractDetailsData) => ContractDetailsData) =>
    updateForm(update, (form) => ({ ...form, contractDetails: edit(form.contractDetails) }));
  const set = <K extends keyof ContractDetailsData>(key: K, value: ContractDetailsData[K]) =>
    change((current) => ({ ...current, [key]: value }));

  const amendment = contractType === 'AMENDMENT';
  const chipOnly = populationCovered === 'CHIP';
  const provisions =
    populationCovered && contractType ? applicableProvisions(populationCovered, contractType) : [];
  const chipAuthorities = CHIP_AUTHORITIES.map((a) => FEDERAL_AUTHORITY_LABELS[a]).join(' or ');

  return (
    <>
      <DocumentListField
        id={id('contractDocuments')}
        label="Contract documents"
        hint="The contract or amendment itself. At least one is required."
        documents={details.contractDocuments}
        onChange={(edit) =>
          change((current) => ({ ...current, contractDocuments: edit(current.contractDocuments) }))
        }
        error={errors.get(id('contractDocuments'))}
      />
      <DocumentListField
        id={id('supportingDocuments')}
        label="Supporting documents (optional)"
        hint="Anything else CMS should read with the contract."
        documents={details.supportingDocuments}
        onChange={(edit) =>
          change((current) => ({ ...current, supportingDocuments: edit(current.supportingDocuments) }))
        }
        error={errors.get(id('supportingDocuments'))}
      />
      <RadioGroupField
        id={id('contractExecutionStatus')}
        legend="Contract status"
        options={CONTRACT_EXECUTION_STATUSES.map((value) => ({
          value,
          label: EXECUTION_STATUS_LABELS[value],
        }))}
        value={details.contractExecutionStatus ?? ''}
        onChange={(value) => set('contractExecutionStatus', value)}
        error={errors.get(id('contractExecutionStatus'))}
      />
      <Fieldset
        legend={amendment ? 'Amendment effective dates' : 'Contract effective dates'}
        className="margin-top-4"
      >
        <DateField
          id={id('contractDateStart')}
          label="Start date"
          value={details.contractDateStart}
          onChange={(value) => set('contractDateStart', value)}
          error={errors.get(id('contractDateStart'))}
        />
        <DateField
          id={id('contractDateEnd')}
          label="End date"
          value={details.contractDateEnd}
          onChange={(value) => set('contractDateEnd', value)}
          error={errors.get(id('contractDateEnd'))}
        />
      </Fieldset>
      <CheckboxGroupField
        id={id('managedCareEntities')}
        legend="Managed care entities"
        options={MANAGED_CARE_ENTITIES.map((value) => ({ value, label: MANAGED_CARE_ENTITY_LABELS[value] }))}
        selected={details.managedCareEntities}
        onChange={(values) => set('managedCareEntities', values)}
        error={errors.get(id('managedCareEntities'))}
      />
      <CheckboxGroupField
        id={id('federalAuthorities')}
        legend="Active federal operating authority"
        hint={
          chipOnly
            ? `Check all that apply. A CHIP-only contract must include the ${chipAuthorities}.`
            : 'Check all that apply.'
        }
        options={FEDERAL_AUTHORITIES.map((value) => ({ value, label: FEDERAL_AUTHORITY_LABELS[value] }))}
        selected={details.federalAuthorities}
        onChange={(values) => set('federalAuthorities', values)}
        error={errors.get(id('federalAuthorities'))}
      />
      {isDsnpAsked(details.federalAuthorities) && (
        <YesNoField
          id={id('dsnpContract')}
          legend="Is this contract associated with a Dual-Eligible Special Needs Plan (D-SNP) that covers Medicaid benefits?"
          hint="See 42 CFR § 422.2 for the definition of a D-SNP."
          value={details.dsnpContract}
          onChange={(value) => set('dsnpContract', value)}
          error={errors.get(id('dsnpContract'))}
        />
      )}
      <YesNoField
        id={id('statutoryRegulatoryAttestation')}
        legend="Does this contract action comply with the requirements of 42 CFR 438?"
        value={details.statutoryRegulatoryAttestation}
        onChange={(value) => set('statutoryRegulatoryAttestation', value)}
        error={errors.get(id('statutoryRegulatoryAttestation'))}
      />
      {details.statutoryRegulatoryAttestation === false && (
        <TextareaWithCount
          id={id('statutoryRegulatoryAttestationDescription')}
          label="Describe how this contract action does not comply with 42 CFR 438"
          maxLength={ATTESTATION_DESCRIPTION_MAX}
          value={details.statutoryRegulatoryAttestationDescription}
          onChange={(value) => set('statutoryRegulatoryAttestationDescription', value)}
          error={errors.get(id('statutoryRegulatoryAttestationDescription'))}
          rows={4}
        />
      )}
      {provisions.length > 0 && (
        <Fieldset
          legend="Does this contract action include new or modified provisions related to any of the following?"
          className="margin-top-5 docket-question-group"
          data-testid="provision-questions"
        >
          {provisions.map((provision) => (
            <YesNoField
              key={provision}
              id={id('provisions', provision)}
              legend={PROVISION_LABELS[provision]}
              value={details.provisions[provision]}
              onChange={(value) =>
                change((current) => ({
                  ...current,
                  provisions: { ...current.provisions, [provision]: value },
                }))
              }
              error={errors.get(id('provisions', provision))}
            />
          ))}
        </Fieldset>
      )}
    </>
  );
}
