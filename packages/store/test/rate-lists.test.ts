import { NotFoundError, ValidationError, newId, type Contract } from '@docket/domain';
import { expect, it } from 'vitest';
import {
  addNewRates,
  allPages,
  applyChange,
  buildContractInput,
  describeEachDatastore,
  expectEachCursorRefused,
  FORGED_NUMBER_CURSORS,
  filedWithRates,
  freshState,
  openRate,
  submitWithRates,
  unlock,
} from './conformance';

describeEachDatastore('RateStore: reads and lists', (t) => {
  const draft = (stateCode: string): Promise<Contract> =>
    t.datastore.contracts.create(buildContractInput(stateCode));
  const linkable = (stateCode: string, limit = 100) =>
    allPages((page) => t.datastore.rates.listLinkable(stateCode, page), limit);

  it('gets a rate with all its revisions, oldest first', async () => {
    const filed = await filedWithRates(t.datastore, await freshState(t.datastore), 1);
    const [rate] = filed.rates;
    if (!rate) throw new Error('no rate');
    await applyChange(
      t.datastore,
      filed.contract,
      unlock(filed.contract, { rates: { open: [openRate(rate)] } }),
    );

    const got = await t.datastore.rates.get(rate.id);

    expect(got.revisions.map((r) => r.number)).toEqual([1, 2]);
    expect(got.revisions[0]).toEqual(rate.revisions[0]);
    expect(got.revisions[1]?.submitted).toBeNull();
  });

  it('refuses an unknown rate id with NotFoundError', async () => {
    await expect(t.datastore.rates.get(newId())).rejects.toBeInstanceOf(NotFoundError);
    await expect(t.datastore.rates.get('not-a-uuid')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('gets many rates in the order asked, once per mention', async () => {
    const { rates } = await addNewRates(t.datastore, await draft(await freshState(t.datastore)), 3);
    const [a, b, c] = rates;
    if (!a || !b || !c) throw new Error('no rate');

    expect(await t.datastore.rates.getMany([c.id, a.id, c.id, b.id])).toEqual([c, a, c, b]);
    expect(await t.datastore.rates.getMany([])).toEqual([]);
  });

  it('refuses getMany naming the first id that is not stored', async () => {
    const { rates } = await addNewRates(t.datastore, await draft(await freshState(t.datastore)), 1);
    const [a] = rates;
    if (!a) throw new Error('no rate');
    const [missing, alsoMissing] = [newId(), newId()];

    const error = await t.datastore.rates
      .getMany([a.id, missing, a.id, alsoMissing])
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ entity: 'Rate', id: missing });
    await expect(t.datastore.rates.getMany(['not-a-uuid'])).rejects.toMatchObject({
      entity: 'Rate',
      id: 'not-a-uuid',
    });
  });

  it("lists a state's linkable rates (submitted at least once), highest number first, drafts left out", async () => {
    const stateCode = await freshState(t.datastore);
    // Rate 1: submitted, then opened again by an unlock (still linkable).
    const first = await filedWithRates(t.datastore, stateCode, 1);
    const [reopened] = first.rates;
    if (!reopened) throw new Error('no rate');
    await applyChange(
      t.datastore,
      first.contract,
      unlock(first.contract, { rates: { open: [openRate(reopened)] } }),
    );
    // Rate 2: a draft that was never submitted.
    await addNewRates(t.datastore, await draft(stateCode), 1);
    // Rates 3 and 4: submitted together by one contract.
    const second = await filedWithRates(t.datastore, stateCode, 2);
    // Another state's submitted rate.
    await filedWithRates(t.datastore, await freshState(t.datastore), 1);

    const expected = await t.datastore.rates.getMany([
      ...second.rates.map((r) => r.id).reverse(),
      reopened.id,
    ]);
    expect(expected.map((r) => r.stateNumber)).toEqual([4, 3, 1]);
    expect(await linkable(stateCode)).toEqual(expected);
    for (const limit of [1, 2]) expect(await linkable(stateCode, limit), `limit ${limit}`).toEqual(expected);
    expect(await t.datastore.rates.listLinkable(stateCode, { limit: 3 })).toEqual({
      items: expected,
      nextCursor: null,
    });
    expect(await t.datastore.rates.listLinkable(await freshState(t.datastore), { limit: 10 })).toEqual({
      items: [],
      nextCursor: null,
    });
  });

  it('pages through linkable rates without skipping or repeating while others become linkable', async () => {
    const stateCode = await freshState(t.datastore);
    // Rate 1 stays a draft until the paging is under way.
    const late = await addNewRates(t.datastore, await draft(stateCode), 1);
    await filedWithRates(t.datastore, stateCode, 5);

    const seen: number[] = [];
    let cursor: string | null = null;
    let turn = 0;
    do {
      const page = await t.datastore.rates.listLinkable(stateCode, { limit: 2, cursor });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((r) => r.stateNumber));
      cursor = page.nextCursor;
      if (turn++ === 0) {
        await filedWithRates(t.datastore, stateCode, 2);
        await submitWithRates(t.datastore, late.contract);
      }
    } while (cursor !== null);

    // Rates 2 to 6 were linkable throughout; 7 and 8 came after the first page; 1 became linkable meanwhile.
    expect(seen.filter((n) => n >= 2 && n <= 6)).toEqual([6, 5, 4, 3, 2]);
    expect(seen.filter((n) => n > 6)).toEqual([]);
    expect(new Set(seen).size).toBe(seen.length);
    expect((await linkable(stateCode)).map((r) => r.stateNumber)).toEqual([8, 7, 6, 5, 4, 3, 2, 1]);
  });

  it('refuses a linkable-rates cursor it did not give with ValidationError INVALID_CURSOR', async () => {
    for (const cursor of ['eyJub3QiOiJhIGN1cnNvciJ9', 'not a cursor']) {
      const error = await t.datastore.rates.listLinkable('MN', { limit: 5, cursor }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect(error).toMatchObject({ code: 'INVALID_CURSOR' });
    }
  });

  it('refuses linkable-rates cursors that decode to values it cannot use, before asking the engine', async () => {
    const stateCode = await freshState(t.datastore);
    await filedWithRates(t.datastore, stateCode, 1);
    await expectEachCursorRefused(FORGED_NUMBER_CURSORS, (cursor) =>
      t.datastore.rates.listLinkable(stateCode, { limit: 5, cursor }),
    );
  });

  it('lists the rates a contract owns, drafts included, oldest first by state number', async () => {
    const stateCode = await freshState(t.datastore);
    const mine = await filedWithRates(t.datastore, stateCode, 2);
    const others = await addNewRates(t.datastore, await draft(stateCode), 1);
    const unlocked = await applyChange(t.datastore, mine.contract, unlock(mine.contract));
    const added = await addNewRates(t.datastore, unlocked, 1);

    const owned = await t.datastore.rates.listByParent(mine.contract.id);

    expect(owned).toEqual(await t.datastore.rates.getMany([...mine.rates, ...added.rates].map((r) => r.id)));
    expect(owned.map((r) => r.stateNumber)).toEqual([1, 2, 4]);
    expect(await t.datastore.rates.listByParent(others.contract.id)).toEqual(others.rates);
    expect(await t.datastore.rates.listByParent(newId())).toEqual([]);
    expect(await t.datastore.rates.listByParent('not-a-uuid')).toEqual([]);
  });
});
