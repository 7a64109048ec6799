import { describe, expect, it } from 'vitest';
import {
  checkRateForSubmit,
  dropIrrelevantRateAnswers,
  emptyRateForm,
  rateFormDraftSchema,
  rateName,
  type RateContext,
} from '../src';
import { actuary, completeRateForm, doc } from '../src/testing';

const today = '2026-03-15';
const ctx: RateContext = { dsnp: false, today };

function paths(result: ReturnType<typeof checkRateForSubmit>): string[] {
  return result.ok ? [] : result.issues.map((i) => i.path.join('.'));
}

describe('rate form draft', () => {
  it('parses an empty draft with defaults and the schema version', () => {
    const draft = rateFormDraftSchema.parse({});
    expect(draft).toEqual(emptyRateForm());
    expect(draft.schemaVersion).toBe(1);
    expect(draft.certifyingActuaryContacts).toEqual([]);
  });

  it('refuses wrong types even in a draft', () => {
    const bad: unknown[] = [
      { rateType: 'RENEWAL' },
      { rateDateCertified: '2026-13-01' },
      { rateProgramIDs: ['not-a-uuid'] },
      { rateMedicaidPopulations: ['EVERYONE'] },
      { certifyingActuaryContacts: [{ actuarialFirm: 'ACME' }] },
      { rateDocuments: [{ name: 'x.pdf' }] },
    ];
    for (const input of bad)
      expect(rateFormDraftSchema.safeParse(input).success, JSON.stringify(input)).toBe(false);
  });
});

describe('rate form at submit', () => {
  it('lists every missing answer of an empty draft by path', () => {
    expect(paths(checkRateForSubmit(emptyRateForm(), ctx))).toEqual(
      expect.arrayContaining([
        'rateDocuments',
        'rateProgramIDs',
        'rateType',
        'rateCapitationType',
        'rateDateStart',
        'rateDateEnd',
        'rateDateCertified',
        'certifyingActuaryContacts',
        'actuaryCommunicationPreference',
      ]),
    );
  });

  it('accepts a complete rate', () => {
    expect(checkRateForSubmit(completeRateForm(), ctx).ok).toBe(true);
  });

  it('needs exactly one rate certification document', () => {
    expect(paths(checkRateForSubmit(completeRateForm({ rateDocuments: [] }), ctx))).toEqual([
      'rateDocuments',
    ]);
    const two = completeRateForm({ rateDocuments: [doc('a.pdf'), doc('b.pdf')] });
    expect(paths(checkRateForSubmit(two, ctx))).toEqual(['rateDocuments']);
    const supporting = completeRateForm({ supportingDocuments: [doc('a.xlsx'), doc('b.xlsx')] });
    expect(checkRateForSubmit(supporting, ctx).ok).toBe(true);
  });

  it('refuses a rating period that does not end after it starts', () => {
    const form = completeRateForm({ rateDateEnd: '2025-12-31' });
    expect(paths(checkRateForSubmit(form, ctx))).toEqual(['rateDateEnd']);
  });

  it('refuses a certification date in the future, and accepts today', () => {
    expect(paths(checkRateForSubmit(completeRateForm({ rateDateCertified: '2026-03-16' }), ctx))).toEqual([
      'rateDateCertified',
    ]);
    expect(checkRateForSubmit(completeRateForm({ rateDateCertified: today }), ctx).ok).toBe(true);
  });

  describe('amendments', () => {
    it('require both amendment effective dates', () => {
      const form = completeRateForm({ rateType: 'AMENDMENT' });
      expect(paths(checkRateForSubmit(form, ctx))).toEqual([
        'amendmentEffectiveDateStart',
        'amendmentEffectiveDateEnd',
      ]);
    });

    it('need the amendment to end after it starts', () => {
      const form = completeRateForm({
        rateType: 'AMENDMENT',
        amendmentEffectiveDateStart: '2026-07-01',
        amendmentEffectiveDateEnd: '2026-06-30',
      });
      expect(paths(checkRateForSubmit(form, ctx))).toEqual(['amendmentEffectiveDateEnd']);
      const fixed = { ...form, amendmentEffectiveDateEnd: '2026-12-31' };
      expect(checkRateForSubmit(fixed, ctx)).toMatchObject({
        ok: true,
        form: { amendmentEffectiveDateStart: '2026-07-01', amendmentEffectiveDateEnd: '2026-12-31' },
      });
    });

    it('drops amendment dates from a new rate', () => {
      const form = completeRateForm({
        amendmentEffectiveDateStart: '2026-07-01',
        amendmentEffectiveDateEnd: '2026-12-31',
      });
      const result = checkRateForSubmit(form, ctx);
      expect(result.ok).toBe(true);
      expect(result.ok && result.form).not.toHaveProperty('amendmentEffectiveDateStart');
      expect(dropIrrelevantRateAnswers(form, ctx)).not.toHaveProperty('amendmentEffectiveDateEnd');
    });
  });

  describe('Medicaid populations', () => {
    it('are required when the contract is D-SNP', () => {
      const dsnp = { ...ctx, dsnp: true };
      expect(paths(checkRateForSubmit(completeRateForm(), dsnp))).toEqual(['rateMedicaidPopulations']);
      const answered = completeRateForm({
        rateMedicaidPopulations: ['MEDICARE_MEDICAID_WITH_DSNP', 'MEDICAID_ONLY'],
      });
      expect(checkRateForSubmit(answered, dsnp).ok).toBe(true);
      const twice = completeRateForm({ rateMedicaidPopulations: ['MEDICAID_ONLY', 'MEDICAID_ONLY'] });
      expect(paths(checkRateForSubmit(twice, dsnp))).toEqual(['rateMedicaidPopulations.1']);
    });

    it('are dropped when the contract is not D-SNP', () => {
      const form = completeRateForm({ rateMedicaidPopulations: ['MEDICAID_ONLY'] });
      expect(dropIrrelevantRateAnswers(form, { dsnp: false }).rateMedicaidPopulations).toEqual([]);
      expect(dropIrrelevantRateAnswers(form, { dsnp: true }).rateMedicaidPopulations).toEqual([
        'MEDICAID_ONLY',
      ]);
      const result = checkRateForSubmit(form, ctx);
      expect(result.ok && result.form.rateMedicaidPopulations).toEqual([]);
    });
  });

  describe('actuaries', () => {
    it('name the incomplete field of each actuary', () => {
      const form = completeRateForm({
        certifyingActuaryContacts: [actuary({ email: 'nope', actuarialFirm: undefined })],
        addtlActuaryContacts: [actuary({ name: '' })],
      });
      expect(paths(checkRateForSubmit(form, ctx))).toEqual([
        'certifyingActuaryContacts.0.email',
        'certifyingActuaryContacts.0.actuarialFirm',
        'addtlActuaryContacts.0.name',
      ]);
    });

    it('require the firm name when the firm is OTHER', () => {
      const other = completeRateForm({
        certifyingActuaryContacts: [actuary({ actuarialFirm: 'OTHER' })],
        addtlActuaryContacts: [actuary({ actuarialFirm: 'OTHER', actuarialFirmOther: '  ' })],
      });
      expect(paths(checkRateForSubmit(other, ctx))).toEqual([
        'certifyingActuaryContacts.0.actuarialFirmOther',
        'addtlActuaryContacts.0.actuarialFirmOther',
      ]);
      const named = completeRateForm({
        certifyingActuaryContacts: [
          actuary({ actuarialFirm: 'OTHER', actuarialFirmOther: 'Acme Actuarial' }),
        ],
      });
      const result = checkRateForSubmit(named, ctx);
      expect(result.ok && result.form.certifyingActuaryContacts[0]!.actuarialFirmOther).toBe(
        'Acme Actuarial',
      );
    });

    it('drop the firm name when the firm is not OTHER', () => {
      const form = completeRateForm({
        certifyingActuaryContacts: [actuary({ actuarialFirmOther: 'stale' })],
      });
      expect(dropIrrelevantRateAnswers(form, ctx).certifyingActuaryContacts[0]!.actuarialFirmOther).toBe('');
    });
  });

  it('does not change its input when dropping answers', () => {
    const form = completeRateForm({
      rateMedicaidPopulations: ['MEDICAID_ONLY'],
      amendmentEffectiveDateStart: '2026-01-01',
    });
    const before = structuredClone(form);
    dropIrrelevantRateAnswers(form, ctx);
    checkRateForSubmit(form, ctx);
    expect(form).toEqual(before);
  });
});

describe('rate name', () => {
  const base = {
    stateCode: 'MN',
    programs: [{ name: 'SNBC' }, { name: 'MSHO' }],
    rateDateStart: '2026-01-01',
    rateDateEnd: '2026-12-31',
    rateDateCertified: '2026-03-01',
  };

  it('names a new rate by its rating period and certification date, programs sorted', () => {
    expect(rateName({ ...base, rateType: 'NEW' })).toBe(
      'MCR-MN-MSHO-SNBC-20260101-20261231-CERTIFICATION-20260301',
    );
  });

  it('ignores amendment dates on a new rate', () => {
    expect(
      rateName({
        ...base,
        rateType: 'NEW',
        amendmentEffectiveDateStart: '2026-07-01',
        amendmentEffectiveDateEnd: '2026-12-31',
      }),
    ).toBe('MCR-MN-MSHO-SNBC-20260101-20261231-CERTIFICATION-20260301');
  });

  it('names an amendment by its effective dates', () => {
    expect(
      rateName({
        ...base,
        rateType: 'AMENDMENT',
        amendmentEffectiveDateStart: '2026-07-01',
        amendmentEffectiveDateEnd: '2026-12-31',
      }),
    ).toBe('MCR-MN-MSHO-SNBC-20260701-20261231-AMENDMENT-20260301');
  });

  it('falls back to the rating period for an amendment without its dates yet', () => {
    expect(rateName({ ...base, rateType: 'AMENDMENT' })).toBe(
      'MCR-MN-MSHO-SNBC-20260101-20261231-AMENDMENT-20260301',
    );
  });

  it('joins words of a program name with dashes', () => {
    expect(rateName({ ...base, programs: [{ name: 'PMAP Plus' }], rateType: 'NEW' })).toBe(
      'MCR-MN-PMAP-Plus-20260101-20261231-CERTIFICATION-20260301',
    );
  });
});
