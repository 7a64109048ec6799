import { describe, expect, it } from 'vitest';
import {
  PROVISIONS,
  REFERENCE_PROGRAMS,
  checkContractForSubmit,
  contractFormDraftSchema,
  contractFormV1Schema,
  emptyContractDetails,
  storedContractFormSchema,
  upgradeContractForm,
  type StoredContractForm,
} from '../src';
import { MSHO_ID, completeContractForm } from '../src/testing';

const mnPrograms = REFERENCE_PROGRAMS.filter((p) => p.stateCode === 'MN');

/** A revision's answers as version 1 of the form stored them, before contract details existed. */
const storedV1 = {
  schemaVersion: 1,
  populationCovered: 'MEDICAID',
  programIDs: [MSHO_ID],
  submissionType: 'CONTRACT_AND_RATES',
  contractType: 'AMENDMENT',
  riskBasedContract: false,
  submissionDescription: 'Amendment to the 2025 MSHO contract',
  stateContacts: [{ givenName: 'Ann', familyName: 'Lee', titleRole: 'Analyst', email: 'ann@state.gov' }],
} as const;

/** Parses like the storage boundary does, from JSON. */
function fromStorage(value: unknown): StoredContractForm {
  return storedContractFormSchema.parse(JSON.parse(JSON.stringify(value)));
}

describe('stored contract forms of version 1', () => {
  it('parse as they were stored and stay version 1, without contract details', () => {
    const stored = fromStorage(storedV1);
    expect(stored).toEqual(storedV1);
    expect(stored.schemaVersion).toBe(1);
    expect(stored).not.toHaveProperty('contractDetails');
  });

  it('parse when the draft left questions unanswered, with the defaults of version 1', () => {
    const stored = fromStorage({ schemaVersion: 1, populationCovered: 'CHIP' });
    expect(stored).toEqual({
      schemaVersion: 1,
      populationCovered: 'CHIP',
      programIDs: [],
      submissionDescription: '',
      stateContacts: [],
    });
  });

  it('are refused when an answer has the wrong type, like any stored form', () => {
    expect(storedContractFormSchema.safeParse({ ...storedV1, riskBasedContract: 'no' }).success).toBe(false);
    expect(contractFormV1Schema.safeParse({ ...storedV1, schemaVersion: 2 }).success).toBe(false);
  });

  it('cannot be saved as a draft as they are: a draft is always in the current form', () => {
    const result = contractFormDraftSchema.safeParse(storedV1);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['schemaVersion']);
  });
});

describe('upgrading a version 1 form to the current form', () => {
  it('keeps every answer and starts the contract details empty, in version 2', () => {
    const upgraded = upgradeContractForm(fromStorage(storedV1));
    expect(upgraded).toEqual({ ...storedV1, schemaVersion: 2, contractDetails: emptyContractDetails() });
    expect(contractFormDraftSchema.parse(upgraded)).toEqual(upgraded);
  });

  it('keeps unanswered questions unanswered', () => {
    const upgraded = upgradeContractForm(fromStorage({ schemaVersion: 1, contractType: 'BASE' }));
    expect(upgraded.contractType).toBe('BASE');
    expect(upgraded.populationCovered).toBeUndefined();
    expect(upgraded.programIDs).toEqual([]);
  });

  it('does not change the stored answers', () => {
    const stored = fromStorage(storedV1);
    upgradeContractForm(stored);
    expect(stored).toEqual(storedV1);
  });

  it('asks for the questions version 1 did not ask, and only those, before resubmitting', () => {
    const result = checkContractForSubmit(upgradeContractForm(fromStorage(storedV1)), mnPrograms);
    expect(result.ok).toBe(false);
    const paths = result.ok ? [] : result.issues.map((i) => i.path.join('.'));
    expect(paths.sort()).toEqual(
      [
        'contractDetails.contractDocuments',
        'contractDetails.contractExecutionStatus',
        'contractDetails.contractDateStart',
        'contractDetails.contractDateEnd',
        'contractDetails.managedCareEntities',
        'contractDetails.federalAuthorities',
        'contractDetails.statutoryRegulatoryAttestation',
        ...PROVISIONS.map((p) => `contractDetails.provisions.${p}`),
      ].sort(),
    );
  });
});

describe('stored contract forms of version 2', () => {
  it('round-trip through storage and upgrade unchanged', () => {
    const form = completeContractForm({ submissionType: 'CONTRACT_AND_RATES' });
    const stored = fromStorage(form);
    expect(stored).toEqual(form);
    expect(upgradeContractForm(stored)).toEqual(form);
  });

  it('are refused without their contract details being well-typed', () => {
    const form = completeContractForm();
    const bad = { ...form, contractDetails: { ...form.contractDetails, federalAuthorities: ['NONE'] } };
    expect(storedContractFormSchema.safeParse(bad).success).toBe(false);
  });
});

describe('stored contract forms of an unknown version', () => {
  it.each([
    ['a future version', { ...completeContractForm(), schemaVersion: 3 }],
    ['no version', { ...storedV1, schemaVersion: undefined }],
    ['a version as text', { ...storedV1, schemaVersion: '1' }],
  ])('are refused: %s', (_, value) => {
    const result = storedContractFormSchema.safeParse(value);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['schemaVersion']);
  });

  it('are not taken as a draft either', () => {
    expect(contractFormDraftSchema.safeParse({ ...completeContractForm(), schemaVersion: 3 }).success).toBe(
      false,
    );
  });
});
