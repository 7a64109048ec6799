import {
  emptyContractDetails,
  MEDICAID_BASE_PROVISIONS,
  type ContractDetailsData,
  type Provision,
} from '../contract-details-form';
import { emptyContractForm, type ContractFormData } from '../contract-form';
import type { DocumentRef } from '../form-fields';
import { newId } from '../ids';
import { emptyRateForm, type ActuaryContact, type RateFormData } from '../rate-form';

/**
 * Answers built in code, for the tests of every package: each builder gives answers that can be submitted as they
 * are and takes overrides for what a test cares about.
 */

/** The MN program the answers choose unless told otherwise (MSHO). */
export const MSHO_ID = '3fd36500-bf2c-47bc-80e8-e7aa417184c5';

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

/** A document with fresh ids (its blob key among them), as a datastore keeps a reference to one. */
export function buildDocument(overrides: Partial<DocumentRef> = {}): DocumentRef {
  const id = newId();
  return {
    blobKey: `documents/${id}`,
    name: `rate-certification-${id.slice(0, 8)}.pdf`,
    sha256: 'ab'.repeat(32),
    size: 12_345,
    contentType: 'application/pdf',
    uploadedBy: newId(),
    uploadedAt: '2026-01-02T03:04:05.678Z',
    ...overrides,
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

/** A current contract form a Minnesota state user can submit as it is: Medicaid, base, contract only. */
export function completeContractForm(overrides: Partial<ContractFormData> = {}): ContractFormData {
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
export function completeRateForm(overrides: Partial<RateFormData> = {}): RateFormData {
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
