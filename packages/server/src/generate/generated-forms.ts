import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import type { BlobStore } from '@docket/blobs';
import {
  contractFormDraftSchema,
  newId,
  rateFormDraftSchema,
  REFERENCE_PROGRAMS,
  type ContractFormData,
  type DocumentRef,
  type RateFormData,
} from '@docket/domain';

/**
 * The answers of generated filings: complete, varied forms of about 5 KB (a long description and attestation,
 * several contacts, every provision answered, documents), as a state fills them in. Pure but for the documents,
 * which are stored in a blob store as an upload would store them, or only described (a reference to bytes that
 * were never stored: reading the filing works, downloading the document answers 404, and a backup refuses the
 * datastore for want of them), or left out.
 */

/**
 * Makes the reference of one document of a filing (storing its bytes, or only describing them), or null to leave
 * the document out.
 */
export type DocumentMaker = (
  name: string,
  bytes: Buffer | null,
  by: string,
  at: string,
) => Promise<DocumentRef | null>;

/** Filings without documents. */
export const noDocuments: DocumentMaker = async () => null;

/** Bytes that look like a small PDF, different for every `n`. */
export function pdfBytes(n: number): Buffer {
  return Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(500 + ((n * 977) % 6000))]);
}

/** Documents described but not stored: a made-up size and the hash of the name, under a fresh key. */
export const metadataOnlyDocuments = async (
  name: string,
  bytes: Buffer | null,
  by: string,
  at: string,
): Promise<DocumentRef> => ({
  blobKey: `documents/${newId()}`,
  name,
  sha256: createHash('sha256')
    .update(bytes ?? name)
    .digest('hex'),
  size: bytes?.length ?? 40_000 + ((name.length * 7919) % 900_000),
  contentType: 'application/pdf',
  uploadedBy: by,
  uploadedAt: at,
});

/** Documents stored in `blobs` as an upload stores them (bytes made up when none are given). */
export function storedDocuments(blobs: BlobStore): DocumentMaker {
  return async (name, given, by, at) => {
    const bytes = given ?? pdfBytes(name.length * 31 + at.length);
    const blobKey = `documents/${newId()}`;
    const stored = await blobs.put(blobKey, Readable.from([bytes]), {
      contentType: 'application/pdf',
      maxBytes: bytes.length,
    });
    if (stored.sha256 !== createHash('sha256').update(bytes).digest('hex')) {
      throw new Error('The blob store changed the bytes of a generated document');
    }
    return {
      blobKey,
      name,
      sha256: stored.sha256,
      size: stored.size,
      contentType: 'application/pdf',
      uploadedBy: by,
      uploadedAt: at,
    };
  };
}

/** Up to two programs of the state that are not retired (none for a state without programs). */
export function programIdsOf(stateCode: string): string[] {
  return REFERENCE_PROGRAMS.filter((p) => p.stateCode === stateCode && !p.isDeprecated)
    .slice(0, 2)
    .map((p) => p.id);
}

/** Whether filing `n` comes with rates (every other one). */
export function hasRates(n: number): boolean {
  return n % 2 === 1;
}

const SERVICES = [
  'behavioral health services',
  'long-term services and supports',
  'non-emergency medical transportation',
  'dental benefits for adults',
  'pharmacy benefits',
  'maternity care and postpartum coverage',
  'home and community-based services',
];
const REGIONS = ['the northern region', 'the metropolitan counties', 'every county', 'the rural counties'];

/** A long, plausible description: about 1,450 characters (of 1,500 allowed), different for every filing. */
function description(stateCode: string, n: number, note: string): string {
  const service = (k: number) => SERVICES[(n + k) % SERVICES.length] ?? '';
  const region = REGIONS[n % REGIONS.length] ?? '';
  return [
    `${stateCode} managed care contract ${n} for plan year ${2025 + (n % 3)}, covering ${region}.`,
    `This submission updates the capitation arrangements for ${service(0)} and ${service(1)}, aligns the`,
    `network adequacy standards with the state's quality strategy, and adds reporting on ${service(2)}.`,
    'The contractor shall maintain a provider network sufficient to deliver every covered benefit within the',
    'time and distance standards of the state, report encounter data monthly, and participate in the external',
    'quality review. Payments under this amendment follow the actuarially sound rates certified for the same',
    `period; the state directed payments for ${service(3)} are described in the preprint filed separately.`,
    'Enrollment, disenrollment and grievance procedures are unchanged except where noted in the redlined',
    `sections. ${note} Questions about this submission may be sent to the state contacts listed below; the`,
    `state's managed care unit reviews every comment within ten business days (reference ${1000 + n}).`,
    'Performance measures, withhold targets and the corrective action process carry over from the prior',
    'contract year; the readiness review for new plans is scheduled before the start date.',
  ].join(' ');
}

/** About 1,100 characters of attestation. */
function attestation(n: number): string {
  return [
    'The state attests that the contract complies with 42 CFR 438 and that every provision named in this',
    'submission has been reviewed by the state Medicaid agency and its counsel. Rates are paid on an',
    `actuarially sound basis and the state will notify CMS of any change to them (filing ${n}). The contract`,
    'includes the required provisions on enrollee rights, grievance and appeal systems, program integrity,',
    'subcontractor oversight and the reporting of overpayments; the state has verified that the contractor',
    'meets the network adequacy and availability of services standards for every county it serves. Where a',
    'provision differs from the model contract, the redlined copy among the supporting documents shows the',
    'change and the reason for it, and the state will keep the records of this review for ten years.',
  ].join(' ');
}

function contacts(n: number): { givenName: string; familyName: string; titleRole: string; email: string }[] {
  const roles = [
    'Program lead',
    'Contract officer',
    'Finance director',
    'Quality manager',
    'Policy analyst',
    'Compliance officer',
  ];
  return roles.slice(0, 4 + (n % 3)).map((titleRole, k) => ({
    givenName: ['Sam', 'Lee', 'Ari', 'Jo', 'Max', 'Kim'][k] ?? 'Pat',
    familyName: `${['Analyst', 'Deputy', 'Rivera', 'Okafor', 'Nguyen', 'Smith'][k] ?? 'Jones'} ${n}`,
    titleRole,
    email: `contact${k}.filing${n}@state.example.gov`,
  }));
}

/** Documents of one round of answers, made by `documents`. */
export interface ContractDocuments {
  contract: DocumentRef[];
  supporting: DocumentRef[];
}

/** A complete contract form of about 5 KB, for filing `n` of `stateCode`. */
export function contractForm(
  stateCode: string,
  n: number,
  note: string,
  documents: ContractDocuments = { contract: [], supporting: [] },
): ContractFormData {
  const amendment = n % 4 === 0;
  return contractFormDraftSchema.parse({
    populationCovered: n % 6 === 0 ? 'MEDICAID_AND_CHIP' : 'MEDICAID',
    programIDs: programIdsOf(stateCode),
    submissionType: hasRates(n) ? 'CONTRACT_AND_RATES' : 'CONTRACT_ONLY',
    contractType: amendment ? 'AMENDMENT' : 'BASE',
    riskBasedContract: n % 2 === 0,
    submissionDescription: description(stateCode, n, note),
    stateContacts: contacts(n),
    contractDetails: {
      contractDocuments: documents.contract,
      supportingDocuments: documents.supporting,
      contractExecutionStatus: n % 3 === 0 ? 'UNEXECUTED' : 'EXECUTED',
      contractDateStart: `${2025 + (n % 3)}-07-01`,
      contractDateEnd: `${2026 + (n % 3)}-06-30`,
      managedCareEntities: n % 2 === 0 ? ['MCO', 'PIHP'] : ['MCO'],
      federalAuthorities: n % 5 === 0 ? ['STATE_PLAN', 'WAIVER_1115'] : ['STATE_PLAN', 'WAIVER_1915B'],
      dsnpContract: n % 7 === 0,
      statutoryRegulatoryAttestation: true,
      statutoryRegulatoryAttestationDescription: attestation(n),
      provisions: {
        inLieuServicesAndSettings: n % 2 === 0,
        modifiedRiskSharingStrategy: n % 3 === 0,
        modifiedIncentiveArrangements: false,
        modifiedWitholdAgreements: n % 5 === 0,
        modifiedStateDirectedPayments: true,
        modifiedPassThroughPayments: false,
        modifiedPaymentsForMentalDiseaseInstitutions: n % 4 === 1,
        modifiedNonRiskPaymentArrangements: false,
        ...(amendment
          ? {
              modifiedBenefitsProvided: true,
              modifiedGeoAreaServed: false,
              modifiedMedicaidBeneficiaries: false,
              modifiedMedicalLossRatioStandards: n % 2 === 0,
              modifiedOtherFinancialPaymentIncentive: false,
              modifiedEnrollmentProcess: false,
              modifiedGrevienceAndAppeal: false,
              modifiedNetworkAdequacyStandards: true,
              modifiedLengthOfContract: false,
            }
          : {}),
      },
    },
  });
}

/** A complete rate form for filing `n`. */
export function rateForm(stateCode: string, n: number, documents: DocumentRef[] = []): RateFormData {
  return rateFormDraftSchema.parse({
    rateDocuments: documents,
    rateProgramIDs: programIdsOf(stateCode),
    rateType: n % 4 === 3 ? 'AMENDMENT' : 'NEW',
    rateCapitationType: 'RATE_CELL',
    rateDateStart: '2026-07-01',
    rateDateEnd: '2027-06-30',
    rateDateCertified: '2026-05-01',
    ...(n % 4 === 3
      ? { amendmentEffectiveDateStart: '2026-09-01', amendmentEffectiveDateEnd: '2027-06-30' }
      : {}),
    certifyingActuaryContacts: [
      {
        name: `Alex Actuary ${n}`,
        titleRole: 'Principal',
        email: `alex${n}@actuaries.example.com`,
        actuarialFirm: 'MERCER',
      },
    ],
    actuaryCommunicationPreference: 'OACT_TO_ACTUARY',
  });
}
