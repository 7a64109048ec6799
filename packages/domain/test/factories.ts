import {
  MEDICAID_BASE_PROVISIONS,
  emptyContractDetails,
  emptyContractForm,
  emptyRateForm,
  type ActorRef,
  type ActuaryContact,
  type Contract,
  type ContractDetailsData,
  type ContractFormData,
  type ContractRevision,
  type DocumentRef,
  type Provision,
  type Rate,
  type RateFormData,
  type RateRevision,
  type ReviewActionType,
  type Role,
  type User,
} from '../src';

let counter = 0;
const nextId = (prefix: string) => `${prefix}-${++counter}`;

/** The MN program used by the default forms (MSHO). */
export const MSHO_ID = '3fd36500-bf2c-47bc-80e8-e7aa417184c5';

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

/** A SHA-256-shaped hex string: `sha('a')` is 64 × `a`; longer seeds are repeated to fill 64 characters. */
export function sha(seed: string): string {
  return seed.repeat(Math.ceil(64 / seed.length)).slice(0, 64);
}

/** A document reference; its SHA-256 derives from its name unless given, so different names are different files. */
export function doc(name: string, sha256?: string): DocumentRef {
  const fromName = Array.from(name, (c) => c.charCodeAt(0).toString(16).padStart(2, '0')).join('');
  return {
    blobKey: `blobs/${name}`,
    name,
    sha256: sha256 ?? sha(fromName),
    size: 1024,
    contentType: 'application/pdf',
    uploadedBy: 'user-uploader',
    uploadedAt: '2026-01-15T10:00:00.000Z',
  };
}

/** Every given provision question answered "no". */
export function provisionAnswers(provisions: readonly Provision[]): ContractDetailsData['provisions'] {
  return Object.fromEntries(provisions.map((p) => [p, false]));
}

/** Contract details a Medicaid base contract can submit as they are. */
export function completeDetails(overrides: Partial<ContractDetailsData> = {}): ContractDetailsData {
  return {
    ...emptyContractDetails(),
    contractDocuments: [doc('contract.pdf')],
    contractExecutionStatus: 'EXECUTED',
    contractDateStart: '2026-01-01',
    contractDateEnd: '2026-12-31',
    managedCareEntities: ['MCO'],
    federalAuthorities: ['STATE_PLAN'],
    dsnpContract: false,
    statutoryRegulatoryAttestation: true,
    provisions: provisionAnswers(MEDICAID_BASE_PROVISIONS),
    ...overrides,
  };
}

/** A current (v2) contract form a Minnesota state user can submit as it is: Medicaid, base, contract only. */
export function completeForm(overrides: Partial<ContractFormData> = {}): ContractFormData {
  return {
    ...emptyContractForm(),
    populationCovered: 'MEDICAID',
    programIDs: [MSHO_ID],
    submissionType: 'CONTRACT_ONLY',
    contractType: 'BASE',
    riskBasedContract: true,
    submissionDescription: 'A base contract',
    stateContacts: [{ givenName: 'Ann', familyName: 'Lee', titleRole: 'Analyst', email: 'ann@state.gov' }],
    contractDetails: completeDetails(),
    ...overrides,
  };
}

export function actuary(overrides: Partial<ActuaryContact> = {}): ActuaryContact {
  return {
    name: 'Ada Actuary',
    titleRole: 'Principal',
    email: 'ada@mercer.example',
    actuarialFirm: 'MERCER',
    actuarialFirmOther: '',
    ...overrides,
  };
}

/** Rate answers a non-D-SNP contract can submit as they are, certified on 2026-03-01. */
export function completeRate(overrides: Partial<RateFormData> = {}): RateFormData {
  return {
    ...emptyRateForm(),
    rateDocuments: [doc('certification.pdf')],
    rateProgramIDs: [MSHO_ID],
    rateType: 'NEW',
    rateCapitationType: 'RATE_CELL',
    rateDateStart: '2026-01-01',
    rateDateEnd: '2026-12-31',
    rateDateCertified: '2026-03-01',
    certifyingActuaryContacts: [actuary()],
    actuaryCommunicationPreference: 'OACT_TO_ACTUARY',
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
    rateLinks: [],
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

/**
 * A rate whose revisions replay the given steps (each unlock opens a new revision), as the store would hold it.
 * Revision `n` is submitted on day `n` of February 2026.
 */
export function buildRate(
  steps: ('submit' | 'unlock')[] = [],
  form: RateFormData = completeRate(),
  stateNumber = 7,
): Rate {
  const id = nextId('rate');
  const at = '2026-02-01T00:00:00.000Z';
  const revision = (number: number): RateRevision => ({
    id: nextId('rate-rev'),
    rateId: id,
    number,
    formData: form,
    createdAt: at,
    updatedAt: at,
    submitted: null,
    unlocked: number > 1 ? { at, by: actor, reason: 'fix it' } : null,
  });
  const rate: Rate = {
    id,
    stateCode: 'MN',
    stateNumber,
    parentContractId: nextId('contract'),
    createdAt: at,
    updatedAt: at,
    revisions: [revision(1)],
  };
  for (const step of steps) {
    const last = rate.revisions.at(-1)!;
    if (step === 'submit') {
      const day = String(last.number).padStart(2, '0');
      last.submitted = { at: `2026-02-${day}T00:00:00.000Z`, by: actor, reason: null };
    } else rate.revisions.push(revision(last.number + 1));
  }
  return rate;
}
