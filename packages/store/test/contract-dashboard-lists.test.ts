import {
  newId,
  summaryFactsOf,
  summaryStatus,
  type ConsolidatedStatus,
  type Contract,
  type ContractChange,
  type ContractListQuery,
  type ContractSummary,
  type ReviewActionType,
  type SubmissionType,
} from '@docket/domain';
import { beforeAll, expect, it } from 'vitest';
import { contractListFingerprint } from '../src/contract-list-cursor';
import { InvalidCursorError, type PageRequest } from '../src/page';
import {
  allPages,
  at,
  buildApply,
  buildContractInput,
  buildEvent,
  buildReviewerAssignment,
  buildFormData,
  describeEachDatastore,
  expectEachCursorRefused,
  FORGED_NUMBER_CURSORS,
  FORGED_TIME_CURSORS,
  freshState,
  reviewAction,
  saveDraft,
  submit,
  unlock,
} from './conformance';

/**
 * `ContractStore.listContracts` on every adapter: each filter alone and together, each sort in both directions
 * of both views, paging with small pages, paging while other contracts change, and cursors of other queries.
 * What a list must hold is computed here from the contracts the file wrote, with `summaryFactsOf` and
 * `summaryStatus`: the definition, never the store's own columns.
 */

const SORTS = [
  { by: 'UPDATED', direction: 'DESC' },
  { by: 'UPDATED', direction: 'ASC' },
  { by: 'SUBMITTED', direction: 'DESC' },
  { by: 'SUBMITTED', direction: 'ASC' },
  { by: 'NAME', direction: 'DESC' },
  { by: 'NAME', direction: 'ASC' },
] as const satisfies readonly ContractListQuery['sort'][];

const VIEWS = ['LATEST', 'SUBMITTED'] as const;

function query(overrides: Partial<ContractListQuery> = {}): ContractListQuery {
  return {
    view: 'LATEST',
    states: null,
    submissionTypes: null,
    statuses: null,
    programId: null,
    sort: { by: 'UPDATED', direction: 'DESC' },
    ...overrides,
  };
}

/** Each reviewer's filings, as this file assigned them: what "Assigned to me" must hold. */
const assignedTo = new Map<string, Set<string>>();

/** What a list of `q` holds of `summaries`, in its order: the port's contract, written out independently. */
function expectedList(q: ContractListQuery, summaries: readonly ContractSummary[]): ContractSummary[] {
  const chosen = summaries.filter((s) => {
    if (q.reviewerId && !assignedTo.get(q.reviewerId)?.has(s.id)) return false;
    const slice = q.view === 'LATEST' ? s.latest : s.submitted;
    if (q.view === 'SUBMITTED' && s.submittedCount === 0) return false;
    if (q.states !== null && !q.states.includes(s.stateCode)) return false;
    if (q.submissionTypes !== null) {
      const type = slice?.submissionType ?? null;
      if (type === null || !q.submissionTypes.includes(type)) return false;
    }
    if (q.statuses !== null && !q.statuses.includes(summaryStatus(s))) return false;
    if (q.programId !== null && !(slice?.programIds ?? []).includes(q.programId)) return false;
    return true;
  });
  const sign = q.sort.direction === 'ASC' ? 1 : -1;
  const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const compareValue = (a: ContractSummary, b: ContractSummary): number => {
    switch (q.sort.by) {
      case 'UPDATED': {
        const time = (s: ContractSummary) => (q.view === 'LATEST' ? s.updatedAt : s.sharedUpdatedAt);
        return sign * compareText(time(a), time(b));
      }
      case 'SUBMITTED': {
        const [x, y] = [a.firstSubmittedAt, b.firstSubmittedAt];
        if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1; // never submitted: last
        return sign * compareText(x, y);
      }
      case 'NAME':
        return sign * (compareText(a.stateCode, b.stateCode) || a.stateNumber - b.stateNumber);
    }
  };
  return chosen.sort((a, b) => compareValue(a, b) || sign * compareText(a.id, b.id));
}

describeEachDatastore('ContractStore: dashboard lists', (t) => {
  /** Every contract this file wrote, as last written: what a list without filters must hold. */
  const written = new Map<string, Contract>();
  const keep = (contract: Contract): Contract => {
    written.set(contract.id, contract);
    return contract;
  };
  const everything = () => [...written.values()].map(summaryFactsOf);

  interface FormChoice {
    type?: SubmissionType | null;
    programs: string[];
    chip?: boolean;
  }
  const formOf = ({ type = 'CONTRACT_ONLY', programs, chip = false }: FormChoice) =>
    buildFormData({
      submissionType: type ?? undefined,
      programIDs: programs,
      populationCovered: chip ? 'CHIP' : 'MEDICAID',
    });

  const create = async (stateCode: string, time: string, form: FormChoice) =>
    keep(
      await t.datastore.contracts.create(buildContractInput(stateCode, { at: time, formData: formOf(form) })),
    );
  const change = async (contract: Contract, made: ContractChange, time: string) =>
    keep(await t.datastore.contracts.apply(contract.id, buildApply(contract, made, { at: time })));
  const submitAt = (contract: Contract, time: string) =>
    change(
      contract,
      submit(contract, { at: time, reason: contract.revisions.length > 1 ? 'Fixed' : null }),
      time,
    );
  const unlockAt = (contract: Contract, time: string) =>
    change(contract, unlock(contract, { at: time }), time);
  const saveAt = (contract: Contract, form: FormChoice, time: string) =>
    change(contract, saveDraft(contract, formOf(form)), time);
  const decideAt = (contract: Contract, action: ReviewActionType, time: string) =>
    change(contract, reviewAction({ action, at: time }), time);

  const list = (q: ContractListQuery, page: PageRequest) => t.datastore.contracts.listContracts(q, page);
  const listAll = (q: ContractListQuery, limit: number) => allPages((page) => list(q, page), limit);

  /** A small world of every status, both slices differing, and ties on every sort value, in three states. */
  const world = {
    states: [] as string[],
    outside: '',
    programs: { one: '', two: '' },
    /** A reviewer assigned to every other filing of the world, and one assigned to a single filing. */
    reviewer: newId(),
    loneReviewer: newId(),
  };
  const assign = async (contractId: string, userId: string) => {
    await t.datastore.contracts.assignReviewer(contractId, {
      reviewer: buildReviewerAssignment({ userId }),
      event: buildEvent({ action: 'ASSIGN_REVIEWER', contractId }),
    });
    assignedTo.set(userId, new Set([...(assignedTo.get(userId) ?? []), contractId]));
  };

  beforeAll(async () => {
    const base = '2600-01-01T00:00:00.000Z';
    const time = (seconds: number) => at(seconds * 1000, base);
    const [s1, s2, s3] = [
      await freshState(t.datastore),
      await freshState(t.datastore),
      await freshState(t.datastore),
    ];
    const one = newId();
    const two = newId();
    Object.assign(world, { states: [s1, s2], outside: s3, programs: { one, two } });

    // Drafts: with a type, without one, and one updated at the same time as two submissions.
    await create(s1, time(1), { programs: [one] });
    await create(s1, time(2), { type: null, programs: [two] });
    await create(s1, time(10), { type: 'CONTRACT_AND_RATES', programs: [one, two] });
    // Submitted at the same time (ties on first submission and on both update times).
    await submitAt(await create(s1, time(3), { type: 'CONTRACT_AND_RATES', programs: [one, two] }), time(10));
    await submitAt(await create(s1, time(4), { programs: [one] }), time(10));
    await submitAt(await create(s3, time(5), { programs: [one] }), time(10));
    // Unlocked, and the draft changed its type and program: the two views differ in slice and time.
    const unlocked = await unlockAt(
      await submitAt(await create(s2, time(5), { programs: [two] }), time(11)),
      time(12),
    );
    await saveAt(unlocked, { type: 'CONTRACT_AND_RATES', programs: [one] }, time(15));
    // Unlocked and not yet saved.
    await unlockAt(await submitAt(await create(s2, time(6), { programs: [one] }), time(9)), time(17));
    // Resubmitted: first submission stays, the update moves.
    const reopened = await unlockAt(
      await submitAt(await create(s2, time(6), { type: 'CONTRACT_AND_RATES', programs: [one] }), time(9)),
      time(13),
    );
    await submitAt(reopened, time(14));
    // Decided: approved, withdrawn (updated at the same time as the unlock above), CHIP-only.
    await decideAt(
      await submitAt(await create(s2, time(7), { programs: [two] }), time(8)),
      'APPROVE',
      time(16),
    );
    await decideAt(
      await submitAt(await create(s1, time(7), { type: 'CONTRACT_AND_RATES', programs: [one] }), time(7)),
      'WITHDRAW',
      time(12),
    );
    await submitAt(await create(s2, time(3), { programs: [two], chip: true }), time(6));
    // Assignments do not move a contract: what the lists hold of them is still `written`.
    const ids = [...written.keys()].sort();
    for (const [index, id] of ids.entries()) if (index % 2 === 0) await assign(id, world.reviewer);
    const lone = ids[1];
    if (lone !== undefined) await assign(lone, world.loneReviewer);
  });

  /** The filters a dashboard combines, each alone, several together, and empty ones. */
  const filterCases = (): [string, Partial<ContractListQuery>][] => {
    const { states, outside, programs, reviewer } = world;
    const [s1] = states;
    if (s1 === undefined) throw new Error('The world is not built');
    return [
      ['no filter', {}],
      ['one state', { states: [s1] }],
      ['two states', { states }],
      ['every state of the world', { states: [...states, outside] }],
      ['a contract-only type', { submissionTypes: ['CONTRACT_ONLY'] }],
      ['a contract-and-rates type', { submissionTypes: ['CONTRACT_AND_RATES'] }],
      ['both types', { submissionTypes: ['CONTRACT_AND_RATES', 'CONTRACT_ONLY'] }],
      ...(
        [
          ['DRAFT'],
          ['SUBMITTED'],
          ['UNLOCKED'],
          ['RESUBMITTED'],
          ['APPROVED'],
          ['WITHDRAWN'],
          ['NOT_SUBJECT_TO_REVIEW'],
          ['SUBMITTED', 'RESUBMITTED', 'UNLOCKED'],
        ] satisfies ConsolidatedStatus[][]
      ).map((statuses): [string, Partial<ContractListQuery>] => [
        `status ${statuses.join('+')}`,
        { statuses },
      ]),
      ['a program', { programId: programs.one }],
      ['another program', { programId: programs.two }],
      ['states and a type', { states, submissionTypes: ['CONTRACT_AND_RATES'] }],
      ['states and statuses', { states, statuses: ['SUBMITTED', 'UNLOCKED', 'WITHDRAWN'] }],
      [
        'a state, a program and a type',
        { states: [s1], programId: programs.one, submissionTypes: ['CONTRACT_ONLY'] },
      ],
      ['assigned to a reviewer', { reviewerId: reviewer }],
      ['assigned to a reviewer, in their states', { reviewerId: reviewer, states }],
      ['assigned to a reviewer with one filing', { reviewerId: world.loneReviewer }],
      [
        'assigned to a reviewer, statuses and a type',
        {
          reviewerId: reviewer,
          statuses: ['SUBMITTED', 'RESUBMITTED', 'DRAFT'],
          submissionTypes: ['CONTRACT_ONLY'],
        },
      ],
      [
        'every filter',
        {
          states: [...states, outside],
          submissionTypes: ['CONTRACT_AND_RATES'],
          statuses: ['SUBMITTED', 'UNLOCKED', 'RESUBMITTED'],
          programId: programs.one,
        },
      ],
    ];
  };

  it('filters by each filter alone and combined, in both views, as the summaries say', async () => {
    for (const view of VIEWS) {
      for (const [name, filters] of filterCases()) {
        const q = query({ view, ...filters });
        const expected = expectedList(q, everything());
        const listed = await listAll(q, 100);
        expect(listed, `${view}: ${name}`).toEqual(expected);
      }
    }
    // The world is built so that every filter selects something in the view that shows drafts.
    for (const [name, filters] of filterCases()) {
      expect(expectedList(query(filters), everything()).length, name).toBeGreaterThan(0);
    }
  });

  it('orders by every sort in both directions, with every filter, paging without skipping or repeating', async () => {
    for (const view of VIEWS) {
      for (const sort of SORTS) {
        for (const [name, filters] of filterCases()) {
          const q = query({ view, sort, ...filters });
          const listed = await listAll(q, 4);
          expect(listed, `${view} ${sort.by} ${sort.direction}: ${name}`).toEqual(
            expectedList(q, everything()),
          );
        }
      }
    }
  });

  it('puts contracts never submitted after every submitted one in both directions of the SUBMITTED sort', async () => {
    for (const direction of ['ASC', 'DESC'] as const) {
      const q = query({ states: world.states, sort: { by: 'SUBMITTED', direction } });
      const listed = await listAll(q, 3);
      const firstDraft = listed.findIndex((s) => s.firstSubmittedAt === null);
      expect(firstDraft, direction).toBeGreaterThan(0);
      expect(
        listed.slice(firstDraft).every((s) => s.firstSubmittedAt === null),
        direction,
      ).toBe(true);
      expect(listed, direction).toEqual(expectedList(q, everything()));
    }
  });

  it('lists the same whatever the page size, each contract once', async () => {
    for (const view of VIEWS) {
      for (const sort of SORTS) {
        const q = query({ view, sort, states: world.states });
        const whole = await listAll(q, 100);
        expect(whole.length).toBeGreaterThan(5);
        for (const limit of [1, 2, 5]) {
          expect(await listAll(q, limit), `${view} ${sort.by} ${sort.direction} by ${limit}`).toEqual(whole);
        }
        expect(new Set(whole.map((s) => s.id)).size).toBe(whole.length);
      }
    }
  });

  it('lists nothing for an empty filter, and nothing of a state or program it does not hold', async () => {
    const empty = { items: [], nextCursor: null };
    expect(await list(query({ states: [] }), { limit: 10 })).toEqual(empty);
    expect(await list(query({ statuses: [] }), { limit: 10 })).toEqual(empty);
    expect(await list(query({ submissionTypes: [] }), { limit: 10 })).toEqual(empty);
    expect(await list(query({ states: [await freshState(t.datastore)] }), { limit: 10 })).toEqual(empty);
    expect(await list(query({ view: 'SUBMITTED', programId: newId() }), { limit: 10 })).toEqual(empty);
    expect(await list(query({ reviewerId: newId() }), { limit: 10 })).toEqual(empty);
  });

  it('refuses a cursor of "Assigned to me" for the list without it, and the other way round', async () => {
    const assigned = query({ reviewerId: world.reviewer });
    const first = await list(assigned, { limit: 1 });
    expect(first.nextCursor).not.toBeNull();
    await expect(list(query(), { limit: 1, cursor: first.nextCursor })).rejects.toThrow(InvalidCursorError);
    const other = await list(query(), { limit: 1 });
    await expect(list(assigned, { limit: 1, cursor: other.nextCursor })).rejects.toThrow(InvalidCursorError);
    await expect(
      list(query({ reviewerId: world.loneReviewer }), { limit: 1, cursor: first.nextCursor }),
    ).rejects.toThrow(InvalidCursorError);
  });

  /**
   * Pages through one state's list while other contracts are created and changed between pages, some of them
   * moving across the position the client has reached: every contract left alone is listed once, in order.
   */
  async function pageWhileOthersChange(view: (typeof VIEWS)[number], sort: ContractListQuery['sort']) {
    const base = '2500-01-01T00:00:00.000Z';
    const time = (seconds: number) => at(seconds * 1000, base);
    const stateCode = await freshState(t.datastore);
    const programs = [newId()];
    const contracts: Contract[] = [];
    for (let i = 0; i < 9; i++) {
      const created = await create(stateCode, time(i), {
        programs,
        type: i % 2 ? 'CONTRACT_ONLY' : 'CONTRACT_AND_RATES',
      });
      contracts.push(i % 3 === 0 ? created : await submitAt(created, time(20 + i)));
    }
    const q = query({ view, sort, states: [stateCode] });
    const before = expectedList(
      q,
      contracts.map((c) => summaryFactsOf(written.get(c.id) ?? c)),
    );

    const touched = new Set<string>();
    const seen: string[] = [];
    let cursor: string | null = null;
    let step = 0;
    do {
      const page = await list(q, { limit: 2, cursor });
      seen.push(...page.items.map((s) => s.id));
      cursor = page.nextCursor;
      step += 1;
      // A new contract, and a change to one of the contracts, alternating between the early and the late ones,
      // at times before, between and after the others'.
      const created = await create(stateCode, time(step % 2 ? 40 + step : step / 4), { programs });
      touched.add(created.id);
      // Four of the nine at most, so that most are left alone.
      const target = step <= 4 ? contracts[(step * 4) % contracts.length] : undefined;
      const current = target && written.get(target.id);
      if (current) {
        const moment = time(step % 2 ? 50 + step : 15 + step / 10);
        const changed = current.revisions.at(-1)?.submitted
          ? await unlockAt(current, moment)
          : await (step % 3 ? submitAt(current, moment) : saveAt(current, { programs }, moment));
        touched.add(changed.id);
      }
    } while (cursor !== null);

    const untouched = (ids: string[]) => ids.filter((id) => !touched.has(id));
    expect(untouched(seen), `${view} ${sort.by} ${sort.direction}`).toEqual(
      untouched(before.map((s) => s.id)),
    );
    expect(untouched(before.map((s) => s.id)).length).toBeGreaterThan(view === 'LATEST' ? 4 : 2);
  }

  for (const view of VIEWS) {
    for (const sort of SORTS) {
      it(`pages through the ${view} view by ${sort.by} ${sort.direction} while others are created and changed`, () =>
        pageWhileOthersChange(view, sort));
    }
  }

  it('refuses the cursor of another query, and takes it back for the same query written otherwise', async () => {
    const [s1, s2] = world.states;
    if (s1 === undefined || s2 === undefined) throw new Error('The world is not built');
    const q = query({ states: [s1, s2], sort: { by: 'NAME', direction: 'ASC' } });
    const first = await list(q, { limit: 2 });
    const cursor = first.nextCursor;
    if (cursor === null) throw new Error('Expected a second page');

    const second = await list(q, { limit: 2, cursor });
    expect(second.items).toEqual(expectedList(q, everything()).slice(2, 4));
    // The same query with its states in another order, one twice: the same list, so the same cursor serves.
    expect(await list({ ...q, states: [s2, s1, s2] }, { limit: 2, cursor })).toEqual(second);

    const others: [string, ContractListQuery][] = [
      ['another direction', { ...q, sort: { by: 'NAME', direction: 'DESC' } }],
      ['another sort with a key of the same shape', { ...q, sort: { by: 'UPDATED', direction: 'ASC' } }],
      ['another view', { ...q, view: 'SUBMITTED' }],
      ['another state filter', { ...q, states: [s1] }],
      ['no state filter', { ...q, states: null }],
      ['a status filter', { ...q, statuses: ['DRAFT'] }],
      ['a type filter', { ...q, submissionTypes: ['CONTRACT_ONLY'] }],
      ['a program filter', { ...q, programId: world.programs.one }],
    ];
    for (const [name, other] of others) {
      await expect(list(other, { limit: 2, cursor }), name).rejects.toBeInstanceOf(InvalidCursorError);
    }
  });

  it('refuses forged cursors before asking the engine, and cursors of the older lists', async () => {
    const id = '01900000-0000-7000-8000-000000000000';
    const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
    const byName = query({ sort: { by: 'NAME', direction: 'ASC' } });
    const byUpdate = query({ view: 'SUBMITTED', sort: { by: 'UPDATED', direction: 'DESC' } });
    const bySubmission = query({ sort: { by: 'SUBMITTED', direction: 'DESC' } });
    const [nameQ, updateQ, submissionQ] = [byName, byUpdate, bySubmission].map(contractListFingerprint);

    await expectEachCursorRefused(
      {
        ...FORGED_NUMBER_CURSORS,
        'a key of another sort': cursorOf({ q: nameQ, k: ['2026-01-02T03:04:05.678Z', id] }),
        'a state number past the integers': cursorOf({ q: nameQ, k: ['MN', 2147483648, id] }),
        'a state number of zero': cursorOf({ q: nameQ, k: ['MN', 0, id] }),
        'an empty state': cursorOf({ q: nameQ, k: ['', 3, id] }),
        'a NUL in the state': cursorOf({ q: nameQ, k: ['M\u0000', 3, id] }),
        'an id that is not a uuid': cursorOf({ q: nameQ, k: ['MN', 3, 'contract-1'] }),
        'another field': cursorOf({ q: nameQ, k: ['MN', 3, id], x: 1 }),
        'no fingerprint': cursorOf({ k: ['MN', 3, id] }),
      },
      (cursor) => list(byName, { limit: 5, cursor }),
    );
    await expectEachCursorRefused(
      {
        ...FORGED_TIME_CURSORS,
        'a bare time and id': cursorOf(['2026-01-02T03:04:05.678Z', id]),
        'year 10000': cursorOf({ q: updateQ, k: ['+010000-01-01T00:00:00.000Z', id] }),
        'an impossible day': cursorOf({ q: updateQ, k: ['2025-02-30T00:00:00.000Z', id] }),
        'no time': cursorOf({ q: updateQ, k: [null, id] }),
      },
      (cursor) => list(byUpdate, { limit: 5, cursor }),
    );
    await expectEachCursorRefused(
      {
        'not a time': cursorOf({ q: submissionQ, k: ['yesterday', id] }),
        'a number': cursorOf({ q: submissionQ, k: [7, id] }),
      },
      (cursor) => list(bySubmission, { limit: 5, cursor }),
    );
    // The older lists' cursors are not this list's.
    const stateCode = world.states[0] ?? '';
    const older = await t.datastore.contracts.listByState(stateCode, { limit: 1 });
    const olderCursor = older.nextCursor;
    expect(olderCursor).not.toBeNull();
    await expect(list(byName, { limit: 5, cursor: olderCursor })).rejects.toBeInstanceOf(InvalidCursorError);
  });

  it('answers summaries equal to the stored contracts after the changes that move them', async () => {
    const [s1] = world.states;
    if (s1 === undefined) throw new Error('The world is not built');
    const q = query({ states: [s1], sort: { by: 'NAME', direction: 'DESC' } });
    for (const summary of await listAll(q, 100)) {
      expect(summary).toEqual(summaryFactsOf(await t.datastore.contracts.get(summary.id)));
    }
  });
});
