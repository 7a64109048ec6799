import type { ContractFormInput, ContractView, DocumentRef, StateContact } from '@docket/domain';
import type { ApiSession } from './api';
import { medicaidBaseContract, programId } from './arrange';
import { pdfFile, type TestFile } from './files';

/** A new rate certification a filing enters: its certification document and its certifying actuary. */
export interface RatePlan {
  certification: TestFile;
  actuaryName?: string;
  /** Filed as the firm "Other", with this name. */
  actuarialFirm?: string;
}

/** What a submission arranged through the API holds. */
export interface FilingPlan {
  /** Minnesota's program nicknames, "PMAP". */
  programs: readonly string[];
  description: string;
  contractDocuments: readonly TestFile[];
  contact?: StateContact;
  /** CHIP-only: contract-only under Title XXI, which asks no provision questions. */
  chipOnly?: boolean;
  /** New rate certifications covering the filing's programs; none makes it contract-only. */
  rates?: readonly RatePlan[];
}

/** Files a Minnesota Medicaid base contract (or a CHIP-only one) through the API, and submits it. */
export async function fileSubmission(api: ApiSession, plan: FilingPlan): Promise<ContractView> {
  const programs = [];
  for (const name of plan.programs) programs.push(await programId(api, name));
  const contractDocuments = [];
  for (const file of plan.contractDocuments) contractDocuments.push(await api.upload(file));
  const rates = plan.rates ?? [];
  const base = medicaidBaseContract(
    programs[0] ?? '',
    plan.description,
    contractDocuments,
    [],
    rates.length > 0 ? 'CONTRACT_AND_RATES' : 'CONTRACT_ONLY',
  );
  const form: ContractFormInput = {
    ...base,
    programIDs: programs,
    ...(plan.contact ? { stateContacts: [plan.contact] } : {}),
    ...(plan.chipOnly
      ? {
          populationCovered: 'CHIP',
          contractDetails: {
            ...base.contractDetails,
            federalAuthorities: ['TITLE_XXI'],
            dsnpContract: undefined,
            provisions: {},
          },
        }
      : {}),
  };
  const created = await api.createContract(form);
  if (rates.length === 0) return api.submit(created);

  const rateInputs = [];
  for (const rate of rates) rateInputs.push(newRate(programs, await api.upload(rate.certification), rate));
  return api.submit(await api.saveDraft(created, form, rateInputs));
}

/** A new rate certification of these programs for a draft to save, its certification already uploaded. */
export function newRate(
  programs: readonly string[],
  certification: DocumentRef,
  rate: Omit<RatePlan, 'certification'> = {},
) {
  return {
    kind: 'NEW' as const,
    rateId: null,
    formData: {
      rateDocuments: [certification],
      rateProgramIDs: [...programs],
      rateType: 'NEW' as const,
      rateCapitationType: 'RATE_CELL' as const,
      rateDateStart: '2027-01-01',
      rateDateEnd: '2027-12-31',
      rateDateCertified: '2026-09-30',
      certifyingActuaryContacts: [
        {
          name: rate.actuaryName ?? 'Priya Raman',
          titleRole: 'Principal actuary',
          email: 'priya@actuaries.example',
          ...(rate.actuarialFirm
            ? { actuarialFirm: 'OTHER' as const, actuarialFirmOther: rate.actuarialFirm }
            : { actuarialFirm: 'MERCER' as const }),
        },
      ],
      actuaryCommunicationPreference: 'OACT_TO_STATE' as const,
    },
  };
}

/** A contract document with its own bytes. */
export function contractPdf(name: string): TestFile {
  return pdfFile(name, `Contract ${name.slice(0, 40)}`);
}
