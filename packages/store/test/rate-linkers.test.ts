import {
  currentRateRevisionId,
  newId,
  NotFoundError,
  UniquenessError,
  VersionConflictError,
  rateLinkHistories,
  summaryFactsOf,
  type Contract,
  type Rate,
} from '@docket/domain';
import { expect, it } from 'vitest';
import type { RateLinker } from '../src/rate-store';
import {
  addNewRates,
  applyChange,
  at,
  buildApply,
  buildContractInput,
  describeEachDatastore,
  draftLinks,
  filedWithRates,
  fixedLinks,
  freshState,
  openRate,
  saveDraft,
  submit,
  submitRate,
  submittedLinking,
  submitWithRates,
  unlock,
} from './conformance';

/** What `listLinkers` must answer for one contract: its summary and the domain's history of its link. */
function expectedLinker(contract: Contract, rateId: string): RateLinker {
  return { contract: summaryFactsOf(contract), submissions: rateLinkHistories(contract).get(rateId) ?? [] };
}

describeEachDatastore('Rates: the contracts that link a rate', (t) => {
  const linkers = (rateId: string) => t.datastore.rates.listLinkers(rateId);

  const linkedBy = (stateCode: string, rate: Rate, time: string) =>
    submittedLinking(t.datastore, stateCode, rate, time);

  it('refuses a rate that is not stored, and an id that is not one, with NotFoundError', async () => {
    await expect(linkers(newId())).rejects.toBeInstanceOf(NotFoundError);
    await expect(linkers('not-an-id')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('lists the parent of a draft rate alone, with no submissions', async () => {
    const stateCode = await freshState(t.datastore);
    const created = await t.datastore.contracts.create(buildContractInput(stateCode));
    const { contract, rates } = await addNewRates(t.datastore, created, 1);
    const [rate] = rates;
    if (!rate) throw new Error('no rate');

    expect(await linkers(rate.id)).toEqual([expectedLinker(contract, rate.id)]);
    expect((await linkers(rate.id))[0]?.submissions).toEqual([]);
  });

  it('lists the parent first, then the contracts whose submissions link the rate, each with its link history', async () => {
    const stateCode = await freshState(t.datastore);
    const { contract: parent, rates } = await filedWithRates(t.datastore, stateCode, 1);
    const [rate] = rates;
    if (!rate) throw new Error('no rate');
    const later = await linkedBy(stateCode, rate, at(9_000));
    const earlier = await linkedBy(stateCode, rate, at(5_000));
    // A draft that links the rate is the state's work in progress: not listed until it is submitted.
    const drafting = await t.datastore.contracts.create(buildContractInput(stateCode));
    await applyChange(
      t.datastore,
      drafting,
      saveDraft(drafting, undefined, { rateLinks: draftLinks(rate.id) }),
    );

    const listed = await linkers(rate.id);

    expect(listed).toEqual([
      expectedLinker(parent, rate.id),
      expectedLinker(earlier, rate.id),
      expectedLinker(later, rate.id),
    ]);
    expect(listed.map((l) => currentRateRevisionId(l.submissions))).toEqual([
      rate.revisions.at(-1)?.id,
      rate.revisions.at(-1)?.id,
      rate.revisions.at(-1)?.id,
    ]);
    expect(listed[1]?.submissions).toEqual([
      {
        revisionId: earlier.revisions[0]?.id,
        revisionNumber: 1,
        submitted: earlier.revisions[0]?.submitted,
        rateRevisionId: rate.revisions.at(-1)?.id,
      },
    ]);
  });

  it('records a resubmission that drops the rate, one that includes it again, and the revision each went with', async () => {
    const stateCode = await freshState(t.datastore);
    const { contract: parent, rates } = await filedWithRates(t.datastore, stateCode, 1);
    const [rate] = rates;
    if (!rate) throw new Error('no rate');
    let linker = await linkedBy(stateCode, rate, at(2_000));

    // Resubmitted without the rate.
    linker = await applyChange(t.datastore, linker, unlock(linker, { rateLinks: [] }));
    linker = await applyChange(t.datastore, linker, submit(linker, { at: at(3_000), reason: 'Dropped' }));
    expect(currentRateRevisionId((await linkers(rate.id))[1]?.submissions ?? [])).toBeNull();

    // The parent resubmits the rate: its new revision; the linker then links that one again.
    let owner = await applyChange(t.datastore, parent, unlock(parent, { rates: { open: [openRate(rate)] } }));
    const opened = await t.datastore.rates.get(rate.id);
    owner = await applyChange(
      t.datastore,
      owner,
      submit(owner, {
        at: at(4_000),
        reason: 'New rates',
        rateLinks: fixedLinks(opened),
        rates: { submit: [submitRate(opened)] },
      }),
    );
    const resubmitted = await t.datastore.rates.get(rate.id);
    linker = await applyChange(t.datastore, linker, unlock(linker, { rateLinks: draftLinks(rate.id) }));
    linker = await applyChange(
      t.datastore,
      linker,
      submit(linker, { at: at(5_000), reason: 'Back', rateLinks: fixedLinks(resubmitted) }),
    );

    const listed = await linkers(rate.id);
    expect(listed).toEqual([expectedLinker(owner, rate.id), expectedLinker(linker, rate.id)]);
    expect(listed[1]?.submissions.map((s) => [s.revisionNumber, s.rateRevisionId])).toEqual([
      [1, rate.revisions[0]?.id],
      [2, null],
      [3, resubmitted.revisions[1]?.id],
    ]);
    expect(listed[0]?.submissions.map((s) => s.rateRevisionId)).toEqual(
      resubmitted.revisions.map((r) => r.id),
    );
  });

  it('writes no link when the submission that would make it is refused', async () => {
    const stateCode = await freshState(t.datastore);
    const { contract: parent, rates } = await filedWithRates(t.datastore, stateCode, 1);
    const [rate] = rates;
    if (!rate) throw new Error('no rate');
    const created = await t.datastore.contracts.create(buildContractInput(stateCode));
    const saved = await applyChange(
      t.datastore,
      created,
      saveDraft(created, undefined, { rateLinks: draftLinks(rate.id) }),
    );
    const change = submit(saved, { rateLinks: fixedLinks(rate) });

    await expect(
      t.datastore.contracts.apply(
        saved.id,
        buildApply(saved, change, { expectedVersion: saved.version - 1 }),
      ),
    ).rejects.toBeInstanceOf(VersionConflictError);
    // The event's id is taken: the whole change fails, its links with it.
    const taken = (await t.datastore.events.listForContract(saved.id))[0]?.id;
    await expect(
      t.datastore.contracts.apply(saved.id, buildApply(saved, change, { event: { id: taken } })),
    ).rejects.toBeInstanceOf(UniquenessError);

    expect(await linkers(rate.id)).toEqual([expectedLinker(parent, rate.id)]);
  });

  it('answers summaries that follow every change of the linking contracts', async () => {
    const stateCode = await freshState(t.datastore);
    const { contract: parent, rates } = await filedWithRates(t.datastore, stateCode, 2);
    const [first, second] = rates;
    if (!first || !second) throw new Error('no rate');
    const unlocked = await applyChange(t.datastore, parent, unlock(parent));

    expect(await linkers(first.id)).toEqual([expectedLinker(unlocked, first.id)]);
    expect(await linkers(second.id)).toEqual([expectedLinker(unlocked, second.id)]);
  });

  it('keeps the links when a transfer writes the contracts again, and drops those an older record lacks', async () => {
    const stateCode = await freshState(t.datastore);
    const { rates } = await filedWithRates(t.datastore, stateCode, 1);
    const [rate] = rates;
    if (!rate) throw new Error('no rate');
    const firstVersion = await linkedBy(stateCode, rate, at(1_000));
    const before = await linkers(rate.id);

    await t.datastore.transfer.write('contracts', [await t.datastore.contracts.get(firstVersion.id)]);
    expect(await linkers(rate.id)).toEqual(before);

    // The same contract as it was before its first submission: its submissions linked nothing yet.
    const [submitted] = firstVersion.revisions;
    if (!submitted) throw new Error('no revision');
    const draftVersion: Contract = {
      ...firstVersion,
      version: 2,
      revisions: [{ ...submitted, submitted: null, rateLinks: draftLinks(rate.id) }],
    };
    await t.datastore.transfer.write('contracts', [draftVersion]);
    expect((await linkers(rate.id)).map((l) => l.contract.id)).toEqual([rate.parentContractId]);

    await t.datastore.transfer.write('contracts', [firstVersion]);
    expect(await linkers(rate.id)).toEqual(before);
  });

  it('lists a rate whose parent resubmitted it with others, each link once', async () => {
    const stateCode = await freshState(t.datastore);
    const created = await t.datastore.contracts.create(buildContractInput(stateCode));
    const { contract } = await addNewRates(t.datastore, created, 3);
    const filed = await submitWithRates(t.datastore, contract);
    for (const rate of filed.rates) {
      expect(await linkers(rate.id)).toEqual([expectedLinker(filed.contract, rate.id)]);
    }
  });
});
