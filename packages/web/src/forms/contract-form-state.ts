import type {
  ContractFormData,
  ContractFormInput,
  ContractType,
  PopulationCovered,
  StateContact,
  SubmissionType,
} from '@docket/domain';

/** The submission details form as the page edits it: every answer a string or list, blank when unanswered. */
export interface ContractFormState {
  populationCovered: PopulationCovered | '';
  programIDs: string[];
  submissionType: SubmissionType | '';
  contractType: ContractType | '';
  riskBasedContract: 'yes' | 'no' | '';
  submissionDescription: string;
  stateContacts: StateContact[];
}

export function emptyContact(): StateContact {
  return { givenName: '', familyName: '', titleRole: '', email: '' };
}

/** Fills the form from a revision's stored answers; a form always shows at least one contact to fill in. */
export function toFormState(data: ContractFormData): ContractFormState {
  return {
    populationCovered: data.populationCovered ?? '',
    programIDs: [...data.programIDs],
    submissionType: data.submissionType ?? '',
    contractType: data.contractType ?? '',
    riskBasedContract: data.riskBasedContract === undefined ? '' : data.riskBasedContract ? 'yes' : 'no',
    submissionDescription: data.submissionDescription,
    stateContacts:
      data.stateContacts.length > 0 ? data.stateContacts.map((c) => ({ ...c })) : [emptyContact()],
  };
}

/** The answers to send as a draft: unanswered questions are left out. */
export function toFormData(state: ContractFormState): ContractFormInput {
  return {
    populationCovered: state.populationCovered || undefined,
    programIDs: state.programIDs,
    submissionType: chipOnlyCorrected(state).submissionType || undefined,
    contractType: state.contractType || undefined,
    riskBasedContract: state.riskBasedContract === '' ? undefined : state.riskBasedContract === 'yes',
    submissionDescription: state.submissionDescription,
    stateContacts: state.stateContacts,
  };
}

/** CHIP-only filings are contract-only: choosing CHIP settles the submission type. */
export function chipOnlyCorrected(state: ContractFormState): ContractFormState {
  return state.populationCovered === 'CHIP' ? { ...state, submissionType: 'CONTRACT_ONLY' } : state;
}
