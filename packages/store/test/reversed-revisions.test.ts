import { VersionConflictError, type Contract, type Rate } from '@docket/domain';
import { expect, it } from 'vitest';
import {
  applyChange,
  at,
  buildApply,
  buildFormData,
  buildRateFormData,
  describeEachDatastore,
  discardDraft,
  draftOf,
  filedWithRates,
  freshState,
  openRate,
  rateDraftOf,
  reversal,
  reverseRate,
  saveDraft,
  saveRate,
  unlock,
} from './conformance';

/**
 * Undo unlock keeps what it discards (docs/adr/0026-reversed-revisions.md): the contract's draft and the drafts of
 * the rates the unlock opened leave the revisions and are kept, as they were, as reversed revisions with who undid
 * the unlock, when and why — in the same atomic write as the change and its event, on every adapter.
 */
describeEachDatastore('ContractStore: undo unlock keeps the discarded drafts', (t) => {
  /** A filed contract with one rate, unlocked (the rate opened too), whose draft and rate draft the state edited. */
  async function editedAfterUnlock(stateCode?: string) {
    const filed = await filedWithRates(t.datastore, stateCode ?? (await freshState(t.datastore)), 1);
    const [rate] = filed.rates;
    if (!rate) throw new Error('no rate');
    const unlocked = await applyChange(
      t.datastore,
      filed.contract,
      unlock(filed.contract, { rates: { open: [openRate(rate)] } }),
    );
    const opened = await t.datastore.rates.get(rate.id);
    const edited = await applyChange(
      t.datastore,
      unlocked,
      saveDraft(unlocked, buildFormData({ submissionDescription: 'Edited after the unlock' }), {
        rates: { save: [saveRate(opened, buildRateFormData({ rateDateCertified: '2025-12-01' }))] },
      }),
    );
    return { filed, rate, edited, editedRate: await t.datastore.rates.get(rate.id) };
  }

  async function everything(contract: Contract, rate: Rate) {
    return {
      contract: await t.datastore.contracts.get(contract.id),
      filing: await t.datastore.contracts.getFiling(contract.id),
      rate: await t.datastore.rates.get(rate.id),
      events: await t.datastore.events.listForContract(contract.id),
    };
  }

  it('moves the drafts to the reversed revisions, with the reversal, atomically with its event', async () => {
    const { filed, rate, edited, editedRate } = await editedAfterUnlock();
    const kept = reversal({ at: at(90_000), reason: 'Unlocked the wrong submission' });
    const input = buildApply(
      edited,
      discardDraft(edited, { reversal: kept, rates: { discard: [reverseRate(editedRate, kept)] } }),
      { at: at(90_000) },
    );

    const result = await t.datastore.contracts.apply(edited.id, input);

    const draft = draftOf(edited);
    expect(draft.formData.submissionDescription).toBe('Edited after the unlock');
    expect(result.revisions).toEqual(filed.contract.revisions);
    expect(result.reversedRevisions).toEqual([{ ...draft, reversed: kept }]);
    const read = await everything(edited, rate);
    expect(read.contract).toEqual(result);
    expect(read.filing.contract).toEqual(result);
    expect(read.filing.rates.map((r) => r.reversedRevisions)).toEqual([
      [{ ...rateDraftOf(editedRate), reversed: kept }],
    ]);
    expect(read.rate.revisions).toEqual(rate.revisions);
    expect(read.rate.reversedRevisions).toEqual([{ ...rateDraftOf(editedRate), reversed: kept }]);
    expect(rateDraftOf(editedRate).formData.rateDateCertified).toBe('2025-12-01');
    expect(read.events.map((e) => e.id)).toContain(input.event.id);
    // Lists and summaries are unchanged in meaning: the filing reads as last submitted.
    const [listed] = (await t.datastore.contracts.listByState(edited.stateCode, { limit: 10 })).items;
    expect(listed).toMatchObject({ id: edited.id, draftOpen: false, submittedCount: 1 });
  });

  it('writes nothing on a version conflict', async () => {
    const { rate, edited, editedRate } = await editedAfterUnlock();
    const before = await everything(edited, rate);
    const input = buildApply(
      edited,
      discardDraft(edited, { rates: { discard: [reverseRate(editedRate)] } }),
      { expectedVersion: edited.version - 1 },
    );

    await expect(t.datastore.contracts.apply(edited.id, input)).rejects.toBeInstanceOf(VersionConflictError);

    expect(await everything(edited, rate)).toEqual(before);
  });

  it('a second unlock after the undo opens a fresh draft; each undo keeps its own, told apart', async () => {
    const { rate, edited, editedRate } = await editedAfterUnlock();
    const first = reversal({ at: at(90_000), reason: 'First undo' });
    const undone = await t.datastore.contracts.apply(
      edited.id,
      buildApply(
        edited,
        discardDraft(edited, { reversal: first, rates: { discard: [reverseRate(editedRate, first)] } }),
      ),
    );
    const reopenedRate = await t.datastore.rates.get(rate.id);
    const again = await applyChange(
      t.datastore,
      undone,
      unlock(undone, { rates: { open: [openRate(reopenedRate)] } }),
    );

    const fresh = draftOf(again);
    const kept = again.reversedRevisions[0];
    if (!kept) throw new Error('nothing kept');
    expect(fresh.id).not.toBe(kept.id);
    expect(fresh.number).toBe(kept.number);
    expect(fresh.formData.submissionDescription).not.toBe('Edited after the unlock');
    expect(kept.formData.submissionDescription).toBe('Edited after the unlock');

    const second = reversal({ at: at(120_000), reason: 'Second undo' });
    const againRate = await t.datastore.rates.get(rate.id);
    const twice = await t.datastore.contracts.apply(
      again.id,
      buildApply(
        again,
        discardDraft(again, { reversal: second, rates: { discard: [reverseRate(againRate, second)] } }),
      ),
    );

    expect(twice.reversedRevisions.map((r) => [r.id, r.reversed.reason])).toEqual([
      [kept.id, 'First undo'],
      [fresh.id, 'Second undo'],
    ]);
    const rateAfter = await t.datastore.rates.get(rate.id);
    expect(rateAfter.revisions).toEqual(rate.revisions);
    expect(rateAfter.reversedRevisions.map((r) => [r.id, r.reversed.reason])).toEqual([
      [rateDraftOf(editedRate).id, 'First undo'],
      [rateDraftOf(againRate).id, 'Second undo'],
    ]);
  });
});
