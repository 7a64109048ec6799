import {
  NotFoundError,
  UniquenessError,
  VersionConflictError,
  newId,
  type Contract,
  type Rate,
} from '@docket/domain';
import { expect, it } from 'vitest';
import type { ContractChange, RateWrites } from '../src/contract-store';
import {
  addNewRates,
  allPages,
  applyChange,
  buildActor,
  buildApply,
  buildContractInput,
  buildEvent,
  buildRateFormData,
  describeEachDatastore,
  discardDraft,
  discardRate,
  draftLinks,
  draftOf,
  filedWithRates,
  fixedLinks,
  freshState,
  newRate,
  openRate,
  ownerOfTwoRates,
  rateDraftOf,
  reversal,
  reverseRate,
  saveDraft,
  saveRate,
  submit,
  submitRate,
  unlock,
} from './conformance';

/** Rates are written only through `ContractStore.apply` with `RateWrites`; these tests check those writes. */
type World = Awaited<ReturnType<typeof ownerOfTwoRates>>;

describeEachDatastore('Rates: writes with their parent contract', (t) => {
  const apply = (contract: Contract, change: ContractChange, overrides?: Parameters<typeof buildApply>[2]) =>
    t.datastore.contracts.apply(contract.id, buildApply(contract, change, overrides));

  async function draft(stateCode?: string): Promise<Contract> {
    return t.datastore.contracts.create(buildContractInput(stateCode ?? (await freshState(t.datastore))));
  }

  /** The rate, or null once it is deleted. */
  async function rateOrNull(id: string): Promise<Rate | null> {
    try {
      return await t.datastore.rates.get(id);
    } catch (error) {
      if (error instanceof NotFoundError) return null;
      throw error;
    }
  }

  /** Everything a change with rate writes may touch, to compare before and after a refused one. */
  async function snapshot(stateCode: string, contracts: Contract[], rateIds: string[]) {
    return {
      contracts: await Promise.all(contracts.map((c) => t.datastore.contracts.get(c.id))),
      events: await Promise.all(contracts.map((c) => t.datastore.events.listForContract(c.id))),
      rates: await Promise.all(rateIds.map(rateOrNull)),
      byParent: await Promise.all(contracts.map((c) => t.datastore.rates.listByParent(c.id))),
      linkable: await allPages((page) => t.datastore.rates.listLinkable(stateCode, page)),
      state: await t.datastore.states.getState(stateCode),
    };
  }

  it('creates rates owned by the contract: state rate numbers, one draft revision each, at the change time', async () => {
    const stateCode = await freshState(t.datastore);
    const contract = await draft(stateCode);
    const [first, second] = [newRate(), newRate(buildRateFormData({ rateType: 'AMENDMENT' }))];
    if (!first || !second) throw new Error('no rate');
    const change = saveDraft(contract, undefined, {
      rateLinks: draftLinks(second.id, first.id),
      rates: { create: [first, second] },
    });
    const input = buildApply(contract, change, { at: '2026-04-05T06:07:08.009Z' });

    const saved = await t.datastore.contracts.apply(contract.id, input);

    expect(saved.version).toBe(2);
    expect(draftOf(saved).rateLinks).toEqual(draftLinks(second.id, first.id));
    const expected = [first, second].map((rate, index): Rate => ({
      id: rate.id,
      stateCode,
      stateNumber: index + 1,
      parentContractId: contract.id,
      createdAt: input.at,
      updatedAt: input.at,
      reviewActions: [],
      revisions: [
        {
          id: rate.revisionId,
          rateId: rate.id,
          number: 1,
          formData: rate.formData,
          createdAt: input.at,
          updatedAt: input.at,
          submitted: null,
          unlocked: null,
        },
      ],
      reversedRevisions: [],
    }));
    expect(await t.datastore.rates.getMany([first.id, second.id])).toEqual(expected);
    expect(await t.datastore.states.getState(stateCode)).toMatchObject({
      lastContractNumber: 1,
      lastRateNumber: 2,
    });
    expect(await t.datastore.events.listForContract(contract.id)).toHaveLength(2);
  });

  it("numbers rates on the state's own counter, across the state's contracts", async () => {
    const [stateCode, otherState] = [await freshState(t.datastore), await freshState(t.datastore)];
    const numbers: number[] = [];
    for (const code of [stateCode, stateCode, otherState, stateCode]) {
      const { rates } = await addNewRates(t.datastore, await draft(code), 1);
      numbers.push(...rates.map((r) => r.stateNumber));
    }

    expect(numbers).toEqual([1, 2, 1, 3]);
    expect((await t.datastore.states.getState(stateCode)).lastRateNumber).toBe(3);
    expect((await t.datastore.states.getState(otherState)).lastRateNumber).toBe(1);
  });

  it('never hands a rate number out twice when contracts of one state create rates concurrently', async () => {
    const stateCode = await freshState(t.datastore);
    const contracts = await Promise.all(Array.from({ length: 8 }, () => draft(stateCode)));

    await Promise.all(
      contracts.map((c) => apply(c, saveDraft(c, undefined, { rates: { create: [newRate(), newRate()] } }))),
    );

    const owned = await Promise.all(contracts.map((c) => t.datastore.rates.listByParent(c.id)));
    expect(owned.map((rates) => rates.length)).toEqual(contracts.map(() => 2));
    const numbers = owned
      .flat()
      .map((r) => r.stateNumber)
      .sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
    expect((await t.datastore.states.getState(stateCode)).lastRateNumber).toBe(16);
  });

  it("saves a rate's draft: new answers, updatedAt of the revision and the rate, nothing else", async () => {
    const { contract, rates } = await addNewRates(t.datastore, await draft(), 2);
    const [rate, untouched] = rates;
    if (!rate || !untouched) throw new Error('no rate');
    const formData = buildRateFormData({ rateCapitationType: 'RATE_RANGE', rateDateCertified: '2026-06-01' });
    const input = buildApply(
      contract,
      saveDraft(contract, undefined, { rates: { save: [saveRate(rate, formData)] } }),
      {
        at: '2026-08-09T10:11:12.013Z',
      },
    );

    const saved = await t.datastore.contracts.apply(contract.id, input);

    expect(saved.version).toBe(contract.version + 1);
    expect(await t.datastore.rates.get(rate.id)).toEqual({
      ...rate,
      updatedAt: input.at,
      revisions: [{ ...rateDraftOf(rate), formData, updatedAt: input.at }],
    });
    expect(await t.datastore.rates.get(untouched.id)).toEqual(untouched);
  });

  it('submits rates with their contract: revisions frozen, links fixed to them, rates linkable', async () => {
    const stateCode = await freshState(t.datastore);
    const { contract, rates } = await addNewRates(t.datastore, await draft(stateCode), 2);
    const [first, second] = rates;
    if (!first || !second) throw new Error('no rate');
    const time = '2026-09-10T11:12:13.014Z';
    const cleaned = buildRateFormData({ rateDateCertified: '2026-09-01' });
    const submitFirst = { ...submitRate(first, { at: time, reason: null }), formData: cleaned };
    const submitSecond = submitRate(second, { at: time });
    const change = submit(contract, {
      at: time,
      rateLinks: fixedLinks(first, second),
      rates: { submit: [submitFirst, submitSecond] },
    });

    const result = await apply(contract, change, { at: time });

    expect(result.revisions.at(-1)?.rateLinks).toEqual([
      { rateId: first.id, rateRevisionId: rateDraftOf(first).id },
      { rateId: second.id, rateRevisionId: rateDraftOf(second).id },
    ]);
    expect(await t.datastore.rates.getMany([first.id, second.id])).toEqual([
      {
        ...first,
        updatedAt: time,
        revisions: [
          { ...rateDraftOf(first), formData: cleaned, updatedAt: time, submitted: submitFirst.submitted },
        ],
      },
      {
        ...second,
        updatedAt: time,
        revisions: [{ ...rateDraftOf(second), updatedAt: time, submitted: submitSecond.submitted }],
      },
    ]);
    const linkable = await allPages((page) => t.datastore.rates.listLinkable(stateCode, page));
    expect(linkable.map((r) => r.id)).toEqual([second.id, first.id]);
  });

  it('opens a new draft revision on submitted rates when the contract is unlocked, and resubmits it', async () => {
    const filed = await filedWithRates(t.datastore, await freshState(t.datastore), 1);
    const [rate] = filed.rates;
    if (!rate) throw new Error('no rate');
    const open = openRate(rate, { at: '2026-10-11T12:13:14.015Z' });
    const change = unlock(filed.contract, {
      at: open.unlocked.at,
      rateLinks: draftLinks(rate.id),
      rates: { open: [open] },
    });

    const unlocked = await apply(filed.contract, change, { at: open.unlocked.at });

    const opened = await t.datastore.rates.get(rate.id);
    expect(opened).toEqual({
      ...rate,
      updatedAt: open.unlocked.at,
      revisions: [
        rate.revisions[0],
        {
          id: open.revision.id,
          rateId: rate.id,
          number: 2,
          formData: open.revision.formData,
          createdAt: open.unlocked.at,
          updatedAt: open.unlocked.at,
          submitted: null,
          unlocked: open.unlocked,
        },
      ],
    });
    expect(unlocked.revisions.map((r) => r.rateLinks)).toEqual([fixedLinks(rate), draftLinks(rate.id)]);

    const resubmit = submitRate(opened, { at: '2026-10-12T00:00:00.000Z', reason: 'Rates fixed' });
    await apply(unlocked, submit(unlocked, { rateLinks: fixedLinks(opened), rates: { submit: [resubmit] } }));

    const resubmitted = await t.datastore.rates.get(rate.id);
    expect(resubmitted.revisions.map((r) => r.submitted)).toEqual([
      rate.revisions[0]?.submitted,
      resubmit.submitted,
    ]);
    expect(resubmitted.revisions[1]?.unlocked).toEqual(open.unlocked);
  });

  it('discards the draft an unlock opened on a rate (undo unlock): the rate keeps its submitted revisions', async () => {
    const stateCode = await freshState(t.datastore);
    const filed = await filedWithRates(t.datastore, stateCode, 1);
    const [rate] = filed.rates;
    if (!rate) throw new Error('no rate');
    const unlocked = await apply(
      filed.contract,
      unlock(filed.contract, { rates: { open: [openRate(rate)] } }),
    );
    const opened = await t.datastore.rates.get(rate.id);
    const kept = reversal({ at: '2026-11-12T13:14:15.016Z' });
    const input = buildApply(
      unlocked,
      discardDraft(unlocked, { rates: { discard: [reverseRate(opened, kept)] } }),
      {
        at: '2026-11-12T13:14:15.016Z',
      },
    );

    const result = await t.datastore.contracts.apply(unlocked.id, input);

    expect(result.revisions).toEqual(filed.contract.revisions);
    expect(await t.datastore.rates.get(rate.id)).toEqual({
      ...rate,
      updatedAt: input.at,
      reversedRevisions: [{ ...rateDraftOf(opened), reversed: kept }],
    });
    const linkable = await allPages((page) => t.datastore.rates.listLinkable(stateCode, page));
    expect(linkable.map((r) => r.id)).toEqual([rate.id]);
  });

  it('deletes a never-submitted rate with its discarded draft; its number is not handed out again', async () => {
    const stateCode = await freshState(t.datastore);
    const { contract, rates } = await addNewRates(t.datastore, await draft(stateCode), 2);
    const [gone, kept] = rates;
    if (!gone || !kept) throw new Error('no rate');

    const saved = await apply(
      contract,
      saveDraft(contract, undefined, {
        rateLinks: draftLinks(kept.id),
        rates: { discard: [discardRate(gone)] },
      }),
    );

    await expect(t.datastore.rates.get(gone.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(t.datastore.rates.getMany([kept.id, gone.id])).rejects.toBeInstanceOf(NotFoundError);
    expect(await t.datastore.rates.listByParent(contract.id)).toEqual([kept]);
    expect(draftOf(saved).rateLinks).toEqual(draftLinks(kept.id));
    const { rates: next } = await addNewRates(t.datastore, saved, 1);
    expect(next.map((r) => r.stateNumber)).toEqual([3]);
  });

  it("stores the rate links of each revision as given and in order, links to other contracts' rates included", async () => {
    const stateCode = await freshState(t.datastore);
    const other = await filedWithRates(t.datastore, stateCode, 1);
    const [linked] = other.rates;
    if (!linked) throw new Error('no rate');
    const { contract, rates } = await addNewRates(t.datastore, await draft(stateCode), 1);
    const [owned] = rates;
    if (!owned) throw new Error('no rate');

    const links = [...draftLinks(owned.id), ...fixedLinks(linked)];
    const saved = await apply(contract, saveDraft(contract, undefined, { rateLinks: links }));
    expect(draftOf(saved).rateLinks).toEqual(links);

    const submitted = await apply(
      saved,
      submit(saved, {
        rateLinks: [...fixedLinks(linked), ...fixedLinks(owned)],
        rates: { submit: [submitRate(owned)] },
      }),
    );
    const unlocked = await apply(submitted, unlock(submitted, { rateLinks: [] }));

    expect((await t.datastore.contracts.get(contract.id)).revisions.map((r) => r.rateLinks)).toEqual([
      [...fixedLinks(linked), ...fixedLinks(owned)],
      [],
    ]);
    expect(unlocked.revisions.map((r) => r.rateLinks)).toEqual([
      [...fixedLinks(linked), ...fixedLinks(owned)],
      [],
    ]);
    expect(await t.datastore.rates.get(linked.id)).toEqual(linked);
  });

  it('refuses a new rate whose id or revision id is taken with UniquenessError, writing nothing', async () => {
    const stateCode = await freshState(t.datastore);
    const { contract, rates } = await addNewRates(t.datastore, await draft(stateCode), 1);
    const [existing] = rates;
    if (!existing) throw new Error('no rate');
    const before = await snapshot(stateCode, [contract], [existing.id]);

    for (const clash of [
      { ...newRate(), id: existing.id },
      { ...newRate(), revisionId: rateDraftOf(existing).id },
    ]) {
      const change = saveDraft(contract, undefined, { rates: { create: [newRate(), clash] } });
      await expect(apply(contract, change)).rejects.toBeInstanceOf(UniquenessError);
      expect(await snapshot(stateCode, [contract], [existing.id])).toEqual(before);
    }
  });

  /**
   * Two unlocked contracts of one state, each owning a submitted rate (not opened) and a draft rate. Every write
   * below names a rate that is missing, owned by the other contract, or whose named revision is not its draft.
   */
  const refusals: [string, (mine: World, theirs: World) => ContractChange][] = [
    ['save of a rate another contract owns', (a, b) => saveWith(a, { save: [saveRate(b.draftRate)] })],
    [
      'save of a submitted revision',
      (a) => saveWith(a, { save: [{ ...revisionOf(a.submittedRate), formData: buildRateFormData() }] }),
    ],
    [
      'save naming a revision of another rate',
      (a, b) =>
        saveWith(a, { save: [{ ...saveRate(a.draftRate), revisionId: rateDraftOf(b.draftRate).id }] }),
    ],
    [
      'save of a rate that does not exist',
      (a) => saveWith(a, { save: [{ rateId: newId(), revisionId: newId(), formData: buildRateFormData() }] }),
    ],
    [
      'submit of a rate another contract owns',
      (a, b) => submit(a.contract, { rates: { submit: [submitRate(b.draftRate)] } }),
    ],
    [
      'submit of a submitted revision',
      (a) =>
        submit(a.contract, {
          rates: {
            submit: [
              {
                ...revisionOf(a.submittedRate),
                formData: buildRateFormData(),
                submitted: { at: '2026-01-01T00:00:00.000Z', by: buildActor(), reason: 'Again' },
              },
            ],
          },
        }),
    ],
    [
      'submit of a rate that does not exist',
      (a) => submit(a.contract, { rates: { submit: [{ ...submitRate(a.draftRate), rateId: newId() }] } }),
    ],
    ['open of a rate another contract owns', (a, b) => saveWith(a, { open: [openRate(b.submittedRate)] })],
    ['open of a rate whose draft is already open', (a) => saveWith(a, { open: [openRate(a.draftRate)] })],
    [
      'open of a rate that does not exist',
      (a) => saveWith(a, { open: [{ ...openRate(a.submittedRate), rateId: newId() }] }),
    ],
    [
      'discard of a rate another contract owns',
      (a, b) => saveWith(a, { discard: [discardRate(b.draftRate)] }),
    ],
    ['discard of a submitted revision', (a) => saveWith(a, { discard: [revisionOf(a.submittedRate)] })],
    [
      'discard naming a revision of another rate',
      (a, b) =>
        saveWith(a, { discard: [{ rateId: a.draftRate.id, revisionId: rateDraftOf(b.draftRate).id }] }),
    ],
    [
      'discard of a rate that does not exist',
      (a) => saveWith(a, { discard: [{ rateId: newId(), revisionId: newId() }] }),
    ],
    [
      'valid create and save alongside a refused discard',
      (a, b) =>
        saveWith(a, {
          create: [newRate()],
          save: [saveRate(a.draftRate)],
          discard: [discardRate(b.draftRate)],
        }),
    ],
  ];

  it.each(refusals)('refuses the %s with VersionConflictError, writing nothing', async (_, build) => {
    const stateCode = await freshState(t.datastore);
    const mine = await ownerOfTwoRates(t.datastore, stateCode);
    const theirs = await ownerOfTwoRates(t.datastore, stateCode);
    const rateIds = [mine, theirs].flatMap((w) => [w.submittedRate.id, w.draftRate.id]);
    const change = build(mine, theirs);
    const createdIds = (change.kind === 'SAVE_DRAFT' ? (change.rates?.create ?? []) : []).map((r) => r.id);
    const before = await snapshot(stateCode, [mine.contract, theirs.contract], [...rateIds, ...createdIds]);

    const error = await apply(mine.contract, change).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(VersionConflictError);
    expect(error).toMatchObject({ entity: expect.stringMatching(/^Rate(Revision)?$/) });
    expect(await snapshot(stateCode, [mine.contract, theirs.contract], [...rateIds, ...createdIds])).toEqual(
      before,
    );
  });

  /**
   * Each rate write succeeds, and the change then fails at its very last step (the event's id is taken): none of
   * its rate writes may remain.
   */
  const atomicCases: [
    string,
    () => Promise<{ contract: Contract; change: (c: Contract) => ContractChange }>,
  ][] = [
    [
      'create',
      async () => ({
        contract: await draft(),
        change: (c) => saveDraft(c, undefined, { rates: { create: [newRate(), newRate()] } }),
      }),
    ],
    [
      'save',
      async () => {
        const { contract, rates } = await addNewRates(t.datastore, await draft(), 1);
        return {
          contract,
          change: (c) => saveDraft(c, undefined, { rates: { save: rates.map((r) => saveRate(r)) } }),
        };
      },
    ],
    [
      'submit',
      async () => {
        const { contract, rates } = await addNewRates(t.datastore, await draft(), 1);
        return { contract, change: (c) => submit(c, { rates: { submit: rates.map((r) => submitRate(r)) } }) };
      },
    ],
    [
      'open',
      async () => {
        const { contract, rates } = await filedWithRates(t.datastore, await freshState(t.datastore), 1);
        return { contract, change: (c) => unlock(c, { rates: { open: rates.map((r) => openRate(r)) } }) };
      },
    ],
    [
      'discard (undo unlock)',
      async () => {
        const filed = await filedWithRates(t.datastore, await freshState(t.datastore), 1);
        const contract = await applyChange(
          t.datastore,
          filed.contract,
          unlock(filed.contract, { rates: { open: filed.rates.map((r) => openRate(r)) } }),
        );
        const rates = await t.datastore.rates.listByParent(contract.id);
        return {
          contract,
          change: (c) => discardDraft(c, { rates: { discard: rates.map((r) => reverseRate(r)) } }),
        };
      },
    ],
    [
      'discard (never submitted)',
      async () => {
        const { contract, rates } = await addNewRates(t.datastore, await draft(), 1);
        return {
          contract,
          change: (c) => saveDraft(c, undefined, { rates: { discard: rates.map((r) => discardRate(r)) } }),
        };
      },
    ],
  ];
  it.each(atomicCases)(
    'rate %s is atomic with its contract change: a failure at the last step leaves no trace',
    async (_, prepare) => {
      const { contract, change } = await prepare();
      const taken = buildEvent();
      await t.datastore.events.append(taken);
      const built = change(contract);
      const rateIds = [
        ...(await t.datastore.rates.listByParent(contract.id)).map((r) => r.id),
        ...(built.kind === 'SAVE_DRAFT' ? (built.rates?.create ?? []).map((r) => r.id) : []),
      ];
      const before = await snapshot(contract.stateCode, [contract], rateIds);

      await expect(apply(contract, built, { event: { id: taken.id } })).rejects.toMatchObject({
        code: 'EVENT_EXISTS',
      });

      expect(await snapshot(contract.stateCode, [contract], rateIds)).toEqual(before);
    },
  );

  function saveWith(world: { contract: Contract }, rates: RateWrites): ContractChange {
    return saveDraft(world.contract, undefined, { rates });
  }

  function revisionOf(rate: Rate): { rateId: string; revisionId: string } {
    const last = rate.revisions.at(-1);
    if (!last) throw new Error('no revision');
    return { rateId: rate.id, revisionId: last.id };
  }
});
