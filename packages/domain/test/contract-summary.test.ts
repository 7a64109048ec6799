import { describe, expect, it } from 'vitest';
import {
  contractName,
  contractStatus,
  lifecycleState,
  REFERENCE_PROGRAMS,
  ROLES,
  summaryFactsOf,
  summaryLifecycleState,
  summaryRowFor,
  summarySliceOf,
  summaryStatus,
  visibleRevisions,
  type Contract,
  type ContractFormData,
  type ContractRevision,
  type Program,
  type ReviewActionType,
} from '../src';
import { buildRevision, completeContractForm, userWithRole } from '../src/testing';

/**
 * A dashboard row from the summary facts must say exactly what the whole contract says: the same statuses for
 * every history, and for every role the same revision, programs and type as a reader of the filing sees.
 */

const MN_PROGRAMS = REFERENCE_PROGRAMS.filter((p) => p.stateCode === 'MN');
const [P1, P2, P3] = MN_PROGRAMS as [Program, Program, Program];
const actor = { userId: 'u', email: 'u@example.gov', name: 'U', role: 'STATE_USER' as const };

type Step =
  | { kind: 'submit'; form?: Partial<ContractFormData> }
  | { kind: 'unlock'; form?: Partial<ContractFormData> }
  | { kind: 'save'; form: Partial<ContractFormData> }
  | { kind: 'discard' }
  | { kind: 'review'; action: ReviewActionType }
  | { kind: 'mccrs' };

/** Replays steps into a contract, each at its own minute, the way a store would hold the result. */
function replay(steps: Step[], first: Partial<ContractFormData> = {}): Contract {
  let minute = 0;
  const tick = () => new Date(Date.UTC(2026, 1, 1, 0, ++minute)).toISOString();
  const created = tick();
  const revision = (number: number, form: ContractFormData, at: string): ContractRevision =>
    buildRevision('c', number, form, at, number > 1 ? { at, by: actor, reason: 'fix it' } : null);
  let contract: Contract = {
    id: 'c',
    stateCode: 'MN',
    stateNumber: 12,
    version: 1,
    createdAt: created,
    updatedAt: created,
    mccrsId: null,
    revisions: [revision(1, completeContractForm(first), created)],
    reviewActions: [],
    reversedRevisions: [],
  };
  for (const step of steps) {
    const at = tick();
    const revisions = [...contract.revisions];
    const last = revisions.at(-1)!;
    const formOf = (patch: Partial<ContractFormData> = {}) => ({
      ...(last.formData as ContractFormData),
      ...patch,
    });
    const next: Contract = { ...contract, version: contract.version + 1, updatedAt: at, revisions };
    switch (step.kind) {
      case 'save':
        revisions[revisions.length - 1] = { ...last, formData: formOf(step.form), updatedAt: at };
        break;
      case 'submit':
        revisions[revisions.length - 1] = {
          ...last,
          formData: formOf(step.form),
          updatedAt: at,
          submitted: { at, by: actor, reason: null },
        };
        break;
      case 'unlock':
        revisions.push(revision(last.number + 1, formOf(step.form), at));
        break;
      case 'discard':
        revisions.pop();
        break;
      case 'review':
        next.reviewActions = [
          ...contract.reviewActions,
          {
            id: `ra-${at}`,
            action: step.action,
            at,
            by: actor,
            reason: null,
            dateApprovalReleasedToState: null,
          },
        ];
        break;
      case 'mccrs':
        next.mccrsId = '1234';
        break;
    }
    contract = next;
  }
  return contract;
}

const HISTORIES: Record<string, { steps: Step[]; first?: Partial<ContractFormData> }> = {
  draft: { steps: [] },
  'draft, saved': { steps: [{ kind: 'save', form: { programIDs: [P2.id] } }] },
  submitted: { steps: [{ kind: 'submit' }] },
  'submitted CHIP-only': { steps: [{ kind: 'submit' }], first: { populationCovered: 'CHIP' } },
  'unlocked, draft edited': {
    steps: [
      { kind: 'submit' },
      { kind: 'unlock' },
      { kind: 'save', form: { programIDs: [P3.id, P2.id], submissionType: 'CONTRACT_AND_RATES' } },
    ],
  },
  'unlocked CHIP-only, MC-CRS number set meanwhile': {
    steps: [
      { kind: 'submit' },
      { kind: 'unlock', form: { populationCovered: 'MEDICAID' } },
      { kind: 'mccrs' },
    ],
    first: { populationCovered: 'CHIP' },
  },
  'unlock undone': {
    steps: [{ kind: 'submit' }, { kind: 'unlock', form: { programIDs: [P3.id] } }, { kind: 'discard' }],
  },
  resubmitted: {
    steps: [{ kind: 'submit' }, { kind: 'unlock' }, { kind: 'submit', form: { programIDs: [P2.id, P1.id] } }],
  },
  approved: { steps: [{ kind: 'submit' }, { kind: 'review', action: 'APPROVE' }, { kind: 'mccrs' }] },
  'approval undone': {
    steps: [
      { kind: 'submit' },
      { kind: 'review', action: 'APPROVE' },
      { kind: 'review', action: 'UNDO_APPROVAL' },
    ],
  },
  withdrawn: { steps: [{ kind: 'submit' }, { kind: 'review', action: 'WITHDRAW' }] },
  'withdrawal undone, CHIP-only': {
    steps: [
      { kind: 'submit' },
      { kind: 'review', action: 'WITHDRAW' },
      { kind: 'review', action: 'UNDO_WITHDRAW' },
    ],
    first: { populationCovered: 'CHIP' },
  },
  'retired program id': { steps: [{ kind: 'submit', form: { programIDs: [P1.id, 'gone'] } }] },
};

describe('summary facts', () => {
  for (const [name, { steps, first }] of Object.entries(HISTORIES)) {
    it(`give the contract's own statuses: ${name}`, () => {
      const contract = replay(steps, first);
      const summary = summaryFactsOf(contract);
      expect(summaryLifecycleState(summary)).toEqual(lifecycleState(contract));
      expect(summaryStatus(summary)).toBe(contractStatus(contract));
    });

    it(`give every role the revision it may see: ${name}`, () => {
      const contract = replay(steps, first);
      const summary = summaryFactsOf(contract);
      for (const role of ROLES) {
        const user = userWithRole(role, 'MN');
        const shown = visibleRevisions(user, contract.stateCode, contract.revisions).at(-1);
        const chosen = (shown?.formData.programIDs ?? []).flatMap((id) =>
          MN_PROGRAMS.filter((p) => p.id === id),
        );
        expect(summaryRowFor(user, summary, MN_PROGRAMS), role).toMatchObject({
          name: contractName('MN', 12, chosen),
          status: contractStatus(contract),
          submissionType: shown?.formData.submissionType ?? null,
          programs: chosen,
        });
      }
    });
  }

  it('take the latest and the last submitted revision, counts and dates from the history', () => {
    const contract = replay(HISTORIES['unlocked, draft edited']!.steps);
    const [first, draft] = contract.revisions as [ContractRevision, ContractRevision];
    expect(summaryFactsOf(contract)).toEqual({
      id: 'c',
      stateCode: 'MN',
      stateNumber: 12,
      version: 4,
      createdAt: contract.createdAt,
      updatedAt: draft.updatedAt,
      firstSubmittedAt: first.submitted?.at,
      lastSubmittedAt: first.submitted?.at,
      mccrsId: null,
      latest: { submissionType: 'CONTRACT_AND_RATES', programIds: [P3.id, P2.id], chipOnly: false },
      submitted: summarySliceOf(first.formData),
      submittedCount: 1,
      draftOpen: true,
      lastReviewAction: null,
      sharedUpdatedAt: draft.createdAt,
    });
  });

  it("show reviewers the time of the last change they can see, others the state's saves too", () => {
    const unlocked = replay(HISTORIES['unlocked, draft edited']!.steps);
    const draft = unlocked.revisions.at(-1)!;
    const summary = summaryFactsOf(unlocked);
    expect(summaryRowFor(userWithRole('CMS_USER'), summary, MN_PROGRAMS).updatedAt).toBe(draft.createdAt);
    expect(summaryRowFor(userWithRole('STATE_USER'), summary, MN_PROGRAMS).updatedAt).toBe(
      unlocked.updatedAt,
    );
    expect(draft.createdAt < unlocked.updatedAt).toBe(true);

    // Once no draft is open, every change is seen by all: discarding the draft, reviewing, numbering.
    for (const name of ['unlock undone', 'approved', 'resubmitted'] as const) {
      const contract = replay(HISTORIES[name]!.steps);
      expect(summaryFactsOf(contract).sharedUpdatedAt, name).toBe(contract.updatedAt);
    }
  });

  it('slice a form of any version: an unanswered type is null, CHIP-only from the population', () => {
    expect(
      summarySliceOf({ programIDs: [], submissionType: undefined, populationCovered: undefined }),
    ).toEqual({
      submissionType: null,
      programIds: [],
      chipOnly: false,
    });
    expect(
      summarySliceOf({ programIDs: ['a'], submissionType: 'CONTRACT_ONLY', populationCovered: 'CHIP' }),
    ).toEqual({ submissionType: 'CONTRACT_ONLY', programIds: ['a'], chipOnly: true });
  });
});
