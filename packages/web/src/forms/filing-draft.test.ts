import { describe, expect, it } from 'vitest';
import { contractView, rateRevisionView, rateView, revisionView } from '../testing/views';
import {
  draftFromContract,
  emptyDraft,
  filingRates,
  newRate,
  sameAnswers,
  toSaveRequest,
  withSavedRateIds,
  type FilingDraft,
} from './filing-draft';

const keys = () => {
  let n = 0;
  return () => `k${++n}`;
};

describe('draftFromContract', () => {
  it('takes owned rates with their latest answers and links the others, in the order of the draft', () => {
    const contract = contractView(
      [
        revisionView(1, { programIDs: [] }, { submittedAt: '2025-02-01T00:00:00.000Z' }),
        revisionView(
          2,
          { submissionType: 'CONTRACT_AND_RATES' },
          {
            rateLinks: [
              { rateId: 'linked', rateRevisionId: null },
              { rateId: 'owned', rateRevisionId: null },
            ],
          },
        ),
      ],
      [
        rateView('owned', 'contract-1', [
          rateRevisionView('owned', 1, { rateType: 'NEW' }, '2025-02-01T00:00:00.000Z'),
          rateRevisionView('owned', 2, { rateType: 'AMENDMENT' }),
        ]),
        rateView('linked', 'other-contract', [
          rateRevisionView(
            'linked',
            1,
            { rateDateStart: '2025-01-01', rateDateEnd: '2025-12-31' },
            '2025-01-05T00:00:00.000Z',
          ),
        ]),
      ],
    );
    const draft = draftFromContract(contract, keys());
    expect(draft?.rates).toEqual([
      {
        kind: 'LINKED',
        key: 'k1',
        rateId: 'linked',
        summary: {
          name: 'Rate linked revision 1',
          rateDateStart: '2025-01-01',
          rateDateEnd: '2025-12-31',
          parentContractId: 'other-contract',
          parentContractName: 'MCR-MN-other-contract',
          programNames: [],
        },
      },
      expect.objectContaining({ kind: 'NEW', key: 'k2', rateId: 'owned' }),
    ]);
    const owned = draft?.rates[1];
    expect(owned?.kind === 'NEW' && owned.formData.rateType).toBe('AMENDMENT');
    expect(draft?.form.stateContacts).toHaveLength(1);
  });

  it('has nothing to edit when the latest revision is submitted', () => {
    const contract = contractView([revisionView(1, {}, { submittedAt: '2025-02-01T00:00:00.000Z' })]);
    expect(draftFromContract(contract)).toBeNull();
  });
});

describe('saving', () => {
  it('sends new rates with their answers and linked ones by id, then takes the ids the save gave', () => {
    const made = keys();
    const fresh = newRate(made);
    const draft = {
      form: emptyDraft().form,
      rates: [
        fresh,
        {
          kind: 'LINKED' as const,
          key: made(),
          rateId: 'linked',
          summary: {
            name: 'x',
            rateDateStart: null,
            rateDateEnd: null,
            parentContractId: 'c',
            parentContractName: null,
            programNames: [],
          },
        },
      ],
    };
    const request = toSaveRequest(draft);
    expect(request.rates).toEqual([
      { kind: 'NEW', rateId: null, formData: fresh.formData },
      { kind: 'LINKED', rateId: 'linked' },
    ]);
    expect(filingRates(draft).map((r) => r.rateId)).toEqual([`unsaved:${fresh.key}`, 'linked']);

    const saved = contractView([
      revisionView(
        1,
        {},
        {
          rateLinks: [
            { rateId: 'new-id', rateRevisionId: null },
            { rateId: 'linked', rateRevisionId: null },
          ],
        },
      ),
    ]);
    const after = withSavedRateIds(draft, [fresh.key, 'k2'], saved);
    expect(after.rates.map((r) => r.rateId)).toEqual(['new-id', 'linked']);
  });

  it('gives no id to a rate added while the save was on its way', () => {
    const fresh = newRate(() => 'late');
    const draft = { form: emptyDraft().form, rates: [fresh] };
    const saved = contractView([revisionView(1, {}, { rateLinks: [] })]);
    expect(withSavedRateIds(draft, [], saved)).toBe(draft);
  });
});

describe('sameAnswers', () => {
  it('compares what a save would send, whatever order the answers were given in', () => {
    const draft = emptyDraft();
    const reordered = {
      ...draft,
      form: Object.fromEntries(Object.entries(draft.form).reverse()),
    } as FilingDraft;
    expect(sameAnswers(draft, reordered)).toBe(true);
    expect(sameAnswers(draft, { ...draft, form: { ...draft.form, submissionDescription: 'x' } })).toBe(false);
    expect(sameAnswers(draft, { ...draft, rates: [newRate(() => 'k')] })).toBe(false);
    expect(sameAnswers(draft, null)).toBe(false);
  });
});
