import { NotFoundError, UniquenessError, VersionConflictError, newId, type Contract } from '@docket/domain';
import { expect, it } from 'vitest';
import type { ContractChange } from '../src/contract-store';
import {
  allPages,
  buildActor,
  buildApply,
  buildContractInput,
  buildEvent,
  buildFormData,
  describeEachDatastore,
  discardDraft,
  draftOf,
  freshState,
  reviewAction,
  saveDraft,
  reversal,
  submit,
  T0,
  unlock,
  type ApplyInput,
} from './conformance';

describeEachDatastore('ContractStore: apply', (t) => {
  const apply = (contract: Contract, change: ContractChange, overrides?: Parameters<typeof buildApply>[2]) =>
    t.datastore.contracts.apply(contract.id, buildApply(contract, change, overrides));

  async function draft(): Promise<Contract> {
    return t.datastore.contracts.create(buildContractInput(await freshState(t.datastore)));
  }
  async function submitted(): Promise<Contract> {
    const contract = await draft();
    return apply(contract, submit(contract));
  }
  async function unlocked(): Promise<Contract> {
    const contract = await submitted();
    return apply(contract, unlock(contract));
  }

  /** Everything an apply may touch, to compare before and after a refused one. */
  async function snapshot(contract: Contract) {
    const submittedIds = (await allPages((page) => t.datastore.contracts.listSubmitted(page))).map(
      (c) => c.id,
    );
    return {
      contract: await t.datastore.contracts.get(contract.id),
      events: await t.datastore.events.listForContract(contract.id),
      listedAsSubmitted: submittedIds.includes(contract.id),
    };
  }

  it('saves a draft: new answers, next version, updatedAt, and its event', async () => {
    const contract = await draft();
    const formData = buildFormData({ submissionDescription: 'Edited', programIDs: [newId()] });
    const input = buildApply(contract, saveDraft(contract, formData), { at: '2026-05-06T07:08:09.010Z' });

    const saved = await t.datastore.contracts.apply(contract.id, input);

    expect(saved.version).toBe(2);
    expect(saved.updatedAt).toBe(input.at);
    expect(saved.revisions).toEqual([{ ...draftOf(contract), formData, updatedAt: input.at }]);
    expect(await t.datastore.contracts.get(contract.id)).toEqual(saved);
    expect((await t.datastore.events.listForContract(contract.id)).at(-1)).toEqual(input.event);
  });

  it('refuses a save based on a stale version, overwriting nothing', async () => {
    const contract = await draft();
    await apply(contract, saveDraft(contract, buildFormData({ submissionDescription: 'First writer' })));
    const before = await snapshot(contract);

    const stale = buildApply(
      contract,
      saveDraft(contract, buildFormData({ submissionDescription: 'Second' })),
    );
    const error = await t.datastore.contracts.apply(contract.id, stale).catch((e) => e);

    expect(error).toBeInstanceOf(VersionConflictError);
    expect(error).toMatchObject({ expectedVersion: 1, actualVersion: 2 });
    expect(await snapshot(contract)).toEqual(before);
    expect(before.contract.revisions[0]?.formData.submissionDescription).toBe('First writer');
  });

  it('refuses a change to a submitted revision, even at the current version', async () => {
    const contract = await submitted();
    const submittedRevision = contract.revisions[0];
    if (!submittedRevision) throw new Error('no revision');
    const before = await snapshot(contract);

    for (const change of [
      { kind: 'SAVE_DRAFT', revisionId: submittedRevision.id, formData: buildFormData(), rateLinks: [] },
      {
        kind: 'SUBMIT',
        revisionId: submittedRevision.id,
        formData: buildFormData(),
        rateLinks: [],
        submitted: { at: T0, by: buildActor(), reason: 'Again' },
      },
      { kind: 'DISCARD_DRAFT', revisionId: submittedRevision.id, reversal: reversal() },
    ] satisfies ContractChange[]) {
      await expect(apply(contract, change)).rejects.toBeInstanceOf(VersionConflictError);
    }
    expect(await snapshot(contract)).toEqual(before);
  });

  it('refuses a change to a revision of another contract', async () => {
    const [mine, other] = [await draft(), await draft()];

    await expect(apply(mine, saveDraft(other))).rejects.toBeInstanceOf(VersionConflictError);
    expect(await t.datastore.contracts.get(other.id)).toEqual(other);
  });

  it('submits: the revision is frozen with who, when and why, times exact to the millisecond', async () => {
    const contract = await draft();
    const cleaned = buildFormData({ submissionDescription: 'Cleaned for submission' });
    const change = { ...submit(contract, { at: '2026-12-31T23:59:59.999Z' }), formData: cleaned };
    const input = buildApply(contract, change, { at: '2026-12-31T23:59:59.999Z' });

    const result = await t.datastore.contracts.apply(contract.id, input);

    expect(result.version).toBe(2);
    expect(result.revisions).toEqual([
      {
        ...draftOf(contract),
        formData: cleaned,
        updatedAt: input.at,
        submitted: change.submitted,
      },
    ]);
    expect(await t.datastore.events.listForContract(contract.id)).toHaveLength(2);
  });

  it('unlocks: a new draft revision after the submitted one, carrying the unlock', async () => {
    const contract = await submitted();
    const change = unlock(contract);

    const result = await apply(contract, change);

    expect(result.version).toBe(3);
    expect(result.revisions).toHaveLength(2);
    expect(result.revisions[0]).toEqual(contract.revisions[0]);
    expect(result.revisions[1]).toMatchObject({
      id: change.revision.id,
      contractId: contract.id,
      number: 2,
      formData: contract.revisions[0]?.formData,
      submitted: null,
      unlocked: change.unlocked,
    });
  });

  it('refuses to unlock while a draft is open', async () => {
    const contract = await unlocked();
    const before = await snapshot(contract);

    await expect(apply(contract, unlock(contract))).rejects.toBeInstanceOf(VersionConflictError);
    expect(await snapshot(contract)).toEqual(before);
  });

  it("resubmits: SUBMIT on the unlock's revision, with a reason", async () => {
    const contract = await unlocked();

    const result = await apply(contract, submit(contract, { reason: 'Dates fixed' }));

    expect(result.revisions.map((r) => r.submitted?.reason)).toEqual([null, 'Dates fixed']);
    expect(result.revisions[1]?.unlocked).toEqual(contract.revisions[1]?.unlocked);
  });

  it('discards the draft an unlock opened, and never a first revision', async () => {
    const contract = await unlocked();

    const result = await apply(contract, discardDraft(contract));
    expect(result.revisions).toEqual(contract.revisions.slice(0, 1));
    expect(result.version).toBe(contract.version + 1);

    const fresh = await draft();
    await expect(apply(fresh, discardDraft(fresh))).rejects.toBeInstanceOf(VersionConflictError);
    expect(await t.datastore.contracts.get(fresh.id)).toEqual(fresh);
  });

  it('appends review actions oldest first', async () => {
    const contract = await submitted();
    const approve = reviewAction({ at: '2026-02-01T00:00:00.000Z', reason: 'Looks good' });
    const undo = reviewAction({
      action: 'UNDO_APPROVAL',
      at: '2026-02-02T00:00:00.000Z',
      reason: 'Approved by mistake',
      dateApprovalReleasedToState: null,
    });

    const approved = await apply(contract, approve);
    const result = await apply(approved, undo);

    expect(result.reviewActions).toEqual([approve.reviewAction, undo.reviewAction]);
    expect(await t.datastore.contracts.get(contract.id)).toEqual(result);
  });

  it('sets the MC-CRS number', async () => {
    const contract = await submitted();

    const result = await apply(contract, { kind: 'SET_MCCRS_ID', mccrsId: '0042' });

    expect(result).toEqual({ ...contract, mccrsId: '0042', version: 3, updatedAt: result.updatedAt });
  });

  it('refuses a change to an unknown contract with NotFoundError, writing no event', async () => {
    const ghost = { ...(await draft()), id: newId() };
    const input = buildApply(ghost, { kind: 'SET_MCCRS_ID', mccrsId: '0001' });

    await expect(t.datastore.contracts.apply(ghost.id, input)).rejects.toBeInstanceOf(NotFoundError);
    await expect(t.datastore.contracts.apply('not-a-uuid', input)).rejects.toBeInstanceOf(NotFoundError);
    expect(await t.datastore.events.listForContract(ghost.id)).toEqual([]);
  });

  it('lets exactly one of two concurrent changes on the same version win', async () => {
    const contract = await draft();
    const inputs = ['Left', 'Right'].map((description) =>
      buildApply(contract, saveDraft(contract, buildFormData({ submissionDescription: description }))),
    );

    const results = await Promise.allSettled(
      inputs.map((input) => t.datastore.contracts.apply(contract.id, input)),
    );

    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r) => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]?.reason).toBeInstanceOf(VersionConflictError);
    const stored = await t.datastore.contracts.get(contract.id);
    expect(stored.version).toBe(2);
    expect(await t.datastore.events.listForContract(contract.id)).toHaveLength(2);
  });

  it('refuses a review action whose id exists, writing nothing', async () => {
    const contract = await submitted();
    const approve = reviewAction();
    const approved = await apply(contract, approve);
    const before = await snapshot(approved);

    await expect(apply(approved, approve)).rejects.toBeInstanceOf(UniquenessError);
    expect(await snapshot(approved)).toEqual(before);
  });

  /**
   * Each change fails at its very last step (the event's id is taken), after its contract and revision writes:
   * nothing of it may remain.
   */
  const atomicCases: [string, () => Promise<Contract>, (c: Contract) => ContractChange][] = [
    ['SAVE_DRAFT', draft, (c) => saveDraft(c, buildFormData({ submissionDescription: 'Lost' }))],
    ['SUBMIT', draft, (c) => submit(c)],
    ['UNLOCK', submitted, (c) => unlock(c)],
    ['SUBMIT (resubmit)', unlocked, (c) => submit(c, { reason: 'Lost' })],
    ['DISCARD_DRAFT', unlocked, (c) => discardDraft(c)],
    ['REVIEW_ACTION', submitted, () => reviewAction()],
    ['SET_MCCRS_ID', submitted, () => ({ kind: 'SET_MCCRS_ID', mccrsId: '9999' })],
  ];
  it.each(atomicCases)(
    '%s is atomic: a failure at its last step leaves no trace',
    async (_, prepare, change) => {
      const contract = await prepare();
      const taken = buildEvent();
      await t.datastore.events.append(taken);
      const before = await snapshot(contract);
      const input: ApplyInput = buildApply(contract, change(contract), { event: { id: taken.id } });

      await expect(t.datastore.contracts.apply(contract.id, input)).rejects.toMatchObject({
        code: 'EVENT_EXISTS',
      });

      expect(await snapshot(contract)).toEqual(before);
    },
  );
});
