import {
  newId,
  VersionConflictError,
  type Contract,
  type ContractChange,
  type Rate,
  type RateReviewAction,
  contractStatus,
  defaultRateListQuery,
  rateSummaryOf,
  type RateConsolidatedStatus,
} from '@docket/domain';
import { expect, it } from 'vitest';
import type { ContractApplyPart } from '../src/contract-store';
import {
  at,
  buildActor,
  buildApply,
  describeEachDatastore,
  draftLinks,
  draftOf,
  filedWithRates,
  freshState,
  openRate,
  submittedLinking,
  unlock,
} from './conformance';
import { applyChange } from './conformance/rate-scenarios';

/**
 * A rate's own withdrawal and its undoing (docs/adr/0028-rate-withdrawals.md): one `applyAll` of RATE_REVIEW
 * changes — the parent's takes the rate's review action (and discards the rate's open draft revision), each
 * unlocked linker's drops the rate from its draft — atomic with every event, on every adapter.
 */
describeEachDatastore('ContractStore: applyAll (rate withdrawals)', (t) => {
  const AT = at(60_000);

  function part(
    contract: Contract,
    change: ContractChange,
    expectedVersion = contract.version,
  ): ContractApplyPart {
    return {
      id: contract.id,
      ...buildApply(contract, change, { at: AT, expectedVersion, event: { action: 'WITHDRAW_RATE' } }),
    };
  }

  function withdrawal(rate: Rate, contractIds: string[]): RateReviewAction {
    return {
      id: newId(),
      action: 'WITHDRAW',
      at: AT,
      by: buildActor({ role: 'CMS_USER' }),
      reason: 'Certified for the wrong year',
      contractIds,
    };
  }

  function withoutRate(contract: Contract, rateId: string): ContractChange & { kind: 'RATE_REVIEW' } {
    const draft = draftOf(contract);
    return {
      kind: 'RATE_REVIEW',
      draftRateLinks: { revisionId: draft.id, rateLinks: draft.rateLinks.filter((l) => l.rateId !== rateId) },
    };
  }

  /**
   * The parent, unlocked, with the rate's draft revision open; one linker unlocked (its draft links the rate); one
   * linker submitted.
   */
  async function scene() {
    const stateCode = await freshState(t.datastore);
    const filed = await filedWithRates(t.datastore, stateCode, 1);
    const [submittedRate] = filed.rates;
    if (!submittedRate) throw new Error('no rate');
    const unlockedLinker = await submittedLinking(t.datastore, stateCode, submittedRate);
    const submittedLinker = await submittedLinking(t.datastore, stateCode, submittedRate);
    const parent = await applyChange(
      t.datastore,
      filed.contract,
      unlock(filed.contract, { rates: { open: [openRate(submittedRate)] } }),
    );
    const linker = await applyChange(
      t.datastore,
      unlockedLinker,
      unlock(unlockedLinker, { rateLinks: draftLinks(submittedRate.id) }),
    );
    const rate = await t.datastore.rates.get(submittedRate.id);
    return { parent, linker, submittedLinker, rate };
  }

  async function stateOf(...contracts: Contract[]) {
    return Promise.all(
      contracts.map(async (c) => ({
        contract: await t.datastore.contracts.get(c.id),
        events: await t.datastore.events.listForContract(c.id),
        rates: (await t.datastore.contracts.getWithRates(c.id)).rates,
      })),
    );
  }

  /** The status the rate reviews dashboard lists the rate with, when asked for the rates of that status. */
  async function listedAs(rate: Rate, status: RateConsolidatedStatus): Promise<string | undefined> {
    const page = await t.datastore.rates.listRates(
      { ...defaultRateListQuery(), states: [rate.stateCode], statuses: [status] },
      { limit: 100 },
    );
    return page.items.find((item) => item.summary.id === rate.id)?.summary.status;
  }

  it('withdraws a rate from every contract it touches in one write, with an event on each', async () => {
    const { parent, linker, submittedLinker, rate } = await scene();
    const action = withdrawal(rate, [parent.id, linker.id, submittedLinker.id]);
    const draftRevision = rate.revisions.at(-1);
    expect(draftRevision?.submitted).toBeNull();
    const parentChange = withoutRate(parent, rate.id);
    parentChange.rates = {
      review: [{ rateId: rate.id, reviewAction: action }],
      discard: [{ rateId: rate.id, revisionId: draftRevision?.id ?? '' }],
    };
    const parts = [
      part(parent, parentChange),
      part(linker, withoutRate(linker, rate.id)),
      part(submittedLinker, { kind: 'RATE_REVIEW', draftRateLinks: null }),
    ];

    const [parentAfter, linkerAfter, submittedAfter] = await t.datastore.contracts.applyAll(parts);

    const stored = await t.datastore.rates.get(rate.id);
    expect(stored.reviewActions).toEqual([action]);
    // Its open draft revision is gone; the submitted ones are as they were.
    expect(stored.revisions).toEqual(rate.revisions.slice(0, -1));
    expect(draftOf(parentAfter!).rateLinks).toEqual([]);
    expect(draftOf(linkerAfter!).rateLinks).toEqual([]);
    // Submitted revisions keep the link: they are never altered.
    expect(parentAfter!.revisions.slice(0, -1)).toEqual(parent.revisions.slice(0, -1));
    expect(linkerAfter!.revisions.slice(0, -1)).toEqual(linker.revisions.slice(0, -1));
    expect(submittedAfter).toEqual({
      ...submittedLinker,
      version: submittedLinker.version + 1,
      updatedAt: AT,
    });
    for (const [index, contract] of [parent, linker, submittedLinker].entries()) {
      const read = await t.datastore.contracts.get(contract.id);
      expect(read.version).toBe(contract.version + 1);
      expect((await t.datastore.events.listForContract(contract.id)).at(-1)).toEqual(parts[index]?.event);
      const filing = await t.datastore.contracts.getFiling(contract.id);
      expect(filing.history.at(-1)).toEqual(parts[index]?.event);
    }
    // Every contract still linking it reads the rate with its review action.
    const submittedFiling = await t.datastore.contracts.getWithRates(submittedLinker.id);
    expect(submittedFiling.rates.find((r) => r.id === rate.id)?.reviewActions).toEqual([action]);
    expect((await t.datastore.rates.listByParent(parent.id))[0]?.reviewActions).toEqual([action]);
    // The rate reviews dashboard lists it as withdrawn, in the same write.
    expect(await listedAs(rate, 'WITHDRAWN')).toBe('WITHDRAWN');

    // The undo appends to the rate's own actions, and gives a draft its link back.
    const undo: RateReviewAction = { ...withdrawal(rate, [linker.id]), id: newId(), action: 'UNDO_WITHDRAW' };
    const relink = linkerAfter!;
    await t.datastore.contracts.applyAll([
      part(parentAfter!, {
        kind: 'RATE_REVIEW',
        draftRateLinks: null,
        rates: { review: [{ rateId: rate.id, reviewAction: undo }] },
      }),
      part(relink, {
        kind: 'RATE_REVIEW',
        draftRateLinks: { revisionId: draftOf(relink).id, rateLinks: draftLinks(rate.id) },
      }),
    ]);
    const undone = await t.datastore.rates.get(rate.id);
    expect(undone.reviewActions).toEqual([action, undo]);
    // Back under review on the dashboard, with its submission status.
    const status = rateSummaryOf(undone, contractStatus(await t.datastore.contracts.get(parent.id)))?.status;
    expect(status).not.toBe('WITHDRAWN');
    expect(await listedAs(rate, 'WITHDRAWN')).toBeUndefined();
    expect(await listedAs(rate, status!)).toBe(status);
    expect(draftOf(await t.datastore.contracts.get(linker.id)).rateLinks).toEqual(draftLinks(rate.id));
  });

  it('writes nothing when one contract moved meanwhile', async () => {
    const { parent, linker, submittedLinker, rate } = await scene();
    const before = await stateOf(parent, linker, submittedLinker);
    const parentChange = withoutRate(parent, rate.id);
    parentChange.rates = { review: [{ rateId: rate.id, reviewAction: withdrawal(rate, [parent.id]) }] };

    await expect(
      t.datastore.contracts.applyAll([
        part(parent, parentChange),
        part(linker, withoutRate(linker, rate.id)),
        part(submittedLinker, { kind: 'RATE_REVIEW', draftRateLinks: null }, submittedLinker.version - 1),
      ]),
    ).rejects.toBeInstanceOf(VersionConflictError);

    expect(await stateOf(parent, linker, submittedLinker)).toEqual(before);
    expect(await t.datastore.rates.get(rate.id)).toEqual(rate);
  });

  it('writes nothing when the review names a rate the contract does not own, or a draft that is not open', async () => {
    const { parent, linker, submittedLinker, rate } = await scene();
    const before = await stateOf(parent, linker, submittedLinker);
    const action = withdrawal(rate, [parent.id]);

    // The linker is not the rate's parent: halfway through the write, its review of the rate fails.
    await expect(
      t.datastore.contracts.applyAll([
        part(parent, withoutRate(parent, rate.id)),
        part(linker, {
          kind: 'RATE_REVIEW',
          draftRateLinks: null,
          rates: { review: [{ rateId: rate.id, reviewAction: action }] },
        }),
      ]),
    ).rejects.toBeInstanceOf(VersionConflictError);
    // A submitted contract has no draft whose links the change could set.
    await expect(
      t.datastore.contracts.applyAll([
        part(linker, withoutRate(linker, rate.id)),
        part(submittedLinker, {
          kind: 'RATE_REVIEW',
          draftRateLinks: { revisionId: submittedLinker.revisions[0]?.id ?? '', rateLinks: [] },
        }),
      ]),
    ).rejects.toBeInstanceOf(VersionConflictError);

    expect(await stateOf(parent, linker, submittedLinker)).toEqual(before);
    expect(await t.datastore.rates.get(rate.id)).toEqual(rate);
  });
});
