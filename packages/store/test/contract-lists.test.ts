import { summaryFactsOf, ValidationError, type Contract } from '@docket/domain';
import { expect, it } from 'vitest';
import {
  allPages,
  at,
  buildApply,
  buildContractInput,
  describeEachDatastore,
  expectEachCursorRefused,
  FORGED_NUMBER_CURSORS,
  FORGED_TIME_CURSORS,
  freshState,
  submit,
  unlock,
} from './conformance';

describeEachDatastore('ContractStore: lists', (t) => {
  const create = (stateCode: string, createdAt?: string) =>
    t.datastore.contracts.create(buildContractInput(stateCode, createdAt ? { at: createdAt } : {}));
  const submitAt = (contract: Contract, time: string, reason: string | null = null) =>
    t.datastore.contracts.apply(
      contract.id,
      buildApply(contract, submit(contract, { at: time, reason }), { at: time }),
    );

  it("lists one state's contracts, drafts included, highest number first, summarized as stored", async () => {
    const stateCode = await freshState(t.datastore);
    const first = await create(stateCode);
    const second = await submitAt(await create(stateCode), at(1));
    const third = await create(stateCode);
    await create(await freshState(t.datastore));

    const page = await t.datastore.contracts.listByState(stateCode, { limit: 10 });

    expect(page).toEqual({ items: [third, second, first].map(summaryFactsOf), nextCursor: null });
    expect(await t.datastore.contracts.listByState(await freshState(t.datastore), { limit: 10 })).toEqual({
      items: [],
      nextCursor: null,
    });
  });

  it("pages through a state's contracts without skipping or repeating while new ones are created", async () => {
    const stateCode = await freshState(t.datastore);
    for (let i = 0; i < 7; i++) await create(stateCode);

    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page = await t.datastore.contracts.listByState(stateCode, { limit: 3, cursor });
      seen.push(...page.items.map((c) => c.stateNumber));
      cursor = page.nextCursor;
      await Promise.all([create(stateCode), create(stateCode)]);
    } while (cursor !== null);

    expect(seen).toEqual([7, 6, 5, 4, 3, 2, 1]);
  });

  it('lists submitted contracts by first submission, newest first and ties by id, drafts left out', async () => {
    // Later than anything else in this file, so these lead the list.
    const base = '2900-01-01T00:00:00.000Z';
    const stateCode = await freshState(t.datastore);
    const early = await submitAt(await create(stateCode), at(1000, base));
    const tiedA = await submitAt(await create(stateCode), at(2000, base));
    const tiedB = await submitAt(await create(stateCode), at(2000, base));
    await create(stateCode);
    // Unlocked and resubmitted later: it keeps the place of its first submission.
    const resubmitted = await submitAt(await create(stateCode), at(3000, base));
    const reopened = await t.datastore.contracts.apply(
      resubmitted.id,
      buildApply(resubmitted, unlock(resubmitted, { at: at(4000, base) }), { at: at(4000, base) }),
    );
    const latest = await submitAt(reopened, at(9000, base), 'Fixed');

    const listed = await allPages((page) => t.datastore.contracts.listSubmitted(page), 2);

    const [tiedHigh, tiedLow] = tiedA.id > tiedB.id ? [tiedA, tiedB] : [tiedB, tiedA];
    expect(listed.slice(0, 4)).toEqual([latest, tiedHigh, tiedLow, early].map(summaryFactsOf));
    expect(listed.every((c) => c.submittedCount > 0 && c.firstSubmittedAt !== null)).toBe(true);
    expect(new Set(listed.map((c) => c.id)).size).toBe(listed.length);
  });

  it('pages through submitted contracts without skipping or repeating while others are submitted', async () => {
    const base = '2800-01-01T00:00:00.000Z';
    const stateCode = await freshState(t.datastore);
    for (let i = 1; i <= 5; i++) await submitAt(await create(stateCode), at(i, base));
    const before = await allPages((page) => t.datastore.contracts.listSubmitted(page));

    const seen: string[] = [];
    let cursor: string | null = null;
    let tick = 0;
    do {
      const page = await t.datastore.contracts.listSubmitted({ limit: 2, cursor });
      seen.push(...page.items.map((c) => c.id));
      cursor = page.nextCursor;
      // Submitted now, so newer than everything: it belongs before the first page.
      await submitAt(await create(stateCode), at(10_000 + tick++, '2950-01-01T00:00:00.000Z'));
    } while (cursor !== null);

    expect(seen).toEqual(before.map((c) => c.id));
  });

  it('lists every contract, drafts included, newest created first and ties by id', async () => {
    const base = '2700-01-01T00:00:00.000Z';
    const stateCode = await freshState(t.datastore);
    const old = await create(stateCode, at(0, base));
    const tiedA = await submitAt(await create(stateCode, at(5, base)), at(6, base));
    const tiedB = await create(stateCode, at(5, base));
    const newest = await create(await freshState(t.datastore), at(9, base));

    const listed = await allPages((page) => t.datastore.contracts.listAll(page), 3);

    const [tiedHigh, tiedLow] = tiedA.id > tiedB.id ? [tiedA, tiedB] : [tiedB, tiedA];
    expect(listed.slice(0, 4)).toEqual([newest, tiedHigh, tiedLow, old].map(summaryFactsOf));
    expect(new Set(listed.map((c) => c.id)).size).toBe(listed.length);
    const created = listed.map((c) => c.createdAt);
    expect(created).toEqual([...created].sort().reverse());
  });

  it('refuses a cursor it did not give with ValidationError', async () => {
    const cursor = 'eyJub3QiOiJhIGN1cnNvciJ9';
    await expect(t.datastore.contracts.listByState('MN', { limit: 5, cursor })).rejects.toBeInstanceOf(
      ValidationError,
    );
    await expect(t.datastore.contracts.listSubmitted({ limit: 5, cursor })).rejects.toBeInstanceOf(
      ValidationError,
    );
    await expect(t.datastore.contracts.listAll({ limit: 5, cursor })).rejects.toBeInstanceOf(ValidationError);
  });

  it('refuses cursors that decode to values it cannot use, before asking the engine', async () => {
    const stateCode = await freshState(t.datastore);
    await submitAt(await create(stateCode), at(1));
    await expectEachCursorRefused(FORGED_NUMBER_CURSORS, (cursor) =>
      t.datastore.contracts.listByState(stateCode, { limit: 5, cursor }),
    );
    await expectEachCursorRefused(FORGED_TIME_CURSORS, (cursor) =>
      t.datastore.contracts.listSubmitted({ limit: 5, cursor }),
    );
    await expectEachCursorRefused(FORGED_TIME_CURSORS, (cursor) =>
      t.datastore.contracts.listAll({ limit: 5, cursor }),
    );
  });
});
