import { describe, expect, it } from 'vitest';
import {
  MEDICAID_BASE_PROVISIONS,
  PROVISIONS,
  REFERENCE_PROGRAMS,
  checkContractForSubmit,
  contractFormDraftSchema,
  emptyContractDetails,
  emptyContractForm,
  type Program,
} from '../src';
import { completeDetails, completeContractForm, doc, provisionAnswers } from '../src/testing';

const mnPrograms: Program[] = REFERENCE_PROGRAMS.filter((p) => p.stateCode === 'MN');
const active = mnPrograms.filter((p) => !p.isDeprecated);
const retired = REFERENCE_PROGRAMS.find((p) => p.isDeprecated)!;

function paths(result: ReturnType<typeof checkContractForSubmit>): string[] {
  return result.ok ? [] : result.issues.map((i) => i.path.join('.'));
}

describe('contract form draft', () => {
  it('accepts an empty draft and fills defaults, with the current schema version and empty details', () => {
    const draft = contractFormDraftSchema.parse({});
    expect(draft).toEqual(emptyContractForm());
    expect(draft.schemaVersion).toBe(2);
    expect(draft.programIDs).toEqual([]);
    expect(draft.contractDetails).toEqual(emptyContractDetails());
  });

  it('refuses wrong types and over-long text even in a draft, in the details too', () => {
    const bad: unknown[] = [
      { riskBasedContract: 'yes' },
      { populationCovered: 'EVERYONE' },
      { submissionDescription: 'x'.repeat(1501) },
      { programIDs: ['not-a-uuid'] },
      { contractDetails: { managedCareEntities: ['HMO'] } },
      { contractDetails: { contractDateEnd: '2026-02-30' } },
      { contractDetails: null },
    ];
    for (const input of bad)
      expect(contractFormDraftSchema.safeParse(input).success, JSON.stringify(input)).toBe(false);
  });
});

describe('contract form at submit', () => {
  it('lists every missing answer of an empty draft by path, the details as one until they can be asked', () => {
    const result = checkContractForSubmit(emptyContractForm(), active);
    expect(result.ok).toBe(false);
    expect(paths(result).sort()).toEqual(
      [
        'populationCovered',
        'programIDs',
        'submissionType',
        'contractType',
        'riskBasedContract',
        'submissionDescription',
        'stateContacts',
        'contractDetails',
      ].sort(),
    );
  });

  it.each([
    ['population', { populationCovered: undefined }, 'populationCovered'],
    ['contract type', { contractType: undefined }, 'contractType'],
  ] as const)(
    'without a %s, asks for it and reports the details as not yet answerable',
    (_, overrides, field) => {
      const form = completeContractForm({ ...overrides, contractDetails: emptyContractDetails() });
      expect(paths(checkContractForSubmit(form, active))).toEqual([field, 'contractDetails']);
    },
  );

  it('lists missing contract details under contractDetails once population and contract type are known', () => {
    const form = completeContractForm({ contractDetails: emptyContractDetails() });
    expect(paths(checkContractForSubmit(form, active)).sort()).toEqual(
      [
        'contractDetails.contractDocuments',
        'contractDetails.contractExecutionStatus',
        'contractDetails.contractDateStart',
        'contractDetails.contractDateEnd',
        'contractDetails.managedCareEntities',
        'contractDetails.federalAuthorities',
        'contractDetails.statutoryRegulatoryAttestation',
        ...MEDICAID_BASE_PROVISIONS.map((p) => `contractDetails.provisions.${p}`),
      ].sort(),
    );
  });

  it('puts every contract-detail rule under contractDetails: dates, duplicates, D-SNP, attestation', () => {
    const form = completeContractForm({
      contractDetails: completeDetails({
        contractDateEnd: '2025-12-31',
        contractDocuments: [doc('c.pdf'), doc('C.pdf')],
        dsnpContract: undefined,
        statutoryRegulatoryAttestation: false,
      }),
    });
    expect(paths(checkContractForSubmit(form, active))).toEqual([
      'contractDetails.contractDocuments.1.name',
      'contractDetails.contractDateEnd',
      'contractDetails.dsnpContract',
      'contractDetails.statutoryRegulatoryAttestationDescription',
    ]);
  });

  it('asks the details by the population and contract type of the form', () => {
    const amendment = completeContractForm({ contractType: 'AMENDMENT' });
    const base = new Set<string>(MEDICAID_BASE_PROVISIONS);
    const extra = PROVISIONS.filter((p) => !base.has(p));
    expect(paths(checkContractForSubmit(amendment, active)).sort()).toEqual(
      extra.map((p) => `contractDetails.provisions.${p}`).sort(),
    );
    const chip = completeContractForm({
      populationCovered: 'CHIP',
      contractDetails: completeDetails({ federalAuthorities: ['BENCHMARK'] }),
    });
    expect(paths(checkContractForSubmit(chip, active))).toEqual(['contractDetails.federalAuthorities']);
  });

  it('reports the issues of the submission details and of the contract details together', () => {
    const form = completeContractForm({
      riskBasedContract: undefined,
      contractDetails: completeDetails({ managedCareEntities: [] }),
    });
    expect(paths(checkContractForSubmit(form, active))).toEqual([
      'riskBasedContract',
      'contractDetails.managedCareEntities',
    ]);
  });

  it('names the field of an incomplete contact', () => {
    const form = completeContractForm({
      programIDs: [active[0]!.id],
      stateContacts: [{ givenName: 'Ann', familyName: '', titleRole: 'Analyst', email: 'not-an-email' }],
    });
    expect(paths(checkContractForSubmit(form, active))).toEqual([
      'stateContacts.0.familyName',
      'stateContacts.0.email',
    ]);
  });

  it('accepts a complete form with complete contract details', () => {
    const form = completeContractForm({ programIDs: [active[0]!.id] });
    const result = checkContractForSubmit(form, mnPrograms);
    expect(result).toEqual({ ok: true, form });
  });

  it('returns the answers cleaned: trimmed, and without details other answers made irrelevant', () => {
    const form = completeContractForm({
      submissionDescription: '  A base contract  ',
      contractDetails: completeDetails({
        federalAuthorities: ['BENCHMARK'],
        dsnpContract: true,
        statutoryRegulatoryAttestationDescription: 'stale',
        provisions: provisionAnswers(PROVISIONS),
      }),
    });
    const result = checkContractForSubmit(form, active);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.form.schemaVersion).toBe(2);
    expect(result.form.submissionDescription).toBe('A base contract');
    expect(result.form.contractDetails).not.toHaveProperty('dsnpContract');
    expect(result.form.contractDetails.statutoryRegulatoryAttestationDescription).toBe('');
    expect(Object.keys(result.form.contractDetails.provisions).sort()).toEqual(
      [...MEDICAID_BASE_PROVISIONS].sort(),
    );
    expect(form.contractDetails.dsnpContract).toBe(true);
  });

  it("refuses another state's program and a retired one, unless the retired one was chosen before", () => {
    const foreign = REFERENCE_PROGRAMS.find((p) => p.stateCode === 'FL')!;
    expect(paths(checkContractForSubmit(completeContractForm({ programIDs: [foreign.id] }), active))).toEqual(
      ['programIDs.0'],
    );
    const programs = [...active, retired];
    const withRetired = completeContractForm({ programIDs: [retired.id] });
    expect(paths(checkContractForSubmit(withRetired, programs))).toEqual(['programIDs.0']);
    expect(checkContractForSubmit(withRetired, programs, [retired.id]).ok).toBe(true);
  });

  it('keeps CHIP-only filings contract-only', () => {
    const chipDetails = completeDetails({ federalAuthorities: ['TITLE_XXI'], provisions: {} });
    const form = completeContractForm({
      programIDs: [active[0]!.id],
      populationCovered: 'CHIP',
      submissionType: 'CONTRACT_AND_RATES',
      contractDetails: chipDetails,
    });
    expect(paths(checkContractForSubmit(form, active))).toEqual(['submissionType']);
    expect(checkContractForSubmit({ ...form, submissionType: 'CONTRACT_ONLY' }, active).ok).toBe(true);
  });
});
