import { describe, expect, it } from 'vitest';
import {
  REFERENCE_PROGRAMS,
  checkContractForSubmit,
  contractFormDraftSchema,
  emptyContractForm,
  type Program,
} from '../src';
import { completeForm } from './factories';

const mnPrograms: Program[] = REFERENCE_PROGRAMS.filter((p) => p.stateCode === 'MN');
const active = mnPrograms.filter((p) => !p.isDeprecated);
const retired = REFERENCE_PROGRAMS.find((p) => p.isDeprecated)!;

function paths(result: ReturnType<typeof checkContractForSubmit>): string[] {
  return result.ok ? [] : result.issues.map((i) => i.path.join('.'));
}

describe('contract form', () => {
  it('accepts an empty draft and fills defaults, with the current schema version', () => {
    const draft = contractFormDraftSchema.parse({});
    expect(draft).toEqual(emptyContractForm());
    expect(draft.schemaVersion).toBe(1);
    expect(draft.programIDs).toEqual([]);
  });

  it('refuses wrong types and over-long text even in a draft', () => {
    expect(contractFormDraftSchema.safeParse({ riskBasedContract: 'yes' }).success).toBe(false);
    expect(contractFormDraftSchema.safeParse({ populationCovered: 'EVERYONE' }).success).toBe(false);
    expect(contractFormDraftSchema.safeParse({ submissionDescription: 'x'.repeat(1501) }).success).toBe(
      false,
    );
    expect(contractFormDraftSchema.safeParse({ programIDs: ['not-a-uuid'] }).success).toBe(false);
  });

  it('lists every missing answer of an empty draft by path at submit', () => {
    const result = checkContractForSubmit(emptyContractForm(), active);
    expect(result.ok).toBe(false);
    expect(paths(result)).toEqual(
      expect.arrayContaining([
        'populationCovered',
        'programIDs',
        'submissionType',
        'contractType',
        'riskBasedContract',
        'submissionDescription',
        'stateContacts',
      ]),
    );
  });

  it('names the field of an incomplete contact', () => {
    const form = completeForm({
      programIDs: [active[0]!.id],
      stateContacts: [{ givenName: 'Ann', familyName: '', titleRole: 'Analyst', email: 'not-an-email' }],
    });
    expect(paths(checkContractForSubmit(form, active))).toEqual([
      'stateContacts.0.familyName',
      'stateContacts.0.email',
    ]);
  });

  it('accepts a complete form', () => {
    const result = checkContractForSubmit(completeForm({ programIDs: [active[0]!.id] }), mnPrograms);
    expect(result.ok).toBe(true);
  });

  it("refuses another state's program and a retired one, unless the retired one was chosen before", () => {
    const foreign = REFERENCE_PROGRAMS.find((p) => p.stateCode === 'FL')!;
    expect(paths(checkContractForSubmit(completeForm({ programIDs: [foreign.id] }), active))).toEqual([
      'programIDs.0',
    ]);
    const programs = [...active, retired];
    const withRetired = completeForm({ programIDs: [retired.id] });
    expect(paths(checkContractForSubmit(withRetired, programs))).toEqual(['programIDs.0']);
    expect(checkContractForSubmit(withRetired, programs, [retired.id]).ok).toBe(true);
  });

  it('keeps CHIP-only filings contract-only', () => {
    const form = completeForm({
      programIDs: [active[0]!.id],
      populationCovered: 'CHIP',
      submissionType: 'CONTRACT_AND_RATES',
    });
    expect(paths(checkContractForSubmit(form, active))).toEqual(['submissionType']);
  });
});
