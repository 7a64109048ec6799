import { describe, expect, it } from 'vitest';
import {
  REFERENCE_PROGRAMS,
  checkFilingForSubmit,
  emptyRateForm,
  ratesFiledWith,
  type FilingRate,
  type FilingSubmitInput,
  type RateFormData,
} from '../src';
import { actuary, completeDetails, completeContractForm, completeRateForm } from '../src/testing';

const today = '2026-03-15';
const mnPrograms = REFERENCE_PROGRAMS.filter((p) => p.stateCode === 'MN');
const [snbc, pmap] = ['SNBC', 'PMAP'].map((name) => mnPrograms.find((p) => p.name === name)!);

const owned = (rateId: string, formData: RateFormData): FilingRate => ({ rateId, owned: true, formData });
const linked = (rateId: string): FilingRate => ({ rateId, owned: false });

/** A Medicaid base filing with rates whose contract answers are complete. */
function filing(overrides: Partial<FilingSubmitInput> = {}): FilingSubmitInput {
  return {
    form: completeContractForm({ submissionType: 'CONTRACT_AND_RATES' }),
    rates: [owned('rate-1', completeRateForm())],
    statePrograms: mnPrograms,
    previouslyChosen: [],
    today,
    ...overrides,
  };
}

function paths(result: ReturnType<typeof checkFilingForSubmit>): string[] {
  return result.ok ? [] : result.issues.map((i) => i.path.join('.'));
}

describe('a contract-only filing', () => {
  it('submits without the rates left over from before the submission type changed', () => {
    const form = completeContractForm({ submissionType: 'CONTRACT_ONLY' });
    const result = checkFilingForSubmit(
      filing({ form, rates: [owned('rate-1', emptyRateForm()), linked('rate-2')] }),
    );
    expect(result).toEqual({ ok: true, form, rates: [] });
  });

  it('is CHIP-only: refused as contract-and-rates, with no issue about its rates, which are not filed', () => {
    const form = completeContractForm({
      populationCovered: 'CHIP',
      submissionType: 'CONTRACT_AND_RATES',
      contractDetails: completeDetails({ federalAuthorities: ['TITLE_XXI'], provisions: {} }),
    });
    const withRates = filing({ form, rates: [owned('rate-1', emptyRateForm()), linked('rate-1')] });
    expect(paths(checkFilingForSubmit(withRates))).toEqual(['submissionType']);
    const asContractOnly = { ...withRates, form: { ...form, submissionType: 'CONTRACT_ONLY' as const } };
    expect(checkFilingForSubmit(asContractOnly)).toMatchObject({ ok: true, rates: [] });
  });
});

describe('the rates a filing is submitted with', () => {
  const rates = [owned('rate-1', completeRateForm()), linked('rate-2')];

  it('are all of them for contract and rates', () => {
    const form = completeContractForm({ submissionType: 'CONTRACT_AND_RATES' });
    expect(ratesFiledWith(form, rates)).toEqual({ filed: rates, dropped: [] });
  });

  it('are none for a contract-only or a CHIP-only filing, which drops them', () => {
    const contractOnly = completeContractForm({ submissionType: 'CONTRACT_ONLY' });
    expect(ratesFiledWith(contractOnly, rates)).toEqual({ filed: [], dropped: rates });
    const chipOnly = completeContractForm({
      populationCovered: 'CHIP',
      submissionType: 'CONTRACT_AND_RATES',
    });
    expect(ratesFiledWith(chipOnly, rates)).toEqual({ filed: [], dropped: rates });
  });

  it('are none, and none dropped, while the submission type is unanswered (submitting is refused then)', () => {
    const form = completeContractForm({ submissionType: undefined });
    expect(ratesFiledWith(form, rates)).toEqual({ filed: [], dropped: [] });
  });
});

describe('a filing with rates', () => {
  it('needs at least one rate', () => {
    expect(paths(checkFilingForSubmit(filing({ rates: [] })))).toEqual(['rates']);
  });

  it('lists the missing answers of an owned rate under rates.{index}', () => {
    const result = checkFilingForSubmit(
      filing({ rates: [linked('rate-1'), owned('rate-2', emptyRateForm())] }),
    );
    expect(paths(result)).toEqual(
      expect.arrayContaining([
        'rates.1.rateDocuments',
        'rates.1.rateProgramIDs',
        'rates.1.rateType',
        'rates.1.rateDateCertified',
        'rates.1.certifyingActuaryContacts',
        'rates.1.actuaryCommunicationPreference',
      ]),
    );
    expect(paths(result).every((p) => p.startsWith('rates.1.'))).toBe(true);
  });

  it('names the field of an incomplete actuary under the rate', () => {
    const rate = completeRateForm({ certifyingActuaryContacts: [actuary({ email: 'nope' })] });
    expect(paths(checkFilingForSubmit(filing({ rates: [owned('rate-1', rate)] })))).toEqual([
      'rates.0.certifyingActuaryContacts.0.email',
    ]);
  });

  it('reports a program chosen twice in a rate once, and a program of another state by its place', () => {
    const foreign = REFERENCE_PROGRAMS.find((p) => p.stateCode !== 'MN')!;
    const rate = completeRateForm({ rateProgramIDs: [snbc!.id, snbc!.id, foreign.id] });
    const result = checkFilingForSubmit(filing({ rates: [owned('rate-1', rate)] }));
    expect(result.ok ? [] : result.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['rates.0.rateProgramIDs.1', expect.stringContaining('twice')],
      ['rates.0.rateProgramIDs.2', expect.stringContaining('not a program of this state')],
    ]);
  });

  it('accepts a linked rate without any answers of its own', () => {
    const result = checkFilingForSubmit(filing({ rates: [linked('rate-9')] }));
    expect(result).toMatchObject({ ok: true, rates: [linked('rate-9')] });
  });

  it.each([
    ['linked twice', [linked('rate-1'), linked('rate-1')]],
    ['owned, then linked', [owned('rate-1', completeRateForm()), linked('rate-1')]],
  ])('refuses the same rate twice (%s) at the second one', (_, rates) => {
    expect(paths(checkFilingForSubmit(filing({ rates })))).toEqual(['rates.1']);
  });

  it('reports the contract issues and the rate issues together', () => {
    const form = completeContractForm({ submissionType: 'CONTRACT_AND_RATES', riskBasedContract: undefined });
    const rate = completeRateForm({ rateCapitationType: undefined });
    expect(paths(checkFilingForSubmit(filing({ form, rates: [owned('rate-1', rate)] })))).toEqual([
      'riskBasedContract',
      'rates.0.rateCapitationType',
    ]);
  });

  describe('Medicaid populations of owned rates', () => {
    const dsnpForm = completeContractForm({
      submissionType: 'CONTRACT_AND_RATES',
      contractDetails: completeDetails({ dsnpContract: true }),
    });

    it('are required when the contract is D-SNP, and kept', () => {
      expect(paths(checkFilingForSubmit(filing({ form: dsnpForm })))).toEqual([
        'rates.0.rateMedicaidPopulations',
      ]);
      const rate = completeRateForm({ rateMedicaidPopulations: ['MEDICAID_ONLY'] });
      const result = checkFilingForSubmit(filing({ form: dsnpForm, rates: [owned('rate-1', rate)] }));
      expect(result.ok).toBe(true);
      const first = result.ok ? result.rates[0] : undefined;
      expect(first?.owned && first.formData.rateMedicaidPopulations).toEqual(['MEDICAID_ONLY']);
    });

    it('are dropped from the result when the contract is not D-SNP', () => {
      const rate = completeRateForm({ rateMedicaidPopulations: ['MEDICAID_ONLY'] });
      const result = checkFilingForSubmit(filing({ rates: [owned('rate-1', rate)] }));
      expect(result.ok).toBe(true);
      const first = result.ok ? result.rates[0] : undefined;
      expect(first?.owned && first.formData.rateMedicaidPopulations).toEqual([]);
    });

    it('are not asked of linked rates', () => {
      expect(checkFilingForSubmit(filing({ form: dsnpForm, rates: [linked('rate-1')] })).ok).toBe(true);
    });
  });

  describe('rate programs', () => {
    it("refuse a program that is not the state's, at the rate's program", () => {
      const foreign = REFERENCE_PROGRAMS.find((p) => p.stateCode === 'FL')!;
      const rate = completeRateForm({ rateProgramIDs: [snbc!.id, foreign.id] });
      expect(
        paths(checkFilingForSubmit(filing({ rates: [linked('rate-0'), owned('rate-1', rate)] }))),
      ).toEqual(['rates.1.rateProgramIDs.1']);
    });

    it('refuse a retired program unless an earlier submission of the filing chose it', () => {
      const retired = REFERENCE_PROGRAMS.find((p) => p.isDeprecated)!;
      const statePrograms = [...mnPrograms, retired];
      const rates = [owned('rate-1', completeRateForm({ rateProgramIDs: [retired.id] }))];
      expect(paths(checkFilingForSubmit(filing({ statePrograms, rates })))).toEqual([
        'rates.0.rateProgramIDs.0',
      ]);
      const before = filing({ statePrograms, rates, previouslyChosen: [retired.id] });
      expect(checkFilingForSubmit(before).ok).toBe(true);
    });
  });

  it('refuses a rate certified after today, and accepts one certified today', () => {
    const tomorrow = completeRateForm({ rateDateCertified: '2026-03-16' });
    expect(paths(checkFilingForSubmit(filing({ rates: [owned('rate-1', tomorrow)] })))).toEqual([
      'rates.0.rateDateCertified',
    ]);
    const onTheDay = completeRateForm({ rateDateCertified: today });
    expect(checkFilingForSubmit(filing({ rates: [owned('rate-1', onTheDay)] })).ok).toBe(true);
    const laterToday = filing({ rates: [owned('rate-1', tomorrow)], today: '2026-03-16' });
    expect(checkFilingForSubmit(laterToday).ok).toBe(true);
  });

  it('submits two owned rates and a linked one, cleaned, in the order the state listed them', () => {
    const form = completeContractForm({
      submissionType: 'CONTRACT_AND_RATES',
      submissionDescription: '  With rates  ',
    });
    const first = completeRateForm({
      rateProgramIDs: [pmap!.id],
      amendmentEffectiveDateStart: '2026-07-01',
      certifyingActuaryContacts: [actuary({ actuarialFirmOther: 'stale' })],
    });
    const second = completeRateForm({ rateType: 'AMENDMENT', amendmentEffectiveDateStart: '2026-07-01' });
    const secondComplete = { ...second, amendmentEffectiveDateEnd: '2026-12-31' };
    const rates = [owned('rate-b', first), linked('rate-a'), owned('rate-c', secondComplete)];

    const result = checkFilingForSubmit(filing({ form, rates }));

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.form.submissionDescription).toBe('With rates');
    expect(result.rates.map((r) => [r.rateId, r.owned])).toEqual([
      ['rate-b', true],
      ['rate-a', false],
      ['rate-c', true],
    ]);
    const [b, , c] = result.rates;
    expect(b?.owned && b.formData).not.toHaveProperty('amendmentEffectiveDateStart');
    expect(b?.owned && b.formData.certifyingActuaryContacts[0]!.actuarialFirmOther).toBe('');
    expect(b?.owned && b.formData.rateProgramIDs).toEqual([pmap!.id]);
    expect(c?.owned && c.formData).toMatchObject({
      rateType: 'AMENDMENT',
      amendmentEffectiveDateStart: '2026-07-01',
      amendmentEffectiveDateEnd: '2026-12-31',
    });
    expect(first.certifyingActuaryContacts[0]!.actuarialFirmOther).toBe('stale');
  });
});
