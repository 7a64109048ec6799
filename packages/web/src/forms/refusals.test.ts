import { describe, expect, it } from 'vitest';
import { completeDraft } from '../testing/filing-fuzz';
import type { FilingDraft } from './filing-draft';
import { refusalsOf, standingRefusals } from './refusals';

const RATE = { path: ['rates', 1], message: 'This linked rate can no longer be linked' };
const DOCUMENT = { path: ['contractDetails', 'contractDocuments', 0], message: 'Uploaded too long ago' };

function withDescription(draft: FilingDraft, submissionDescription: string): FilingDraft {
  return { ...draft, form: { ...draft.form, submissionDescription } };
}

describe('refusals kept on the draft', () => {
  it('stand while the answers they are about are unchanged, whatever else changes', () => {
    const sent = completeDraft();
    const refusals = refusalsOf([RATE, DOCUMENT], sent);
    expect(standingRefusals(refusals, withDescription(sent, 'Another description.'))).toEqual([
      RATE,
      DOCUMENT,
    ]);
  });

  it('go when their answer changes: a document removed, a rate removed (the next one moves up)', () => {
    const sent = completeDraft();
    const refusals = refusalsOf([RATE, DOCUMENT], sent);
    const { contractDetails } = sent.form;
    const fewerDocuments: FilingDraft = {
      ...sent,
      form: {
        ...sent.form,
        contractDetails: {
          ...contractDetails,
          contractDocuments: contractDetails.contractDocuments.slice(1),
        },
      },
    };
    expect(standingRefusals(refusals, fewerDocuments)).toEqual([RATE]);
    const firstRateRemoved: FilingDraft = { ...sent, rates: sent.rates.slice(1) };
    expect(standingRefusals(refusals, firstRateRemoved)).toEqual([DOCUMENT]);
  });
});
