import { isFilingMilestone, NotFoundError, VersionConflictError, type Contract } from '@docket/domain';
import { expect, it } from 'vitest';
import type { ContractChange } from '../src/contract-store';
import { meterStatements } from '../src/statement-meter';
import {
  buildApply,
  buildContractInput,
  describeEachDatastore,
  draftLinks,
  filedWithRates,
  fixedLinks,
  freshState,
  newRate,
  openRate,
  saveDraft,
  saveRate,
  submit,
  submitRate,
  unlock,
} from './conformance';

/**
 * `ContractStore.getFiling`: a filing as its summary page shows it — the snapshot of `getWithRates`, the history of
 * the contract's changes read with it, and the other contracts whose rates it links — at the cost the port states.
 */
describeEachDatastore('Contracts: a filing with its history and its rates’ parents', (t) => {
  const apply = (contract: Contract, change: ContractChange) =>
    t.datastore.contracts.apply(contract.id, buildApply(contract, change));

  /** A contract with a rate of its own and a rate of another filing, saved once; and that other filing. */
  async function filingWithLinkedRate() {
    const stateCode = await freshState(t.datastore);
    const other = await filedWithRates(t.datastore, stateCode, 1);
    const [linked] = other.rates;
    if (!linked) throw new Error('no rate');
    const input = buildContractInput(stateCode);
    const created = await t.datastore.contracts.create(input);
    const own = newRate();
    const save = buildApply(
      created,
      saveDraft(created, undefined, {
        rateLinks: [...draftLinks(own.id), ...fixedLinks(linked)],
        rates: { create: [own] },
      }),
    );
    const saved = await t.datastore.contracts.apply(created.id, save);
    return { saved, other, events: [input.event, save.event] };
  }

  it('reads the snapshot, the history of its changes and the other contracts whose rates it links', async () => {
    const { saved, other, events } = await filingWithLinkedRate();

    const filing = await t.datastore.contracts.getFiling(saved.id);

    expect({ contract: filing.contract, rates: filing.rates }).toEqual(
      await t.datastore.contracts.getWithRates(saved.id),
    );
    // Its creation; the draft save that followed is in the event log only.
    expect(filing.history).toEqual(events.slice(0, 1));
    expect(await t.datastore.events.listForContract(saved.id)).toEqual(events);
    expect(filing.rateParents).toEqual([await t.datastore.contracts.get(other.contract.id)]);
    // A filing whose rates are all its own names no other contract.
    expect((await t.datastore.contracts.getFiling(other.contract.id)).rateParents).toEqual([]);
  });

  it('keeps the history in order, one event per change, through the review cycle', async () => {
    const stateCode = await freshState(t.datastore);
    const input = buildContractInput(stateCode);
    let contract = await t.datastore.contracts.create(input);
    const events = [input.event];
    for (const change of [
      (c: Contract) => submit(c),
      (c: Contract) => unlock(c),
      (c: Contract) => saveDraft(c),
      (c: Contract) => submit(c, { reason: 'Fixed' }),
    ]) {
      const applied = buildApply(contract, change(contract));
      contract = await t.datastore.contracts.apply(contract.id, applied);
      events.push(applied.event);
    }

    const filing = await t.datastore.contracts.getFiling(contract.id);
    expect(filing.contract).toEqual(contract);
    expect(filing.history.map((event) => event.action)).toEqual([
      'CREATE_CONTRACT',
      'SUBMIT',
      'UNLOCK',
      'SUBMIT',
    ]);
    expect(filing.history).toEqual(events.filter(isFilingMilestone));
    expect(await t.datastore.events.listForContract(contract.id)).toEqual(events);
  });

  it('leaves draft saves out of the history, however many there are', async () => {
    const stateCode = await freshState(t.datastore);
    const input = buildContractInput(stateCode);
    let contract = await t.datastore.contracts.create(input);
    for (let save = 0; save < 30; save++) contract = await apply(contract, saveDraft(contract));
    const submitted = buildApply(contract, submit(contract));
    contract = await t.datastore.contracts.apply(contract.id, submitted);

    const filing = await t.datastore.contracts.getFiling(contract.id);
    expect(filing.contract.version).toBe(32);
    expect(filing.history).toEqual([input.event, submitted.event]);
    expect(await t.datastore.events.listForContract(contract.id)).toHaveLength(32);
  });

  it('refuses an unknown or malformed id with NotFoundError', async () => {
    const known = (await t.datastore.contracts.create(buildContractInput(await freshState(t.datastore)))).id;
    await expect(
      t.datastore.contracts.getFiling(`${known.slice(0, -12)}000000000000`),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(t.datastore.contracts.getFiling('not-a-uuid')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('costs one statement on SQL; on DynamoDB the snapshot’s requests, the reviewers and one Query per other contract', async () => {
    const { saved } = await filingWithLinkedRate();
    const { count } = await meterStatements(() => t.datastore.contracts.getFiling(saved.id));
    // DynamoDB: the partition's Query (with the history), a BatchGet of the rates, one TransactGetItems, the
    // other filing's Query, and the Query of the filing's assigned reviewers (kept apart: ADR 0032).
    expect(count).toEqual({
      statements: t.datastore.kind === 'dynamodb' ? 5 : 1,
      transactionControl: 0,
      datastoreMs: expect.any(Number),
    });
  });

  it('reads the history with the contract it goes with, however changes race the reads', async () => {
    const stateCode = await freshState(t.datastore);
    let contract = await t.datastore.contracts.create(buildContractInput(stateCode));
    contract = await apply(contract, submit(contract));
    // The milestones a filing has at each version: unlocks and resubmissions count, the saves between do not.
    const milestonesAt = new Map([[contract.version, 2]]);
    let writing = true;
    const reads: { version: number; history: number }[] = [];
    const reader = (async () => {
      while (writing) {
        const filing = await t.datastore.contracts.getFiling(contract.id);
        reads.push({ version: filing.contract.version, history: filing.history.length });
      }
    })();
    try {
      for (let round = 0; round < 4; round++) {
        let milestones = milestonesAt.get(contract.version) ?? 0;
        for (const change of [
          (c: Contract) => unlock(c),
          (c: Contract) => saveDraft(c),
          (c: Contract) => submit(c, { reason: 'Fixed' }),
        ]) {
          const next = change(contract);
          contract = await apply(contract, next);
          if (next.kind !== 'SAVE_DRAFT') milestones += 1;
          milestonesAt.set(contract.version, milestones);
        }
      }
    } finally {
      writing = false;
    }
    await reader;
    expect(reads.length).toBeGreaterThan(0);
    for (const read of reads) expect(read.history).toBe(milestonesAt.get(read.version));
  });

  /** A filing as `getFiling` reads it, its parents in a fixed order (the port promises none). */
  async function readFiling(id: string) {
    const filing = await t.datastore.contracts.getFiling(id);
    return { ...filing, rateParents: [...filing.rateParents].sort((a, b) => a.id.localeCompare(b.id)) };
  }

  async function applyToFiling(contractId: string, change: (contract: Contract) => ContractChange) {
    const basis = await t.datastore.contracts.getFiling(contractId);
    const input = buildApply(basis.contract, change(basis.contract));
    const answer = await t.datastore.contracts.applyToFiling(contractId, { ...input, basis });
    return { ...answer, rateParents: [...answer.rateParents].sort((a, b) => a.id.localeCompare(b.id)) };
  }

  it('answers a change to a filing with the filing as a read just after gives it', async () => {
    const { saved, other } = await filingWithLinkedRate();
    const [linked] = other.rates;
    const own = (await t.datastore.contracts.getWithRates(saved.id)).rates.find((r) => r.id !== linked?.id);
    if (!own || !linked) throw new Error('no rates');
    const created = newRate();

    const answer = await applyToFiling(saved.id, (contract) =>
      saveDraft(contract, undefined, {
        rateLinks: [...draftLinks(own.id, created.id), ...fixedLinks(linked)],
        rates: { create: [created], save: [saveRate(own)] },
      }),
    );
    expect(answer).toEqual(await readFiling(saved.id));
    expect(answer.rates.map((r) => r.id)).toEqual([own.id, created.id, linked.id]);
    // A draft save is answered, and read, without its event: the history is of milestones.
    expect(answer.history.map((event) => event.action)).toEqual(['CREATE_CONTRACT']);
    expect(answer.rateParents.map((p) => p.id)).toEqual([other.contract.id]);

    const submitted = await applyToFiling(saved.id, (contract) =>
      submit(contract, {
        rateLinks: [...fixedLinks(...answer.rates)],
        rates: {
          submit: answer.rates.filter((r) => r.parentContractId === saved.id).map((r) => submitRate(r)),
        },
      }),
    );
    expect(submitted).toEqual(await readFiling(saved.id));
    const unlocked = await applyToFiling(saved.id, (contract) =>
      unlock(contract, {
        rates: {
          open: submitted.rates.filter((r) => r.parentContractId === saved.id).map((r) => openRate(r)),
        },
      }),
    );
    expect(unlocked).toEqual(await readFiling(saved.id));
    expect(unlocked.history.map((event) => event.action)).toEqual(['CREATE_CONTRACT', 'SUBMIT', 'UNLOCK']);
  });

  it('answers a change that links another filing’s rate with that rate and its filing', async () => {
    const stateCode = await freshState(t.datastore);
    const other = await filedWithRates(t.datastore, stateCode, 1);
    const [linked] = other.rates;
    if (!linked) throw new Error('no rate');
    const created = await t.datastore.contracts.create(buildContractInput(stateCode));
    const filing = await t.datastore.contracts.getFiling(created.id);
    // What a use case adds to the basis: the rate it newly links, and that rate's filing.
    const basis = {
      ...filing,
      rates: [...filing.rates, linked],
      rateParents: [await t.datastore.contracts.get(other.contract.id)],
    };
    const input = buildApply(created, saveDraft(created, undefined, { rateLinks: fixedLinks(linked) }));

    const answer = await t.datastore.contracts.applyToFiling(created.id, { ...input, basis });
    expect(answer).toEqual(await readFiling(created.id));
    expect(answer.rateParents.map((p) => p.id)).toEqual([other.contract.id]);
  });

  it('refuses a change decided from a filing that moved on, writing nothing', async () => {
    const { saved } = await filingWithLinkedRate();
    const basis = await t.datastore.contracts.getFiling(saved.id);
    const moved = await apply(saved, saveDraft(saved));

    const stale = buildApply(basis.contract, saveDraft(basis.contract));
    await expect(t.datastore.contracts.applyToFiling(saved.id, { ...stale, basis })).rejects.toBeInstanceOf(
      VersionConflictError,
    );
    expect((await t.datastore.contracts.getFiling(saved.id)).contract).toEqual(moved);
  });

  it('writes a draft save with its rates in a few statements, or one TransactWriteItems', async () => {
    const { saved, other } = await filingWithLinkedRate();
    const [linked] = other.rates;
    const basis = await t.datastore.contracts.getFiling(saved.id);
    const own = basis.rates.find((r) => r.id !== linked?.id);
    if (!own || !linked) throw new Error('no rates');
    const input = buildApply(
      basis.contract,
      saveDraft(basis.contract, undefined, {
        rateLinks: [...draftLinks(own.id), ...fixedLinks(linked)],
        rates: { save: [saveRate(own)] },
      }),
    );

    const { count } = await meterStatements(() =>
      t.datastore.contracts.applyToFiling(saved.id, { ...input, basis }),
    );
    // SQL: BEGIN; the version, the event and the draft's answers; the rate and its draft; the filing; COMMIT.
    expect({ statements: count.statements, transactionControl: count.transactionControl }).toEqual(
      t.datastore.kind === 'dynamodb'
        ? { statements: 1, transactionControl: 0 }
        : { statements: 5, transactionControl: 2 },
    );
  });
});
