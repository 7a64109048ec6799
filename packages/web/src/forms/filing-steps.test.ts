import { emptyContractForm, REFERENCE_PROGRAMS } from '@docket/domain';
import { describe, expect, it } from 'vitest';
import { emptyDraft, newRate } from './filing-draft';
import { filingIssues, nextStep, previousStep, stepIssues, stepOfIssue, stepsFor } from './filing-steps';

const MN = REFERENCE_PROGRAMS.filter((p) => p.stateCode === 'MN');
const ctx = { programs: MN, previouslyChosen: [], today: '2025-06-01' };

describe('stepsFor', () => {
  it('asks for rates only on a contract-and-rates filing that is not CHIP-only', () => {
    const form = emptyContractForm();
    expect(
      stepsFor({ ...form, submissionType: 'CONTRACT_AND_RATES', populationCovered: 'MEDICAID' }),
    ).toEqual(['submission-type', 'contract-details', 'rate-details', 'contacts', 'review']);
    expect(stepsFor({ ...form, submissionType: 'CONTRACT_ONLY' })).not.toContain('rate-details');
    expect(
      stepsFor({ ...form, submissionType: 'CONTRACT_AND_RATES', populationCovered: 'CHIP' }),
    ).not.toContain('rate-details');
    expect(stepsFor(form)).not.toContain('rate-details');
  });

  it('moves forward and back through the steps it has', () => {
    const steps = stepsFor({ submissionType: 'CONTRACT_ONLY', populationCovered: 'MEDICAID' });
    expect(nextStep(steps, 'contract-details')).toBe('contacts');
    expect(previousStep(steps, 'contacts')).toBe('contract-details');
    expect(previousStep(steps, 'submission-type')).toBeNull();
    expect(nextStep(steps, 'review')).toBeNull();
  });
});

describe('stepOfIssue', () => {
  it.each([
    [['programIDs', 0], 'submission-type'],
    [['contractDetails'], 'submission-type'],
    [['contractDetails', 'contractDateEnd'], 'contract-details'],
    [['rates'], 'rate-details'],
    [['rates', 0, 'rateDocuments'], 'rate-details'],
    [['stateContacts', 0, 'email'], 'contacts'],
    [['schemaVersion'], null],
  ] as const)('puts %j on %s', (path, step) => {
    expect(stepOfIssue(path)).toBe(step);
  });
});

describe('filingIssues', () => {
  it('finds every missing answer of an empty filing, on the step that asks it', () => {
    const issues = filingIssues(emptyDraft(), ctx);
    expect(stepIssues(issues, 'submission-type').map((i) => i.path[0])).toEqual(
      expect.arrayContaining(['populationCovered', 'programIDs', 'submissionType', 'contractType']),
    );
    // "Answer the submission details first" names no field: the review page lists it, no step shows it.
    expect(issues.some((i) => i.path.length === 1 && i.path[0] === 'contractDetails')).toBe(true);
    expect(stepIssues(issues, 'contract-details')).toEqual([]);
    expect(stepIssues(issues, 'contacts').map((i) => i.path.join('.'))).toContain(
      'stateContacts.0.givenName',
    );
  });

  it('checks the rates of a contract-and-rates filing under rates.{index}', () => {
    const draft = emptyDraft();
    draft.form = { ...draft.form, populationCovered: 'MEDICAID', submissionType: 'CONTRACT_AND_RATES' };
    expect(stepIssues(filingIssues(draft, ctx), 'rate-details').map((i) => i.path.join('.'))).toEqual([
      'rates',
    ]);
    draft.rates = [newRate()];
    const paths = stepIssues(filingIssues(draft, ctx), 'rate-details').map((i) => i.path.join('.'));
    expect(paths).toEqual(
      expect.arrayContaining([
        'rates.0.rateDocuments',
        'rates.0.rateDateStart',
        'rates.0.certifyingActuaryContacts.0.email',
      ]),
    );
  });
});
