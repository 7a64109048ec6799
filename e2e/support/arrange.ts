import type { ContractFormInput, ContractView, DocumentRef } from '@docket/domain';
import { completeContractForm, completeDetails } from '@docket/domain/testing';
import { apiLogin, type ApiSession } from './api';
import { csvFile, pdfFile, type TestFile } from './files';

/** Answers to every question of a Medicaid base contract of one program, with these documents. */
export function medicaidBaseContract(
  programId: string,
  description: string,
  contractDocuments: DocumentRef[],
  supportingDocuments: DocumentRef[],
  submissionType: 'CONTRACT_ONLY' | 'CONTRACT_AND_RATES',
): ContractFormInput {
  return completeContractForm({
    programIDs: [programId],
    submissionType,
    submissionDescription: description,
    contractDetails: completeDetails({ contractDocuments, supportingDocuments }),
  });
}

export async function programId(api: ApiSession, name: string): Promise<string> {
  const program = (await api.programs('MN')).find((p) => p.name === name);
  if (!program) throw new Error(`Minnesota has no program ${name}`);
  return program.id;
}

/**
 * Starts, through the HTTP API, a contract-only Medicaid base contract of `programName` with these documents
 * (really uploaded), every question answered, and leaves it a draft.
 */
export async function draftContractOnly(
  baseUrl: string,
  person: { email: string; password: string },
  programName: string,
  documents: { contract: readonly TestFile[]; supporting: readonly TestFile[] },
): Promise<ContractView> {
  const api = await apiLogin(baseUrl, person.email, person.password);
  try {
    const contractDocuments = [];
    for (const file of documents.contract) contractDocuments.push(await api.upload(file));
    const supportingDocuments = [];
    for (const file of documents.supporting) supportingDocuments.push(await api.upload(file));
    return await api.createContract(
      medicaidBaseContract(
        await programId(api, programName),
        `${programName} base contract for 2026.`,
        contractDocuments,
        supportingDocuments,
        'CONTRACT_ONLY',
      ),
    );
  } finally {
    await api.dispose();
  }
}

/** Files, as `draftContractOnly` does, and submits it. */
export async function submitContractOnly(
  baseUrl: string,
  person: { email: string; password: string },
  programName: string,
  documents: { contract: readonly TestFile[]; supporting: readonly TestFile[] },
): Promise<ContractView> {
  const draft = await draftContractOnly(baseUrl, person, programName, documents);
  const api = await apiLogin(baseUrl, person.email, person.password);
  try {
    return await api.submit(draft);
  } finally {
    await api.dispose();
  }
}

export interface SubmittedFiling {
  contract: ContractView;
  /** The name of the rate the contract filed. */
  rateName: string;
}

/**
 * Files, through the HTTP API, a Medicaid base contract of the state with one new rate certification covering
 * `programName`, and submits it: what a later journey links. Documents are really uploaded.
 */
export async function submitContractWithRate(
  baseUrl: string,
  person: { email: string; password: string },
  programName: string,
  period: { start: string; end: string } = { start: '2026-01-01', end: '2026-12-31' },
): Promise<SubmittedFiling> {
  const api = await apiLogin(baseUrl, person.email, person.password);
  try {
    const program = await programId(api, programName);
    const contractDocument = await api.upload(pdfFile('snbc-2026-contract.pdf', 'SNBC contract 2026'));
    const rateDocument = await api.upload(pdfFile('snbc-2026-rate-certification.pdf', 'SNBC rates 2026'));
    const rateTables = await api.upload(
      csvFile('snbc-2026-rate-tables.csv', [
        ['rate cell', 'rate'],
        ['SNBC 18-64', 1450.22],
      ]),
    );
    const form = medicaidBaseContract(
      program,
      `${programName} base contract and rates for 2026.`,
      [contractDocument],
      [],
      'CONTRACT_AND_RATES',
    );
    const created = await api.createContract(form);
    const saved = await api.saveDraft(created, form, [
      {
        kind: 'NEW',
        rateId: null,
        formData: {
          rateDocuments: [rateDocument],
          supportingDocuments: [rateTables],
          rateProgramIDs: [program],
          rateType: 'NEW',
          rateCapitationType: 'RATE_CELL',
          rateDateStart: period.start,
          rateDateEnd: period.end,
          rateDateCertified: '2025-11-14',
          certifyingActuaryContacts: [
            {
              name: 'Olu Adeyemi',
              titleRole: 'Consulting actuary',
              email: 'olu@milliman.example',
              actuarialFirm: 'MILLIMAN',
            },
          ],
          actuaryCommunicationPreference: 'OACT_TO_STATE',
        },
      },
    ]);
    const contract = await api.submit(saved);
    const rateName = contract.rates[0]?.name;
    if (!rateName) throw new Error('the submitted contract has no rate');
    return { contract, rateName };
  } finally {
    await api.dispose();
  }
}
