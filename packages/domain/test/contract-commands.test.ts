import { describe, expect, it } from 'vitest';
import {
  abilitiesSchema,
  CONTRACT_ACTION_NAMES,
  CONTRACT_ACTIONS,
  CONTRACT_COMMANDS,
  contractAfterAction,
  lifecycleState,
  previouslyChosenPrograms,
  reasonRequired,
  REFERENCE_PROGRAMS,
  ValidationError,
  type CommandContext,
  type Contract,
  type ContractAction,
  type ContractActionInput,
  type ContractChange,
  type DocumentRef,
  type Rate,
  type Role,
} from '../src';
import {
  buildContract,
  buildRate,
  completeContractForm,
  completeRateForm,
  doc,
  type HistoryStep,
} from '../src/testing';

const AT = '2026-06-01T12:00:00.000Z';
const BY = { userId: 'u-cms', email: 'cms@example.gov', name: 'Casey Reviewer', role: 'CMS_USER' } as const;
const MN_PROGRAMS = REFERENCE_PROGRAMS.filter((p) => p.stateCode === 'MN');

/** A context for planning on `contract`, with ids from a counter and receipts that vouch for `uploaded` only. */
function contextFor(
  contract: Contract,
  options: { rates?: Rate[]; named?: Rate[]; parents?: Contract[]; uploaded?: DocumentRef[] } = {},
): CommandContext {
  let next = 0;
  const uploaded = new Set((options.uploaded ?? []).map((d) => d.name));
  return {
    contract,
    rates: options.rates ?? [],
    rateParents: new Map(),
    programs: MN_PROGRAMS,
    at: AT,
    by: BY,
    named: {
      rates: new Map((options.named ?? []).map((r) => [r.id, r])),
      parents: new Map((options.parents ?? []).map((c) => [c.id, c])),
    },
    newId: () => `00000000-0000-4000-8000-${String(++next).padStart(12, '0')}`,
    verifyUpload: (document) => (uploaded.has(document.name) ? 'valid' : 'invalid'),
  };
}

/** A rate owned by `contract`, linked from its latest revision. */
function ownedRate(contract: Contract, steps: ('submit' | 'unlock')[] = []): Rate {
  const rate = { ...buildRate(steps), parentContractId: contract.id };
  contract.revisions.at(-1)!.rateLinks.push({ rateId: rate.id, rateRevisionId: null });
  return rate;
}

function plan<A extends ContractAction>(action: A, ctx: CommandContext, input: ContractActionInput<A>) {
  return CONTRACT_COMMANDS[action].plan(ctx, input);
}

function issuesOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ValidationError) return error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw error;
  }
  throw new Error('expected a ValidationError');
}

/** For each action: a filing it may act on, and an input it accepts. */
const ACCEPTED: {
  [A in ContractAction]: { steps: HistoryStep[]; input: ContractActionInput<A>; chip?: boolean };
} = {
  SAVE_DRAFT: { steps: [], input: { formData: completeContractForm(), rates: [] } },
  SUBMIT: { steps: [], input: {} },
  RESUBMIT: { steps: ['submit', 'unlock'], input: { reason: 'fixed the dates' } },
  UNLOCK: { steps: ['submit'], input: { reason: 'wrong dates' } },
  UNDO_UNLOCK: { steps: ['submit', 'unlock'], input: { reason: 'unlocked by mistake' } },
  APPROVE: { steps: ['submit'], input: { dateApprovalReleasedToState: '2026-05-30' } },
  UNDO_APPROVAL: { steps: ['submit', 'APPROVE'], input: { reason: 'approved too soon' } },
  WITHDRAW: { steps: ['submit'], input: { reason: 'the state asked' } },
  UNDO_WITHDRAW: { steps: ['submit', 'WITHDRAW'], input: { reason: 'withdrawn in error' } },
  SET_MCCRS_ID: { steps: ['submit'], input: { mccrsId: '0123' } },
};

describe('every command leads where the lifecycle says', () => {
  for (const action of CONTRACT_ACTION_NAMES) {
    it(`${action}: the contract after its change has the statuses transition() gives`, () => {
      const { steps, input } = ACCEPTED[action];
      const contract = buildContract(steps);
      const planned = plan(action, contextFor(contract), input as never);
      const after = contractAfterAction(contract, action, planned.change, {
        expectedVersion: contract.version,
        at: AT,
      });
      expect(after.version).toBe(contract.version + 1);
      expect(after.updatedAt).toBe(AT);
    });
  }

  it('a CHIP-only submission is not subject to review, and the check knows it', () => {
    const chip = completeContractForm({
      populationCovered: 'CHIP',
      contractDetails: { ...completeContractForm().contractDetails, federalAuthorities: ['TITLE_XXI'] },
    });
    const contract = buildContract([], chip);
    const planned = plan('SUBMIT', contextFor(contract), {});
    const after = contractAfterAction(contract, 'SUBMIT', planned.change, { expectedVersion: 1, at: AT });
    expect(lifecycleState(after)).toMatchObject({
      review: 'NOT_SUBJECT_TO_REVIEW',
      lastSubmittedChipOnly: true,
    });
  });

  it('refuses a change that disagrees with the lifecycle, naming both', () => {
    const contract = buildContract(['submit']);
    const wrong: ContractChange = { kind: 'SET_MCCRS_ID', mccrsId: '0123' };
    expect(() => contractAfterAction(contract, 'UNLOCK', wrong, { expectedVersion: 2, at: AT })).toThrow(
      /UNLOCK on contract .* made SUBMITTED\/UNDER_REVIEW .*; the lifecycle says UNLOCKED\/UNDER_REVIEW/,
    );
  });

  it('refuses an action the lifecycle does not allow from the status', () => {
    const contract = buildContract([]);
    const change: ContractChange = { kind: 'SET_MCCRS_ID', mccrsId: '0123' };
    expect(() =>
      contractAfterAction(contract, 'SET_MCCRS_ID', change, { expectedVersion: 1, at: AT }),
    ).toThrow(/draft has no MC-CRS number/);
  });
});

describe('the action table', () => {
  it('gives each action its own ability, path and body with a version', () => {
    const abilities = CONTRACT_ACTION_NAMES.map((a) => CONTRACT_ACTIONS[a].ability);
    const paths = CONTRACT_ACTION_NAMES.map((a) => CONTRACT_ACTIONS[a].http.path);
    expect(new Set(abilities).size).toBe(CONTRACT_ACTION_NAMES.length);
    expect(new Set(paths).size).toBe(CONTRACT_ACTION_NAMES.length);
    expect(Object.keys(abilitiesSchema.shape)).toEqual(['canRead', ...abilities]);
    for (const action of CONTRACT_ACTION_NAMES) {
      expect(CONTRACT_ACTIONS[action].body.shape.version, action).toBeDefined();
    }
  });

  it('asks for a reason as each row says: always, from admins only, or never', () => {
    const needing = (role: Role) =>
      CONTRACT_ACTION_NAMES.filter((action) => reasonRequired({ role }, action));
    const always = ['RESUBMIT', 'UNLOCK', 'UNDO_UNLOCK', 'UNDO_APPROVAL', 'WITHDRAW', 'UNDO_WITHDRAW'];
    expect(needing('CMS_APPROVER')).toEqual(always);
    expect(needing('ADMIN')).toEqual(['RESUBMIT', 'APPROVE', ...always.slice(1)]);
  });

  it('takes a reason in the body exactly where one may be required', () => {
    for (const action of CONTRACT_ACTION_NAMES) {
      const { reason, body } = CONTRACT_ACTIONS[action];
      expect('reason' in body.shape, action).toBe(reason !== 'never');
    }
  });
});

describe('unlock and undo unlock', () => {
  it('opens a draft copied from the last submission, and a draft of each owned rate', () => {
    const contract = buildContract(['submit']);
    const rate = ownedRate(contract, ['submit']);
    const planned = plan('UNLOCK', contextFor(contract, { rates: [rate] }), { reason: 'dates' });
    expect(planned.change).toMatchObject({
      kind: 'UNLOCK',
      revision: {
        formData: contract.revisions[0]!.formData,
        rateLinks: [{ rateId: rate.id, rateRevisionId: null }],
      },
      unlocked: { at: AT, by: BY, reason: 'dates' },
      rates: { open: [{ rateId: rate.id, revision: { formData: rate.revisions[0]!.formData } }] },
    });
    expect(planned.details).toEqual({ rates: 1 });
  });

  it('undoing it discards the draft and the owned rates’ unsubmitted revisions, keeping them as reversed', () => {
    const contract = buildContract(['submit', 'unlock']);
    const rate = ownedRate(contract, ['submit', 'unlock']);
    const context = contextFor(contract, { rates: [rate] });
    const planned = plan('UNDO_UNLOCK', context, { reason: 'mistake' });
    const reversal = { at: AT, by: BY, reason: 'mistake' };
    expect(planned.change).toEqual({
      kind: 'DISCARD_DRAFT',
      revisionId: contract.revisions[1]!.id,
      reversal,
      rates: { discard: [{ rateId: rate.id, revisionId: rate.revisions[1]!.id, reversal }] },
    });
    const after = contractAfterAction(contract, 'UNDO_UNLOCK', planned.change, {
      expectedVersion: contract.version,
      at: AT,
    });
    expect(after.revisions).toEqual(contract.revisions.slice(0, 1));
    expect(after.reversedRevisions).toEqual([{ ...contract.revisions[1], reversed: reversal }]);
  });
});

describe('submit', () => {
  it('refuses an incomplete filing with every issue by its path', () => {
    const contract = buildContract([], completeContractForm({ submissionDescription: '' }));
    expect(issuesOf(() => plan('SUBMIT', contextFor(contract), {}))).toEqual([
      'submissionDescription: Describe the submission',
    ]);
  });

  it('freezes the owned rates with the contract and names the revisions it went with', () => {
    const contract = buildContract([], completeContractForm({ submissionType: 'CONTRACT_AND_RATES' }));
    const rate = ownedRate(contract);
    const planned = plan('SUBMIT', contextFor(contract, { rates: [rate] }), {});
    const revisionId = rate.revisions[0]!.id;
    expect(planned.change).toMatchObject({
      kind: 'SUBMIT',
      rateLinks: [{ rateId: rate.id, rateRevisionId: revisionId }],
      submitted: { at: AT, by: BY, reason: null },
      rates: { submit: [{ rateId: rate.id, revisionId }], discard: [] },
    });
  });

  it('a contract-only filing goes without its unsubmitted rates', () => {
    const contract = buildContract([], completeContractForm({ submissionType: 'CONTRACT_ONLY' }));
    const rate = ownedRate(contract);
    const planned = plan('SUBMIT', contextFor(contract, { rates: [rate] }), {});
    expect(planned.change).toMatchObject({
      rateLinks: [],
      rates: { submit: [], discard: [{ rateId: rate.id, revisionId: rate.revisions[0]!.id }] },
    });
  });

  it('a resubmission carries its reason', () => {
    const contract = buildContract(['submit', 'unlock']);
    const planned = plan('RESUBMIT', contextFor(contract), { reason: 'fixed' });
    expect(planned.change).toMatchObject({ kind: 'SUBMIT', submitted: { reason: 'fixed' } });
  });
});

describe('save draft', () => {
  it('creates new rates, saves owned ones and removes owned ones left out', () => {
    const contract = buildContract();
    const kept = ownedRate(contract);
    const dropped = ownedRate(contract);
    const planned = plan('SAVE_DRAFT', contextFor(contract, { rates: [kept, dropped] }), {
      formData: completeContractForm(),
      rates: [
        { kind: 'NEW', rateId: kept.id, formData: completeRateForm({ rateDocuments: [] }) },
        { kind: 'NEW', rateId: null, formData: completeRateForm({ rateDocuments: [] }) },
      ],
    });
    const created = '00000000-0000-4000-8000-000000000001';
    expect(planned.change).toMatchObject({
      kind: 'SAVE_DRAFT',
      rateLinks: [
        { rateId: kept.id, rateRevisionId: null },
        { rateId: created, rateRevisionId: null },
      ],
      rates: {
        save: [{ rateId: kept.id, revisionId: kept.revisions[0]!.id }],
        create: [{ id: created }],
        discard: [{ rateId: dropped.id, revisionId: dropped.revisions[0]!.id }],
        open: [],
      },
    });
    expect(planned.details).toEqual({ rates: 2 });
  });

  it('keeps a document the filing holds, takes a vouched upload without its receipt, refuses any other', () => {
    const held = doc('contract.pdf');
    const fresh = { ...doc('fresh.pdf'), uploadToken: 'receipt' };
    const stranger = doc('stranger.pdf');
    const contract = buildContract();
    const ctx = contextFor(contract, { uploaded: [fresh] });
    const form = (documents: DocumentRef[]) =>
      completeContractForm({
        contractDetails: { ...completeContractForm().contractDetails, contractDocuments: documents },
      });

    const planned = plan('SAVE_DRAFT', ctx, {
      formData: form([{ ...held, name: 'renamed.pdf' }, fresh]),
      rates: [],
    });
    const saved = planned.change.kind === 'SAVE_DRAFT' ? planned.change.formData : null;
    expect(saved?.contractDetails.contractDocuments).toEqual([held, doc('fresh.pdf')]);
    expect(issuesOf(() => plan('SAVE_DRAFT', ctx, { formData: form([stranger]), rates: [] }))).toEqual([
      'contractDetails.contractDocuments.0: stranger.pdf is not an upload of this state: upload the file again',
    ]);
  });

  it('links a submitted rate of the state, and refuses a draft one, a twice-named one and a missing one', () => {
    const contract = buildContract();
    const parent = buildContract(['submit']);
    const submitted = { ...buildRate(['submit']), parentContractId: parent.id };
    const draft = { ...buildRate(), parentContractId: parent.id };
    const ctx = contextFor(contract, { named: [submitted, draft], parents: [parent] });
    const linked = plan('SAVE_DRAFT', ctx, {
      formData: completeContractForm(),
      rates: [{ kind: 'LINKED', rateId: submitted.id }],
    });
    expect(linked.change).toMatchObject({ rateLinks: [{ rateId: submitted.id, rateRevisionId: null }] });
    expect(linked.newlyLinked?.rates).toEqual([submitted, draft]);

    const refused = () =>
      plan('SAVE_DRAFT', ctx, {
        formData: completeContractForm(),
        rates: [
          { kind: 'LINKED', rateId: draft.id },
          { kind: 'LINKED', rateId: submitted.id },
          { kind: 'LINKED', rateId: submitted.id },
          { kind: 'LINKED', rateId: '11111111-1111-4111-8111-111111111111' },
        ],
      });
    const notLinkable = 'Only submitted rates of this state, of filings not withdrawn, can be linked';
    expect(issuesOf(refused)).toEqual([
      `rates.0: ${notLinkable}`,
      'rates.2: This rate is already on the submission',
      `rates.3: ${notLinkable}`,
    ]);
  });

  it('names the linked rates of its input for the shell to load', () => {
    const named = CONTRACT_COMMANDS.SAVE_DRAFT.ratesNamed?.({
      formData: completeContractForm(),
      rates: [
        { kind: 'NEW', rateId: null, formData: completeRateForm() },
        { kind: 'LINKED', rateId: 'a' },
      ],
    });
    expect(named).toEqual(['a']);
  });

  it('refuses a retired program unless an earlier submission chose it', () => {
    const retired = { ...MN_PROGRAMS[0]!, id: '22222222-2222-4222-8222-222222222222', isDeprecated: true };
    const withRetired = (contract: Contract) => ({
      ...contextFor(contract),
      programs: [...MN_PROGRAMS, retired],
    });
    const input = { formData: completeContractForm({ programIDs: [retired.id] }), rates: [] };
    expect(issuesOf(() => plan('SAVE_DRAFT', withRetired(buildContract()), input))).toHaveLength(1);

    const chosenBefore = buildContract(
      ['submit', 'unlock'],
      completeContractForm({ programIDs: [retired.id] }),
    );
    expect(previouslyChosenPrograms(chosenBefore)).toEqual([retired.id]);
    expect(() => plan('SAVE_DRAFT', withRetired(chosenBefore), input)).not.toThrow();
  });
});

describe('review decisions', () => {
  it('approves on a day up to the day it is recorded, with the reason if one is given', () => {
    const ctx = contextFor(buildContract(['submit']));
    const approved = plan('APPROVE', ctx, { dateApprovalReleasedToState: '2026-06-01' });
    expect(approved.change).toMatchObject({
      kind: 'REVIEW_ACTION',
      reviewAction: {
        action: 'APPROVE',
        reason: null,
        dateApprovalReleasedToState: '2026-06-01',
        at: AT,
        by: BY,
      },
    });
    expect(approved.details).toEqual({ dateApprovalReleasedToState: '2026-06-01' });
    expect(issuesOf(() => plan('APPROVE', ctx, { dateApprovalReleasedToState: '2026-06-02' }))).toEqual([
      'dateApprovalReleasedToState: Enter today or an earlier date',
    ]);
  });

  for (const action of ['WITHDRAW', 'UNDO_WITHDRAW', 'UNDO_APPROVAL'] as const) {
    it(`${action} records the decision with its reason`, () => {
      const planned = plan(action, contextFor(buildContract(['submit'])), { reason: 'why' });
      expect(planned).toMatchObject({
        change: {
          kind: 'REVIEW_ACTION',
          reviewAction: { action, reason: 'why', dateApprovalReleasedToState: null },
        },
        revisionId: null,
      });
    });
  }

  it('sets the MC-CRS number', () => {
    const planned = plan('SET_MCCRS_ID', contextFor(buildContract(['submit'])), { mccrsId: '0042' });
    expect(planned).toEqual({
      change: { kind: 'SET_MCCRS_ID', mccrsId: '0042' },
      revisionId: null,
      details: { mccrsId: '0042' },
    });
  });
});
