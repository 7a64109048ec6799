import {
  contractFormDraftSchema,
  rateFormDraftSchema,
  type ContractFormInput,
  type ContractView,
  type DocumentRef,
  type RateFormInput,
  type RateRevisionView,
  type RateView,
  type RevisionView,
} from '@docket/domain';

/** Builders of API views for the web app's unit tests (pure logic only; the journeys use the real server). */

const actor = { userId: 'u1', email: 'ann@state.example', name: 'Ann Lee', role: 'STATE_USER' as const };

export function documentRef(name: string, sha: string, overrides: Partial<DocumentRef> = {}): DocumentRef {
  return {
    blobKey: `documents/${name}-${sha}`,
    name,
    sha256: sha.repeat(64).slice(0, 64),
    size: 1234,
    contentType: 'application/pdf',
    uploadedBy: 'u1',
    uploadedAt: '2025-01-01T00:00:00.000Z',
    ...overrides,
  };
}

export function revisionView(
  number: number,
  formData: ContractFormInput,
  options: { submittedAt?: string; rateLinks?: RevisionView['rateLinks'] } = {},
): RevisionView {
  return {
    id: `rev-${number}`,
    number,
    formData: { ...contractFormDraftSchema.parse(formData), schemaVersion: 2 },
    rateLinks: options.rateLinks ?? [],
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
    submitted: options.submittedAt ? { at: options.submittedAt, by: actor, reason: null } : null,
    unlocked: null,
  };
}

export function rateRevisionView(
  rateId: string,
  number: number,
  formData: RateFormInput,
  submittedAt?: string,
): RateRevisionView {
  return {
    id: `${rateId}-rev-${number}`,
    number,
    name: `Rate ${rateId} revision ${number}`,
    formData: rateFormDraftSchema.parse(formData),
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
    submitted: submittedAt ? { at: submittedAt, by: actor, reason: null } : null,
    unlocked: null,
  };
}

export function rateView(id: string, parentContractId: string, revisions: RateRevisionView[]): RateView {
  return {
    id,
    stateCode: 'MN',
    stateNumber: 1,
    name: revisions.at(-1)?.name ?? id,
    status: 'DRAFT',
    reviewStatus: 'UNDER_REVIEW',
    consolidatedStatus: 'DRAFT',
    parentContractId,
    parentContractName: `MCR-MN-${parentContractId}`,
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
    revisions,
  };
}

const noAbilities = {
  canRead: true,
  canEdit: true,
  canSubmit: true,
  canResubmit: false,
  canUnlock: false,
  canUndoUnlock: false,
  canApprove: false,
  canUndoApproval: false,
  canWithdraw: false,
  canUndoWithdraw: false,
  canSetMccrsId: false,
};

export function contractView(revisions: RevisionView[], rates: RateView[] = []): ContractView {
  return {
    id: 'contract-1',
    stateCode: 'MN',
    stateNumber: 5,
    name: 'MCR-MN-0005-MSHO',
    version: 3,
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
    mccrsId: null,
    status: 'DRAFT',
    submissionStatus: 'DRAFT',
    reviewStatus: 'UNDER_REVIEW',
    revisions,
    unlocked: null,
    rates,
    reviewActions: [],
    history: [],
    discardedDrafts: [],
    abilities: noAbilities,
    reviewers: [],
    canAssignReviewers: false,
  };
}

/**
 * Contract `contract-1` submitted once, under review, with the abilities of a reviewer who may take the `abilities`
 * given (and may not edit or submit it).
 */
export function submittedContractView(abilities: Partial<ContractView['abilities']>): ContractView {
  const contract = contractView([revisionView(1, {}, { submittedAt: '2025-02-01T00:00:00.000Z' })]);
  return {
    ...contract,
    status: 'SUBMITTED',
    submissionStatus: 'SUBMITTED',
    abilities: { ...contract.abilities, canEdit: false, canSubmit: false, ...abilities },
  };
}
