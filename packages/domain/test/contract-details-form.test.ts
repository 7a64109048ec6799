import { describe, expect, it } from 'vitest';
import {
  CHIP_AMENDMENT_PROVISIONS,
  FEDERAL_AUTHORITIES,
  MEDICAID_BASE_PROVISIONS,
  PROVISIONS,
  applicableProvisions,
  checkContractDetailsForSubmit,
  contractDetailsDraftSchema,
  contractDetailsSubmitSchema,
  dropIrrelevantContractAnswers,
  dropIrrelevantContractDetails,
  emptyContractDetails,
  emptyRateForm,
  isDsnpAsked,
  type ContractDetailsContext,
  type ContractAnswers,
  type ContractDetailsData,
  type ContractFormData,
  type ContractType,
  type PopulationCovered,
  type RateFormData,
} from '../src';
import { completeDetails, completeContractForm, doc, provisionAnswers as answers } from '../src/testing';

const medicaidBase: ContractDetailsContext = { populationCovered: 'MEDICAID', contractType: 'BASE' };

function paths(result: ReturnType<typeof checkContractDetailsForSubmit>): string[] {
  return result.ok ? [] : result.issues.map((i) => i.path.join('.'));
}

describe('contract details draft', () => {
  it('parses an empty draft with defaults, and no version of its own (the contract form carries it)', () => {
    const draft = contractDetailsDraftSchema.parse({});
    expect(draft).toEqual(emptyContractDetails());
    expect(draft).not.toHaveProperty('schemaVersion');
    expect(draft.contractDocuments).toEqual([]);
    expect(draft.provisions).toEqual({});
  });

  it('refuses wrong types even in a draft', () => {
    const bad: unknown[] = [
      { contractDateStart: '2026-02-30' },
      { contractDateStart: '01/02/2026' },
      { managedCareEntities: ['HMO'] },
      { federalAuthorities: ['WAIVER_1915C'] },
      { dsnpContract: 'yes' },
      { provisions: { modifiedGeoAreaServed: 'no' } },
      { contractDocuments: [{ ...doc('a.pdf'), sha256: 'xyz' }] },
      { contractDocuments: [{ ...doc('a.pdf'), size: 0 }] },
      { contractDocuments: [{ ...doc('a.pdf'), size: 1.5 }] },
      { contractDocuments: [{ ...doc('a.pdf'), uploadedBy: '' }] },
      { contractDocuments: [{ ...doc('a.pdf'), uploadedAt: '2026-01-15' }] },
      { contractDocuments: [{ ...doc('a.pdf'), uploadToken: 't'.repeat(1001) }] },
      { supportingDocuments: [{ ...doc('a.pdf'), uploadedBy: undefined }] },
      { statutoryRegulatoryAttestationDescription: 'x'.repeat(1501) },
    ];
    for (const input of bad)
      expect(contractDetailsDraftSchema.safeParse(input).success, JSON.stringify(input)).toBe(false);
  });

  it('keeps who uploaded a document and when, with or without an upload token', () => {
    const withToken = { ...doc('a.pdf'), uploadedAt: '2026-01-15T05:00:00-05:00', uploadToken: 'receipt' };
    const draft = contractDetailsDraftSchema.parse({
      contractDocuments: [withToken],
      supportingDocuments: [doc('b.pdf')],
    });
    expect(draft.contractDocuments).toEqual([withToken]);
    expect(draft.supportingDocuments[0]).toEqual(doc('b.pdf'));
    expect(draft.supportingDocuments[0]).not.toHaveProperty('uploadToken');
  });
});

describe('contract details at submit', () => {
  it('lists every missing answer of an empty draft by path', () => {
    expect(paths(checkContractDetailsForSubmit(emptyContractDetails(), medicaidBase))).toEqual(
      expect.arrayContaining([
        'contractDocuments',
        'contractExecutionStatus',
        'contractDateStart',
        'contractDateEnd',
        'managedCareEntities',
        'federalAuthorities',
        'statutoryRegulatoryAttestation',
        ...MEDICAID_BASE_PROVISIONS.map((p) => `provisions.${p}`),
      ]),
    );
  });

  it('asks for a missing date by name, and for a malformed one by format', () => {
    const missing = checkContractDetailsForSubmit(emptyContractDetails(), medicaidBase);
    const messages = missing.ok ? [] : missing.issues.filter((i) => i.path[0] === 'contractDateStart');
    expect(messages.map((i) => i.message)).toEqual(['Enter the start date']);
    const malformed = contractDetailsSubmitSchema.safeParse({ contractDateStart: '01/02/2026' });
    const issue = malformed.error?.issues.find((i) => i.path[0] === 'contractDateStart');
    expect(issue?.message).toBe('Enter a date as YYYY-MM-DD');
  });

  it('accepts complete details', () => {
    const result = checkContractDetailsForSubmit(completeDetails(), medicaidBase);
    expect(result).toMatchObject({ ok: true, form: { contractDocuments: [doc('contract.pdf')] } });
  });

  it('refuses an end date on or before the start date', () => {
    for (const contractDateEnd of ['2026-01-01', '2025-12-31']) {
      const form = completeDetails({ contractDateEnd });
      expect(paths(checkContractDetailsForSubmit(form, medicaidBase))).toEqual(['contractDateEnd']);
    }
  });

  it('refuses the same document name twice and the same choice twice', () => {
    const form = completeDetails({
      supportingDocuments: [doc('a.pdf'), doc('A.pdf')],
      managedCareEntities: ['MCO', 'MCO'],
    });
    expect(paths(checkContractDetailsForSubmit(form, medicaidBase))).toEqual([
      'supportingDocuments.1.name',
      'managedCareEntities.1',
    ]);
  });

  describe('federal authorities', () => {
    const chipBase: ContractDetailsContext = { populationCovered: 'CHIP', contractType: 'BASE' };
    it.each([
      [['STATE_PLAN'], false],
      [['BENCHMARK', 'VOLUNTARY'], false],
      [['WAIVER_1115'], true],
      [['TITLE_XXI'], true],
      [['BENCHMARK', 'TITLE_XXI'], true],
    ] as const)('CHIP-only with %j is accepted: %s', (federalAuthorities, ok) => {
      const form = completeDetails({ federalAuthorities: [...federalAuthorities], provisions: {} });
      const result = checkContractDetailsForSubmit(form, chipBase);
      expect(paths(result)).toEqual(ok ? [] : ['federalAuthorities']);
    });

    it('does not apply the CHIP rule to Medicaid or mixed filings', () => {
      const form = completeDetails({ federalAuthorities: ['BENCHMARK'] });
      expect(checkContractDetailsForSubmit(form, medicaidBase).ok).toBe(true);
      expect(
        checkContractDetailsForSubmit(form, { populationCovered: 'MEDICAID_AND_CHIP', contractType: 'BASE' })
          .ok,
      ).toBe(true);
    });
  });

  describe('D-SNP question', () => {
    const asked = new Set(['STATE_PLAN', 'WAIVER_1915B', 'WAIVER_1115', 'VOLUNTARY']);
    it.each(FEDERAL_AUTHORITIES.map((a) => [a, asked.has(a)] as const))(
      'authority %s asks it: %s',
      (authority, isAsked) => {
        expect(isDsnpAsked([authority])).toBe(isAsked);
        const form = completeDetails({ federalAuthorities: [authority], dsnpContract: undefined });
        expect(paths(checkContractDetailsForSubmit(form, medicaidBase))).toEqual(
          isAsked ? ['dsnpContract'] : [],
        );
      },
    );

    it('is asked when any chosen authority asks it', () => {
      expect(isDsnpAsked(['BENCHMARK', 'TITLE_XXI'])).toBe(false);
      expect(isDsnpAsked(['BENCHMARK', 'VOLUNTARY'])).toBe(true);
      expect(isDsnpAsked([])).toBe(false);
    });

    it('drops an answer that is no longer asked, and files without it', () => {
      const form = completeDetails({ federalAuthorities: ['BENCHMARK'], dsnpContract: true });
      expect(dropIrrelevantContractDetails(form, medicaidBase)).not.toHaveProperty('dsnpContract');
      const result = checkContractDetailsForSubmit(form, medicaidBase);
      expect(result.ok && result.form.dsnpContract).toBe(undefined);
    });
  });

  describe('42 CFR 438 attestation', () => {
    it('requires a description when the contract does not comply', () => {
      const form = completeDetails({ statutoryRegulatoryAttestation: false });
      expect(paths(checkContractDetailsForSubmit(form, medicaidBase))).toEqual([
        'statutoryRegulatoryAttestationDescription',
      ]);
      const described = { ...form, statutoryRegulatoryAttestationDescription: 'Pending rule change' };
      const result = checkContractDetailsForSubmit(described, medicaidBase);
      expect(result.ok && result.form.statutoryRegulatoryAttestationDescription).toBe('Pending rule change');
    });

    it('drops the description when the contract complies', () => {
      const form = completeDetails({ statutoryRegulatoryAttestationDescription: 'stale' });
      expect(
        dropIrrelevantContractDetails(form, medicaidBase).statutoryRegulatoryAttestationDescription,
      ).toBe('');
      const result = checkContractDetailsForSubmit(form, medicaidBase);
      expect(result.ok && result.form.statutoryRegulatoryAttestationDescription).toBe('');
    });
  });

  describe('provision questions by population and contract type', () => {
    const medicaidAmendment = [
      ...MEDICAID_BASE_PROVISIONS,
      'modifiedBenefitsProvided',
      'modifiedGeoAreaServed',
      'modifiedMedicaidBeneficiaries',
      'modifiedMedicalLossRatioStandards',
      'modifiedOtherFinancialPaymentIncentive',
      'modifiedEnrollmentProcess',
      'modifiedGrevienceAndAppeal',
      'modifiedNetworkAdequacyStandards',
      'modifiedLengthOfContract',
    ];
    const chipAmendment = [
      'modifiedBenefitsProvided',
      'modifiedGeoAreaServed',
      'modifiedMedicaidBeneficiaries',
      'modifiedEnrollmentProcess',
      'modifiedMedicalLossRatioStandards',
      'modifiedGrevienceAndAppeal',
      'modifiedNetworkAdequacyStandards',
      'modifiedLengthOfContract',
      'modifiedNonRiskPaymentArrangements',
    ];
    const table: [PopulationCovered, ContractType, readonly string[]][] = [
      ['MEDICAID', 'BASE', MEDICAID_BASE_PROVISIONS],
      ['MEDICAID', 'AMENDMENT', medicaidAmendment],
      ['MEDICAID_AND_CHIP', 'BASE', MEDICAID_BASE_PROVISIONS],
      ['MEDICAID_AND_CHIP', 'AMENDMENT', medicaidAmendment],
      ['CHIP', 'BASE', []],
      ['CHIP', 'AMENDMENT', chipAmendment],
    ];

    it.each(table)('%s %s asks exactly its set', (populationCovered, contractType, expected) => {
      expect([...applicableProvisions(populationCovered, contractType)].sort()).toEqual([...expected].sort());
      const ctx = { populationCovered, contractType };
      const authorities = populationCovered === 'CHIP' ? (['TITLE_XXI'] as const) : (['STATE_PLAN'] as const);
      const unanswered = completeDetails({ federalAuthorities: [...authorities], provisions: {} });
      expect(paths(checkContractDetailsForSubmit(unanswered, ctx)).sort()).toEqual(
        expected.map((p) => `provisions.${p}`).sort(),
      );
      const everyAnswer = completeDetails({
        federalAuthorities: [...authorities],
        provisions: answers(PROVISIONS),
      });
      const result = checkContractDetailsForSubmit(everyAnswer, ctx);
      expect(result.ok).toBe(true);
      expect(result.ok && Object.keys(result.form.provisions).sort()).toEqual([...expected].sort());
    });

    it('keeps the exported CHIP amendment set in line with DOMAIN §3.2', () => {
      expect([...CHIP_AMENDMENT_PROVISIONS].sort()).toEqual([...chipAmendment].sort());
    });

    it('keeps provision answers while population or contract type is unanswered', () => {
      const form = completeDetails({ provisions: answers(PROVISIONS) });
      expect(dropIrrelevantContractDetails(form, {}).provisions).toEqual(answers(PROVISIONS));
    });
  });
});

describe('dropping irrelevant answers of a filing', () => {
  const rate = { ...emptyRateForm(), rateMedicaidPopulations: ['MEDICAID_ONLY' as const] };

  function filing(
    form: Partial<ContractFormData>,
    contractDetails: ContractDetailsData,
    rates: RateFormData[] = [rate],
  ): ContractAnswers {
    return { form: completeContractForm({ ...form, contractDetails }), rates };
  }

  it('drops rates from a contract-only filing and keeps them with rates', () => {
    const contractOnly = dropIrrelevantContractAnswers(
      filing({ submissionType: 'CONTRACT_ONLY' }, completeDetails({ dsnpContract: true })),
    );
    expect(contractOnly.rates).toEqual([]);
    const withRates = dropIrrelevantContractAnswers(
      filing({ submissionType: 'CONTRACT_AND_RATES' }, completeDetails({ dsnpContract: true })),
    );
    expect(withRates.rates).toEqual([rate]);
  });

  it('keeps rates while the submission type is unanswered', () => {
    const kept = dropIrrelevantContractAnswers(
      filing({ submissionType: undefined }, completeDetails({ dsnpContract: true })),
    );
    expect(kept.rates).toEqual([rate]);
  });

  it('drops the Medicaid populations of rates when the contract is not D-SNP', () => {
    const notDsnp = dropIrrelevantContractAnswers(
      filing({ submissionType: 'CONTRACT_AND_RATES' }, completeDetails({ dsnpContract: false })),
    );
    expect(notDsnp.rates[0]!.rateMedicaidPopulations).toEqual([]);
    const notAsked = dropIrrelevantContractAnswers(
      filing(
        { submissionType: 'CONTRACT_AND_RATES' },
        completeDetails({ federalAuthorities: ['BENCHMARK'], dsnpContract: true }),
      ),
    );
    expect(notAsked.form.contractDetails).not.toHaveProperty('dsnpContract');
    expect(notAsked.rates[0]!.rateMedicaidPopulations).toEqual([]);
  });

  it('drops rates and provisions from a CHIP-only base filing', () => {
    const chip = dropIrrelevantContractAnswers(
      filing(
        { populationCovered: 'CHIP', submissionType: 'CONTRACT_AND_RATES', contractType: 'BASE' },
        completeDetails({ federalAuthorities: ['TITLE_XXI'], provisions: answers(PROVISIONS) }),
      ),
    );
    expect(chip.rates).toEqual([]);
    expect(chip.form.contractDetails.provisions).toEqual({});
  });

  it('cleans the details inside the form and leaves the other answers of the form as they are', () => {
    const input = filing(
      { submissionType: 'CONTRACT_AND_RATES', submissionDescription: '  as typed  ' },
      completeDetails({ statutoryRegulatoryAttestationDescription: 'stale' }),
    );
    const { form } = dropIrrelevantContractAnswers(input);
    expect(form.contractDetails.statutoryRegulatoryAttestationDescription).toBe('');
    expect({ ...form, contractDetails: null }).toEqual({ ...input.form, contractDetails: null });
  });

  it('does not change its input', () => {
    const input = filing(
      { submissionType: 'CONTRACT_AND_RATES' },
      completeDetails({ federalAuthorities: ['BENCHMARK'], dsnpContract: true }),
    );
    const before = structuredClone(input);
    dropIrrelevantContractAnswers(input);
    expect(input).toEqual(before);
  });
});
