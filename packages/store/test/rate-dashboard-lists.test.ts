import {
  lastSubmittedRevision,
  latestRevision,
  contractStatus,
  rateSummaryOf,
  type Contract,
  type ContractChange,
  type RateFormData,
  type RateListItem,
  type RateListQuery,
  type RateConsolidatedStatus,
  type RateSummary,
} from '@docket/domain';
import { beforeAll, expect, it } from 'vitest';
import { InvalidCursorError, type PageRequest } from '../src/page';
import { periodSortKey, rateListFingerprint } from '../src/rate-list-cursor';
import {
  addNewRates,
  allPages,
  at,
  buildApply,
  buildContractInput,
  buildRateFormData,
  describeEachDatastore,
  expectEachCursorRefused,
  FORGED_TIME_CURSORS,
  freshState,
  openRate,
  reviewAction,
  submittedLinking,
  submitWithRates,
  unlock,
} from './conformance';

/**
 * `RateStore.listRates` on every adapter: each filter alone and together, each sort in both directions, paging
 * with every page size, paging while other rates change, and cursors of other queries. What a list must hold is
 * computed here from the rates and contracts the store gives back, with `rateSummaryOf` and `contractStatus`:
 * the definition, never the store's own columns.
 */

const SORTS = (['SUBMITTED', 'UPDATED', 'PERIOD_START', 'NAME'] as const).flatMap((by) =>
  (['DESC', 'ASC'] as const).map((direction) => ({ by, direction })),
);

function query(overrides: Partial<RateListQuery> = {}): RateListQuery {
  return {
    states: null,
    rateTypes: null,
    statuses: null,
    periodFrom: null,
    periodTo: null,
    sort: { by: 'SUBMITTED', direction: 'DESC' },
    ...overrides,
  };
}

/** What a list of `q` holds of `summaries`, in its order: the port's contract, written out independently. */
function expectedList(q: RateListQuery, summaries: readonly RateSummary[]): RateSummary[] {
  const chosen = summaries.filter((s) => {
    if (q.states !== null && !q.states.includes(s.stateCode)) return false;
    if (
      q.rateTypes !== null &&
      (s.submitted.rateType === null || !q.rateTypes.includes(s.submitted.rateType))
    )
      return false;
    if (q.statuses !== null && !q.statuses.includes(s.status)) return false;
    const start = s.submitted.rateDateStart;
    if (q.periodFrom !== null && (start === null || start < q.periodFrom)) return false;
    if (q.periodTo !== null && (start === null || start > q.periodTo)) return false;
    return true;
  });
  const sign = q.sort.direction === 'ASC' ? 1 : -1;
  const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const compareValue = (a: RateSummary, b: RateSummary): number => {
    switch (q.sort.by) {
      case 'SUBMITTED':
        return compareText(a.firstSubmittedAt, b.firstSubmittedAt);
      case 'UPDATED':
        return compareText(a.sharedUpdatedAt, b.sharedUpdatedAt);
      case 'PERIOD_START':
        return compareText(periodSortKey(a), periodSortKey(b));
      case 'NAME':
        return compareText(a.stateCode, b.stateCode) || a.stateNumber - b.stateNumber;
    }
  };
  return chosen.sort((a, b) => sign * (compareValue(a, b) || compareText(a.id, b.id)));
}

describeEachDatastore('RateStore: rate reviews dashboard', (t) => {
  /** Every rate this file wrote. */
  const rateIds = new Set<string>();

  /** The facts of every rate written, from the whole rate and its parent: what the lists must hold. */
  async function everything(): Promise<RateSummary[]> {
    const rates = await t.datastore.rates.getMany([...rateIds]);
    const summaries: RateSummary[] = [];
    for (const rate of rates) {
      const parent = await t.datastore.contracts.get(rate.parentContractId);
      const summary = rateSummaryOf(rate, contractStatus(parent));
      if (summary !== null) summaries.push(summary);
    }
    return summaries;
  }

  const list = (q: RateListQuery, page: PageRequest) => t.datastore.rates.listRates(q, page);
  const listAll = async (q: RateListQuery, limit: number) =>
    (await allPages((page) => list(q, page), limit)).map((item) => item.summary);

  const rateForm = (rateType: 'NEW' | 'AMENDMENT', start: string): RateFormData =>
    buildRateFormData({
      rateType,
      rateDateStart: start,
      rateDateEnd: `${String(Number(start.slice(0, 4)) + 1).padStart(4, '0')}${start.slice(4)}`,
      rateDateCertified: '2025-01-01',
      ...(rateType === 'AMENDMENT'
        ? { amendmentEffectiveDateStart: start, amendmentEffectiveDateEnd: '2026-12-31' }
        : {}),
    });

  /** A contract of the state filed at `time` with new rates of these answers; a draft left unsubmitted if asked. */
  async function filed(stateCode: string, forms: RateFormData[], time: string, submitted = true) {
    const created = await t.datastore.contracts.create(buildContractInput(stateCode, { at: time }));
    const added = await addNewRates(t.datastore, created, forms);
    for (const rate of added.rates) rateIds.add(rate.id);
    if (!submitted) return added;
    return submitWithRates(t.datastore, added.contract, { at: time });
  }
  const change = (contract: Contract, made: ContractChange, time: string) =>
    t.datastore.contracts.apply(contract.id, buildApply(contract, made, { at: time }));
  const decide = (contract: Contract, action: 'WITHDRAW' | 'UNDO_WITHDRAW', time: string) =>
    change(
      contract,
      reviewAction({ action, at: time, reason: 'Why', dateApprovalReleasedToState: null }),
      time,
    );
  async function reopen(contract: Contract, time: string) {
    const owned = await t.datastore.rates.listByParent(contract.id);
    return change(
      contract,
      unlock(contract, { at: time, rates: { open: owned.map((r) => openRate(r, { at: time })) } }),
      time,
    );
  }

  const world = { states: [] as string[], outside: '' };

  beforeAll(async () => {
    const base = '2600-01-01T00:00:00.000Z';
    const time = (seconds: number) => at(seconds * 1000, base);
    const [s1, s2, s3] = [
      await freshState(t.datastore),
      await freshState(t.datastore),
      await freshState(t.datastore),
    ];
    Object.assign(world, { states: [s1, s2], outside: s3 });

    // Submitted together: ties on first submission, update and period start.
    await filed(s1, [rateForm('NEW', '2024-01-01'), rateForm('AMENDMENT', '2025-07-01')], time(10));
    await filed(s1, [rateForm('NEW', '2024-01-01')], time(10));
    await filed(s3, [rateForm('NEW', '2023-07-01')], time(11));
    // A rate never submitted: never listed.
    await filed(s1, [rateForm('NEW', '2020-01-01')], time(12), false);
    // Unlocked with its rate: UNLOCKED, shared update at the unlock.
    const unlocked = await filed(s2, [rateForm('AMENDMENT', '1999-12-31')], time(5));
    await reopen(unlocked.contract, time(20));
    // Resubmitted: the first submission stays, the update moves, the answers are the new ones.
    const again = await filed(s2, [rateForm('NEW', '2026-01-01')], time(6));
    const reopened = await reopen(again.contract, time(13));
    await submitWithRates(t.datastore, reopened, { at: time(14), reason: 'Fixed' });
    // Withdrawn with its parent, and withdrawn then brought back.
    const withdrawn = await filed(s2, [rateForm('AMENDMENT', '2024-01-01')], time(7));
    await decide(withdrawn.contract, 'WITHDRAW', time(15));
    const back = await filed(s1, [rateForm('NEW', '2025-01-01')], time(8));
    await decide(await decide(back.contract, 'WITHDRAW', time(16)), 'UNDO_WITHDRAW', time(17));
    // A rate moved to the contract that links it when its parent is withdrawn: listed with its new parent.
    const owner = await filed(s2, [rateForm('NEW', '2022-04-01'), rateForm('NEW', '2021-04-01')], time(9));
    const [moved] = owner.rates;
    if (moved === undefined) throw new Error('no rate');
    const linker = await submittedLinking(t.datastore, s2, moved, time(18));
    const parts = [
      {
        id: owner.contract.id,
        ...buildApply(
          owner.contract,
          reviewAction({
            action: 'WITHDRAW',
            at: time(19),
            reason: 'Why',
            dateApprovalReleasedToState: null,
          }),
          { at: time(19) },
        ),
      },
      {
        id: linker.id,
        ...buildApply(
          linker,
          {
            kind: 'ADOPT_RATES',
            rates: { adopt: [{ rateId: moved.id, fromContractId: owner.contract.id }] },
          },
          { at: time(19) },
        ),
      },
    ];
    await t.datastore.contracts.applyAll(parts);
  });

  const filterCases = (): [string, Partial<RateListQuery>][] => {
    const { states, outside } = world;
    const [s1] = states;
    if (s1 === undefined) throw new Error('The world is not built');
    return [
      ['no filter', {}],
      ['one state', { states: [s1] }],
      ['two states', { states }],
      ['every state of the world', { states: [...states, outside] }],
      ['new rates', { rateTypes: ['NEW'] }],
      ['amendments', { rateTypes: ['AMENDMENT'] }],
      ['both types', { rateTypes: ['AMENDMENT', 'NEW'] }],
      ...(
        [
          ['SUBMITTED'],
          ['UNLOCKED'],
          ['RESUBMITTED'],
          ['WITHDRAWN'],
          ['DRAFT'],
          ['SUBMITTED', 'WITHDRAWN'],
        ] satisfies RateConsolidatedStatus[][]
      ).map((statuses): [string, Partial<RateListQuery>] => [`status ${statuses.join('+')}`, { statuses }]),
      ['a period from', { periodFrom: '2024-01-01' }],
      ['a period to', { periodTo: '2024-01-01' }],
      ['one day of period', { periodFrom: '2024-01-01', periodTo: '2024-01-01' }],
      ['a period from year 0000', { periodFrom: '0000-01-01', periodTo: '2000-01-01' }],
      ['an empty period range', { periodFrom: '2025-01-01', periodTo: '2024-01-01' }],
      ['states and a type', { states, rateTypes: ['NEW'] }],
      ['states and statuses', { states, statuses: ['SUBMITTED', 'UNLOCKED', 'WITHDRAWN'] }],
      ['statuses and a period', { statuses: ['SUBMITTED', 'RESUBMITTED'], periodFrom: '2022-01-01' }],
      [
        'every filter',
        {
          states: [...states, outside],
          rateTypes: ['NEW'],
          statuses: ['SUBMITTED', 'RESUBMITTED'],
          periodFrom: '2021-01-01',
          periodTo: '2026-01-01',
        },
      ],
    ];
  };

  it('lists every submitted rate with the facts of its definition, and its parent', async () => {
    const facts = await everything();
    const listed = await allPages(
      (page) => list(query({ states: [...world.states, world.outside] }), page),
      100,
    );
    expect(listed.map((item) => item.summary)).toEqual(expectedList(query(), facts));
    const statuses = new Set(facts.map((s) => s.status));
    expect([...statuses].sort()).toEqual(['RESUBMITTED', 'SUBMITTED', 'UNLOCKED', 'WITHDRAWN']);
    for (const item of listed) {
      const parent = await t.datastore.contracts.get(item.summary.parentContractId);
      const shown = lastSubmittedRevision(parent) ?? latestRevision(parent);
      expect(item.parent).toEqual({
        id: parent.id,
        stateNumber: parent.stateNumber,
        programIds: shown.formData.programIDs,
      });
    }
  });

  it('filters by each filter alone and combined, in every order and direction, paging by 3', async () => {
    const facts = await everything();
    for (const sort of SORTS) {
      for (const [name, filters] of filterCases()) {
        // The world's states only: other files' rates share the datastore.
        const scoped =
          filters.states === undefined ? { ...filters, states: [...world.states, world.outside] } : filters;
        const q = query({ sort, ...scoped });
        expect(await listAll(q, 3), `${sort.by} ${sort.direction}: ${name}`).toEqual(expectedList(q, facts));
      }
    }
    for (const [name, filters] of filterCases()) {
      if (name === 'an empty period range' || name === 'status DRAFT') continue;
      const q = query({ states: [...world.states, world.outside], ...filters });
      expect(expectedList(q, facts).length, name).toBeGreaterThan(0);
    }
  });

  it('lists the same whatever the page size, each rate once', async () => {
    for (const sort of SORTS) {
      const q = query({ sort, states: [...world.states, world.outside] });
      const whole = await listAll(q, 100);
      expect(whole.length).toBeGreaterThan(8);
      for (let limit = 1; limit <= whole.length; limit++) {
        expect(await listAll(q, limit), `${sort.by} ${sort.direction} by ${limit}`).toEqual(whole);
      }
      expect(new Set(whole.map((s) => s.id)).size).toBe(whole.length);
    }
  });

  it('lists nothing for an empty filter or a state without rates', async () => {
    const empty = { items: [], nextCursor: null };
    expect(await list(query({ states: [] }), { limit: 10 })).toEqual(empty);
    expect(await list(query({ statuses: [] }), { limit: 10 })).toEqual(empty);
    expect(await list(query({ rateTypes: [] }), { limit: 10 })).toEqual(empty);
    expect(await list(query({ states: [await freshState(t.datastore)] }), { limit: 10 })).toEqual(empty);
  });

  /**
   * Pages through one state's list while other rates are filed and changed between pages: every rate left alone
   * is listed once, in order.
   */
  async function pageWhileOthersChange(sort: RateListQuery['sort']) {
    const base = '2500-01-01T00:00:00.000Z';
    const time = (seconds: number) => at(seconds * 1000, base);
    const stateCode = await freshState(t.datastore);
    const filings: Contract[] = [];
    for (let i = 0; i < 7; i++) {
      const done = await filed(
        stateCode,
        [rateForm(i % 2 ? 'NEW' : 'AMENDMENT', `202${i % 4}-01-01`)],
        time(i),
      );
      filings.push(done.contract);
    }
    const q = query({ sort, states: [stateCode] });
    const before = expectedList(q, await everything());

    const touched = new Set<string>();
    const seen: string[] = [];
    let cursor: string | null = null;
    let step = 0;
    do {
      const page = await list(q, { limit: 2, cursor });
      seen.push(...page.items.map((item) => item.summary.id));
      cursor = page.nextCursor;
      step += 1;
      const made = await filed(
        stateCode,
        [rateForm('NEW', step % 2 ? '2030-01-01' : '2019-01-01')],
        time(step % 2 ? 40 + step : step / 4),
      );
      for (const rate of made.rates) touched.add(rate.id);
      const target = step <= 3 ? filings[(step * 3) % filings.length] : undefined;
      if (target !== undefined) {
        const current = await t.datastore.contracts.get(target.id);
        const moment = time(step % 2 ? 50 + step : 20 + step / 10);
        await reopen(current, moment);
        for (const rate of await t.datastore.rates.listByParent(target.id)) touched.add(rate.id);
      }
    } while (cursor !== null);

    const untouched = (ids: string[]) => ids.filter((id) => !touched.has(id));
    expect(untouched(seen), `${sort.by} ${sort.direction}`).toEqual(untouched(before.map((s) => s.id)));
    expect(untouched(before.map((s) => s.id)).length).toBeGreaterThan(3);
  }

  for (const sort of SORTS) {
    it(`pages by ${sort.by} ${sort.direction} while other rates are filed and changed`, () =>
      pageWhileOthersChange(sort));
  }

  it('refuses the cursor of another query, and takes it back for the same query written otherwise', async () => {
    const [s1, s2] = world.states;
    if (s1 === undefined || s2 === undefined) throw new Error('The world is not built');
    const q = query({ states: [s1, s2], sort: { by: 'NAME', direction: 'ASC' } });
    const first = await list(q, { limit: 2 });
    const cursor = first.nextCursor;
    if (cursor === null) throw new Error('Expected a second page');
    const second = await list(q, { limit: 2, cursor });
    expect(await list({ ...q, states: [s2, s1, s2] }, { limit: 2, cursor })).toEqual(second);

    const others: [string, RateListQuery][] = [
      ['another direction', { ...q, sort: { by: 'NAME', direction: 'DESC' } }],
      ['another sort', { ...q, sort: { by: 'PERIOD_START', direction: 'ASC' } }],
      ['another state filter', { ...q, states: [s1] }],
      ['no state filter', { ...q, states: null }],
      ['a status filter', { ...q, statuses: ['SUBMITTED'] }],
      ['a type filter', { ...q, rateTypes: ['NEW'] }],
      ['a period filter', { ...q, periodFrom: '2020-01-01' }],
    ];
    for (const [name, other] of others) {
      await expect(list(other, { limit: 2, cursor }), name).rejects.toBeInstanceOf(InvalidCursorError);
    }
    // A contract dashboard's cursor is not a rate list's.
    const contracts = await t.datastore.contracts.listContracts(
      {
        view: 'SUBMITTED',
        states: [s1],
        submissionTypes: null,
        statuses: null,
        programId: null,
        sort: { by: 'NAME', direction: 'ASC' },
      },
      { limit: 1 },
    );
    expect(contracts.nextCursor).not.toBeNull();
    await expect(list(q, { limit: 2, cursor: contracts.nextCursor })).rejects.toBeInstanceOf(
      InvalidCursorError,
    );
  });

  it('refuses forged cursors before asking the engine', async () => {
    const id = '01900000-0000-7000-8000-000000000000';
    const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
    const byPeriod = query({ sort: { by: 'PERIOD_START', direction: 'ASC' } });
    const byUpdate = query({ sort: { by: 'UPDATED', direction: 'DESC' } });
    const periodQ = rateListFingerprint(byPeriod);
    const updateQ = rateListFingerprint(byUpdate);
    await expectEachCursorRefused(
      {
        'not a date': cursorOf({ q: periodQ, k: ['yesterday', id] }),
        'an impossible day': cursorOf({ q: periodQ, k: ['2025-02-30', id] }),
        'a time': cursorOf({ q: periodQ, k: ['2025-02-03T00:00:00.000Z', id] }),
        'no id': cursorOf({ q: periodQ, k: ['2025-02-03'] }),
      },
      (cursor) => list(byPeriod, { limit: 5, cursor }),
    );
    await expectEachCursorRefused(
      {
        ...FORGED_TIME_CURSORS,
        'year 10000': cursorOf({ q: updateQ, k: ['+010000-01-01T00:00:00.000Z', id] }),
        'no time': cursorOf({ q: updateQ, k: [null, id] }),
      },
      (cursor) => list(byUpdate, { limit: 5, cursor }),
    );
  });

  it('answers items whose facts equal the definition after every kind of change', async () => {
    const listed: RateListItem[] = await allPages(
      (page) => list(query({ states: world.states, sort: { by: 'NAME', direction: 'DESC' } }), page),
      100,
    );
    for (const { summary } of listed) {
      const rate = await t.datastore.rates.get(summary.id);
      const parent = await t.datastore.contracts.get(rate.parentContractId);
      expect(summary).toEqual(rateSummaryOf(rate, contractStatus(parent)));
    }
  });
});
