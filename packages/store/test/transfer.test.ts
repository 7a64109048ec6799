import {
  DEFAULT_EMAIL_SETTINGS,
  newId,
  normalizeEmail,
  summaryFactsOf,
  UniquenessError,
  type Contract,
  type Program,
  type Rate,
} from '@docket/domain';
import { expect, it } from 'vitest';
import type { ContractChange } from '../src/contract-store';
import { TRANSFER_KINDS, type TransferKind, type TransferRecords } from '../src/data-transfer';
import type { Datastore } from '../src/datastore';
import {
  addNewRates,
  allEvents,
  allPages,
  at,
  buildActor,
  buildApply,
  buildContractInput,
  buildEvent,
  buildReviewerAssignment,
  buildSession,
  buildUser,
  describeEachDatastore,
  freshState,
  openRate,
  reviewAction,
  submitWithRates,
  unlock,
} from './conformance';

/** Every record of a kind, read a batch at a time; checks each batch's size and that only the last has no cursor. */
async function readAll<K extends TransferKind>(
  datastore: Datastore,
  kind: K,
  batchSize = 100,
): Promise<TransferRecords[K][]> {
  const out: TransferRecords[K][] = [];
  let ended = false;
  for await (const batch of datastore.transfer.read(kind, { batchSize })) {
    expect(ended, `${kind}: a batch after the one with a null cursor`).toBe(false);
    expect(batch.records.length).toBeLessThanOrEqual(batchSize);
    out.push(...batch.records);
    ended = batch.cursor === null;
  }
  if (out.length > 0) expect(ended, `${kind}: the last batch has a null cursor`).toBe(true);
  return out;
}

/** The key a record is known by, to compare reads as sets. */
function keyOf(kind: TransferKind, record: TransferRecords[TransferKind]): string {
  if (kind === 'states') return (record as TransferRecords['states']).code;
  if (kind === 'users') return (record as TransferRecords['users']).user.id;
  if (kind === 'emailSettings') return String((record as TransferRecords['emailSettings']).version);
  if (kind === 'reviewers') {
    const reviewer = record as TransferRecords['reviewers'];
    return `${reviewer.contractId}/${reviewer.userId}`;
  }
  return (record as { id: string }).id;
}

function byKey<T>(kind: TransferKind, records: readonly T[]): T[] {
  const key = (r: T) => keyOf(kind, r as TransferRecords[TransferKind]);
  return [...records].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

function keysOf(kind: TransferKind, records: readonly TransferRecords[TransferKind][]): string[] {
  return records.map((r) => keyOf(kind, r));
}

/** Applies one change, as a use case would, and returns the contract after it. */
function change(datastore: Datastore, contract: Contract, next: ContractChange): Promise<Contract> {
  return datastore.contracts.apply(contract.id, buildApply(contract, next));
}

/** Unlocks a contract, opening a new draft revision on each rate it owns. */
async function reopen(datastore: Datastore, contract: Contract, time: string): Promise<Contract> {
  const rates = await datastore.rates.listByParent(contract.id);
  return change(
    datastore,
    contract,
    unlock(contract, { at: time, rates: { open: rates.map((r) => openRate(r)) } }),
  );
}

/**
 * A state of its own with two contracts: one submitted, unlocked, resubmitted and approved with an MC-CRS number
 * (three revisions, one review action) that owns a rate with three submitted revisions, one still a draft with a
 * draft rate; a user with a password, a session and a lone event.
 */
async function seedFilings(datastore: Datastore) {
  const stateCode = await freshState(datastore);
  const program: Program = {
    id: newId(),
    stateCode,
    name: 'TESTCARE',
    fullName: 'Test Care Program',
    isRateProgram: false,
    isDeprecated: false,
  };
  await datastore.states.upsertPrograms([program]);

  // The filed contract owns a rate, submitted with each of its submissions and opened by each unlock.
  let filed = await datastore.contracts.create(buildContractInput(stateCode));
  const ratesAdded = await addNewRates(datastore, filed, 1);
  filed = ratesAdded.contract;
  const rateId = ratesAdded.rates[0]?.id ?? '';
  filed = (await submitWithRates(datastore, filed, { at: at(1_000) })).contract;
  filed = await reopen(datastore, filed, at(2_000));
  filed = (await submitWithRates(datastore, filed, { at: at(3_000), reason: 'Dates fixed' })).contract;
  filed = await reopen(datastore, filed, at(4_000));
  filed = (await submitWithRates(datastore, filed, { at: at(5_000), reason: 'Contacts fixed' })).contract;
  filed = await change(datastore, filed, reviewAction({ at: at(6_000) }));
  filed = await change(datastore, filed, { kind: 'SET_MCCRS_ID', mccrsId: '1234' });
  // The rate's own review actions travel with it.
  const rateReview = (action: 'WITHDRAW' | 'UNDO_WITHDRAW', time: string): ContractChange => ({
    kind: 'RATE_REVIEW',
    draftRateLinks: null,
    rates: {
      review: [
        {
          rateId,
          reviewAction: {
            id: newId(),
            action,
            at: time,
            by: buildActor({ role: 'CMS_USER' }),
            reason: `${action} for the test`,
            contractIds: [filed.id],
          },
        },
      ],
    },
  });
  filed = await change(datastore, filed, rateReview('WITHDRAW', at(6_500)));
  filed = await change(datastore, filed, rateReview('UNDO_WITHDRAW', at(6_600)));
  const created = await datastore.contracts.create(buildContractInput(stateCode, { at: at(7_000) }));
  const withDraftRate = await addNewRates(datastore, created, 1);
  const draft = withDraftRate.contract;
  const rate = await datastore.rates.get(rateId);
  if (rate.reviewActions.length !== 2) throw new Error('The rate’s review actions were not stored');
  const draftRate = await datastore.rates.get(withDraftRate.rates[0]?.id ?? '');

  const user = buildUser({ email: `Transfer.${newId()}@Example.test` });
  await datastore.users.create({
    user,
    passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA',
    event: buildEvent({ action: 'CREATE_USER', details: { userId: user.id } }),
  });
  const session = buildSession({ userId: user.id, expiresAt: '2999-01-01T00:00:00.000Z' });
  await datastore.sessions.create(session);
  const lone = buildEvent({ action: 'LOGIN', stateCode: null });
  await datastore.events.append(lone);
  const settings = await datastore.settings.updateEmailSettings({
    expectedVersion: (await datastore.settings.getEmailSettings()).version,
    settings: {
      ...DEFAULT_EMAIL_SETTINGS,
      dmcoEmails: ['dmco@example.test'],
      senderEmail: 'docket@example.test',
    },
    savedAt: at(8_000),
    savedBy: buildActor({ role: 'ADMIN' }),
    event: buildEvent({ action: 'UPDATE_EMAIL_SETTINGS' }),
  });

  const reviewer = buildReviewerAssignment({
    userId: user.id,
    email: normalizeEmail(user.email),
    at: at(8_000),
  });
  await datastore.contracts.assignReviewer(filed.id, {
    reviewer,
    event: buildEvent({ action: 'ASSIGN_REVIEWER', contractId: filed.id, stateCode }),
  });

  return { stateCode, program, filed, draft, rate, draftRate, user, session, lone, reviewer, settings };
}

/** Copies every kind from one datastore to another, as `docket copy` does, in batches of `batchSize`. */
async function copyAll(source: Datastore, target: Datastore, batchSize: number): Promise<void> {
  for (const kind of TRANSFER_KINDS) {
    for await (const batch of source.transfer.read(kind, { batchSize })) {
      await target.transfer.write(kind, batch.records);
    }
  }
}

describeEachDatastore('DataTransfer', (t) => {
  it('reads every kind: exactly the parsed records the stores hold, each once', async () => {
    const seeded = await seedFilings(t.datastore);
    const ds = t.datastore;

    const states = await readAll(ds, 'states');
    expect(byKey('states', states)).toEqual(byKey('states', await ds.states.listStates()));
    expect(states).toContainEqual({
      ...(await ds.states.getState(seeded.stateCode)),
      lastContractNumber: 2,
      lastRateNumber: 2,
    });

    const programs = await readAll(ds, 'programs');
    const storedPrograms: Program[] = [];
    for (const state of states) storedPrograms.push(...(await ds.states.listPrograms(state.code)));
    expect(byKey('programs', programs)).toEqual(byKey('programs', storedPrograms));
    expect(programs).toContainEqual(seeded.program);

    const users = await readAll(ds, 'users');
    const listed = await allPages((page) => ds.users.list(page));
    expect(byKey('users', users)).toEqual(
      byKey('users', await Promise.all(listed.map((u) => ds.users.findByEmail(u.email)))),
    );
    expect(users).toContainEqual(await ds.users.findByEmail(seeded.user.email));

    const sessions = await readAll(ds, 'sessions');
    expect(sessions).toContainEqual(seeded.session);

    const contracts = await readAll(ds, 'contracts');
    expect(byKey('contracts', contracts.map(summaryFactsOf))).toEqual(
      byKey('contracts', await allPages((page) => ds.contracts.listAll(page))),
    );
    expect(contracts).toContainEqual(await ds.contracts.get(seeded.filed.id));
    expect(contracts).toContainEqual(await ds.contracts.get(seeded.draft.id));
    expect(seeded.filed.revisions).toHaveLength(3);
    expect(seeded.filed.reviewActions).toHaveLength(1);

    const rates = await readAll(ds, 'rates');
    const ratesOfContracts = await Promise.all(contracts.map((c) => ds.rates.listByParent(c.id)));
    expect(byKey('rates', rates)).toEqual(byKey('rates', ratesOfContracts.flat()));
    expect(rates).toContainEqual(seeded.rate);
    expect(rates).toContainEqual(seeded.draftRate);
    expect(seeded.rate.revisions.map((r) => r.submitted?.reason ?? null)).toEqual([
      null,
      'Dates fixed',
      'Contacts fixed',
    ]);

    const reviewers = await readAll(ds, 'reviewers');
    expect(reviewers).toContainEqual({ ...seeded.reviewer, contractId: seeded.filed.id });
    const assignedPerContract = await Promise.all(
      contracts.map(async (c) =>
        (await ds.contracts.getFiling(c.id)).reviewers.map((r) => ({ ...r, contractId: c.id })),
      ),
    );
    expect(byKey('reviewers', reviewers)).toEqual(byKey('reviewers', assignedPerContract.flat()));

    const events = await readAll(ds, 'events');
    expect(byKey('events', events)).toEqual(byKey('events', await allEvents(ds)));
    expect(events).toContainEqual(seeded.lone);

    const emailSettings = await readAll(ds, 'emailSettings');
    expect(emailSettings).toEqual(await allPages((page) => ds.settings.listEmailSettingsVersions(page)));
    expect(emailSettings).toContainEqual(seeded.settings);

    const read = { states, programs, users, sessions, contracts, rates, reviewers, events, emailSettings };
    for (const kind of TRANSFER_KINDS) {
      const keys = keysOf(kind, read[kind]);
      expect(new Set(keys).size, `${kind} read once each`).toBe(keys.length);
      expect(await ds.transfer.count(kind), `count of ${kind}`).toBe(keys.length);
    }
  });

  it('reads in batches no larger than asked, and resumes after any cursor without skipping or repeating', async () => {
    await seedFilings(t.datastore);
    for (const kind of TRANSFER_KINDS) {
      const whole = keysOf(kind, await readAll(t.datastore, kind, 1000));
      const batches: { keys: string[]; cursor: string | null }[] = [];
      for await (const batch of t.datastore.transfer.read(kind, { batchSize: 7 })) {
        expect(batch.records.length).toBeLessThanOrEqual(7);
        batches.push({ keys: keysOf(kind, batch.records), cursor: batch.cursor });
      }
      expect(batches.flatMap((b) => b.keys).sort(), kind).toEqual([...whole].sort());
      expect(batches.at(-1)?.cursor).toBeNull();

      // Resume after a batch in the middle, as an interrupted copy does.
      const stop = Math.floor(batches.length / 2);
      const cursor = batches[stop]?.cursor ?? null;
      if (cursor === null) continue;
      const resumed: string[] = [];
      for await (const batch of t.datastore.transfer.read(kind, { after: cursor, batchSize: 5 })) {
        resumed.push(...keysOf(kind, batch.records));
      }
      const before = batches.slice(0, stop + 1).flatMap((b) => b.keys);
      expect([...before, ...resumed].sort(), `${kind} resumed`).toEqual([...whole].sort());
      expect(new Set([...before, ...resumed]).size).toBe(whole.length);
    }
  });

  it('writes what it read into a fresh datastore: the port reads the same records there', async () => {
    const seeded = await seedFilings(t.datastore);
    const source = t.datastore;
    const target = await t.adapter.create();
    try {
      for (const kind of TRANSFER_KINDS) {
        expect(await target.transfer.count(kind), `fresh ${kind}`).toBe(0);
        expect(await readAll(target, kind)).toEqual([]);
      }

      await copyAll(source, target, 50);

      for (const kind of TRANSFER_KINDS) {
        expect(await target.transfer.count(kind), kind).toBe(await source.transfer.count(kind));
      }
      expect(await target.contracts.get(seeded.filed.id)).toEqual(seeded.filed);
      expect(await target.contracts.get(seeded.draft.id)).toEqual(seeded.draft);
      expect(await target.rates.getMany([seeded.rate.id, seeded.draftRate.id])).toEqual([
        seeded.rate,
        seeded.draftRate,
      ]);
      const linkable = (ds: Datastore) => allPages((page) => ds.rates.listLinkable(seeded.stateCode, page));
      expect(await linkable(target)).toEqual(await linkable(source));
      expect(await target.rates.listByParent(seeded.filed.id)).toEqual([seeded.rate]);
      const list = (ds: Datastore) => allPages((page) => ds.contracts.listByState(seeded.stateCode, page));
      expect(await list(target)).toEqual(await list(source));
      const submitted = (ds: Datastore) => allPages((page) => ds.contracts.listSubmitted(page));
      expect(await submitted(target)).toEqual(await submitted(source));
      expect(await allEvents(target)).toEqual(await allEvents(source));
      expect(await target.events.listForContract(seeded.filed.id)).toEqual(
        await source.events.listForContract(seeded.filed.id),
      );
      expect(await target.users.findByEmail(seeded.user.email.toUpperCase())).toEqual(
        await source.users.findByEmail(seeded.user.email),
      );
      expect(await target.sessions.get(seeded.session.id, at(0))).toEqual(seeded.session);
      expect(await target.settings.getEmailSettings()).toEqual(await source.settings.getEmailSettings());
      // Derived from the users and the reviewers as written: the lists of users, "Assigned to me" and the filing.
      for (const state of seeded.user.assignedStates) {
        expect(await target.users.listAnalysts(state), state).toEqual(await source.users.listAnalysts(state));
      }
      const reviewers = (ds: Datastore) => allPages((page) => ds.users.listAssignableReviewers(page));
      expect(await reviewers(target)).toEqual(await reviewers(source));
      const assigned = (ds: Datastore) =>
        allPages((page) =>
          ds.contracts.listContracts(
            {
              view: 'LATEST',
              states: null,
              submissionTypes: null,
              statuses: null,
              programId: null,
              reviewerId: seeded.reviewer.userId,
              sort: { by: 'UPDATED', direction: 'DESC' },
            },
            page,
          ),
        );
      expect((await assigned(target)).map((c) => c.id)).toEqual([seeded.filed.id]);
      expect((await target.contracts.getFiling(seeded.filed.id)).reviewers).toEqual([seeded.reviewer]);
      expect(await target.states.listPrograms(seeded.stateCode)).toEqual([seeded.program]);
      expect(await target.states.getState(seeded.stateCode)).toEqual(
        await source.states.getState(seeded.stateCode),
      );

      // The counter came along: the next contract of the state continues its numbering.
      const next = await target.contracts.create(buildContractInput(seeded.stateCode));
      expect(next.stateNumber).toBe(3);
      // And so did the rate counter.
      const { rates: nextRates } = await addNewRates(target, next, 1);
      expect(nextRates.map((r) => r.stateNumber)).toEqual([3]);
    } finally {
      await target.close();
    }
  });

  it('writes idempotently: the same batches written twice change nothing', async () => {
    const seeded = await seedFilings(t.datastore);
    const ds = t.datastore;
    const before = Object.fromEntries(
      await Promise.all(TRANSFER_KINDS.map(async (kind) => [kind, byKey(kind, await readAll(ds, kind))])),
    );

    await copyAll(ds, ds, 40);
    await copyAll(ds, ds, 40);

    for (const kind of TRANSFER_KINDS) {
      expect(byKey(kind, await readAll(ds, kind)), kind).toEqual(before[kind]);
    }
    expect(await ds.contracts.get(seeded.filed.id)).toEqual(seeded.filed);
    expect(await ds.rates.get(seeded.rate.id)).toEqual(seeded.rate);
    expect(await ds.events.listForContract(seeded.filed.id)).toHaveLength(12);
  });

  it('replaces a contract whole: written again with fewer revisions, it keeps exactly the new ones', async () => {
    const { filed } = await seedFilings(t.datastore);
    const ds = t.datastore;
    const cut: Contract = { ...filed, version: 4, revisions: filed.revisions.slice(0, 2), reviewActions: [] };

    await ds.transfer.write('contracts', [cut]);
    expect(await ds.contracts.get(filed.id)).toEqual(cut);

    await ds.transfer.write('contracts', [filed]);
    expect(await ds.contracts.get(filed.id)).toEqual(filed);
  });

  it('replaces a rate whole: its revisions are exactly the ones written, and it is linkable only if submitted', async () => {
    const { rate, stateCode } = await seedFilings(t.datastore);
    const ds = t.datastore;
    const [firstRevision] = rate.revisions;
    if (!firstRevision) throw new Error('no revision');
    const linkableIds = async () =>
      (await allPages((page) => ds.rates.listLinkable(stateCode, page))).map((r) => r.id);
    const cut: Rate = { ...rate, revisions: [firstRevision] };

    await ds.transfer.write('rates', [cut]);
    expect(await ds.rates.get(rate.id)).toEqual(cut);
    expect(await linkableIds()).toEqual([rate.id]);

    const unsubmitted: Rate = { ...rate, revisions: [{ ...firstRevision, submitted: null }] };
    await ds.transfer.write('rates', [unsubmitted]);
    expect(await ds.rates.get(rate.id)).toEqual(unsubmitted);
    expect(await linkableIds()).toEqual([]);

    await ds.transfer.write('rates', [rate]);
    expect(await ds.rates.get(rate.id)).toEqual(rate);
    expect(await linkableIds()).toEqual([rate.id]);
  });

  it('writes the records as given, times and counters included', async () => {
    const stateCode = await freshState(t.datastore);
    const ds = t.datastore;
    await ds.transfer.write('states', [
      { code: stateCode, name: 'Renamed', lastContractNumber: 41, lastRateNumber: 7 },
    ]);
    const event = buildEvent({ at: '2001-02-03T04:05:06.007Z', details: { n: 1.5, ok: false, none: null } });
    await ds.transfer.write('events', [event]);

    expect(await ds.states.getState(stateCode)).toEqual({
      code: stateCode,
      name: 'Renamed',
      lastContractNumber: 41,
      lastRateNumber: 7,
    });
    expect((await ds.contracts.create(buildContractInput(stateCode))).stateNumber).toBe(42);
    expect((await allEvents(ds)).find((e) => e.id === event.id)).toEqual(event);
  });

  it('refuses a user whose email another user holds, in any case, with UniquenessError', async () => {
    const ds = t.datastore;
    const taken = buildUser();
    await ds.users.create({ user: taken, passwordHash: null, event: buildEvent({ action: 'CREATE_USER' }) });
    const other = buildUser({ email: taken.email.toUpperCase() });

    await expect(ds.transfer.write('users', [{ user: other, passwordHash: null }])).rejects.toBeInstanceOf(
      UniquenessError,
    );
    await expect(ds.users.get(other.id)).rejects.toThrow();
    expect((await ds.users.findByEmail(taken.email))?.user).toEqual(taken);
  });

  it('counts every kind', async () => {
    const ds = t.datastore;
    const before = Object.fromEntries(
      await Promise.all(TRANSFER_KINDS.map(async (kind) => [kind, await ds.transfer.count(kind)])),
    );
    const stateCode = await freshState(ds);
    await ds.states.upsertPrograms([
      { id: newId(), stateCode, name: 'X', fullName: 'X', isRateProgram: true, isDeprecated: false },
    ]);
    const user = buildUser();
    await ds.users.create({ user, passwordHash: null, event: buildEvent({ action: 'CREATE_USER' }) });
    await ds.sessions.create(buildSession({ userId: user.id }));
    const contract = await ds.contracts.create(buildContractInput(stateCode));
    await addNewRates(ds, contract, 1);
    await ds.settings.updateEmailSettings({
      expectedVersion: (await ds.settings.getEmailSettings()).version,
      settings: DEFAULT_EMAIL_SETTINGS,
      savedAt: at(0),
      savedBy: null,
      event: buildEvent({ action: 'UPDATE_EMAIL_SETTINGS' }),
    });
    await ds.contracts.assignReviewer(contract.id, {
      reviewer: buildReviewerAssignment({ userId: user.id }),
      event: buildEvent({ action: 'ASSIGN_REVIEWER', contractId: contract.id }),
    });

    const added: Record<TransferKind, number> = {
      states: 1,
      programs: 1,
      users: 1,
      sessions: 1,
      contracts: 1,
      rates: 1,
      reviewers: 1,
      events: 5,
      emailSettings: 1,
    };
    for (const kind of TRANSFER_KINDS) {
      expect(await ds.transfer.count(kind), kind).toBe((before[kind] ?? 0) + added[kind]);
    }
  });
});
