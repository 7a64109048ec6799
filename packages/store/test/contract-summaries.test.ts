import {
  newId,
  summaryFactsOf,
  UniquenessError,
  VersionConflictError,
  type Contract,
  type ContractSummary,
} from '@docket/domain';
import { expect, it } from 'vitest';
import type { ContractChange } from '../src/contract-store';
import {
  addNewRates,
  allPages,
  at,
  buildApply,
  buildContractInput,
  buildFormData,
  describeEachDatastore,
  discardDraft,
  reverseRate,
  draftOf,
  freshState,
  openRate,
  reviewAction,
  saveDraft,
  reversal,
  submit,
  submitWithRates,
  unlock,
} from './conformance';

/**
 * The lists read the summary facts stored with each contract, and those facts are moved by every change in the
 * same write: after every kind of change the summary every list holds equals `summaryFactsOf` of the contract as
 * stored — never behind a change that committed — and after a change that failed it is the one from before —
 * never ahead of it.
 */

describeEachDatastore('ContractStore: list summaries', (t) => {
  const programs = [newId(), newId(), newId()];

  /** The contract's summary in each list that should hold it (undefined where a list does not). */
  async function listedEverywhere(contract: Contract) {
    const [byState, all, submitted] = await Promise.all([
      allPages((page) => t.datastore.contracts.listByState(contract.stateCode, page)),
      allPages((page) => t.datastore.contracts.listAll(page)),
      allPages((page) => t.datastore.contracts.listSubmitted(page)),
    ]);
    const find = (items: ContractSummary[]) => items.find((s) => s.id === contract.id);
    return { byState: find(byState), all: find(all), submitted: find(submitted) };
  }

  /** Checks that every list holds the stored contract's summary, and returns the contract as stored. */
  async function expectListedAsStored(contract: Contract, context = ''): Promise<Contract> {
    const stored = await t.datastore.contracts.get(contract.id);
    const facts = summaryFactsOf(stored);
    expect(await listedEverywhere(stored), context).toEqual({
      byState: facts,
      all: facts,
      submitted: facts.submittedCount > 0 ? facts : undefined,
    });
    return stored;
  }

  async function step(contract: Contract, change: ContractChange, when?: string): Promise<Contract> {
    const next = await t.datastore.contracts.apply(
      contract.id,
      buildApply(contract, change, when === undefined ? {} : { at: when }),
    );
    return expectListedAsStored(next, change.kind);
  }

  async function created(): Promise<Contract> {
    const contract = await t.datastore.contracts.create(buildContractInput(await freshState(t.datastore)));
    return expectListedAsStored(contract, 'create');
  }

  const edited = (contract: Contract, chosen: string[], more: Parameters<typeof buildFormData>[0] = {}) =>
    saveDraft(contract, buildFormData({ programIDs: chosen, ...more }));

  it('follows a filing through its life: saves, submissions, unlocks, an undone unlock', async () => {
    let contract = await created();
    contract = await step(contract, edited(contract, [programs[0]!, programs[1]!]));
    contract = await step(
      contract,
      edited(contract, [programs[1]!], { submissionType: 'CONTRACT_AND_RATES' }),
    );
    contract = await step(contract, submit(contract));
    contract = await step(contract, unlock(contract));
    contract = await step(contract, edited(contract, [programs[2]!], { populationCovered: 'CHIP' }));
    contract = await step(contract, discardDraft(contract));
    expect(summaryFactsOf(contract).latest).toEqual(summaryFactsOf(contract).submitted);
    contract = await step(contract, unlock(contract));
    contract = await step(
      contract,
      edited(contract, [programs[2]!, programs[0]!], { populationCovered: 'CHIP' }),
    );
    contract = await step(contract, submit(contract, { reason: 'Fixed' }));
    expect(summaryFactsOf(contract)).toMatchObject({ submittedCount: 2, draftOpen: false });
    expect(summaryFactsOf(contract).submitted?.chipOnly).toBe(true);
  });

  it('follows every review decision, in the order the contract keeps them', async () => {
    let contract = await created();
    contract = await step(contract, submit(contract));
    for (const action of ['APPROVE', 'UNDO_APPROVAL', 'WITHDRAW', 'UNDO_WITHDRAW'] as const) {
      contract = await step(contract, reviewAction({ action, at: at(contract.version * 1000) }));
    }
    // Two decisions at the same moment: the contract orders them by id, and so must its summary.
    contract = await step(contract, reviewAction({ action: 'APPROVE', at: at(60_000) }));
    contract = await step(contract, reviewAction({ action: 'WITHDRAW', at: at(60_000) }));
    // One dated before the others sorts before them: the last decision stays the last one in time.
    contract = await step(contract, reviewAction({ action: 'UNDO_WITHDRAW', at: at(1) }));
    expect(summaryFactsOf(contract).lastReviewAction).toBe(contract.reviewActions.at(-1)?.action);
  });

  it('follows an MC-CRS number, set with and without a draft open', async () => {
    let contract = await created();
    contract = await step(contract, submit(contract));
    contract = await step(contract, { kind: 'SET_MCCRS_ID', mccrsId: '1234' });
    expect(summaryFactsOf(contract).sharedUpdatedAt).toBe(contract.updatedAt);
    contract = await step(contract, unlock(contract));
    const opened = summaryFactsOf(contract).sharedUpdatedAt;
    contract = await step(contract, { kind: 'SET_MCCRS_ID', mccrsId: '5678' });
    contract = await step(contract, edited(contract, [programs[0]!]));
    expect(summaryFactsOf(contract)).toMatchObject({ mccrsId: '5678', sharedUpdatedAt: opened });
  });

  it('follows changes that write rates along', async () => {
    let contract = await created();
    const withRates = await addNewRates(t.datastore, contract, 2);
    contract = await expectListedAsStored(withRates.contract, 'rates created');
    contract = await expectListedAsStored(
      (await submitWithRates(t.datastore, contract, { at: at(50_000) })).contract,
      'submitted with rates',
    );
    const [first] = await t.datastore.rates.listByParent(contract.id);
    contract = await step(contract, unlock(contract, { rates: { open: [openRate(first!)] } }));
    const [opened] = await t.datastore.rates.listByParent(contract.id);
    contract = await step(contract, discardDraft(contract, { rates: { discard: [reverseRate(opened!)] } }));
    expect(summaryFactsOf(contract)).toMatchObject({ draftOpen: false, submittedCount: 1 });
  });

  it('never moves ahead of a change that failed', async () => {
    let contract = await created();
    contract = await step(contract, submit(contract));
    contract = await step(contract, unlock(contract));
    const before = await listedEverywhere(contract);
    const draft = draftOf(contract);
    const submitted = contract.revisions[0]!;
    const taken = { id: (await t.datastore.events.listForContract(contract.id))[0]!.id };
    const refused: [string, ContractChange, Parameters<typeof buildApply>[2], unknown][] = [
      ['an old version', edited(contract, [programs[2]!]), { expectedVersion: 1 }, VersionConflictError],
      [
        'a submitted revision',
        { ...edited(contract, [programs[2]!]), revisionId: submitted.id },
        {},
        VersionConflictError,
      ],
      ['a second draft', unlock(contract), {}, VersionConflictError],
      [
        'the first revision',
        { kind: 'DISCARD_DRAFT', revisionId: submitted.id, reversal: reversal() },
        {},
        VersionConflictError,
      ],
      ['a submission at an old version', submit(contract), { expectedVersion: 2 }, VersionConflictError],
      [
        'a rate of another contract',
        submit(contract, { rates: { discard: [{ rateId: newId(), revisionId: draft.id }] } }),
        {},
        VersionConflictError,
      ],
      [
        'a review action with a taken event id',
        reviewAction({ action: 'WITHDRAW' }),
        { event: taken },
        UniquenessError,
      ],
      [
        'an MC-CRS number with a taken event id',
        { kind: 'SET_MCCRS_ID', mccrsId: '9' },
        { event: taken },
        UniquenessError,
      ],
    ];
    for (const [what, change, overrides, error] of refused) {
      await expect(
        t.datastore.contracts.apply(contract.id, buildApply(contract, change, overrides)),
        what,
      ).rejects.toBeInstanceOf(error);
      expect(await listedEverywhere(contract), what).toEqual(before);
    }
    await expectListedAsStored(contract, 'after the refusals');
  });

  it('agrees with the stored contract after any sequence of changes, refused ones included', async () => {
    const seed = Math.floor(Math.random() * 2 ** 31);
    const random = mulberry32(seed);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    let contract = await created();
    let clock = 100_000;
    for (let i = 0; i < 30; i++) {
      clock += 1 + Math.floor(random() * 3);
      const context = `seed ${seed}, step ${i}`;
      const form = buildFormData({
        programIDs: programs.filter(() => random() < 0.5),
        submissionType: pick(['CONTRACT_ONLY', 'CONTRACT_AND_RATES'] as const),
        populationCovered: pick(['MEDICAID', 'CHIP', 'MEDICAID_AND_CHIP'] as const),
      });
      const open = contract.revisions.at(-1)?.submitted === null;
      const revisionId = open && random() < 0.85 ? draftOf(contract).id : pick(contract.revisions).id;
      const change: ContractChange = pick<() => ContractChange>([
        () => ({ kind: 'SAVE_DRAFT', revisionId, formData: form, rateLinks: [] }),
        () => ({ kind: 'SUBMIT', revisionId, formData: form, rateLinks: [], submitted: submitInfo(clock) }),
        () => unlock(contract),
        () => ({ kind: 'DISCARD_DRAFT', revisionId, reversal: reversal() }),
        () =>
          reviewAction({
            action: pick(['APPROVE', 'UNDO_APPROVAL', 'WITHDRAW'] as const),
            at: at(pick([clock, 7])),
          }),
        () => ({ kind: 'SET_MCCRS_ID', mccrsId: String(i) }),
      ])();
      const expectedVersion = random() < 0.1 ? contract.version - 1 : contract.version;
      const before = await listedEverywhere(contract);
      try {
        const input = buildApply(contract, change, { at: at(clock), expectedVersion });
        contract = await t.datastore.contracts.apply(contract.id, input);
      } catch (error) {
        expect(error, context).toBeInstanceOf(VersionConflictError);
        expect(await listedEverywhere(contract), context).toEqual(before);
      }
      contract = await expectListedAsStored(contract, `${context}: ${change.kind}`);
    }
  });
});

function submitInfo(ms: number) {
  return {
    at: at(ms),
    by: { userId: newId(), email: 'a@b.test', name: 'A', role: 'STATE_USER' as const },
    reason: null,
  };
}

/** A small seeded generator, so that a failing sequence can be replayed from the seed in its message. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let r = Math.imul(a ^ (a >>> 15), 1 | a);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4_294_967_296;
  };
}
