import { contractFormDraftSchema, emptyContractForm } from '@docket/domain';
import { describe, expect, it } from 'vitest';
import { chipOnlyCorrected, toFormData, toFormState } from './contract-form-state';

describe('contract form state', () => {
  it('shows one blank contact on an empty draft and sends back only what was answered', () => {
    const state = toFormState(emptyContractForm());
    expect(state.stateContacts).toEqual([{ givenName: '', familyName: '', titleRole: '', email: '' }]);
    const data = toFormData(state);
    expect(data.populationCovered).toBeUndefined();
    expect(data.riskBasedContract).toBeUndefined();
    expect(contractFormDraftSchema.safeParse(data).success).toBe(true);
  });

  it('round-trips every answer', () => {
    const stored = contractFormDraftSchema.parse({
      populationCovered: 'MEDICAID_AND_CHIP',
      programIDs: ['0192f3a0-0000-7000-8000-000000000001'],
      submissionType: 'CONTRACT_AND_RATES',
      contractType: 'AMENDMENT',
      riskBasedContract: false,
      submissionDescription: 'An amendment',
      stateContacts: [{ givenName: 'A', familyName: 'B', titleRole: 'C', email: 'a@example.gov' }],
    });
    expect(contractFormDraftSchema.parse(toFormData(toFormState(stored)))).toEqual(stored);
  });

  it('makes a CHIP-only filing contract-only', () => {
    const state = { ...toFormState(emptyContractForm()), submissionType: 'CONTRACT_AND_RATES' as const };
    expect(chipOnlyCorrected({ ...state, populationCovered: 'CHIP' }).submissionType).toBe('CONTRACT_ONLY');
    expect(chipOnlyCorrected({ ...state, populationCovered: 'MEDICAID' }).submissionType).toBe(
      'CONTRACT_AND_RATES',
    );
  });
});
