import {
  emptyContractForm,
  type ActorRef,
  type Contract,
  type ContractFormData,
  type ContractRevision,
  type ReviewActionType,
  type Role,
  type User,
} from '../src';

let counter = 0;
const nextId = (prefix: string) => `${prefix}-${++counter}`;

export function buildUser(overrides: Partial<User> = {}): User {
  return {
    id: nextId('user'),
    email: `user${counter}@example.gov`,
    givenName: 'Pat',
    familyName: 'Doe',
    role: 'STATE_USER',
    stateCode: 'MN',
    division: null,
    assignedStates: [],
    disabled: false,
    createdAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

export function userWithRole(role: Role, stateCode = 'MN'): User {
  return buildUser({
    role,
    stateCode: role === 'STATE_USER' ? stateCode : null,
    division: role === 'CMS_USER' || role === 'CMS_APPROVER' ? 'DMCO' : null,
  });
}

const actor: ActorRef = { userId: 'u', email: 'u@example.gov', name: 'U', role: 'STATE_USER' };

export function completeForm(overrides: Partial<ContractFormData> = {}): ContractFormData {
  return {
    ...emptyContractForm(),
    populationCovered: 'MEDICAID',
    programIDs: ['3fd36500-bf2c-47bc-80e8-e7aa417184c5'],
    submissionType: 'CONTRACT_ONLY',
    contractType: 'BASE',
    riskBasedContract: true,
    submissionDescription: 'A base contract',
    stateContacts: [{ givenName: 'Ann', familyName: 'Lee', titleRole: 'Analyst', email: 'ann@state.gov' }],
    ...overrides,
  };
}

/** The steps of a filing's history, replayed into a contract the way the store would hold it. */
export type HistoryStep = 'submit' | 'unlock' | ReviewActionType;

export function buildContract(steps: HistoryStep[] = [], form: ContractFormData = completeForm()): Contract {
  const id = nextId('contract');
  const at = '2026-02-01T00:00:00.000Z';
  const revision = (number: number): ContractRevision => ({
    id: nextId('rev'),
    contractId: id,
    number,
    formData: form,
    createdAt: at,
    updatedAt: at,
    submitted: null,
    unlocked: number > 1 ? { at, by: actor, reason: 'fix it' } : null,
  });
  const contract: Contract = {
    id,
    stateCode: 'MN',
    stateNumber: 1,
    version: 1,
    createdAt: at,
    updatedAt: at,
    mccrsId: null,
    revisions: [revision(1)],
    reviewActions: [],
  };
  for (const step of steps) {
    const last = contract.revisions.at(-1)!;
    if (step === 'submit') last.submitted = { at, by: actor, reason: last.number > 1 ? 'fixed' : null };
    else if (step === 'unlock') contract.revisions.push(revision(last.number + 1));
    else
      contract.reviewActions.push({
        id: nextId('review'),
        action: step,
        at,
        by: actor,
        reason: 'because',
        dateApprovalReleasedToState: step === 'APPROVE' ? '2026-02-01' : null,
      });
    contract.version += 1;
  }
  return contract;
}
