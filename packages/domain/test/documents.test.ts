import { describe, expect, it } from 'vitest';
import {
  contractFormDocuments,
  documentDates,
  emptyContractDetails,
  rateFormDocuments,
  storedContractFormSchema,
} from '../src';
import { completeDetails, completeContractForm, completeRateForm, doc, sha } from '../src/testing';

const MON = '2026-02-02T15:00:00.000Z';
const TUE = '2026-02-03T15:00:00.000Z';
const WED = '2026-02-04T15:00:00.000Z';

const A = sha('a');
const B = sha('b');
const C = sha('c');

function revision(submittedAt: string | null, ...files: [name: string, sha256: string][]) {
  return { submittedAt, documents: files.map(([name, sha256]) => doc(name, sha256)) };
}

describe('document dates', () => {
  it('are empty for a draft that was never submitted', () => {
    const history = [revision(null, ['contract.pdf', A])];
    expect(documentDates(history, 0, A)).toEqual({ dateAdded: null, isNew: false });
  });

  it('give nothing NEW in a first submission, every document added at it', () => {
    const history = [revision(MON, ['contract.pdf', A], ['rates.xlsx', B])];
    expect(documentDates(history, 0, A)).toEqual({ dateAdded: MON, isNew: false });
    expect(documentDates(history, 0, B)).toEqual({ dateAdded: MON, isNew: false });
  });

  it('carry the first submission holding the bytes across resubmissions, even when the file is renamed', () => {
    const history = [
      revision(MON, ['contract.pdf', A]),
      revision(TUE, ['contract-final.pdf', A]),
      revision(WED, ['Contract (signed).pdf', A]),
    ];
    for (const index of [1, 2]) {
      expect(documentDates(history, index, A)).toEqual({ dateAdded: MON, isNew: false });
    }
  });

  it('tag NEW what the previous submission did not hold, dated at the submission that added it', () => {
    const history = [
      revision(MON, ['contract.pdf', A]),
      revision(TUE, ['contract.pdf', A], ['amendment.pdf', B]),
      revision(WED, ['contract.pdf', A], ['amendment.pdf', B], ['letter.pdf', C]),
    ];
    expect(documentDates(history, 1, B)).toEqual({ dateAdded: TUE, isNew: true });
    expect(documentDates(history, 2, B)).toEqual({ dateAdded: TUE, isNew: false });
    expect(documentDates(history, 2, C)).toEqual({ dateAdded: WED, isNew: true });
    expect(documentDates(history, 2, A)).toEqual({ dateAdded: MON, isNew: false });
  });

  it('tag NEW a file whose content changed under the same name', () => {
    const history = [revision(MON, ['contract.pdf', A]), revision(TUE, ['contract.pdf', B])];
    expect(documentDates(history, 1, B)).toEqual({ dateAdded: TUE, isNew: true });
  });

  it('date a document added in an open draft as not yet added, but NEW against the last submission', () => {
    const history = [revision(MON, ['contract.pdf', A]), revision(null, ['contract.pdf', A], ['new.pdf', B])];
    expect(documentDates(history, 1, B)).toEqual({ dateAdded: null, isNew: true });
    expect(documentDates(history, 1, A)).toEqual({ dateAdded: MON, isNew: false });
  });

  it('do not look at revisions after the one being dated', () => {
    const history = [
      revision(MON, ['contract.pdf', A]),
      revision(TUE, ['contract.pdf', A], ['later.pdf', B]),
    ];
    expect(documentDates(history, 0, B)).toEqual({ dateAdded: null, isNew: false });
  });

  it('keep the first date of a document that was removed and then added back, and tag it NEW again', () => {
    const history = [
      revision(MON, ['contract.pdf', A], ['exhibit.pdf', B]),
      revision(TUE, ['contract.pdf', A]),
      revision(WED, ['contract.pdf', A], ['exhibit.pdf', B]),
    ];
    expect(documentDates(history, 2, B)).toEqual({ dateAdded: MON, isNew: true });
  });
});

describe('documents of a revision', () => {
  it('are none for a contract form of version 1, which had no document questions', () => {
    const v1 = storedContractFormSchema.parse({ schemaVersion: 1, populationCovered: 'MEDICAID' });
    expect(contractFormDocuments(v1)).toEqual([]);
  });

  it('are the contract documents then the supporting documents of a current contract form', () => {
    const form = completeContractForm({
      contractDetails: completeDetails({
        contractDocuments: [doc('contract.pdf')],
        supportingDocuments: [doc('exhibit-a.pdf'), doc('exhibit-b.pdf')],
      }),
    });
    expect(contractFormDocuments(form).map((d) => d.name)).toEqual([
      'contract.pdf',
      'exhibit-a.pdf',
      'exhibit-b.pdf',
    ]);
    expect(contractFormDocuments(completeContractForm({ contractDetails: emptyContractDetails() }))).toEqual(
      [],
    );
  });

  it('are the rate certification then the supporting documents of a rate', () => {
    const rate = completeRateForm({
      rateDocuments: [doc('certification.pdf')],
      supportingDocuments: [doc('model.xlsx'), doc('memo.pdf')],
    });
    expect(rateFormDocuments(rate)).toEqual([doc('certification.pdf'), doc('model.xlsx'), doc('memo.pdf')]);
  });
});
