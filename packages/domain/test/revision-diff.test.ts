import { describe, expect, it } from 'vitest';
import {
  contractAnswerTexts,
  contractRevisionDiff,
  emptyContractForm,
  contractRevisionDiffSchema,
  rateRevisionDiff,
  rateRevisionDiffSchema,
  REFERENCE_PROGRAMS,
  type ContractFormData,
  type ContractRevision,
  type DocumentRef,
  type Rate,
  type RateFormData,
  type RateRevision,
} from '../src';
import {
  actuary,
  buildActor,
  buildRate,
  buildRateRevision,
  buildRevision,
  completeContractForm,
  completeDetails,
  completeRateForm,
  doc,
  MSHO_ID,
  sha,
} from '../src/testing';

const MN_PROGRAMS = REFERENCE_PROGRAMS.filter((p) => p.stateCode === 'MN');
const SNBC_ID = MN_PROGRAMS.find((p) => p.name === 'SNBC')!.id;
const CONTRACT_ID = 'contract-1';

function submittedAt(day: number): string {
  return `2026-03-${String(day).padStart(2, '0')}T15:00:00.000Z`;
}

/** A submitted revision of the contract, numbered `number`, holding the answers and rate links given. */
function contractRevision(
  number: number,
  form: ContractFormData,
  rateLinks: ContractRevision['rateLinks'] = [],
): ContractRevision {
  const revision = buildRevision(CONTRACT_ID, number, form, submittedAt(number));
  return { ...revision, rateLinks, submitted: { at: submittedAt(number), by: buildActor(), reason: null } };
}

function rateRevision(rateId: string, number: number, form: RateFormData): RateRevision {
  const revision = buildRateRevision(rateId, number, form, submittedAt(number));
  return { ...revision, submitted: { at: submittedAt(number), by: buildActor(), reason: null } };
}

function diffForms(before: ContractFormData, after: ContractFormData) {
  const diff = contractRevisionDiff({
    from: contractRevision(1, before),
    to: contractRevision(2, after),
    rates: [],
    programs: MN_PROGRAMS,
  });
  // Every diff is what its schema says, as the API answers it.
  expect(contractRevisionDiffSchema.parse(diff)).toEqual(diff);
  return diff;
}

const base = completeContractForm();
const withDetails = (overrides: Parameters<typeof completeDetails>[0]) =>
  completeContractForm({ contractDetails: completeDetails(overrides) });

describe('contract answers', () => {
  it('finds nothing between two submissions of the same answers', () => {
    const diff = diffForms(base, completeContractForm());
    expect(diff).toMatchObject({ answers: [], contacts: [], documents: [], rates: [], unchanged: true });
    expect(diff.from).toEqual({ id: expect.any(String), number: 1, submittedAt: submittedAt(1) });
    expect(diff.to.number).toBe(2);
  });

  it.each([
    {
      change: 'a text answer',
      after: completeContractForm({ submissionDescription: 'A base contract, with new dates' }),
      expected: {
        key: 'submissionDescription',
        section: 'SUBMISSION_DETAILS',
        label: 'Submission description',
        before: ['A base contract'],
        after: ['A base contract, with new dates'],
      },
    },
    {
      change: 'programs, named as people read them',
      after: completeContractForm({ programIDs: [MSHO_ID, SNBC_ID] }),
      expected: {
        key: 'programIDs',
        label: 'Programs this contract action covers',
        before: [expect.stringContaining('(MSHO)')],
        after: [expect.stringContaining('(MSHO)'), expect.stringContaining('SNBC')],
      },
    },
    {
      change: 'an enum, by its label',
      after: completeContractForm({ populationCovered: 'MEDICAID_AND_CHIP' }),
      expected: { key: 'populationCovered', before: ['Medicaid'], after: ['Medicaid and CHIP'] },
    },
    {
      change: 'a yes/no answer',
      after: completeContractForm({ riskBasedContract: false }),
      expected: { key: 'riskBasedContract', label: 'Risk-based contract', before: ['Yes'], after: ['No'] },
    },
    {
      change: 'dates, as a period',
      after: withDetails({ contractDateEnd: '2027-06-30' }),
      expected: {
        key: 'contractDates',
        section: 'CONTRACT_DETAILS',
        label: 'Contract effective dates',
        before: ['Jan 1, 2026 to Dec 31, 2026'],
        after: ['Jan 1, 2026 to Jun 30, 2027'],
      },
    },
    {
      change: 'a multiple choice',
      after: withDetails({ managedCareEntities: ['MCO', 'PIHP'] }),
      expected: {
        key: 'managedCareEntities',
        before: ['Managed Care Organization (MCO)'],
        after: ['Managed Care Organization (MCO)', 'Prepaid Inpatient Health Plan (PIHP)'],
      },
    },
    {
      change: 'a provision question, labelled as asked',
      after: withDetails({
        provisions: { ...completeDetails().provisions, modifiedIncentiveArrangements: true },
      }),
      expected: {
        key: 'provisions.modifiedIncentiveArrangements',
        label: 'Incentive arrangements in accordance with 42 CFR § 438.6(b)(2)',
        before: ['No'],
        after: ['Yes'],
      },
    },
  ])('shows a change of $change with its label and display text', ({ after, expected }) => {
    const diff = diffForms(base, after);
    expect(diff.answers).toEqual([expect.objectContaining(expected)]);
    expect(diff.unchanged).toBe(false);
  });

  it('shows a question newly asked as answered from nothing, and one no longer asked as answered to nothing', () => {
    const diff = diffForms(
      base,
      withDetails({
        statutoryRegulatoryAttestation: false,
        statutoryRegulatoryAttestationDescription: 'Late',
      }),
    );
    expect(diff.answers).toEqual([
      expect.objectContaining({ key: 'statutoryRegulatoryAttestation', before: ['Yes'], after: ['No'] }),
      expect.objectContaining({
        key: 'statutoryRegulatoryAttestationDescription',
        label: 'How the contract does not comply',
        before: [],
        after: ['Late'],
      }),
    ]);
    const back = diffForms(
      withDetails({
        statutoryRegulatoryAttestation: false,
        statutoryRegulatoryAttestationDescription: 'Late',
      }),
      base,
    );
    expect(back.answers.map((a) => [a.key, a.after])).toEqual([
      ['statutoryRegulatoryAttestation', ['Yes']],
      ['statutoryRegulatoryAttestationDescription', []],
    ]);
  });

  it('ignores answers the other answers make irrelevant, as the summary page does', () => {
    const stale = withDetails({ statutoryRegulatoryAttestationDescription: 'Left over from a draft' });
    expect(diffForms(base, stale).unchanged).toBe(true);
  });
});

describe('answers as the summary page reads them', () => {
  it('lists a draft’s unanswered questions with no text, when asked to, and marks multiple choices', () => {
    const draft = { ...emptyContractForm(), populationCovered: 'MEDICAID' as const };
    expect(contractAnswerTexts(draft, MN_PROGRAMS).map((t) => t.key)).toEqual(['populationCovered']);
    const all = contractAnswerTexts(draft, MN_PROGRAMS, { unanswered: true });
    expect(all.slice(0, 3)).toEqual([
      {
        key: 'populationCovered',
        section: 'SUBMISSION_DETAILS',
        label: 'Population covered',
        text: ['Medicaid'],
        multiple: false,
      },
      {
        key: 'programIDs',
        section: 'SUBMISSION_DETAILS',
        label: 'Programs this contract action covers',
        text: [],
        multiple: true,
      },
      {
        key: 'submissionType',
        section: 'SUBMISSION_DETAILS',
        label: 'Submission type',
        text: [],
        multiple: false,
      },
    ]);
    // Provision questions wait for the contract type, as the form asks them.
    expect(all.some((t) => t.key.startsWith('provisions.'))).toBe(false);
  });
});

describe('contacts', () => {
  const ann = { givenName: 'Ann', familyName: 'Lee', titleRole: 'Analyst', email: 'ann@state.gov' };
  const bo = { givenName: 'Bo', familyName: 'Park', titleRole: 'Director', email: 'bo@state.gov' };

  it.each([
    {
      change: 'added',
      before: [ann],
      after: [ann, bo],
      expected: [{ kind: 'ADDED', before: null, after: 'Bo Park, Director, bo@state.gov' }],
    },
    {
      change: 'removed',
      before: [ann, bo],
      after: [bo],
      expected: [{ kind: 'REMOVED', before: 'Ann Lee, Analyst, ann@state.gov', after: null }],
    },
    {
      change: 'changed (same email, matched whatever its case)',
      before: [ann],
      after: [{ ...ann, titleRole: 'Lead analyst', email: 'Ann@State.gov' }],
      expected: [
        {
          kind: 'CHANGED',
          before: 'Ann Lee, Analyst, ann@state.gov',
          after: 'Ann Lee, Lead analyst, Ann@State.gov',
        },
      ],
    },
    { change: 'reordered only', before: [ann, bo], after: [bo, ann], expected: [] },
  ])('state contacts: $change', ({ before, after, expected }) => {
    const diff = diffForms(
      completeContractForm({ stateContacts: before }),
      completeContractForm({ stateContacts: after }),
    );
    expect(diff.contacts).toEqual(
      expected.map((e) => ({ list: 'stateContacts', label: 'State contacts', ...e })),
    );
  });
});

describe('documents, matched by their bytes', () => {
  const A = sha('a');
  const B = sha('b');
  const C = sha('c');
  const file = (name: string, sha256: string): DocumentRef => doc(name, sha256);

  it.each([
    {
      change: 'a document added',
      before: [file('contract.pdf', A)],
      after: [file('contract.pdf', A), file('amendment.pdf', B)],
      expected: [{ kind: 'ADDED', before: null, after: { name: 'amendment.pdf', sha256: B } }],
    },
    {
      change: 'a document removed',
      before: [file('contract.pdf', A), file('amendment.pdf', B)],
      after: [file('contract.pdf', A)],
      expected: [{ kind: 'REMOVED', before: { name: 'amendment.pdf', sha256: B }, after: null }],
    },
    {
      change: 'new bytes under the same name (any case): replaced',
      before: [file('contract.pdf', A), file('amendment.pdf', B)],
      after: [file('Contract.PDF', C), file('amendment.pdf', B)],
      expected: [
        {
          kind: 'REPLACED',
          before: { name: 'contract.pdf', sha256: A },
          after: { name: 'Contract.PDF', sha256: C },
        },
      ],
    },
    {
      change: 'the same bytes under a new name: renamed, not replaced',
      before: [file('contract.pdf', A)],
      after: [file('contract-signed.pdf', A)],
      expected: [
        {
          kind: 'RENAMED',
          before: { name: 'contract.pdf', sha256: A },
          after: { name: 'contract-signed.pdf', sha256: A },
        },
      ],
    },
    {
      change: 'a lone document swapped for another: replaced',
      before: [file('contract.pdf', A)],
      after: [file('contract-v2.pdf', B)],
      expected: [
        {
          kind: 'REPLACED',
          before: { name: 'contract.pdf', sha256: A },
          after: { name: 'contract-v2.pdf', sha256: B },
        },
      ],
    },
    {
      change: 'one of several swapped for another name: removed and added',
      before: [file('contract.pdf', A), file('amendment.pdf', B)],
      after: [file('contract.pdf', A), file('exhibit.pdf', C)],
      expected: [
        { kind: 'ADDED', before: null, after: { name: 'exhibit.pdf', sha256: C } },
        { kind: 'REMOVED', before: { name: 'amendment.pdf', sha256: B }, after: null },
      ],
    },
    {
      change: 'documents reordered only',
      before: [file('contract.pdf', A), file('amendment.pdf', B)],
      after: [file('amendment.pdf', B), file('contract.pdf', A)],
      expected: [],
    },
  ])('contract documents: $change', ({ before, after, expected }) => {
    const diff = diffForms(
      withDetails({ contractDocuments: before }),
      withDetails({ contractDocuments: after }),
    );
    expect(diff.documents).toEqual(
      expected.map((e) => ({ list: 'contractDocuments', label: 'Contract documents', ...e })),
    );
  });

  it('compares each list on its own: a document moved to supporting documents leaves one and joins the other', () => {
    const diff = diffForms(
      withDetails({ contractDocuments: [file('contract.pdf', A), file('exhibit.pdf', B)] }),
      withDetails({
        contractDocuments: [file('contract.pdf', A)],
        supportingDocuments: [file('exhibit.pdf', B)],
      }),
    );
    expect(diff.documents.map((d) => [d.label, d.kind, d.before?.name ?? d.after?.name])).toEqual([
      ['Contract documents', 'REMOVED', 'exhibit.pdf'],
      ['Supporting documents', 'ADDED', 'exhibit.pdf'],
    ]);
  });
});

describe('rates of a contract', () => {
  function rateWith(...forms: RateFormData[]): Rate {
    const rate = buildRate();
    return { ...rate, revisions: forms.map((form, i) => rateRevision(rate.id, i + 1, form)) };
  }
  const link = (rate: Rate, index: number) => ({
    rateId: rate.id,
    rateRevisionId: rate.revisions[index]!.id,
  });
  const form = completeContractForm({ submissionType: 'CONTRACT_AND_RATES' });

  function diffLinks(
    before: ContractRevision['rateLinks'],
    after: ContractRevision['rateLinks'],
    rates: Rate[],
  ) {
    const diff = contractRevisionDiff({
      from: contractRevision(1, form, before),
      to: contractRevision(2, form, after),
      rates,
      programs: MN_PROGRAMS,
    });
    expect(contractRevisionDiffSchema.parse(diff)).toEqual(diff);
    return diff;
  }

  const kept = rateWith(completeRateForm());
  const moved = rateWith(completeRateForm(), completeRateForm({ rateDateCertified: '2026-03-15' }));
  const other = rateWith(completeRateForm({ rateDateStart: '2027-01-01', rateDateEnd: '2027-12-31' }));

  it('names a rate added, with its name at the later submission', () => {
    const diff = diffLinks([link(kept, 0)], [link(kept, 0), link(other, 0)], [kept, other]);
    expect(diff.rates).toEqual([
      {
        kind: 'ADDED',
        rateId: other.id,
        name: 'MCR-MN-MSHO-20270101-20271231-CERTIFICATION-20260301',
        fromRateRevisionId: null,
        toRateRevisionId: other.revisions[0]!.id,
        changes: null,
      },
    ]);
    expect(diff.unchanged).toBe(false);
  });

  it('names a rate removed, with its name at the earlier submission', () => {
    const diff = diffLinks([link(kept, 0), link(other, 0)], [link(kept, 0)], [kept, other]);
    expect(diff.rates).toEqual([
      expect.objectContaining({ kind: 'REMOVED', rateId: other.id, toRateRevisionId: null, changes: null }),
    ]);
  });

  it('shows a rate revised, with what changed in it', () => {
    const diff = diffLinks([link(kept, 0), link(moved, 0)], [link(kept, 0), link(moved, 1)], [kept, moved]);
    expect(diff.rates).toEqual([
      {
        kind: 'REVISED',
        rateId: moved.id,
        name: 'MCR-MN-MSHO-20260101-20261231-CERTIFICATION-20260315',
        fromRateRevisionId: moved.revisions[0]!.id,
        toRateRevisionId: moved.revisions[1]!.id,
        changes: {
          answers: [
            expect.objectContaining({
              key: 'rateDateCertified',
              section: 'RATE_DETAILS',
              label: 'Date certified',
              before: ['Mar 1, 2026'],
              after: ['Mar 15, 2026'],
            }),
          ],
          contacts: [],
          documents: [],
        },
      },
    ]);
  });

  it('finds nothing when every link names the same rate revision', () => {
    const diff = diffLinks([link(kept, 0), link(moved, 1)], [link(moved, 1), link(kept, 0)], [kept, moved]);
    expect(diff.rates).toEqual([]);
    expect(diff.unchanged).toBe(true);
  });
});

describe('rate revisions', () => {
  function diffRate(before: RateFormData, after: RateFormData) {
    const rate = buildRate();
    const diff = rateRevisionDiff({
      from: rateRevision(rate.id, 1, before),
      to: rateRevision(rate.id, 2, after),
      programs: MN_PROGRAMS,
    });
    expect(rateRevisionDiffSchema.parse(diff)).toEqual(diff);
    return diff;
  }
  const rate = completeRateForm();

  it.each([
    {
      change: 'rate type, by its label',
      after: completeRateForm({
        rateType: 'AMENDMENT',
        amendmentEffectiveDateStart: '2026-07-01',
        amendmentEffectiveDateEnd: '2026-12-31',
      }),
      expected: [
        ['Rate certification type', ['New rate certification'], ['Amendment to a prior rate certification']],
        ['Amendment effective dates', [], ['Jul 1, 2026 to Dec 31, 2026']],
      ],
    },
    {
      change: 'the rating period',
      after: completeRateForm({ rateDateEnd: '2026-06-30' }),
      expected: [['Rating period', ['Jan 1, 2026 to Dec 31, 2026'], ['Jan 1, 2026 to Jun 30, 2026']]],
    },
    {
      change: 'the communication preference',
      after: completeRateForm({ actuaryCommunicationPreference: 'OACT_TO_STATE' }),
      expected: [
        [
          'Actuary communication preference',
          [expect.stringContaining("state's actuaries")],
          [expect.stringContaining('the state will relay')],
        ],
      ],
    },
  ])('shows a change of $change', ({ after, expected }) => {
    expect(diffRate(rate, after).answers.map((a) => [a.label, a.before, a.after])).toEqual(expected);
  });

  it('shows actuaries added, removed and changed, each in its list', () => {
    const diff = diffRate(
      completeRateForm({
        addtlActuaryContacts: [actuary({ name: 'Cy Helper', email: 'cy@milliman.example' })],
      }),
      completeRateForm({
        certifyingActuaryContacts: [
          actuary({ actuarialFirm: 'OTHER', actuarialFirmOther: 'Acme Actuaries' }),
        ],
        addtlActuaryContacts: [],
      }),
    );
    expect(diff.contacts).toEqual([
      {
        list: 'certifyingActuaryContacts',
        label: 'Certifying actuaries',
        kind: 'CHANGED',
        before: 'Ada Actuary, Principal (Mercer), ada@mercer.example',
        after: 'Ada Actuary, Principal (Acme Actuaries), ada@mercer.example',
      },
      {
        list: 'addtlActuaryContacts',
        label: 'Additional actuaries',
        kind: 'REMOVED',
        before: 'Cy Helper, Principal (Mercer), cy@milliman.example',
        after: null,
      },
    ]);
  });

  it('shows the rate certification replaced, and supporting documents renamed, in their lists', () => {
    const diff = diffRate(
      completeRateForm({ supportingDocuments: [doc('exhibit.xlsx', sha('e'))] }),
      completeRateForm({
        rateDocuments: [doc('certification-v2.pdf')],
        supportingDocuments: [doc('exhibit-final.xlsx', sha('e'))],
      }),
    );
    expect(diff.documents.map((d) => [d.list, d.kind, d.before?.name, d.after?.name])).toEqual([
      ['rateDocuments', 'REPLACED', 'certification.pdf', 'certification-v2.pdf'],
      ['rateSupportingDocuments', 'RENAMED', 'exhibit.xlsx', 'exhibit-final.xlsx'],
    ]);
    expect(diff.unchanged).toBe(false);
  });

  it('refuses a revision that was never submitted', () => {
    const id = buildRate().id;
    expect(() =>
      rateRevisionDiff({
        from: rateRevision(id, 1, rate),
        to: buildRateRevision(id, 2, rate, submittedAt(2)),
        programs: MN_PROGRAMS,
      }),
    ).toThrow(/not submitted/);
  });
});
