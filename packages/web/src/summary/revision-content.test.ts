import { contractFormV1Schema, type RevisionView } from '@docket/domain';
import { describe, expect, it } from 'vitest';
import { draftFromContract } from '../forms/filing-draft';
import { contractView, documentRef, rateRevisionView, rateView, revisionView } from '../testing/views';
import { draftContent, revisionContent } from './revision-content';

const FIRST = '2025-02-01T00:00:00.000Z';
const SECOND = '2025-03-01T00:00:00.000Z';

const contractDoc = documentRef('contract.pdf', 'a');
const amended = documentRef('amended.pdf', 'b');
const rateDoc = documentRef('rates.pdf', 'c');
const rateDocNew = documentRef('rates-v2.pdf', 'd');

function withDocuments(documents: ReturnType<typeof documentRef>[]) {
  return {
    submissionType: 'CONTRACT_AND_RATES' as const,
    contractDetails: { contractDocuments: documents },
  };
}

function filing() {
  const rate = rateView('r1', 'contract-1', [
    rateRevisionView('r1', 1, { rateDocuments: [rateDoc] }, FIRST),
    rateRevisionView('r1', 2, { rateDocuments: [rateDocNew] }, SECOND),
  ]);
  const linked = rateView('r2', 'other', [rateRevisionView('r2', 1, { rateDocuments: [rateDoc] }, FIRST)]);
  return contractView(
    [
      revisionView(1, withDocuments([contractDoc]), {
        submittedAt: FIRST,
        rateLinks: [{ rateId: 'r1', rateRevisionId: 'r1-rev-1' }],
      }),
      revisionView(2, withDocuments([contractDoc, amended]), {
        submittedAt: SECOND,
        rateLinks: [
          { rateId: 'r1', rateRevisionId: 'r1-rev-2' },
          { rateId: 'r2', rateRevisionId: 'r2-rev-1' },
        ],
      }),
    ],
    [rate, linked],
  );
}

describe('revisionContent', () => {
  it('dates contract documents by the contract revisions, and tags those new since the last submission', () => {
    const content = revisionContent(filing(), 'rev-2');
    expect(content?.contractDocuments.map((r) => [r.document.name, r.dateAdded, r.isNew])).toEqual([
      ['contract.pdf', FIRST, false],
      ['amended.pdf', SECOND, true],
    ]);
  });

  it('dates rate documents by that rate revisions, and shows the rate revision each link names', () => {
    const first = revisionContent(filing(), 'rev-1');
    expect(first?.rates.map((r) => r.rateDocuments.map((d) => [d.document.name, d.isNew]))).toEqual([
      [['rates.pdf', false]],
    ]);
    const second = revisionContent(filing(), 'rev-2');
    expect(second?.rates.map((r) => [r.rateId, r.owned])).toEqual([
      ['r1', true],
      ['r2', false],
    ]);
    expect(second?.rates[0]?.rateDocuments.map((d) => [d.document.name, d.dateAdded, d.isNew])).toEqual([
      ['rates-v2.pdf', SECOND, true],
    ]);
    // Same bytes in another rate: that rate's own history decides, so it is not new there.
    expect(second?.rates[1]?.rateDocuments.map((d) => d.isNew)).toEqual([false]);
  });

  it('shows a revision of the first form version without what it lacks', () => {
    const old: RevisionView = {
      ...revisionView(1, {}, { submittedAt: FIRST }),
      formData: contractFormV1Schema.parse({ schemaVersion: 1, submissionDescription: 'Old' }),
    };
    const content = revisionContent(contractView([old]), 'rev-1');
    expect(content).toMatchObject({ contractDocuments: [], supportingDocuments: [], rates: [] });
    expect(content?.formData.schemaVersion).toBe(1);
  });

  it('leaves out the rates of a contract-only draft', () => {
    const contract = contractView(
      [
        revisionView(
          1,
          { submissionType: 'CONTRACT_ONLY' },
          { rateLinks: [{ rateId: 'r1', rateRevisionId: null }] },
        ),
      ],
      [rateView('r1', 'contract-1', [rateRevisionView('r1', 1, {})])],
    );
    expect(revisionContent(contract, 'rev-1')?.rates).toEqual([]);
  });
});

describe('draftContent', () => {
  it('dates the edited answers against the submitted revisions', () => {
    const base = filing();
    const contract = contractView(
      [
        ...base.revisions,
        revisionView(3, withDocuments([contractDoc, amended]), {
          rateLinks: [{ rateId: 'r1', rateRevisionId: null }],
        }),
      ],
      base.rates,
    );
    const draft = draftFromContract(contract);
    if (!draft) throw new Error('expected a draft');
    const content = draftContent(contract, draft);
    expect(content.contractDocuments.map((r) => [r.document.name, r.dateAdded, r.isNew])).toEqual([
      ['contract.pdf', FIRST, false],
      ['amended.pdf', SECOND, false],
    ]);
    expect(content.rates.map((r) => r.owned)).toEqual([true]);
  });
});
